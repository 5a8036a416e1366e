"""`python -m geo validate`: every problem of a GeoJSON file, each with its file, line, column,
feature id and property.

Three layers of checks, each a pure function of the parsed document that returns Findings
located by JSON pointer: `structure` (RFC 7946, the only one with `plain=True`), `properties`
(the incident schema of geo.schema) and `meaning` (positions in range and in the country named,
valid polygons, plausible dates). Positions are looked up at the end, for the findings only.
"""

from __future__ import annotations

from pathlib import Path

from geo import files
from geo.jsonpos import (
    JSONSyntaxError,
    SourceMap,
    duplicate_problems,
    feature_id_at,
    parse,
    property_at,
)
from geo.problems import Problem
from geo.sources import archived_lengths, check_registry, choose_registry
from geo.validate.finding import Finding
from geo.validate.meaning import check_meaning
from geo.validate.properties import check_properties, read_source_ids
from geo.validate.structure import check_structure

__all__ = ["check_file", "check_text", "decode", "read_text"]


def check_file(
    path: Path, *, plain: bool = False, sources_path: Path | None = None
) -> tuple[dict | None, list[Problem]]:
    """The parsed document (None when it cannot be read or parsed) and every problem; the
    registry is `sources_path`, else the one geo.sources.choose_registry finds."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    return check_text(text, str(path), plain=plain, sources_path=sources_path)


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text (a byte-order mark kept: the validator reports it), or None and the
    reason it cannot be read or is not UTF-8 (geo.files says it, for every reader alike)."""
    try:
        return decode(files.read_bytes(path), str(path))
    except files.FileError as error:
        return None, error.problems


def decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (RFC 8259 §8.1), or None and where the first undecodable byte is."""
    try:
        return files.decode(data, shown, keep_bom=True), []
    except files.FileError as error:
        return None, error.problems


def check_text(
    text: str | bytes,
    path: str,
    *,
    plain: bool = False,
    sources_path: Path | None = None,
) -> tuple[dict | None, list[Problem]]:
    """Check a GeoJSON text that claims to come from `path` (used in messages, and to find the
    nearest `sources.csv` in its folder or a parent folder unless `sources_path` is given; see
    geo.sources.registry_for). With `plain`, structure only."""
    if isinstance(text, bytes):
        decoded, problems = decode(text, path)
        if decoded is None:
            return None, problems
        text = decoded
    marked: list[Problem] = []
    if text.startswith(files.BOM):
        # RFC 8259 §8.1: a reader may ignore it, and every reader here does (geo.files), so
        # the file is usable; but a writer must not add one, and other tools refuse it.
        text = text[len(files.BOM) :]
        message = (
            "the file starts with a byte-order mark: every reader here ignores it, other tools "
            "may refuse the file; python -m geo fmt removes it"
        )
        marked.append(Problem(path, 1, 1, "warning", message))
    try:
        parsed = parse(text)
    except JSONSyntaxError as error:
        return None, [*marked, error.problem(path)]
    document = parsed.document
    source_map = SourceMap(text)
    try:
        findings = check_structure(document)
        extra: list[Problem] = []
        if not plain and isinstance(document, dict):
            choice = choose_registry(path, sources_path, document)
            source_ids, extra = read_source_ids(*check_registry(choice, path, document))
            broken = _features_with_errors(findings)
            archive = archived_lengths(choice.path) if choice.path is not None else {}
            findings += check_properties(document, source_ids, archive)
            findings += check_meaning(document, broken)
    except RecursionError:
        findings, extra = [Finding((), "error", "objects are nested too deeply to check")], []
    problems = [_locate(f, document, source_map, path) for f in findings]
    problems += duplicate_problems(parsed, source_map, path)
    problems.sort(key=lambda p: (p.line, p.column))
    return (document if isinstance(document, dict) else None), marked + problems + extra


def _features_with_errors(findings: list[Finding]) -> set[int]:
    """Indexes of features whose structure is broken, so later checks leave them alone."""
    return {
        f.pointer[1]
        for f in findings
        if f.severity == "error"
        and len(f.pointer) >= 2
        and f.pointer[0] == "features"
        and isinstance(f.pointer[1], int)
    }


def _locate(finding: Finding, document: object, source_map: SourceMap, path: str) -> Problem:
    if finding.key is not None:
        offsets = source_map.key_offsets(finding.pointer, finding.key)
        offset = offsets[-1] if offsets else source_map.value_offset(finding.pointer)
    else:
        offset = source_map.value_offset(finding.pointer)
    line, column = source_map.position(offset)
    message = finding.message
    if finding.see is not None:
        see_line, _ = source_map.position(source_map.value_offset(finding.see))
        message = message.replace("{see}", f"line {see_line}")
    prop = finding.property or property_at(finding.pointer)
    return Problem(
        path,
        line,
        column,
        finding.severity,
        message,
        feature_id_at(document, finding.pointer),
        prop,
    )
