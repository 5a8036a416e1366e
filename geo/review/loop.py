"""The review loop, the one implementation both faces call (`geo extract` / `geo merge` /
`geo approve` on the command line, the review desk in the app):

    article -> source row (sources.csv) -> archived text with its SHA-256 -> draft
            -> decisions (accept, edit, move, attach, reject) -> merge through the validator
            and the one logged, atomic save (geo.review.history)

Which files: the *project* is found from the working folder (`find_project`): the nearest
folder, the working one or above it, holding `data/incidents.geojson` or `data/sources.csv`
(a clone of this repository), or `incidents.geojson` or `sources.csv` (a folder of one's
own). Nothing is written to another project's files unless a path names them.

Two-person sign-off (`geo.review.team`): when the project's setting is on, an accepted
feature is not merged: its acceptance is logged as pending (`accept` record with a `pending`
token) and it reaches the data file only when a different person approves it (`approve`).
"""

from __future__ import annotations

import copy
import csv
import difflib
import io
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from geo.canonical import dumps
from geo.files import ABSENT, locked, read_json, write_atomic
from geo.merge import DEFAULT_TOLERANCE_KM, MergeReport, merge_documents, same_place_and_time
from geo.problems import InvalidDataError, Problem, UserError, has_errors
from geo.review import history
from geo.review.history import Decision
from geo.schema import OPTIONAL_SOURCE_COLUMNS, SOURCE_COLUMNS
from geo.sources import (
    REGISTRY_NAME,
    ArchiveError,
    archive_path,
    archive_text,
    check_sources,
    choose_registry,
    read_sources,
)
from geo.words.normalize import normalize

INCIDENTS_NAME = "incidents.geojson"
DATA_FOLDER = "data"
EMPTY_COLLECTION = {"type": "FeatureCollection", "features": []}


# --- the project ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """The files of one project: its incident file (which may not exist yet: the first merge
    creates it) and its sources registry (created by the first source row)."""

    folder: Path
    incidents: Path
    sources: Path


def find_project(start: Path | str | None = None) -> Project | None:
    """The project `start` (default: the working folder) lies in: the nearest folder, `start`
    or a parent, holding data/incidents.geojson or data/sources.csv, or incidents.geojson or
    sources.csv; None when there is none."""
    here = Path(start if start is not None else Path.cwd()).absolute()
    for folder in (here, *here.parents):
        for data in (folder / DATA_FOLDER, folder):
            if (data / INCIDENTS_NAME).is_file() or (data / REGISTRY_NAME).is_file():
                return Project(folder, data / INCIDENTS_NAME, data / REGISTRY_NAME)
    return None


def no_project_message(start: Path | str | None = None) -> str:
    where = Path(start if start is not None else Path.cwd()).absolute()
    return (
        f"{where}: no project here or above (a folder with data/{INCIDENTS_NAME}, "
        f"data/{REGISTRY_NAME}, {INCIDENTS_NAME} or {REGISTRY_NAME})"
    )


# --- the article and its source row ------------------------------------------------------------


class _TextOfHTML(HTMLParser):
    """The visible text of an HTML page: paragraphs and headings as lines, scripts, styles,
    navigation and forms left out."""

    SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "form", "aside"})
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(" ".join(data.split()) if data.strip() else " ")


def html_text(page: str) -> tuple[str, str]:
    """(title, text) of an HTML page: the text a reader sees, paragraphs separated by a blank
    line (what the extractor's offsets then count)."""
    parser = _TextOfHTML()
    parser.feed(page)
    parser.close()
    joined = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", joined)]
    return " ".join(parser.title.split()), "\n\n".join(p for p in paragraphs if p) + "\n"


def article_text(raw: bytes, name: str) -> str:
    """The article as the extractor reads it (geo.extract.text.decode_article); an HTML file
    (by its name or its first characters) is turned into its visible text first. FileError
    when it is not UTF-8 text."""
    from geo.extract.text import decode_article

    text = decode_article(raw, name)
    if name.lower().endswith((".html", ".htm")) or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        return html_text(text)[1]
    return text


def source_id_for(outlet: str, published: date | None, taken: set[str]) -> str:
    """A new row's id: the outlet's name folded to ASCII words joined by '-', then the date
    ("star-2026-03-05"), made unique among `taken` with -2, -3..."""
    slug = "-".join(normalize(outlet).split()) or "source"
    slug = re.sub(r"[^a-z0-9-]", "", slug) or "source"
    wanted = f"{slug}-{published.isoformat()}" if published else slug
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}-{suffix}", suffix + 1
    return candidate


@dataclass(frozen=True)
class SourceRow:
    """What a person gives about an article: the registry row's cells."""

    outlet: str
    published: date | None = None
    url: str = ""
    title: str = ""
    author: str = ""
    language: str = ""
    seed_file: str = ""
    notes: str = ""


def add_source(registry: Path, row: SourceRow) -> tuple[str, str]:
    """(id, new registry text) with `row` appended under a new id (`source_id_for`); the
    registry is created with its header when it does not exist. Pure: the caller writes it
    (`register_article`). Raises UserError when the registry has errors (they are listed)
    or the row would not validate (its cells are checked as the registry's rows are)."""
    if not row.outlet.strip():
        raise UserError(f"{registry}: error: a source needs its outlet's name")
    if Path(registry).is_file():
        frame, problems = check_sources(registry)
        if frame is None or has_errors(problems):
            raise UserError(problems=[p for p in problems if p.severity == "error"])
        raw = Path(registry).read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        taken = {str(i) for i in frame.index}
    else:
        rows, taken = [[*SOURCE_COLUMNS, *OPTIONAL_SOURCE_COLUMNS]], set()
    header = [name.strip() for name in rows[0]]
    source_id = source_id_for(row.outlet, row.published, taken)
    cells = {
        "id": source_id,
        "outlet": " ".join(row.outlet.split()),
        "title": " ".join(row.title.split()),
        "author": " ".join(row.author.split()),
        "published": row.published.isoformat() if row.published else "",
        "published_precision": "1" if row.published else "",
        "url": row.url.strip(),
        "seed_file": row.seed_file,
        "notes": " ".join(row.notes.split()),
        "language": row.language,
    }
    for name in cells:
        if name not in header and cells[name]:
            header.append(name)
            for existing in rows[1:]:
                existing.append("")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([header, *rows[1:], [cells.get(name, "") for name in header]])
    text = out.getvalue()
    from geo.sources import _parse  # the registry's own cell checks, on the new text

    _, problems = _parse(text, str(registry))
    errors = [p for p in problems if p.severity == "error" and p.feature_id == source_id]
    if errors:
        raise UserError(problems=errors)
    return source_id, text


@dataclass(frozen=True)
class Registered:
    """An article in the registry: its row's id, where its text is archived, its SHA-256."""

    source_id: str
    archived: Path
    sha256: str
    created: bool  # a new row was added (else an existing row was used)
    language: str = ""  # of the new row, as detected


def register_article(
    registry: Path,
    text: str,
    *,
    source_id: str | None = None,
    row: SourceRow | None = None,
    retrieved: date | None = None,
    who: str = "",
    incidents: Path | None = None,
) -> Registered:
    """Give the article a source row (the existing `source_id`; the row that has `row`'s URL
    already; else a new one from `row`) and
    archive its text (UTF-8, as the extractor reads it) beside the registry with its SHA-256
    recorded in the row (geo archive's rules: a row keeps the first text it recorded). When
    `incidents` is given, a new row is logged in its history ("add-source"). Raises UserError
    (an unknown id, a bad row, another text already archived for the row)."""
    created = False
    if source_id is None and row is not None and row.url.strip():
        source_id = _row_with_url(registry, row.url.strip())  # the same article, registered
    if source_id is None:
        if row is None:
            raise UserError("a source row or a source id is needed")
        if not row.language:
            from geo.extract.language import detect

            row = replace(row, language=detect(text))
        source_id, registry_text = add_source(registry, row)
        write_atomic(registry, registry_text)
        created = True
    data = text.encode("utf-8")
    try:
        new_registry, stored = archive_text(
            registry, source_id, data, retrieved or date.today(), ""
        )
    except ArchiveError as error:
        raise UserError(f"{registry}: error: {error}") from None
    target = archive_path(registry, source_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, stored)
    write_atomic(registry, new_registry)
    if created and incidents is not None and who:
        history.save(
            incidents,
            None,
            action="add-source",
            who=who,
            decisions=[Decision(None, "add-source", extra={"source": source_id})],
        )
    language = row.language if created and row is not None else ""
    return Registered(source_id, target, history.sha256_of(data), created, language)


def _row_with_url(registry: Path, url: str) -> str | None:
    """The id of the registry's row for the article at `url`, if it has one."""
    if not Path(registry).is_file():
        return None
    frame = read_sources(registry)
    found = frame.index[frame["url"] == url]
    return str(found[0]) if len(found) else None


def registry_row(registry: Path, source_id: str) -> tuple[date | None, int]:
    """(published, precision) of a row; UserError when the id is unknown."""
    frame = read_sources(registry)
    if source_id not in frame.index:
        raise UserError(f"{registry}: error: no source with id {source_id!r}")
    row = frame.loc[source_id]
    published = None if str(row["published"]) == "NaT" else row["published"].date()
    precision = row["published_precision"]
    return published, 1 if str(precision) == "<NA>" else int(precision)


def draft_of(text: str, source_id: str | None, published: date | None, precision: int = 1):
    """(draft FeatureCollection, the Extraction) of an article (geo.extract)."""
    from geo.extract.draft import draft_collection, extract_article
    from geo.geocoders import OfflineGeocoder

    extraction = extract_article(
        text,
        OfflineGeocoder(),
        published=published,
        published_precision=precision,
        source_id=source_id,
    )
    return draft_collection(extraction), extraction


def uncited(draft: dict[str, Any]) -> list[str]:
    """Ids (or 1-based positions) of the draft's features that cite no source: what `geo
    extract` writes for an article that has no row in the registry yet."""
    return [
        str(feature.get("id") or index)
        for index, feature in enumerate(draft.get("features") or [], start=1)
        if isinstance(feature, dict)
        and isinstance(feature.get("properties"), dict)
        and not feature["properties"].get("sources")
    ]


def cite(draft: dict[str, Any], source_id: str, registry: Path | None) -> dict[str, Any]:
    """The draft with every feature that cites no source citing `source_id`, and each of its
    reports without a source given that one (a new document). UserError when `registry` can
    be read and has no such row (with the closest id)."""
    if registry is not None and Path(registry).is_file():
        known = [str(i) for i in read_sources(registry).index]
        if source_id not in known:
            close = difflib.get_close_matches(source_id, known, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            raise UserError(f"{registry}: error: no source with id {source_id!r}{hint}")
    cited = copy.deepcopy(draft)
    for feature in cited.get("features") or []:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or props.get("sources"):
            continue
        props["sources"] = [source_id]
        for report in props.get("reports") or []:
            if isinstance(report, dict) and report.get("source") is None:
                report["source"] = source_id
    return cited


# --- decisions on a draft ----------------------------------------------------------------------


def decide(draft: dict[str, Any], feature_id: str, decision: str) -> dict[str, Any]:
    """The draft with one feature kept ("accept") or taken out ("reject"); a new document."""
    result = copy.deepcopy(draft)
    kept = []
    for feature in result.get("features", []):
        if isinstance(feature, dict) and feature.get("id") == feature_id:
            if decision == "reject":
                continue
            feature.setdefault("properties", {})["review"] = "kept"
        kept.append(feature)
    result["features"] = kept
    return result


def near_incidents(
    target: dict[str, Any], feature: dict[str, Any], tolerance_km: float = DEFAULT_TOLERANCE_KM
) -> list[dict[str, Any]]:
    """The incidents of `target` at the same place and time as the draft `feature` (what
    merge calls near misses when they differ in what happened): where it may be attached as
    a new report."""
    return [
        f
        for f in target.get("features", [])
        if isinstance(f, dict) and same_place_and_time(f, feature, tolerance_km)
    ]


# --- merging -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a merge did or would do. `problems`: why nothing was written (errors of the data
    file, the draft or the merged result); `pending`: tokens of acceptances awaiting sign-off;
    `records`: the history records written."""

    report: MergeReport = field(default_factory=MergeReport)
    problems: list[Problem] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False


def read_target(path: Path) -> tuple[dict[str, Any], str | None]:
    """(document, token) of the data file (the token its save must `expect`, geo.files); an
    empty collection and files.ABSENT when it does not exist yet (the first merge of a new
    project creates it). FileError when it cannot be read; InvalidDataError when it is JSON
    but no FeatureCollection."""
    if not Path(path).exists():
        return copy.deepcopy(EMPTY_COLLECTION), ABSENT
    read = read_json(path)
    if not isinstance(read.document, dict) or not isinstance(read.document.get("features"), list):
        message = "an incident file must be a FeatureCollection with a features list"
        raise InvalidDataError([Problem(str(path), 1, 1, "error", message)])
    return read.document, read.token


def _errors(text: str, shown: str, sources: Path | None) -> list[Problem]:
    from geo.validate import check_text

    _, problems = check_text(text, shown, sources_path=sources)
    return [p for p in problems if p.severity == "error"]


def _document_errors(document: Any, shown: str, sources: Path | None) -> list[Problem]:
    """The validator's errors of a parsed document, or the one problem that it holds a value
    JSON cannot write (an integer past the float range, read as infinite): fuzzing found the
    merge ending in a traceback there (issue 20)."""
    try:
        text = dumps(document)
    except (ValueError, RecursionError) as error:
        message = f"a value cannot be written back as JSON ({error}); fix it by hand first"
        return [Problem(shown, 1, 1, "error", message)]
    return _errors(text, shown, sources)


def republished_map(sources: Path | None) -> dict[str, str]:
    """{id: republished_from} of the registry's rows that republish another (for the claim
    status merge derives); {} when there is no readable registry."""
    if sources is None or not Path(sources).is_file():
        return {}
    frame, _ = check_sources(sources)
    if frame is None:
        return {}
    return {str(k): str(v) for k, v in frame["republished_from"].items() if v}


def merge_into(
    target_path: Path,
    draft: dict[str, Any],
    *,
    who: str,
    reason: str = "",
    sources: Path | None = None,
    draft_name: str = "draft",
    tolerance_km: float = DEFAULT_TOLERANCE_KM,
    skip_drafts: bool = False,
    dry_run: bool = False,
    sign_off: bool = False,
    attach: dict[str, str] | None = None,
    expect: str | None = None,
) -> Outcome:
    """Merge the kept features of `draft` into the data file (geo.merge: final ids and names,
    reports added to incidents already there, `attach` {draft id: incident id} forcing the
    incident a draft is a report of), validated before and after, written by the logged save
    with the SHA-256 of the version read (a concurrent change raises files.ChangedOnDisk).

    With `sign_off`, nothing is merged: each kept feature's acceptance is logged as pending
    (`Outcome.pending`), to be approved by someone else (`approve`). `expect`: the token of
    the data file the decision was made on (the desk's); a file changed since raises
    files.ChangedOnDisk before anything is written or queued.

    Raises merge.DraftsLeft when features are still drafts (unless `skip_drafts`), FileError
    for a file that cannot be read or written, files.ChangedOnDisk."""
    with locked(target_path):
        return _merge_into(
            target_path,
            draft,
            who=who,
            reason=reason,
            sources=sources,
            draft_name=draft_name,
            tolerance_km=tolerance_km,
            skip_drafts=skip_drafts,
            dry_run=dry_run,
            sign_off=sign_off,
            attach=attach,
            expect=expect,
        )


def _merge_into(
    target_path: Path,
    draft: dict[str, Any],
    *,
    who: str,
    reason: str,
    sources: Path | None,
    draft_name: str,
    tolerance_km: float,
    skip_drafts: bool,
    dry_run: bool,
    sign_off: bool,
    attach: dict[str, str] | None,
    expect: str | None,
) -> Outcome:
    target, sha = read_target(target_path)
    if expect is not None and sha != expect:
        raise history.changed_on_disk(target_path)
    shown = str(target_path)
    registry = sources if sources is not None else choose_registry(target_path).path
    outcome = Outcome()
    if sha != ABSENT:
        outcome.problems = _document_errors(target, shown, registry)
    outcome.problems += _document_errors(draft, draft_name, registry)
    if outcome.problems:
        return outcome
    republished = republished_map(registry)
    merged, outcome.report = merge_documents(
        target,
        draft,
        tolerance_km=tolerance_km,
        skip_drafts=skip_drafts,
        attach=attach,
        republished=republished,
    )
    if sign_off:
        kept = [
            f
            for f in draft.get("features", [])
            if isinstance(f, dict) and (f.get("properties") or {}).get("review") != "draft"
        ]
        if not dry_run and kept:
            outcome.pending, outcome.records = _enqueue(
                target_path, kept, who, reason, draft_name, attach or {}
            )
        return outcome
    text = dumps(merged)
    outcome.problems = _errors(text, shown, registry)
    if outcome.problems or dry_run or merged == target:
        return outcome
    outcome.records = history.save(
        target_path,
        text,
        action="merge",
        who=who,
        reason=reason,
        expect=sha,
        extra={"draft": draft_name},
    )
    outcome.written = True
    return outcome


# --- two-person sign-off -----------------------------------------------------------------------


def _enqueue(
    target_path: Path,
    kept: list[dict[str, Any]],
    who: str,
    reason: str,
    draft_name: str,
    attach: dict[str, str],
) -> tuple[list[str], list[dict[str, Any]]]:
    """Log each kept feature's acceptance as pending; features already pending (the same
    draft feature, same content) are not queued twice."""
    waiting = {(p.draft, p.feature.get("id")): p for p in pending(target_path)}
    decisions, tokens = [], []
    for feature in kept:
        known = waiting.get((draft_name, feature.get("id")))
        if known is not None and known.feature == feature:
            tokens.append(known.token)
            continue
        token = uuid.uuid4().hex[:8]
        tokens.append(token)
        extra: dict[str, Any] = {"pending": token, "draft": draft_name}
        if feature.get("id") in attach:
            extra["attach"] = attach[str(feature.get("id"))]
        decisions.append(Decision(str(feature.get("id")), "accept", None, feature, extra))
    records = (
        history.save(
            target_path, None, action="accept", who=who, reason=reason, decisions=decisions
        )
        if decisions
        else []
    )
    return tokens, records


@dataclass(frozen=True)
class Pending:
    """An accepted draft feature awaiting a second person's approval."""

    token: str
    feature: dict[str, Any]
    accepted_by: str
    time: str
    draft: str
    reason: str
    attach: str | None


def pending(target_path: Path) -> list[Pending]:
    """Acceptances not yet approved or refused, oldest first (from the history log)."""
    records = history.audit(target_path).records
    closed = {r.get("approves") for r in records} | {r.get("refuses") for r in records}
    return [
        Pending(
            r["pending"],
            r.get("after") or {},
            str(r.get("who")),
            str(r.get("time")),
            str(r.get("draft", "")),
            str(r.get("reason", "")),
            r.get("attach"),
        )
        for r in records
        if r.get("action") == "accept" and r.get("pending") and r["pending"] not in closed
    ]


def same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def awaiting(target_path: Path, who: str) -> list[Pending]:
    """What awaits `who`'s approval: pending acceptances made by someone else."""
    return [p for p in pending(target_path) if not same_person(p.accepted_by, who)]


class SignOffRefused(UserError):
    """An approval the rules refuse (the same person, an unknown token)."""


def _find_pending(target_path: Path, token: str) -> Pending:
    for item in pending(target_path):
        if item.token == token or item.feature.get("id") == token:
            return item
    raise SignOffRefused(
        f"{target_path}: error: nothing awaits approval under {token!r} (see `geo approve` "
        "without arguments for the list)"
    )


def approve(
    target_path: Path,
    token: str,
    *,
    who: str,
    reason: str = "",
    sources: Path | None = None,
    tolerance_km: float = DEFAULT_TOLERANCE_KM,
) -> Outcome:
    """Merge one pending acceptance (by token, or the feature's id) into the data file, as
    `who`, who must not be the person who accepted it (SignOffRefused). The change records
    carry the token ("approves") and who accepted it."""
    item = _find_pending(target_path, token)
    if same_person(item.accepted_by, who):
        raise SignOffRefused(
            f"{item.feature.get('id')}: error: {who} accepted it; a different person must "
            "approve it (two-person sign-off)"
        )
    target, sha = read_target(target_path)
    registry = sources if sources is not None else choose_registry(target_path).path
    draft = {"type": "FeatureCollection", "features": [item.feature]}
    attach = {str(item.feature.get("id")): item.attach} if item.attach else None
    merged, report = merge_documents(
        target,
        draft,
        tolerance_km=tolerance_km,
        attach=attach,
        republished=republished_map(registry),
    )
    text = dumps(merged)
    outcome = Outcome(report=report)
    outcome.problems = _errors(text, str(target_path), registry)
    if outcome.problems:
        return outcome
    extra = {"approves": item.token, "accepted_by": item.accepted_by, "draft": item.draft}
    outcome.records = history.save(
        target_path,
        text if merged != target else None,
        action="approve",
        who=who,
        reason=reason,
        expect=sha,
        extra=extra,
        decisions=[]
        if merged != target
        else [Decision(str(item.feature.get("id")), "approve", extra=extra)],
    )
    outcome.written = merged != target
    return outcome


def refuse(target_path: Path, token: str, *, who: str, reason: str) -> list[dict[str, Any]]:
    """Close a pending acceptance without merging it; a reason is required."""
    if not reason.strip():
        raise UserError("error: say why it is refused (--reason)")
    item = _find_pending(target_path, token)
    return history.save(
        target_path,
        None,
        action="refuse",
        who=who,
        reason=reason,
        decisions=[Decision(str(item.feature.get("id")), "refuse", extra={"refuses": item.token})],
    )


def reject(
    target_path: Path, draft_name: str, feature: dict[str, Any], *, who: str, reason: str
) -> list[dict[str, Any]]:
    """Log that a draft feature was rejected, with why (the data file is not changed)."""
    if not reason.strip():
        raise UserError("error: say why the draft is rejected")
    return history.save(
        target_path,
        None,
        action="reject",
        who=who,
        reason=reason,
        decisions=[
            Decision(str(feature.get("id")), "reject", feature, None, {"draft": draft_name})
        ],
    )
