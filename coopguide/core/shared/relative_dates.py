"""Dates counted from another date: a due date « J+10 après le jugement », a legal duration (« 6 mois
après le jugement », « 2 jours ouvrés avant l'audience ») and the countdown to a date (« dans 12
jours »).

One module for the content (the durations and suggested due dates of ``dates-cles.yaml``), the
store (``item_progress.due_rule``, recomputed when a key date moves) and the views, so the three
count alike.

A rule is written ``<kind>+<days>`` or ``<kind>-<days>`` (``jugement-ouverture+10``): calendar days
# No `from __future__ import annotations`: NamedTuple fields as strings cost a compile each (core/content/model.py).
from the key date ``kind``. The sign is always written, even for ``+0``, and the kind is what comes
before the *last* sign, so a kind may hold hyphens (``date-limite-offres-1`` is one day before the
``date-limite-offres``).

Working days (« jours ouvrés ») skip Saturdays and Sundays only: public holidays are not counted
here (no checked list of them is in the fact sheet), and every text that uses them says so.
"""

import datetime as dt
import re
from typing import NamedTuple

RULE_RE = re.compile(r"^(?P<kind>[a-z0-9]+(?:-[a-z0-9]+)*)(?P<sign>[+-])(?P<days>\d{1,4})$")
MAX_RULE_DAYS = 3660  # ten years either way: more is a typo
UNITS = ("jours", "jours ouvrés", "mois")


class DueRule(NamedTuple):
    """A due date ``days`` calendar days after (before, when negative) the key date ``kind``."""

    kind: str
    days: int

    def __str__(self) -> str:
        return f"{self.kind}{'+' if self.days >= 0 else '-'}{abs(self.days)}"

    def due(self, key_date: str) -> str:
        """The ISO due date from the key date's ISO date ("" when it is unreadable)."""
        try:
            start = dt.date.fromisoformat(key_date)
        except (TypeError, ValueError):
            return ""
        try:
            return (start + dt.timedelta(days=self.days)).isoformat()
        except OverflowError:
            return ""

    def label(self, kind_label: str) -> str:
        """« J+10 après le jugement d'ouverture », « J-2 avant l'audience… », « le jour même de … »."""
        name = kind_label[:1].lower() + kind_label[1:]
        if self.days == 0:
            return f"le jour de : {name}"
        if self.days > 0:
            return f"J+{self.days} après : {name}"
        return f"J-{-self.days} avant : {name}"


def parse_rule(text: str) -> DueRule | None:
    """The rule written ``text``, or None when it is not one."""
    match = RULE_RE.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None
    days = int(match["days"])
    if days > MAX_RULE_DAYS:
        return None
    return DueRule(match["kind"], -days if match["sign"] == "-" else days)


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by whole months; the 31st becomes the last day of a shorter month."""
    import calendar  # only for a suggestion in months: this module is on the start path

    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` moved by ``days`` working days (Monday to Friday; public holidays not known)."""
    step = 1 if days >= 0 else -1
    day, left = start, abs(days)
    while left:
        day += dt.timedelta(days=step)
        if day.weekday() < 5:
            left -= 1
    return day


def shift(start: dt.date, amount: int, unit: str) -> dt.date:
    """``start`` moved by ``amount`` (negative: before) of ``unit`` (one of :data:`UNITS`)."""
    if unit == "mois":
        return add_months(start, amount)
    if unit == "jours ouvrés":
        return add_working_days(start, amount)
    return start + dt.timedelta(days=amount)


def countdown(date: str, today: dt.date) -> str:
    """« aujourd'hui », « demain », « dans 12 jours », « hier », « il y a 3 jours »."""
    try:
        days = (dt.date.fromisoformat(date) - today).days
    except (TypeError, ValueError):
        return ""
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "demain"
    if days == -1:
        return "hier"
    if days > 0:
        return f"dans {days} jours"
    return f"il y a {-days} jours"
