"""The domain's invariants as pure functions: headcount and non-overlapping terms.

Terms are inclusive intervals ``[start, end]`` (``end`` None = still serving), so a
term ending on 30 June and the next starting on 1 July do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from core.domain import Post, Term
from core.errors import Conflict

__all__ = ["busiest_day", "check_headcount", "check_no_overlap", "overlaps"]


def overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two inclusive intervals share a day (None = open-ended)."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def busiest_day(terms: Iterable[Term], start: date, end: date | None) -> tuple[date, int]:
    """The first day in ``[start, end]`` held by the most of ``terms``, and how many."""
    events: dict[date, int] = {}
    for term in terms:
        if not overlaps(term.start, term.end, start, end):
            continue
        first = max(term.start, start)
        events[first] = events.get(first, 0) + 1
        if term.end is not None and (end is None or term.end < end):
            after = term.end + timedelta(days=1)
            events[after] = events.get(after, 0) - 1
    best_day, best, running = start, 0, 0
    for day in sorted(events):
        running += events[day]
        if running > best:
            best_day, best = day, running
    return best_day, best


def check_headcount(post: Post, others: Iterable[Term], start: date, end: date | None) -> None:
    """Refuse a term that would make ``post`` hold more people than its headcount (职数)."""
    day, held = busiest_day(others, start, end)
    if held + 1 > post.headcount:
        raise Conflict(
            "post",
            post.code,
            f"headcount (职数) {post.headcount} would be exceeded on {day.isoformat()}: "
            f"{held} already hold the post (超出职数)",
        )


def check_no_overlap(person_terms: Iterable[Term], start: date, end: date | None) -> None:
    """Refuse a term overlapping another term of the same person in the same post."""
    for term in person_terms:
        if overlaps(term.start, term.end, start, end):
            until = term.end.isoformat() if term.end else "now"
            raise Conflict(
                "start",
                start.isoformat(),
                f"overlaps this person's term #{term.id} in the same post "
                f"({term.start.isoformat()} – {until}) (同一职位任职期间不得重叠)",
            )
