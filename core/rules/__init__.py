"""Rule primitives of the functional core: thresholds, periods and working days.

Pure functions over frozen attrs values — no database, no clock. Plugins reach them
through the core's public API; the names below are the whole public surface.
"""

from __future__ import annotations

from core.rules.periods import (
    CIVIL_CODE_203,
    add_months,
    add_years,
    completed_months,
    completed_years,
    latest_start_for,
    require_date,
)
from core.rules.thresholds import Base, Comparison, Threshold
from core.rules.workdays import (
    MAX_SPAN_DAYS,
    CalendarDay,
    DaySource,
    WorkCalendar,
    WorkdayCount,
    WorkdayResult,
    official_workday,
)

__all__ = [
    "CIVIL_CODE_203",
    "MAX_SPAN_DAYS",
    "Base",
    "CalendarDay",
    "Comparison",
    "DaySource",
    "Threshold",
    "WorkCalendar",
    "WorkdayCount",
    "WorkdayResult",
    "add_months",
    "add_years",
    "completed_months",
    "completed_years",
    "latest_start_for",
    "official_workday",
    "require_date",
]
