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

from khuonha._version import __version__ as __version__

# Not `from typing import TYPE_CHECKING`: `typing` is not needed at run time, and every
# command line start pays for what this module imports (type checkers read the name alike).
TYPE_CHECKING = False

# name -> module that defines it. Keep sorted by name.
_EXPORTS: dict[str, str] = {
    "Activity": "khuonha.model",
    "Addressee": "khuonha.model",
    "AdministrativeUnit": "khuonha.model",
    "Anniversary": "khuonha.model",
    "AreaKind": "khuonha.model",
    "Assessment": "khuonha.rules",
    "AssessmentResult": "khuonha.rules",
    "Authority": "khuonha.rules",
    "AuthorityLevel": "khuonha.rules",
    "Award": "khuonha.model",
    "AwardForm": "khuonha.model",
    "CAMPAIGN_WINDOWS": "khuonha.text",
    "Certification": "khuonha.model",
    "Change": "khuonha.model",
    "Check": "khuonha.rules",
    "CheckKind": "khuonha.rules",
    "Classification": "khuonha.rules",
    "CodeScheme": "khuonha.model",
    "CodeSource": "khuonha.model",
    "Condition": "khuonha.rules",
    "Convention": "khuonha.text",
    "Criterion": "khuonha.rules",
    "Dataset": "khuonha.model",
    "Deadline": "khuonha.rules",
    "DecodeError": "khuonha.exceptions",
    "Delegate": "khuonha.model",
    "DivisionKind": "khuonha.rules",
    "DivisionTally": "khuonha.rules",
    "Dossier": "khuonha.rules",
    "DossierDocument": "khuonha.rules",
    "DossierStage": "khuonha.rules",
    "DuplicateExporterError": "khuonha.exceptions",
    "DuplicateImporterError": "khuonha.exceptions",
    "EducationLevel": "khuonha.model",
    "EnterpriseSize": "khuonha.model",
    "Event": "khuonha.model",
    "EventKind": "khuonha.model",
    "Evidence": "khuonha.rules",
    "ExportError": "khuonha.exceptions",
    "ExportOptions": "khuonha.plugins",
    "Exporter": "khuonha.plugins",
    "ExporterNotFoundError": "khuonha.exceptions",
    "Finding": "khuonha.rules",
    "FindingStatus": "khuonha.rules",
    "FormTable": "khuonha.rollups",
    "FoundPeriod": "khuonha.text",
    "FoundQuantity": "khuonha.text",
    "Group": "khuonha.model",
    "GroupKind": "khuonha.model",
    "Identifier": "khuonha.model",
    "ImportOptions": "khuonha.plugins",
    "Importer": "khuonha.plugins",
    "ImporterNotFoundError": "khuonha.exceptions",
    "Include": "khuonha.rules",
    "Indicator": "khuonha.rollups",
    "InvalidDataError": "khuonha.exceptions",
    "KhuonhaError": "khuonha.exceptions",
    "KindLabel": "khuonha.model",
    "LabelNotFoundError": "khuonha.exceptions",
    "Language": "khuonha.text",
    "LegalRegime": "khuonha.model",
    "Measure": "khuonha.rules",
    "Membership": "khuonha.model",
    "MovementLevel": "khuonha.rules",
    "MovementRating": "khuonha.model",
    "NewsItem": "khuonha.model",
    "Organization": "khuonha.model",
    "OrganizationKind": "khuonha.model",
    "OutputError": "khuonha.exceptions",
    "PartOfDay": "khuonha.model",
    "Period": "khuonha.text",
    "PeriodParseError": "khuonha.exceptions",
    "Person": "khuonha.model",
    "Photo": "khuonha.model",
    "Pledge": "khuonha.model",
    "PluginError": "khuonha.exceptions",
    "PluginHost": "khuonha.plugins",
    "PluginLoadError": "khuonha.exceptions",
    "PluginLoadFailure": "khuonha.plugins",
    "PoliceRank": "khuonha.model",
    "Post": "khuonha.model",
    "Precision": "khuonha.text",
    "Procedure": "khuonha.rules",
    "ProgrammeItem": "khuonha.model",
    "ProgrammeKind": "khuonha.model",
    "Provenance": "khuonha.model",
    "Qualifier": "khuonha.text",
    "Quantity": "khuonha.text",
    "QuantityParseError": "khuonha.exceptions",
    "Recipient": "khuonha.model",
    "RecipientKind": "khuonha.model",
    "RecognitionSummary": "khuonha.rules",
    "ReducedDate": "khuonha.model",
    "ReportDocument": "khuonha.model",
    "ResidentialArea": "khuonha.model",
    "Result": "khuonha.model",
    "Rollup": "khuonha.rollups",
    "RollupRow": "khuonha.rollups",
    "Ruleset": "khuonha.rules",
    "RulesetNotFoundError": "khuonha.exceptions",
    "SCHEMA_VERSION": "khuonha.model",
    "ScanResult": "khuonha.text",
    "SigningAuthority": "khuonha.model",
    "Site": "khuonha.model",
    "Standard": "khuonha.model",
    "Standing": "khuonha.rules",
    "StandingCount": "khuonha.rules",
    "StatisticRole": "khuonha.model",
    "SubunitTally": "khuonha.rules",
    "TaskRating": "khuonha.rules",
    "TeamCandidate": "khuonha.rules",
    "TeamRating": "khuonha.rules",
    "TextExporter": "khuonha.plugins",
    "Total": "khuonha.rollups",
    "UnitKind": "khuonha.model",
    "UnitLevel": "khuonha.model",
    "UnitRegistry": "khuonha.plugins",
    "UnitType": "khuonha.model",
    "UnknownLanguageError": "khuonha.exceptions",
    "WordTable": "khuonha.labels",
    "anniversary_label": "khuonha.text",
    "assess": "khuonha.plugins",
    "assess_dataset": "khuonha.plugins",
    "assessment_window": "khuonha.rules",
    "campaign_window": "khuonha.text",
    "classify": "khuonha.rules",
    "dumps": "khuonha.codec",
    "export": "khuonha.plugins",
    "exporter_for_path": "khuonha.plugins",
    "exporters": "khuonha.plugins",
    "exporters_for": "khuonha.plugins",
    "extract_text": "khuonha.model",
    "festival_anniversary": "khuonha.text",
    "festival_date": "khuonha.text",
    "form_table": "khuonha.rollups",
    "format_number": "khuonha.text",
    "format_period": "khuonha.text",
    "format_quantity": "khuonha.text",
    "get_exporter": "khuonha.plugins",
    "get_importer": "khuonha.plugins",
    "hookimpl": "khuonha.plugins",
    "importer_for_path": "khuonha.plugins",
    "importers": "khuonha.plugins",
    "indicator_catalogue": "khuonha.rollups",
    "iter_records": "khuonha.plugins",
    "json_schema": "khuonha.codec",
    "label": "khuonha.labels",
    "list_rulesets": "khuonha.rules",
    "load": "khuonha.codec",
    "load_form": "khuonha.rollups",
    "load_ruleset": "khuonha.rules",
    "loads": "khuonha.codec",
    "mask_private_names": "khuonha.plugins",
    "match_key": "khuonha.text",
    "movement_rules": "khuonha.rules",
    "parse_period": "khuonha.text",
    "parse_quantity": "khuonha.text",
    "provincial_criteria": "khuonha.plugins",
    "rate_teams": "khuonha.rules",
    "read": "khuonha.plugins",
    "record_collections": "khuonha.model",
    "redact": "khuonha.plugins",
    "rollup": "khuonha.rollups",
    "sample": "khuonha.codec",
    "scan": "khuonha.text",
    "sensitive_fields": "khuonha.plugins",
    "summarise": "khuonha.rules",
    "text_option": "khuonha.plugins",
    "unit_name": "khuonha.labels",
    "url_option": "khuonha.plugins",
}

__all__ = sorted([*_EXPORTS, "__version__"])  # noqa: PLE0605 - from _EXPORTS: one list


def __getattr__(name: str) -> Any:
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
    from typing import Any

    from khuonha.codec import dumps as dumps
    from khuonha.codec import json_schema as json_schema
    from khuonha.codec import load as load
    from khuonha.codec import loads as loads
    from khuonha.codec import sample as sample
    from khuonha.exceptions import DecodeError as DecodeError
    from khuonha.exceptions import DuplicateExporterError as DuplicateExporterError
    from khuonha.exceptions import DuplicateImporterError as DuplicateImporterError
    from khuonha.exceptions import ExporterNotFoundError as ExporterNotFoundError
    from khuonha.exceptions import ExportError as ExportError
    from khuonha.exceptions import ImporterNotFoundError as ImporterNotFoundError
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
    from khuonha.labels import WordTable as WordTable
    from khuonha.labels import label as label
    from khuonha.labels import unit_name as unit_name
    from khuonha.model import SCHEMA_VERSION as SCHEMA_VERSION
    from khuonha.model import Activity as Activity
    from khuonha.model import Addressee as Addressee
    from khuonha.model import AdministrativeUnit as AdministrativeUnit
    from khuonha.model import Anniversary as Anniversary
    from khuonha.model import AreaKind as AreaKind
    from khuonha.model import Award as Award
    from khuonha.model import AwardForm as AwardForm
    from khuonha.model import Certification as Certification
    from khuonha.model import Change as Change
    from khuonha.model import CodeScheme as CodeScheme
    from khuonha.model import CodeSource as CodeSource
    from khuonha.model import Dataset as Dataset
    from khuonha.model import Delegate as Delegate
    from khuonha.model import EducationLevel as EducationLevel
    from khuonha.model import EnterpriseSize as EnterpriseSize
    from khuonha.model import Event as Event
    from khuonha.model import EventKind as EventKind
    from khuonha.model import Group as Group
    from khuonha.model import GroupKind as GroupKind
    from khuonha.model import Identifier as Identifier
    from khuonha.model import KindLabel as KindLabel
    from khuonha.model import LegalRegime as LegalRegime
    from khuonha.model import Membership as Membership
    from khuonha.model import MovementRating as MovementRating
    from khuonha.model import NewsItem as NewsItem
    from khuonha.model import Organization as Organization
    from khuonha.model import OrganizationKind as OrganizationKind
    from khuonha.model import PartOfDay as PartOfDay
    from khuonha.model import Person as Person
    from khuonha.model import Photo as Photo
    from khuonha.model import Pledge as Pledge
    from khuonha.model import PoliceRank as PoliceRank
    from khuonha.model import Post as Post
    from khuonha.model import ProgrammeItem as ProgrammeItem
    from khuonha.model import ProgrammeKind as ProgrammeKind
    from khuonha.model import Provenance as Provenance
    from khuonha.model import Recipient as Recipient
    from khuonha.model import RecipientKind as RecipientKind
    from khuonha.model import ReducedDate as ReducedDate
    from khuonha.model import ReportDocument as ReportDocument
    from khuonha.model import ResidentialArea as ResidentialArea
    from khuonha.model import Result as Result
    from khuonha.model import SigningAuthority as SigningAuthority
    from khuonha.model import Site as Site
    from khuonha.model import Standard as Standard
    from khuonha.model import StatisticRole as StatisticRole
    from khuonha.model import UnitKind as UnitKind
    from khuonha.model import UnitLevel as UnitLevel
    from khuonha.model import UnitType as UnitType
    from khuonha.model import extract_text as extract_text
    from khuonha.model import record_collections as record_collections
    from khuonha.plugins import Exporter as Exporter
    from khuonha.plugins import ExportOptions as ExportOptions
    from khuonha.plugins import Importer as Importer
    from khuonha.plugins import ImportOptions as ImportOptions
    from khuonha.plugins import PluginHost as PluginHost
    from khuonha.plugins import PluginLoadFailure as PluginLoadFailure
    from khuonha.plugins import TextExporter as TextExporter
    from khuonha.plugins import UnitRegistry as UnitRegistry
    from khuonha.plugins import assess as assess
    from khuonha.plugins import assess_dataset as assess_dataset
    from khuonha.plugins import export as export
    from khuonha.plugins import exporter_for_path as exporter_for_path
    from khuonha.plugins import exporters as exporters
    from khuonha.plugins import exporters_for as exporters_for
    from khuonha.plugins import get_exporter as get_exporter
    from khuonha.plugins import get_importer as get_importer
    from khuonha.plugins import hookimpl as hookimpl
    from khuonha.plugins import importer_for_path as importer_for_path
    from khuonha.plugins import importers as importers
    from khuonha.plugins import iter_records as iter_records
    from khuonha.plugins import mask_private_names as mask_private_names
    from khuonha.plugins import provincial_criteria as provincial_criteria
    from khuonha.plugins import read as read
    from khuonha.plugins import redact as redact
    from khuonha.plugins import sensitive_fields as sensitive_fields
    from khuonha.plugins import text_option as text_option
    from khuonha.plugins import url_option as url_option
    from khuonha.rollups import FormTable as FormTable
    from khuonha.rollups import Indicator as Indicator
    from khuonha.rollups import Rollup as Rollup
    from khuonha.rollups import RollupRow as RollupRow
    from khuonha.rollups import Total as Total
    from khuonha.rollups import form_table as form_table
    from khuonha.rollups import indicator_catalogue as indicator_catalogue
    from khuonha.rollups import load_form as load_form
    from khuonha.rollups import rollup as rollup
    from khuonha.rules import Assessment as Assessment
    from khuonha.rules import AssessmentResult as AssessmentResult
    from khuonha.rules import Authority as Authority
    from khuonha.rules import AuthorityLevel as AuthorityLevel
    from khuonha.rules import Check as Check
    from khuonha.rules import CheckKind as CheckKind
    from khuonha.rules import Classification as Classification
    from khuonha.rules import Condition as Condition
    from khuonha.rules import Criterion as Criterion
    from khuonha.rules import Deadline as Deadline
    from khuonha.rules import DivisionKind as DivisionKind
    from khuonha.rules import DivisionTally as DivisionTally
    from khuonha.rules import Dossier as Dossier
    from khuonha.rules import DossierDocument as DossierDocument
    from khuonha.rules import DossierStage as DossierStage
    from khuonha.rules import Evidence as Evidence
    from khuonha.rules import Finding as Finding
    from khuonha.rules import FindingStatus as FindingStatus
    from khuonha.rules import Include as Include
    from khuonha.rules import Measure as Measure
    from khuonha.rules import MovementLevel as MovementLevel
    from khuonha.rules import Procedure as Procedure
    from khuonha.rules import RecognitionSummary as RecognitionSummary
    from khuonha.rules import Ruleset as Ruleset
    from khuonha.rules import Standing as Standing
    from khuonha.rules import StandingCount as StandingCount
    from khuonha.rules import SubunitTally as SubunitTally
    from khuonha.rules import TaskRating as TaskRating
    from khuonha.rules import TeamCandidate as TeamCandidate
    from khuonha.rules import TeamRating as TeamRating
    from khuonha.rules import assessment_window as assessment_window
    from khuonha.rules import classify as classify
    from khuonha.rules import list_rulesets as list_rulesets
    from khuonha.rules import load_ruleset as load_ruleset
    from khuonha.rules import movement_rules as movement_rules
    from khuonha.rules import rate_teams as rate_teams
    from khuonha.rules import summarise as summarise
    from khuonha.text import CAMPAIGN_WINDOWS as CAMPAIGN_WINDOWS
    from khuonha.text import Convention as Convention
    from khuonha.text import FoundPeriod as FoundPeriod
    from khuonha.text import FoundQuantity as FoundQuantity
    from khuonha.text import Language as Language
    from khuonha.text import Period as Period
    from khuonha.text import Precision as Precision
    from khuonha.text import Qualifier as Qualifier
    from khuonha.text import Quantity as Quantity
    from khuonha.text import ScanResult as ScanResult
    from khuonha.text import anniversary_label as anniversary_label
    from khuonha.text import campaign_window as campaign_window
    from khuonha.text import festival_anniversary as festival_anniversary
    from khuonha.text import festival_date as festival_date
    from khuonha.text import format_number as format_number
    from khuonha.text import format_period as format_period
    from khuonha.text import format_quantity as format_quantity
    from khuonha.text import match_key as match_key
    from khuonha.text import parse_period as parse_period
    from khuonha.text import parse_quantity as parse_quantity
    from khuonha.text import scan as scan
