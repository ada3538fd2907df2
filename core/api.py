"""The one module plugins import from the core.

Everything a regulation plugin needs — the hook marker, the records its hooks
return, the values and rule primitives of the functional core, findings and
citations, parameters, the service context and the core's read/write services — is
here. Plugins never import the core's other modules: what is not exported here may
change without notice.
"""

from __future__ import annotations

from core import audit
from core.access import Action, Role
from core.domain import (
    AppointedBy,
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

__all__ = [
    "Action",
    "Actor",
    "AppointedBy",
    "Base",
    "CalendarDay",
    "Check",
    "CheckContext",
    "Citation",
    "Command",
    "Comparison",
    "ConfigurationError",
    "Conflict",
    "Context",
    "DaySource",
    "Degree",
    "DemoData",
    "Education",
    "EndReason",
    "Finding",
    "Gender",
    "InvalidInput",
    "Kinship",
    "Migration",
    "MigrationError",
    "NotFound",
    "OrgKind",
    "OrgUnit",
    "Organization",
    "Override",
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
    "add_years",
    "audit",
    "completed_months",
    "completed_years",
    "hookimpl",
    "latest_start_for",
    "make_resident_id",
    "migrations_from_package",
    "parse_resident_id",
]
