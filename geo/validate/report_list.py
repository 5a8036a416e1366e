"""A feature's `reports` (geo.schema.REPORT_FIELDS): each report's fields, its source in the
registry, its stance, its figures (whole numbers not below zero, or [low, high] ranges), one
report per source and claimant, and the hand-set claim_status against the one the reports
support (geo.ledger). Every finding names the report: 'report 2 (sabah-tr): ...'."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping

from geo.jsonpos import Pointer
from geo.ledger import AGAINST, derive_claim_status
from geo.periods import date_problem
from geo.schema import EVIDENCE_FORM, FIGURE_NAME, REPORT_FIELD_BY_NAME, REPORT_FIELDS, STANCES
from geo.validate.finding import Finding, is_number, json_type

PROPERTY = "reports"


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value.casefold(), choices, n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def check_reports(
    properties: dict[str, object],
    at: Pointer,
    registry: Mapping[str, str] | None,
    archived: Mapping[str, int] | None = None,
) -> list[Finding]:
    """Findings for the `reports` of one feature whose properties are at `at`. `registry`
    maps each source id to the id it republishes ("" when none); None when it could not be
    read (sources are then not checked). `archived`: length of each source's archived text
    (`geo archive`), which evidence offsets must lie within."""
    reports = properties.get(PROPERTY)
    if not isinstance(reports, list):
        return []  # null/absent is "no reports"; another type is the property checker's
    findings: list[Finding] = []
    listed = properties.get("sources")
    listed = {s for s in listed if isinstance(s, str)} if isinstance(listed, list) else set()
    first: dict[tuple[str, str], Pointer] = {}
    for index, report in enumerate(reports):
        where: Pointer = (*at, PROPERTY, index)
        if not isinstance(report, dict):
            findings.append(
                Finding(
                    where,
                    "error",
                    f"report {index + 1}: must be an object with source and stance, "
                    f"not {json_type(report)}",
                    PROPERTY,
                )
            )
            continue
        source = report.get("source")
        name = f"report {index + 1}" + (f" ({source})" if isinstance(source, str) else "")
        findings += _check_fields(report, where, name, registry, listed, archived or {})
        claimant = report.get("claimant")
        if isinstance(source, str) and (claimant is None or isinstance(claimant, str)):
            key = (source, " ".join((claimant or "").split()).casefold())
            if key in first:
                findings.append(
                    Finding(
                        where,
                        "error",
                        f"{name}: this source already has a report with the same claimant "
                        "(on {see}); keep one report per source and claimant",
                        PROPERTY,
                        see=first[key],
                    )
                )
            else:
                first[key] = where
    findings += _check_status(properties, at, reports, registry)
    findings += _check_unreported(properties, at, reports)
    return findings


def _check_unreported(
    properties: dict[str, object], at: Pointer, reports: list[object]
) -> list[Finding]:
    """A feature that has reports should have one from every source it cites: a cited source
    without a report counts for nothing in the ledger (a warning: the reviewer may not have
    read it yet)."""
    sources = properties.get("sources")
    reported = {
        r["source"] for r in reports if isinstance(r, dict) and isinstance(r.get("source"), str)
    }
    if not reported or not isinstance(sources, list):
        return []
    return [
        Finding(
            (*at, "sources", index),
            "warning",
            f'"{source}" is cited but gives no report: add what it says to reports '
            "(or drop it from sources)",
            "sources",
        )
        for index, source in enumerate(sources)
        if isinstance(source, str) and source not in reported
    ]


def _check_fields(
    report: dict[str, object],
    where: Pointer,
    name: str,
    registry: Mapping[str, str] | None,
    listed: set[str],
    archived: Mapping[str, int],
) -> list[Finding]:
    findings: list[Finding] = []

    def error(message: str, field: str | None = None) -> None:
        pointer = (*where, field) if field is not None and field in report else where
        findings.append(Finding(pointer, "error", f"{name}: {message}", PROPERTY))

    for field in REPORT_FIELDS:
        if field.required and report.get(field.name) in (None, ""):
            error(f"missing {field.name} (every report needs one)", field.name)
    for key in report:
        if key not in REPORT_FIELD_BY_NAME:
            hint = _suggest(key, list(REPORT_FIELD_BY_NAME))
            findings.append(
                Finding(
                    (*where, key),
                    "warning",
                    f"{name}: {key!r} is not a field of a report (kept as is){hint}",
                    PROPERTY,
                )
            )
    for field in ("source", "stance", "claimant", "published", "notes"):
        value = report.get(field)
        if value is not None and not isinstance(value, str):
            error(f"{field} must be a string, not {json_type(value)}", field)
    source, stance = report.get("source"), report.get("stance")
    if isinstance(source, str) and source and registry is not None:
        if source not in registry:
            hint = _suggest(source, sorted(registry))
            error(f'unknown source "{source}": no such id in sources.csv{hint}', "source")
        elif source not in listed:
            findings.append(
                Finding(
                    (*where, "source"),
                    "warning",
                    f'{name}: "{source}" is not in this feature\'s sources; add it there too',
                    PROPERTY,
                )
            )
    if isinstance(stance, str) and stance and stance not in STANCES:
        hint = _suggest(stance, list(STANCES))
        error(f'unknown stance "{stance}" (one of: {", ".join(STANCES)}){hint}', "stance")
    published = report.get("published")
    if isinstance(published, str) and published:
        problem = date_problem(published)
        if problem is not None:
            error(f"published {problem}", "published")
    findings += _check_figures(report.get("figures"), (*where, "figures"), name)
    evidence = report.get("evidence")
    if evidence is not None:
        if not isinstance(evidence, list):
            error(f"evidence must be a list of START-END spans, not {json_type(evidence)}")
        else:
            for offset, span in enumerate(evidence):
                match = EVIDENCE_FORM.fullmatch(span) if isinstance(span, str) else None
                shown = repr(span) if isinstance(span, str) else json_type(span)
                length = archived.get(source) if isinstance(source, str) else None
                if match and length is not None and int(match.group(2)) > length:
                    findings.append(
                        Finding(
                            (*where, "evidence", offset),
                            "error",
                            f"{name}: evidence {shown} ends past the archived text of "
                            f"{source} ({length} characters)",
                            PROPERTY,
                        )
                    )
                if not match or int(match.group(1)) >= int(match.group(2)):
                    findings.append(
                        Finding(
                            (*where, "evidence", offset),
                            "error",
                            f"{name}: evidence {shown} is not a span START-END with START < END",
                            PROPERTY,
                        )
                    )
    return findings


def _check_figures(figures: object, at: Pointer, name: str) -> list[Finding]:
    if figures is None:
        return []
    if not isinstance(figures, dict):
        return [
            Finding(
                at,
                "error",
                f'{name}: figures must be an object such as {{"injured": 2, "drones": [2, 4]}}, '
                f"not {json_type(figures)}",
                PROPERTY,
            )
        ]
    findings = []
    for figure, value in figures.items():
        where = (*at, figure)
        problem = None
        if not FIGURE_NAME.fullmatch(figure):
            snake = re.sub(r"\W+", "_", figure.strip().casefold()).strip("_")
            hint = f'; write "{snake}"' if FIGURE_NAME.fullmatch(snake) else ""
            findings.append(
                Finding(
                    at,
                    "error",
                    f"{name}: figure name {figure!r} is not lower_snake_case "
                    f"(e.g. injured, shot_down){hint}",
                    PROPERTY,
                    key=figure,
                )
            )
        if isinstance(value, list):
            if len(value) != 2:
                problem = f"a range is [low, high], not {len(value)} numbers"
            else:
                problem = _number_problem(value[0]) or _number_problem(value[1])
                if problem is None and value[0] > value[1]:
                    problem = f"range [{value[0]}, {value[1]}] has its low above its high"
        else:
            problem = _number_problem(value)
        if problem:
            findings.append(
                Finding(where, "error", f"{name}: figure {figure!r}: {problem}", PROPERTY)
            )
    return findings


_WRITTEN_RANGE = re.compile(r"\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*")


def _number_problem(value: object) -> str | None:
    if isinstance(value, str):  # a hand edit: say how to write it
        if value.strip().isdigit():
            return f"{value!r} is text; write the number without quotes: {int(value)}"
        written = _WRITTEN_RANGE.fullmatch(value)
        if written:
            return f"{value!r} is text; write a range as [{written[1]}, {written[2]}]"
    if not is_number(value):
        return f"must be a whole number or [low, high], not {json_type(value)}"
    if not math.isfinite(value) or value != int(value) or isinstance(value, float):  # type: ignore[arg-type]
        return f"{value} is not a whole number"
    if value < 0:  # type: ignore[operator]
        return f"{value} is negative"
    return None


def _check_status(
    properties: dict[str, object],
    at: Pointer,
    reports: list[object],
    registry: Mapping[str, str] | None,
) -> list[Finding]:
    """A hand-set claim_status that the reports do not support is a warning (the reports may
    be incomplete; the reviewer decides which to fix)."""
    status = properties.get("claim_status")
    valid = [
        r
        for r in reports
        if isinstance(r, dict)
        and isinstance(r.get("stance"), str)
        and r["stance"] in STANCES
        and isinstance(r.get("source"), str)
        and r["source"]
    ]
    if not isinstance(status, str) or not status or not valid:
        return []
    republished = {k: v for k, v in (registry or {}).items() if v}
    derived = derive_claim_status(valid, republished)
    if derived is None or derived == status:
        return []
    against = [
        i for i, r in enumerate(reports) if isinstance(r, dict) and r.get("stance") in AGAINST
    ]
    why = (
        f"report {against[0] + 1} ({reports[against[0]].get('source')}) "  # type: ignore[union-attr]
        f"{reports[against[0]].get('stance')}"  # type: ignore[union-attr]
        if against
        else f"{len(valid)} report(s), none denying or disputing"
    )
    return [
        Finding(
            (*at, "claim_status"),
            "warning",
            f'"{status}" contradicts the reports, which support "{derived}" ({why}); '
            "fix the status or the reports",
            "claim_status",
        )
    ]


SPELLING_RATIO = 0.9  # "Azerbaijani MFA" ~ "Azerbaijan MFA" (0.97); "... MFA" ~ "... MoD" (0.86)
MAX_CLAIMANTS_COMPARED = 3000  # pairwise comparison beyond this would be slow; skipped


def check_claimant_spellings(document: dict[str, object]) -> list[Finding]:
    """Claimants spelt two close ways (across the file) count as two origins: each report
    with the rarer spelling gets a warning naming the common one."""
    features = document.get("features")
    uses: dict[str, list[Pointer]] = {}
    spelling: dict[str, str] = {}
    for index, feature in enumerate(features if isinstance(features, list) else []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        reports = props.get(PROPERTY) if isinstance(props, dict) else None
        for number, report in enumerate(reports if isinstance(reports, list) else []):
            claimant = report.get("claimant") if isinstance(report, dict) else None
            if isinstance(claimant, str) and claimant.strip():
                key = " ".join(claimant.split()).casefold()
                uses.setdefault(key, []).append(("features", index, "properties", PROPERTY, number))
                spelling.setdefault(key, claimant.strip())
    if len(uses) > MAX_CLAIMANTS_COMPARED:
        return []
    names = sorted(uses, key=lambda k: (-len(uses[k]), k))  # most used first
    findings = []
    for rank, rare in enumerate(names):
        common = difflib.get_close_matches(rare, names[:rank], n=1, cutoff=SPELLING_RATIO)
        if not common or len(uses[common[0]]) < len(uses[rare]):
            continue
        for pointer in uses[rare]:
            findings.append(
                Finding(
                    (*pointer, "claimant"),
                    "warning",
                    f'report {int(pointer[-1]) + 1}: claimant "{spelling[rare]}" looks like '
                    f'"{spelling[common[0]]}" ({len(uses[common[0]])} reports); spell one '
                    "claimant one way, or its reports count as separate origins",
                    PROPERTY,
                )
            )
    return findings
