"""``python -m khuonha``."""

from khuonha.cli.main import run

run()
