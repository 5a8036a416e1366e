"""Who did what to a data file: an append-only JSON Lines log beside it, written by the one
logged save that every tool that changes the file goes through (`save`).

`data/incidents.geojson` has its log in `data/incidents.history.jsonl`. Each line is one
record (a JSON object):

    {"time": "2026-12-07T04:30:12Z", "who": "Ada", "action": "merge",
     "feature": "inc-2026-03-05-nakhchivan-airport",
     "before": null, "after": {...the feature...}, "reason": "...",
     "save": "3f2a...", "sha256_before": "...", "sha256": "..."}

`before`/`after` hold what changed: the whole feature when it was added (before null) or
removed (after null); for a feature that changed, only the properties that changed (under
"properties") and the geometry when it moved. One save writes one record per feature it
changed, all with the same `save` id and the SHA-256 of the file before and after. A save
that changes no feature (reformatting) writes one record with `feature` null. Decisions that
change no data yet (a draft rejected, an acceptance awaiting sign-off) are records whose two
hashes are equal.

The chain of hashes is what the log is checked by (`audit`): each save starts from the file
the previous one left. A file changed by hand between two saves breaks the chain at that
point; it is shown as "changed outside the tools", never as damage, and the next save first
records what the hand edit changed, feature by feature, as `outside-edit` records (from the
copy of the last logged version kept in `.NAME.logged` beside the file).

Order of writes, so that killing the process at any instant leaves the file and the log
consistent (the change with its record, or neither): (1) the records are appended to the log
in one write and flushed to disk; (2) the file is replaced atomically (geo.files.write_atomic);
(3) the copy of the logged version is refreshed. Killed before (2), the log ends with records
whose `sha256` the file does not have while the file still has their `sha256_before`: an
unfinished save. `audit` reports it as such and the next save removes those records (they
describe nothing that happened) before it appends its own; a torn last line (killed inside
the append) is removed the same way. Killed after (2), the save is complete. Saves of one file
wait for each other (geo.files.locked, the lock every writer of the file takes), and a save
may require the file to be the version its caller read (`expect`, a geo.files token; else
files.ChangedOnDisk and nothing is written).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import uuid
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo.files import (
    ChangedOnDisk,
    FileError,
    locked,
    os_error_message,
    token_of,
    write_atomic,
)

LOG_SUFFIX = ".history.jsonl"
OUTSIDE = "outside the tools"  # `who` of the records that describe a hand edit


def log_path(data: Path | str) -> Path:
    """The history log of a data file: NAME.history.jsonl beside it (without NAME's suffix)."""
    data = Path(data)
    return data.with_name(data.stem + LOG_SUFFIX)


def _shadow_path(data: Path) -> Path:
    return data.with_name(f".{data.name}.logged")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path | str) -> str | None:
    """SHA-256 of the file's bytes; None when there is no such file."""
    try:
        return sha256_of(Path(path).read_bytes())
    except FileNotFoundError:
        return None


def changed_on_disk(path: Path) -> ChangedOnDisk:
    return ChangedOnDisk(
        f"{path}: error: the file changed on disk since it was read (another person saved "
        "it, or it was edited by hand); nothing was written: read it again and redo the "
        "change on it"
    )


@dataclass(frozen=True)
class Change:
    """What one save did to one feature (`feature` None: to the file outside its features)."""

    feature: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _features_by_key(document: Any) -> dict[str, dict[str, Any]]:
    features = document.get("features") if isinstance(document, dict) else None
    by_key: dict[str, dict[str, Any]] = {}
    for index, feature in enumerate(features if isinstance(features, list) else []):
        if isinstance(feature, dict):
            key = str(feature["id"]) if feature.get("id") is not None else f"#{index + 1}"
            by_key.setdefault(key, feature)
    return by_key


def changes(before: Any, after: Any) -> list[Change]:
    """Each feature (by id; "#N" for the Nth feature when it has none) that differs between two
    documents, with what differs (see the module docstring), in the order of `before` then the
    features new in `after`; then one Change with feature None when the document's other
    members differ."""
    old, new = _features_by_key(before), _features_by_key(after)
    found = []
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if a is None or b is None:
            found.append(Change(key, copy.deepcopy(a), copy.deepcopy(b)))
            continue
        found.append(Change(key, *_difference(a, b)))
    rest_a = (
        {k: v for k, v in before.items() if k != "features"} if isinstance(before, dict) else {}
    )
    rest_b = {k: v for k, v in after.items() if k != "features"} if isinstance(after, dict) else {}
    if rest_a != rest_b:
        keys = [k for k in {**rest_a, **rest_b} if rest_a.get(k) != rest_b.get(k)]
        found.append(
            Change(None, {k: rest_a.get(k) for k in keys}, {k: rest_b.get(k) for k in keys})
        )
    return found


def _difference(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of what differs between two versions of one feature."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    props_a = a.get("properties") if isinstance(a.get("properties"), dict) else {}
    props_b = b.get("properties") if isinstance(b.get("properties"), dict) else {}
    names = [n for n in {**props_a, **props_b} if props_a.get(n) != props_b.get(n)]
    if names:
        before["properties"] = {n: copy.deepcopy(props_a.get(n)) for n in names}
        after["properties"] = {n: copy.deepcopy(props_b.get(n)) for n in names}
    for member in {**a, **b}:
        if member != "properties" and a.get(member) != b.get(member):
            before[member] = copy.deepcopy(a.get(member))
            after[member] = copy.deepcopy(b.get(member))
    return before, after


# --- reading the log ------------------------------------------------------------------------


@dataclass
class LogRead:
    """The records of a log in order; `damaged`: 1-based numbers of lines that are not records
    (other than a torn last line); `torn`: the last line was cut short (an interrupted
    append)."""

    records: list[dict[str, Any]] = field(default_factory=list)
    damaged: list[int] = field(default_factory=list)
    torn: bool = False
    good_bytes: int = 0  # length of the log up to the end of its last whole line


def read_log(data: Path | str) -> LogRead:
    """The log of `data` as read (see LogRead); empty when there is none. FileError when it
    cannot be read."""
    path = log_path(data)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LogRead()
    except OSError as error:
        raise FileError(os_error_message(error, path, "read")) from None
    read = LogRead()
    offset = 0
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, 1):
        last = number == len(lines)
        if last and not line:
            break
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            if last:  # no line break after it: the append was interrupted
                read.torn = True
                break
            read.damaged.append(number)
            offset += len(line) + 1
            read.good_bytes = offset
            continue
        if last:  # a whole record without its line break: finished but for the "\n"
            read.torn = True
            break
        read.records.append(record)
        offset += len(line) + 1
        read.good_bytes = offset
    return read


def _last_save(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records of the last save (the trailing records sharing its `save` id)."""
    if not records:
        return []
    save = records[-1].get("save")
    index = len(records)
    while index > 0 and records[index - 1].get("save") == save:
        index -= 1
    return records[index:]


@dataclass(frozen=True)
class Audit:
    """The log checked against the file. `notes`: what a reader should know, each one sentence
    (hand edits between saves and since the last one, an unfinished save, damaged lines);
    `consistent`: the file is the version the last save left."""

    records: list[dict[str, Any]]
    notes: list[str]
    consistent: bool
    unfinished: list[dict[str, Any]]  # records of a save that never reached the file


def audit(data: Path | str) -> Audit:
    """Check the log of `data` against the file and against itself (see the module)."""
    data = Path(data)
    read = read_log(data)
    records = read.records
    notes = [
        f"{log_path(data)}: line {n} is not a record (the log was damaged by hand); it is "
        "left as it is"
        for n in read.damaged
    ]
    current = file_sha256(data)
    unfinished: list[dict[str, Any]] = []
    last = _last_save(records)
    if (
        last
        and last[-1].get("sha256") != current
        and last[-1].get("sha256_before") == current
        and file_sha256(_shadow_path(data)) != last[-1].get("sha256")  # else: it was undone
    ):
        unfinished, records = last, records[: len(records) - len(last)]
        notes.append(
            f"the last save ({last[0].get('action')} by {last[0].get('who')} at "
            f"{last[0].get('time')}) was interrupted before it reached the file: it did not "
            "happen, and the next save removes its records"
        )
    if read.torn:
        notes.append("the log's last line was cut short by an interrupted save; it is ignored")
    previous: dict[str, Any] | None = None
    for record in records:
        if (
            previous is not None
            and record.get("sha256_before") != previous.get("sha256")
            and previous.get("save") != record.get("save")
        ):
            notes.append(
                f"the file was changed outside the tools between {previous.get('time')} "
                f"and {record.get('time')} (not recorded feature by feature)"
            )
        previous = record
    consistent = previous is None or previous.get("sha256") == current
    if previous is not None and not consistent:
        notes.append(
            f"the file was changed outside the tools since {previous.get('time')} (a hand "
            "edit); the next save records what changed as 'outside-edit'"
        )
    return Audit(records, notes, consistent, unfinished)


def feature_history(data: Path | str, feature_id: str) -> list[dict[str, Any]]:
    """The records of one feature, oldest first (those of an unfinished save left out)."""
    return [r for r in audit(data).records if r.get("feature") == feature_id]


# --- the logged save ------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_line(record: dict[str, Any]) -> str:
    """One record as a line of the log: UTF-8 text as it is, unless a value holds half of a
    surrogate pair (a JSON escape "\\ud800" in a file edited by hand), which only an escape
    can carry into a UTF-8 file."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def _append(path: Path, records: list[dict[str, Any]], keep_bytes: int | None) -> None:
    """Cut the log to `keep_bytes` (None: keep it whole), then append `records` in one write
    and flush it to disk."""
    payload = "".join(_record_line(r) for r in records).encode("utf-8")
    try:
        with open(path, "ab") as stream:
            if keep_bytes is not None:
                stream.truncate(keep_bytes)
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise FileError(os_error_message(error, path, "write")) from None


def _parse(data: bytes | None) -> Any:
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def _outside_records(
    data: Path, current: bytes | None, current_sha: str | None, last_sha: str, save: str
) -> list[dict[str, Any]]:
    """Records of what a hand edit changed since the last logged version (kept beside)."""
    shadow = _shadow_path(data)
    base = dict(
        time=_now(), who=OUTSIDE, action="outside-edit", reason="", save=save
    )  # reason: unknown
    try:
        old = shadow.read_bytes()
    except OSError:
        old = None
    if old is None or sha256_of(old) != last_sha:
        return [
            {
                **base,
                "feature": None,
                "before": None,
                "after": None,
                "reason": "what changed is unknown: no copy of the last logged version",
                "sha256_before": last_sha,
                "sha256": current_sha,
            }
        ]
    found = changes(_parse(old), _parse(current)) or [Change(None, None, None)]
    return [
        {
            **base,
            "feature": change.feature,
            "before": change.before,
            "after": change.after,
            "sha256_before": last_sha,
            "sha256": current_sha,
        }
        for change in found
    ]


@dataclass(frozen=True)
class Decision:
    """One record to log beside a save, or instead of one (a decision that changes no data):
    `extra` adds fields (pending, approves, draft...)."""

    feature: str | None
    action: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def save(
    data: Path | str,
    text: str | None,
    *,
    action: str,
    who: str,
    reason: str = "",
    expect: str | None = None,
    decisions: list[Decision] | None = None,
    extra: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Replace `data` with `text` and log who did it (see the module for the order of writes).

    The records: what a hand edit changed since the last save (if any), then one per feature
    the new text changes (`action`, `reason`, `extra` fields), then `decisions` (records of
    their own action). `text` None logs `decisions` only and leaves the file as it is.
    `expect`: the token (geo.files.token_of; files.ABSENT for no file) of the version the
    caller read; pass it whenever the change was computed from a read (None: not checked).

    Returns the records written. Raises files.ChangedOnDisk when the file is not the expected
    version, FileError when a file cannot be written (nothing is then changed)."""
    data = Path(data)
    log = log_path(data)
    with locked(data):
        try:
            current: bytes | None = data.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as error:
            raise FileError(os_error_message(error, data, "read")) from None
        current_sha = None if current is None else sha256_of(current)
        if expect is not None and token_of(current) != expect:
            raise changed_on_disk(data)
        state = audit(data)
        keep = None  # where to cut the log: after its last whole record of a finished save
        if state.unfinished:
            keep = _offset_of_record(data, len(state.records))
        elif read_log(data).torn:
            keep = read_log(data).good_bytes
        save_id = uuid.uuid4().hex[:12]
        records: list[dict[str, Any]] = []
        last_sha = state.records[-1].get("sha256") if state.records else None
        if last_sha is not None and last_sha != current_sha:
            records += _outside_records(data, current, current_sha, last_sha, save_id)
        payload = None if text is None else text.encode("utf-8")
        new_sha = current_sha if payload is None else sha256_of(payload)
        common = {"time": _now(), "who": who}
        found = [] if payload is None else changes(_parse(current), _parse(payload))
        if payload is not None and not found and payload != current:
            found = [Change(None, None, None)]  # the layout changed, no feature did
        for change in found:
            records.append(
                {
                    **common,
                    "action": action,
                    "feature": change.feature,
                    "before": change.before,
                    "after": change.after,
                    "reason": reason,
                    **(extra or {}),
                }
            )
        for decision in decisions or []:
            records.append(
                {
                    **common,
                    "action": decision.action,
                    "feature": decision.feature,
                    "before": decision.before,
                    "after": decision.after,
                    "reason": reason,
                    **decision.extra,
                }
            )
        for record in records:
            record.setdefault("save", save_id)
            record.setdefault("sha256_before", current_sha)
            record.setdefault("sha256", new_sha)
        if not records:
            return []
        size = log.stat().st_size if log.exists() else 0
        _append(log, records, keep)
        if payload is not None and payload != current:
            try:
                write_atomic(data, payload)
            except BaseException:
                # the file is as it was: its records go too (killed here, audit sees them as
                # an unfinished save and the next save removes them)
                with suppress(OSError), open(log, "ab") as stream:
                    stream.truncate(size if keep is None else keep)
                raise
        if payload is not None:
            _refresh_shadow(data, payload)
        elif current is not None and last_sha != current_sha:
            _refresh_shadow(data, current)
        return records


def _offset_of_record(data: Path, count: int) -> int:
    """Byte length of the log's first `count` lines that are records (damaged lines between
    them included): where the records after them begin."""
    raw = log_path(data).read_bytes()
    offset, seen = 0, 0
    for line in raw.split(b"\n"):
        if seen == count:
            break
        offset += len(line) + 1
        try:
            if isinstance(json.loads(line), dict):
                seen += 1
        except ValueError:
            continue
    return min(offset, len(raw))


def _refresh_shadow(data: Path, payload: bytes) -> None:
    """Keep the copy of the logged version (for describing a later hand edit); losing it
    loses nothing but that description, so a failure here is not the save's failure."""
    with suppress(FileError):
        write_atomic(_shadow_path(data), payload)


def is_data_file(path: Path | str) -> bool:
    """Whether rewriting `path` changes data that the log must record: a GeoJSON file that is
    not a draft under review (drafts live in a `drafts/` folder, geo.draft_files) and not a
    stream (standard output)."""
    from geo.draft_files import DRAFTS_FOLDER

    path = Path(path)
    return path.is_file() and path.parent.name != DRAFTS_FOLDER


def tool_write(path: Path | str, text: str, *, action: str, expect: str | None) -> None:
    """How a command that rewrites a file it read ends (fmt, geocode): a data file goes
    through the logged save as the local person, anything else through the atomic writer
    alone; either way only while the file still has the token `expect` it was read with
    (files.ChangedOnDisk otherwise)."""
    from geo.review.people import local_user

    if not is_data_file(path):
        write_atomic(path, text, expect=expect)
        return
    save(path, text, action=action, who=local_user(Path(path).parent), expect=expect)


# --- reading records -----------------------------------------------------------------------

MAX_VALUE_CHARS = 80


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def record_lines(record: dict[str, Any]) -> list[str]:
    """A record as a person reads it: "TIME  WHO  ACTION  FEATURE: reason", then what changed
    (one line per property, "name: before -> after")."""
    head = f"{record.get('time')}  {record.get('who')}  {record.get('action')}"
    if record.get("feature") is not None:
        head += f"  {record.get('feature')}"
    for key in ("pending", "approves", "refuses", "accepted_by", "source", "attach"):
        if record.get(key):
            head += f"  ({key.replace('_', ' ')} {record[key]})"
    if record.get("reason"):
        head += f": {record['reason']}"
    lines = [head]
    before, after = record.get("before"), record.get("after")
    if before is None and after is not None and record.get("action") not in ("accept",):
        lines.append("    added")
    elif after is None and before is not None:
        lines.append("    removed" if record.get("action") != "reject" else "    rejected draft")
    elif isinstance(before, dict) and isinstance(after, dict):
        props_a, props_b = before.get("properties") or {}, after.get("properties") or {}
        for name in {**props_a, **props_b}:
            lines.append(f"    {name}: {_short(props_a.get(name))} -> {_short(props_b.get(name))}")
        if before.get("geometry") != after.get("geometry"):
            lines.append(
                f"    geometry: {_short(before.get('geometry'))} -> {_short(after.get('geometry'))}"
            )
    return lines
