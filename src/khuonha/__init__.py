"""khuonha: typed models, rules and exporters for the all-people movement for
protecting national security (Phong trào toàn dân bảo vệ an ninh Tổ quốc).

Everything public is importable from here; names load on first use, so
``import khuonha`` stays cheap and loads no plugin.

>>> import khuonha
>>> ds = khuonha.sample()
>>> ds.slug
'khuon-ha-2022'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> module that defines it. Keep sorted by name.
_EXPORTS: dict[str, str] = {
    "Activity": "khuonha.activities",
    "AdministrativeUnit": "khuonha.places",
    "AreaKind": "khuonha.places",
    "Assessment": "khuonha.rules",
    "AssessmentResult": "khuonha.rules",
    "Award": "khuonha.awards",
    "AwardForm": "khuonha.awards",
    "Certification": "khuonha.certification",
    "Check": "khuonha.rules",
    "CheckKind": "khuonha.rules",
    "Classification": "khuonha.classification",
    "CodeScheme": "khuonha.places",
    "Condition": "khuonha.rules",
    "Convention": "khuonha.periods",
    "Criterion": "khuonha.rules",
    "Dataset": "khuonha.dataset",
    "DecodeError": "khuonha.exceptions",
    "Delegate": "khuonha.events",
    "DuplicateExporterError": "khuonha.exceptions",
    "EducationLevel": "khuonha.people",
    "EnterpriseSize": "khuonha.people",
    "Event": "khuonha.events",
    "EventKind": "khuonha.events",
    "Evidence": "khuonha.rules",
    "ExportError": "khuonha.exceptions",
    "ExportOptions": "khuonha.exporters",
    "Exporter": "khuonha.exporters",
    "ExporterNotFoundError": "khuonha.exceptions",
    "Finding": "khuonha.rules",
    "FoundPeriod": "khuonha.text.scan",
    "FoundQuantity": "khuonha.text.scan",
    "FindingStatus": "khuonha.rules",
    "Group": "khuonha.groups",
    "GroupKind": "khuonha.groups",
    "Identifier": "khuonha.places",
    "InvalidDataError": "khuonha.exceptions",
    "KhuonhaError": "khuonha.exceptions",
    "LabelNotFoundError": "khuonha.exceptions",
    "Language": "khuonha.exporters",
    "LegalRegime": "khuonha.awards",
    "Measure": "khuonha.rules",
    "Membership": "khuonha.people",
    "MovementLevel": "khuonha.classification",
    "NewsItem": "khuonha.news",
    "Organization": "khuonha.people",
    "OrganizationKind": "khuonha.people",
    "OutputError": "khuonha.exceptions",
    "PartOfDay": "khuonha.events",
    "Period": "khuonha.periods",
    "PeriodParseError": "khuonha.exceptions",
    "Person": "khuonha.people",
    "Pledge": "khuonha.events",
    "PluginError": "khuonha.exceptions",
    "PluginHost": "khuonha.plugins",
    "PluginLoadError": "khuonha.exceptions",
    "PluginLoadFailure": "khuonha.plugins",
    "Post": "khuonha.people",
    "Precision": "khuonha.periods",
    "ProgrammeItem": "khuonha.events",
    "ProgrammeKind": "khuonha.events",
    "Qualifier": "khuonha.quantities",
    "Quantity": "khuonha.quantities",
    "QuantityParseError": "khuonha.exceptions",
    "Recipient": "khuonha.awards",
    "RecipientKind": "khuonha.awards",
    "RecognitionSummary": "khuonha.rules",
    "ResidentialArea": "khuonha.places",
    "Result": "khuonha.certification",
    "Ruleset": "khuonha.rules",
    "RulesetNotFoundError": "khuonha.exceptions",
    "SCHEMA_VERSION": "khuonha.dataset",
    "ScanResult": "khuonha.text.scan",
    "Site": "khuonha.events",
    "SubunitTally": "khuonha.rules",
    "TaskRating": "khuonha.classification",
    "TeamCandidate": "khuonha.classification",
    "TeamRating": "khuonha.classification",
    "UnitKind": "khuonha.places",
    "UnitLevel": "khuonha.places",
    "UnitType": "khuonha.certification",
    "UnknownLanguageError": "khuonha.exceptions",
    "anniversary_label": "khuonha.calendars",
    "assess": "khuonha.rules",
    "assess_dataset": "khuonha.rules",
    "assessment_window": "khuonha.calendars",
    "campaign_window": "khuonha.calendars",
    "classify": "khuonha.classification",
    "dumps": "khuonha.codec",
    "export": "khuonha.plugins",
    "exporter_for_path": "khuonha.plugins",
    "exporters": "khuonha.exporters",  # the module, callable (see exporters.py)
    "exporters_for": "khuonha.plugins",
    "festival_anniversary": "khuonha.calendars",
    "festival_date": "khuonha.calendars",
    "format_number": "khuonha.quantities",
    "format_period": "khuonha.periods",
    "format_quantity": "khuonha.quantities",
    "get_exporter": "khuonha.plugins",
    "hookimpl": "khuonha.hookspecs",
    "json_schema": "khuonha.schema",
    "label": "khuonha.labels",
    "list_rulesets": "khuonha.rules",
    "load": "khuonha.codec",
    "load_ruleset": "khuonha.rules",
    "loads": "khuonha.codec",
    "match_key": "khuonha._text",
    "parse_period": "khuonha.periods",
    "parse_quantity": "khuonha.quantities",
    "provincial_criteria": "khuonha.rules",
    "rate_teams": "khuonha.classification",
    "redact": "khuonha.privacy",
    "sample": "khuonha.samples",
    "scan": "khuonha.text.scan",
    "sensitive_fields": "khuonha.privacy",
    "summarise": "khuonha.rules",
    "text_option": "khuonha.exporters",
    "unit_name": "khuonha.labels",
    "url_option": "khuonha.exporters",
}

__all__ = sorted([*_EXPORTS, "__version__"])  # noqa: PLE0605 - from _EXPORTS: one list


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("khuonha")
    module = _EXPORTS.get(name)
    if module is None:
        msg = f"module 'khuonha' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from khuonha._text import match_key as match_key
    from khuonha.activities import Activity as Activity
    from khuonha.awards import Award as Award
    from khuonha.awards import AwardForm as AwardForm
    from khuonha.awards import LegalRegime as LegalRegime
    from khuonha.awards import Recipient as Recipient
    from khuonha.awards import RecipientKind as RecipientKind
    from khuonha.calendars import anniversary_label as anniversary_label
    from khuonha.calendars import assessment_window as assessment_window
    from khuonha.calendars import campaign_window as campaign_window
    from khuonha.calendars import festival_anniversary as festival_anniversary
    from khuonha.calendars import festival_date as festival_date
    from khuonha.certification import Certification as Certification
    from khuonha.certification import Result as Result
    from khuonha.certification import UnitType as UnitType
    from khuonha.classification import Classification as Classification
    from khuonha.classification import MovementLevel as MovementLevel
    from khuonha.classification import TaskRating as TaskRating
    from khuonha.classification import TeamCandidate as TeamCandidate
    from khuonha.classification import TeamRating as TeamRating
    from khuonha.classification import classify as classify
    from khuonha.classification import rate_teams as rate_teams
    from khuonha.codec import dumps as dumps
    from khuonha.codec import load as load
    from khuonha.codec import loads as loads
    from khuonha.dataset import SCHEMA_VERSION as SCHEMA_VERSION
    from khuonha.dataset import Dataset as Dataset
    from khuonha.events import Delegate as Delegate
    from khuonha.events import Event as Event
    from khuonha.events import EventKind as EventKind
    from khuonha.events import PartOfDay as PartOfDay
    from khuonha.events import Pledge as Pledge
    from khuonha.events import ProgrammeItem as ProgrammeItem
    from khuonha.events import ProgrammeKind as ProgrammeKind
    from khuonha.events import Site as Site
    from khuonha.exceptions import DecodeError as DecodeError
    from khuonha.exceptions import DuplicateExporterError as DuplicateExporterError
    from khuonha.exceptions import ExporterNotFoundError as ExporterNotFoundError
    from khuonha.exceptions import ExportError as ExportError
    from khuonha.exceptions import InvalidDataError as InvalidDataError
    from khuonha.exceptions import KhuonhaError as KhuonhaError
    from khuonha.exceptions import LabelNotFoundError as LabelNotFoundError
    from khuonha.exceptions import OutputError as OutputError
    from khuonha.exceptions import PeriodParseError as PeriodParseError
    from khuonha.exceptions import PluginError as PluginError
    from khuonha.exceptions import PluginLoadError as PluginLoadError
    from khuonha.exceptions import QuantityParseError as QuantityParseError
    from khuonha.exceptions import RulesetNotFoundError as RulesetNotFoundError
    from khuonha.exceptions import UnknownLanguageError as UnknownLanguageError
    from khuonha.exporters import Exporter as Exporter
    from khuonha.exporters import ExportOptions as ExportOptions
    from khuonha.exporters import Language as Language
    from khuonha.exporters import text_option as text_option
    from khuonha.exporters import url_option as url_option
    from khuonha.groups import Group as Group
    from khuonha.groups import GroupKind as GroupKind
    from khuonha.hookspecs import hookimpl as hookimpl
    from khuonha.labels import label as label
    from khuonha.labels import unit_name as unit_name
    from khuonha.news import NewsItem as NewsItem
    from khuonha.people import EducationLevel as EducationLevel
    from khuonha.people import EnterpriseSize as EnterpriseSize
    from khuonha.people import Membership as Membership
    from khuonha.people import Organization as Organization
    from khuonha.people import OrganizationKind as OrganizationKind
    from khuonha.people import Person as Person
    from khuonha.people import Post as Post
    from khuonha.periods import Convention as Convention
    from khuonha.periods import Period as Period
    from khuonha.periods import Precision as Precision
    from khuonha.periods import format_period as format_period
    from khuonha.periods import parse_period as parse_period
    from khuonha.places import AdministrativeUnit as AdministrativeUnit
    from khuonha.places import AreaKind as AreaKind
    from khuonha.places import CodeScheme as CodeScheme
    from khuonha.places import Identifier as Identifier
    from khuonha.places import ResidentialArea as ResidentialArea
    from khuonha.places import UnitKind as UnitKind
    from khuonha.places import UnitLevel as UnitLevel
    from khuonha.plugins import PluginHost as PluginHost
    from khuonha.plugins import PluginLoadFailure as PluginLoadFailure
    from khuonha.plugins import export as export
    from khuonha.plugins import exporter_for_path as exporter_for_path
    from khuonha.plugins import exporters as exporters
    from khuonha.plugins import exporters_for as exporters_for
    from khuonha.plugins import get_exporter as get_exporter
    from khuonha.privacy import redact as redact
    from khuonha.privacy import sensitive_fields as sensitive_fields
    from khuonha.quantities import Qualifier as Qualifier
    from khuonha.quantities import Quantity as Quantity
    from khuonha.quantities import format_number as format_number
    from khuonha.quantities import format_quantity as format_quantity
    from khuonha.quantities import parse_quantity as parse_quantity
    from khuonha.rules import Assessment as Assessment
    from khuonha.rules import AssessmentResult as AssessmentResult
    from khuonha.rules import Check as Check
    from khuonha.rules import CheckKind as CheckKind
    from khuonha.rules import Condition as Condition
    from khuonha.rules import Criterion as Criterion
    from khuonha.rules import Evidence as Evidence
    from khuonha.rules import Finding as Finding
    from khuonha.rules import FindingStatus as FindingStatus
    from khuonha.rules import Measure as Measure
    from khuonha.rules import RecognitionSummary as RecognitionSummary
    from khuonha.rules import Ruleset as Ruleset
    from khuonha.rules import SubunitTally as SubunitTally
    from khuonha.rules import assess as assess
    from khuonha.rules import assess_dataset as assess_dataset
    from khuonha.rules import list_rulesets as list_rulesets
    from khuonha.rules import load_ruleset as load_ruleset
    from khuonha.rules import provincial_criteria as provincial_criteria
    from khuonha.rules import summarise as summarise
    from khuonha.samples import sample as sample
    from khuonha.schema import json_schema as json_schema
    from khuonha.text.scan import FoundPeriod as FoundPeriod
    from khuonha.text.scan import FoundQuantity as FoundQuantity
    from khuonha.text.scan import ScanResult as ScanResult
    from khuonha.text.scan import scan as scan
