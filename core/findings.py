"""Citations and findings: what every rule cites and what every check returns.

A finding explains itself (DESIGN.md principle 4): severity, subject, rule id, the
clause cited, a due date when there is one, and the message in Chinese and English.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs

__all__ = ["Citation", "Finding", "Severity"]


def _non_empty(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@attrs.frozen
class Citation:
    """The clause a rule implements — 依据: the file, the article and its words.

    ``source`` is the regulation's file name in ``shared/regulations`` (or
    ``"zhidu"`` for a convention of zhidu's own, documented in docs/conventions.md);
    ``article`` is 条/款/项 or a section heading; ``words`` quotes the text applied.
    """

    source: str = attrs.field(validator=_non_empty)
    article: str = attrs.field(validator=_non_empty)
    words: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return f"{self.source} {self.article}：“{self.words}”"

    def as_dict(self) -> dict[str, str]:
        return attrs.asdict(self)


class Severity(enum.Enum):
    """How urgent a finding is, from a note to a breach of the rules."""

    INFO = "info"  # 提示: worth knowing, nothing to do
    DUE = "due"  # 待办: something the rules require by a date
    WARNING = "warning"  # 预警: a threshold is close or a condition is doubtful
    VIOLATION = "violation"  # 违规: a rule is broken now

    @property
    def zh(self) -> str:
        return {"info": "提示", "due": "待办", "warning": "预警", "violation": "违规"}[self.value]

    @property
    def rank(self) -> int:
        """Higher is more urgent; for sorting."""
        return list(Severity).index(self)


@attrs.frozen
class Finding:
    """One result of a check (检查结论), with the clause behind it."""

    severity: Severity
    rule_id: str = attrs.field(validator=_non_empty)
    subject: str = attrs.field(validator=_non_empty)
    citation: Citation
    message_zh: str = attrs.field(validator=_non_empty)
    message_en: str = attrs.field(validator=_non_empty)
    due: date | None = None
    subject_key: str = ""  # e.g. "person:12", for linking to the record
    org: str = ""  # organization code; filled in by the plugin host
    plugin: str = ""  # plugin name; filled in by the plugin host

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "rule_id": self.rule_id,
            "subject": self.subject,
            "subject_key": self.subject_key,
            "due": self.due.isoformat() if self.due else None,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "citation": self.citation.as_dict(),
            "org": self.org,
            "plugin": self.plugin,
        }
