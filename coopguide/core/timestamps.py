"""Local times as ISO 8601 strings with their UTC offset: what the database and export files hold."""

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
