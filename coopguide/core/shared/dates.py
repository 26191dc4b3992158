"""Dates and times, one module for all of them.

Stored: local times as ISO 8601 strings with their UTC offset (what the database and export files
hold) and calendar dates as ``YYYY-MM-DD``. Shown: two French formats, :func:`long_date`
(« 24 novembre 2026 », running text and print headers) and :func:`short_date` (« 24/11/2026 »,
tables, lists and forms). Written by hand: no locale is needed, so the result is the same on every
computer whatever its language settings.
"""

from __future__ import annotations

import datetime as dt


def now_iso() -> str:
    """Milliseconds: merges order two changes made on two laptops by these stamps."""
    return dt.datetime.now().astimezone().isoformat(timespec="milliseconds")


def is_iso_date(text: str) -> bool:
    """True for a calendar date written YYYY-MM-DD (the format of due dates)."""
    if len(text) != 10:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def long_date(iso: str) -> str:
    """``2026-11-24`` (or a full timestamp) → ``24 novembre 2026``, the first of a month as French
    writes it (``1er mai 2026``); unreadable text is returned as it is."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except (TypeError, ValueError):
        return iso
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(iso: str) -> str:
    """``2026-11-24`` or ``2026-11-24T10:02:00+01:00`` → ``24/11/2026`` ("" when unreadable)."""
    try:
        return dt.date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return ""


def clock_time(iso: str) -> str:
    """``2026-11-24T10:02:00+01:00`` → ``10 h 02``, the time as the stamp recorded it (the local time
    of the computer that wrote it); "" for a bare date or unreadable text."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return ""
    return f"{moment.hour} h {moment.minute:02d}" if "T" in iso or " " in iso.strip() else ""
