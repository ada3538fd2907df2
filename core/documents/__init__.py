"""Printable documents (公文): notices and forms laid out after GB/T 9704-2012.

Plugins build an :class:`OfficialDocument` — usually with one of the templates — and
write it with :func:`render_docx`; :func:`to_pdf` converts the file when LibreOffice is
on the machine. Document numbers (发文字号) come from :func:`issue_number`, gap-free per
organization, 机关代字 and year. See docs/documents.md.

::

    from core.documents import issue_number, pre_appointment_notice, render_docx

    number = issue_number(ctx, "gdpu", "组发", None, "干部任职前公示")
    doc = pre_appointment_notice(issuer=…, number=number, candidates=[…], …)
    render_docx(doc, "公示.docx")
"""

from __future__ import annotations

from core.documents.layout import (
    Block,
    DocumentNumber,
    Fonts,
    Form,
    FormField,
    Heading,
    Items,
    OfficialDocument,
    Paragraph,
    Table,
    chinese_date,
    render_docx,
)
from core.documents.numbering import ISSUE_ACTION, IssuedNumber, issue_number, list_numbers
from core.documents.pdf import to_pdf
from core.documents.templates import (
    UNION_STANDARDS,
    VILLAGE_ANNOUNCEMENTS,
    AppointmentRecord,
    Contact,
    FamilyMember,
    NoticeCandidate,
    ReviewResult,
    StandardResult,
    VillageAnnouncement,
    appointment_summary,
    pre_appointment_notice,
    title_review_result_notice,
    union_self_assessment,
    village_announcement,
)

__all__ = [
    "ISSUE_ACTION",
    "UNION_STANDARDS",
    "VILLAGE_ANNOUNCEMENTS",
    "AppointmentRecord",
    "Block",
    "Contact",
    "DocumentNumber",
    "FamilyMember",
    "Fonts",
    "Form",
    "FormField",
    "Heading",
    "IssuedNumber",
    "Items",
    "NoticeCandidate",
    "OfficialDocument",
    "Paragraph",
    "ReviewResult",
    "StandardResult",
    "Table",
    "VillageAnnouncement",
    "appointment_summary",
    "chinese_date",
    "issue_number",
    "list_numbers",
    "pre_appointment_notice",
    "render_docx",
    "title_review_result_notice",
    "to_pdf",
    "union_self_assessment",
    "village_announcement",
]
