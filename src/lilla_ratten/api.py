"""The public plugin API: everything a plugin may import from Lilla Ratten, in one place.

Plugins import only this module (``from lilla_ratten import api``).  What is
not here may change without notice.
"""

from __future__ import annotations

from lilla_ratten.formatting import day, money, percent
from lilla_ratten.i18n import N_, add_domain, dgettext, get_language
from lilla_ratten.model import *  # noqa: F403 - the model is public
from lilla_ratten.model import __all__ as _model_all
from lilla_ratten.model.document import Block, Bullets, Chart, Document, Facts, Paragraph, Section, Series, Table, prose, section
from lilla_ratten.model.privacy import find_identity_numbers, mask
from lilla_ratten.plugins import API_VERSION, hookimpl
from lilla_ratten.plugins.specs import (
    BudgetLines,
    Column,
    Command,
    FinalReportLayout,
    LayoutContext,
    MappingKey,
    Outcome,
    PARTICIPANTS,
    Pane,
    Participation,
    ParticipantRecord,
    ProjectType,
    RecordList,
    SectionSpec,
)
from lilla_ratten.storage import ConflictError, ProjectFileError, read_project
from lilla_ratten.storage.safe_read import NotAProjectFile, megabytes, open_regular
from lilla_ratten.storage.converter import FieldError, converter, structure


__all__ = [
    *_model_all,
    "API_VERSION",
    "Block",
    "BudgetLines",
    "Bullets",
    "Chart",
    "Column",
    "ConflictError",
    "find_identity_numbers",
    "mask",
    "ProjectFileError",
    "read_project",
    "Command",
    "Document",
    "Facts",
    "FieldError",
    "FinalReportLayout",
    "LayoutContext",
    "MappingKey",
    "N_",
    "NotAProjectFile",
    "Outcome",
    "PARTICIPANTS",
    "Participation",
    "ParticipantRecord",
    "Pane",
    "Paragraph",
    "ProjectType",
    "RecordList",
    "Section",
    "SectionSpec",
    "Series",
    "Table",
    "add_domain",
    "converter",
    "day",
    "megabytes",
    "money",
    "open_regular",
    "percent",
    "dgettext",
    "get_language",
    "hookimpl",
    "prose",
    "section",
    "structure",
]
