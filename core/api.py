"""The one module plugins import from the core.

Everything a regulation plugin needs — the hook marker, the records its hooks
return, the values and rule primitives of the functional core, findings and
citations, parameters, the service context and the core's read/write services — is
here. Plugins never import the core's other modules: what is not exported here may
change without notice.
"""

from __future__ import annotations

from core import audit, sql, validate
from core.access import Action, Role
from core.bulk import collector_paused
from core.database import db
from core.documents import (
    AppointmentRecord,
    Contact,
    DocumentNumber,
    FamilyMember,
    Form,
    FormField,
    Heading,
    Items,
    NoticeCandidate,
    OfficialDocument,
    Paragraph,
    StandardResult,
    Table,
    appointment_summary,
    issue_number,
    list_numbers,
    pre_appointment_notice,
    render_docx,
    title_review_result_notice,
    to_pdf,
    union_self_assessment,
    village_announcement,
)
from core.domain import (
    AppointedBy,
    Bilingual,
    Degree,
    Education,
    EndReason,
    Gender,
    Kinship,
    Organization,
    OrgKind,
    OrgUnit,
    Person,
    PoliticalStatus,
    Post,
    Relation,
    Term,
    TitleLevel,
)
from core.errors import (
    ConfigurationError,
    Conflict,
    InvalidInput,
    MigrationError,
    NotFound,
    ParameterError,
    PermissionDenied,
    PluginError,
    UserError,
    ZhiduError,
)
from core.findings import Citation, Finding, Severity
from core.hookspecs import hookimpl
from core.imports import Column, ImportKind
from core.jsonable import jsonable
from core.migrate import Migration, migrations_from_package
from core.parameters import Override, ParameterSpec, ParameterTable, Resolved, Unit
from core.records import Check, Command, DemoData, Permission, PluginInfo, Screen
from core.resident_id import ResidentId, make_resident_id, parse_resident_id
from core.rules import (
    Base,
    CalendarDay,
    Comparison,
    DaySource,
    Threshold,
    WorkCalendar,
    WorkdayCount,
    WorkdayResult,
    add_months,
    add_years,
    completed_months,
    completed_years,
    latest_start_for,
)
from core.services.checks import CheckContext
from core.services.context import Actor, Context
from core.services.orgs import org_row
from core.services.people import add_person, get_person, kinship_of_org
from core.services.plugins import enabled_names
from core.services.posts import add_term, end_term

__all__ = [
    "Action",
    "Actor",
    "AppointedBy",
    "AppointmentRecord",
    "Base",
    "Bilingual",
    "CalendarDay",
    "Check",
    "CheckContext",
    "Citation",
    "Column",
    "Command",
    "Comparison",
    "ConfigurationError",
    "Conflict",
    "Contact",
    "Context",
    "DaySource",
    "Degree",
    "DemoData",
    "DocumentNumber",
    "Education",
    "EndReason",
    "FamilyMember",
    "Finding",
    "Form",
    "FormField",
    "Gender",
    "Heading",
    "ImportKind",
    "InvalidInput",
    "Items",
    "Kinship",
    "Migration",
    "MigrationError",
    "NotFound",
    "NoticeCandidate",
    "OfficialDocument",
    "OrgKind",
    "OrgUnit",
    "Organization",
    "Override",
    "Paragraph",
    "ParameterError",
    "ParameterSpec",
    "ParameterTable",
    "Permission",
    "PermissionDenied",
    "Person",
    "PluginError",
    "PluginInfo",
    "PoliticalStatus",
    "Post",
    "Relation",
    "ResidentId",
    "Resolved",
    "Role",
    "Screen",
    "Severity",
    "StandardResult",
    "Table",
    "Term",
    "Threshold",
    "TitleLevel",
    "Unit",
    "UserError",
    "WorkCalendar",
    "WorkdayCount",
    "WorkdayResult",
    "ZhiduError",
    "add_months",
    "add_person",
    "add_term",
    "add_years",
    "appointment_summary",
    "audit",
    "collector_paused",
    "completed_months",
    "completed_years",
    "db",
    "enabled_names",
    "end_term",
    "get_person",
    "hookimpl",
    "issue_number",
    "jsonable",
    "kinship_of_org",
    "latest_start_for",
    "list_numbers",
    "make_resident_id",
    "migrations_from_package",
    "org_row",
    "parse_resident_id",
    "pre_appointment_notice",
    "render_docx",
    "sql",
    "title_review_result_notice",
    "to_pdf",
    "union_self_assessment",
    "validate",
    "village_announcement",
]
