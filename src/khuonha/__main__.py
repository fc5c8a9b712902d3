"""``python -m khuonha``."""

from khuonha.cli import run

run()
