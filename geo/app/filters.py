"""The sidebar's list filters: one checkbox per value, with its count, an "only" shortcut per
value and an "all" one per list; nothing ticked means every value (no filter).

The ticked values live in `st.session_state["pick_<key>"]` (`key` a URL parameter of
geo.urlstate.LIST_PARAMS): the URL, the header's chips and the page's geo.view.View read that
list, and the checkboxes only show and change it. What a value selects and how it is counted
is geo.view's (`masks`, `value_counts`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import streamlit as st

from geo.escape import markdown

COUNT_HELP = (
    "The number beside a value counts the incidents that have it among those the other active "
    "filters (dates, the other lists, layers, origins, claimant and stance) keep: what ticking "
    "it alone would show."
)


def picked_key(key: str) -> str:
    return f"pick_{key}"


def box_key(key: str, value: str) -> str:
    return f"pick_{key}::{value}"


def _set(key: str, values: list[str]) -> None:
    st.session_state[picked_key(key)] = values


def _tick(key: str, value: str, options: list[str]) -> None:
    """A checkbox changed: its value joins or leaves the ticked list (in the options' order)."""
    picked = set(st.session_state.get(picked_key(key)) or [])
    if st.session_state.get(box_key(key, value)):
        picked.add(value)
    else:
        picked.discard(value)
    _set(key, [v for v in options if v in picked])


def checkbox_list(
    key: str,
    label: str,
    options: list[str],
    counts: Callable[[], Mapping[str, int]],
    format_func: Callable[[str], str] = str,
) -> None:
    """The list filter `key` in an expander titled `label`, open at first when something is
    ticked. `counts()` maps a value to its count (absent: 0), asked only while the list is
    open; `format_func` names a value."""
    picked = set(st.session_state.get(picked_key(key)) or [])
    # A closed list builds no rows (Streamlit tracks the expander's state and reruns on a
    # toggle): a page of closed lists costs each new viewer a few widgets, not a hundred.
    # Open at first when something is ticked (a link's filter); then as the user left it.
    st.session_state.setdefault(f"list_{key}", bool(picked))
    # A fixed title: Streamlit takes a new title for a new expander, closed again.
    box = st.expander(label, key=f"list_{key}", on_change="rerun")
    if not box.open:
        return
    for value in options:  # the boxes show the list (a chip removed or a link opened set it)
        st.session_state[box_key(key, value)] = value in picked
    counted = counts()
    with box:
        st.button(
            "all",
            key=f"all_{key}",
            type="tertiary",
            disabled=not picked,
            on_click=_set,
            args=(key, []),
            help=f"Untick every {label.lower()} value: none ticked means all. {COUNT_HELP}",
        )
        for value in options:
            tick, only = st.columns([5, 1], vertical_alignment="center", gap="small")
            tick.checkbox(
                f"{markdown(format_func(value))} · {counted.get(value, 0)}",
                key=box_key(key, value),
                on_change=_tick,
                args=(key, value, options),
            )
            only.button(
                "only",
                key=f"only_{key}::{value}",
                type="tertiary",
                on_click=_set,
                args=(key, [value]),
                help=f"Show this value alone ({counted.get(value, 0)} incidents)",
            )


# --- The date range ------------------------------------------------------------------------------


def shown_range(
    date_from: date | None, date_to: date | None, first: date, last: date
) -> tuple[date, date]:
    """What the range control shows for the page's dates: an open end shows the data's first
    or last date, and a date outside the data shows the data's nearest one (the control cannot
    hold it, and it selects the same features)."""

    def clamp(day: date) -> date:
        return min(max(day, first), last)

    start = clamp(date_from or first)
    return start, max(clamp(date_to or last), start)


def chosen_range(
    picked: tuple[date, ...] | list[date] | None, first: date, last: date
) -> tuple[date | None, date | None]:
    """The page's (from, to) of a range picked in the control: an end at (or past) the data's
    first or last date is left open (None), so a full range is no filter; a lone date is that
    day."""
    days = list(picked or ())
    if not days:
        return None, None
    start, end = days[0], days[-1]
    return (None if start <= first else start), (None if end >= last else end)


# Streamlit's date field takes a typed date on blur only, and its form's Enter-to-submit does
# not reach it: Enter in the field blurs it (committing the date) and presses "Apply dates".
# One listener for the page, installed once.
ENTER_APPLIES_DATES = """<script>
if (!window.__geoDateEnter) {
  window.__geoDateEnter = true;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest) return;
    if (!event.target.closest(".st-key-date_range [data-testid=stDateInputField]")) return;
    event.preventDefault();
    event.target.blur();
    setTimeout(function () {
      var apply = document.querySelector(".st-key-apply_dates button");
      if (apply) apply.click();
    }, 50);
  }, true);
}
</script>"""


def _take_range(first: date, last: date) -> None:
    picked = st.session_state.get("date_range")
    st.session_state["date_from"], st.session_state["date_to"] = chosen_range(picked, first, last)


def date_range(first: date, last: date) -> None:
    """One range control bounded to the data's first and last dates, applied on Enter (or its
    button): a form, so that a half-typed date changes nothing. It shows and sets
    `st.session_state["date_from"]` and `["date_to"]` (None: open)."""
    st.session_state["date_range"] = shown_range(
        st.session_state.get("date_from"), st.session_state.get("date_to"), first, last
    )
    st.html(ENTER_APPLIES_DATES, unsafe_allow_javascript=True)
    with st.form("dates", border=False, enter_to_submit=True):
        st.date_input(
            "Dates",
            key="date_range",
            min_value=first,
            max_value=last,
            format="YYYY-MM-DD",
            help=f"The data runs from {first} to {last}. Type or pick a range and press Enter. "
            "An event known only to the week or month is kept when that period overlaps the "
            "range; one date alone is that day.",
        )
        st.form_submit_button(
            "Apply dates", key="apply_dates", on_click=_take_range, args=(first, last)
        )
