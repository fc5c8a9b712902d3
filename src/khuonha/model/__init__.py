"""The model layer: immutable, validated attrs models of the movement's data.

Administrative units and residential areas, people, organisations and posts,
activities and their statistics, groups, events, awards, certification
records, news items, evidence for the rules, and the :class:`Dataset` that
holds them. Every model is frozen, keyword-only and NFC; if an object exists,
it is valid.

>>> from khuonha.model import AreaKind, ResidentialArea
>>> ResidentialArea(id="thon-1", name="Thôn 1", kind=AreaKind.THON).kind.value
'thon'
"""

from __future__ import annotations

from khuonha.model.activities import ACTIVITY_KINDS, Activity, Change, StatisticRole
from khuonha.model.awards import Award, AwardForm, LegalRegime, Recipient, RecipientKind, regime_on
from khuonha.model.certification import (
    Certification,
    MovementRating,
    Result,
    Standard,
    UnitType,
)
from khuonha.model.dataset import SCHEMA_VERSION, Dataset, record_collections
from khuonha.model.dates import KindLabel, ReducedDate
from khuonha.model.documents import Addressee, ReportDocument, SigningAuthority
from khuonha.model.events import (
    Anniversary,
    Delegate,
    Event,
    EventKind,
    PartOfDay,
    Pledge,
    ProgrammeItem,
    ProgrammeKind,
    Site,
)
from khuonha.model.evidence import FACTS, Evidence, FactKind, Measure, SubunitTally
from khuonha.model.extraction import extract_text
from khuonha.model.groups import Group, GroupKind
from khuonha.model.news import NewsItem, Photo, check_url
from khuonha.model.people import (
    EducationLevel,
    EnterpriseSize,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PoliceRank,
    Post,
)
from khuonha.model.places import (
    AdministrativeUnit,
    AreaKind,
    CodeScheme,
    CodeSource,
    Identifier,
    ResidentialArea,
    UnitKind,
    UnitLevel,
)
from khuonha.model.provenance import Provenance

__all__ = [
    "ACTIVITY_KINDS",
    "FACTS",
    "SCHEMA_VERSION",
    "Activity",
    "Addressee",
    "AdministrativeUnit",
    "Anniversary",
    "AreaKind",
    "Award",
    "AwardForm",
    "Certification",
    "Change",
    "CodeScheme",
    "CodeSource",
    "Dataset",
    "Delegate",
    "EducationLevel",
    "EnterpriseSize",
    "Event",
    "EventKind",
    "Evidence",
    "FactKind",
    "Group",
    "GroupKind",
    "Identifier",
    "KindLabel",
    "LegalRegime",
    "Measure",
    "Membership",
    "MovementRating",
    "NewsItem",
    "Organization",
    "OrganizationKind",
    "PartOfDay",
    "Person",
    "Photo",
    "Pledge",
    "PoliceRank",
    "Post",
    "ProgrammeItem",
    "ProgrammeKind",
    "Provenance",
    "Recipient",
    "RecipientKind",
    "ReducedDate",
    "ReportDocument",
    "ResidentialArea",
    "Result",
    "SigningAuthority",
    "Site",
    "Standard",
    "StatisticRole",
    "SubunitTally",
    "UnitKind",
    "UnitLevel",
    "UnitType",
    "check_url",
    "extract_text",
    "record_collections",
    "regime_on",
]
