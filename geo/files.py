"""Reading and writing the user's files: the one atomic writer that every writer ends in (`fmt`,
`geocode`, `merge`, `extract`, `export`, `import-acled`, `schema`), and the one checked reader
that every reader of a file it may rewrite starts with.

Why one of each: a safeguard added to one writer and missing from the next is how data gets
lost. The writer takes a lock beside the file (`locked`), and refuses to replace a file that is
no longer what its caller read (`write_atomic(..., expect=token)`, the token from `read_json`,
`read_versioned` or `token_of`): two writers at once never lose one's change silently; the one
that lost the race is told (`ChangedOnDisk`) and nothing of its is written. The reader refuses,
before anything is rewritten, what a rewrite would silently change: bytes that are not UTF-8
(named by line and column, with how to re-save the file), and a key written twice in one JSON
object (JSON keeps only the last value; rewriting would drop the other). A leading byte-order
mark is accepted and dropped (RFC 8259 §8.1 lets a reader ignore it); the rewrite leaves it
out. Errors are `FileError`s: the path, line and column, never a traceback, exit status 2
(`ExitStatus.UNREADABLE`).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.jsonpos import JSONSyntaxError, SourceMap, duplicate_problems, parse
from geo.problems import ExitStatus, Problem, UserError
from geo.sniff import BOM, IMPORT_HINT

# Byte-order marks of encodings that are not UTF-8, and the name to tell the user.
_OTHER_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
RESAVE_HINT = (
    "re-save it as UTF-8 (a text editor: Save with Encoding › UTF-8; Excel or LibreOffice: "
    "Save As › CSV UTF-8)"
)
# Files that are not text at all, by their first bytes (their formats' magic numbers), and
# what to do instead; a ZIP archive is looked into, since workbooks and KMZ are ZIP archives.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an Excel 97-2003 workbook (.xls), not text; open it and Save As › CSV UTF-8",
    ),
    (b"\x1f\x8b", "a gzip-compressed file, not text: decompress it first (gunzip)"),
    (
        b"PAR1",
        "a Parquet file, not text: a bulk store is opened with --in (geo export) or "
        f"GEO_STORE (the app); GeoParquet from another tool: {IMPORT_HINT}",
    ),
    (b"%PDF-", "a PDF document, not text"),
    (b"SQLite format 3\x00", f"an SQLite database (a GeoPackage?), not text; {IMPORT_HINT}"),
)
_ZIP_KINDS: tuple[tuple[str, str], ...] = (
    ("xl/", "an Excel workbook (.xlsx), not text; open it and Save As › CSV UTF-8"),
    (
        "content.xml",
        "a spreadsheet or document (OpenDocument), not text; open it and Save As › Text CSV, UTF-8",
    ),
    ("doc.kml", f"a KMZ (zipped KML), not GeoJSON or CSV; {IMPORT_HINT}"),
)


class FileError(UserError):
    """A file that cannot be read, decoded, parsed safely or written; nothing was written."""

    status = ExitStatus.UNREADABLE


def os_error_message(error: OSError, path: Path | str, doing: str) -> str:
    """`PATH: error: cannot DOING: REASON`, in words a user can act on (a folder given as a
    file, a missing folder, no permission)."""
    return f"{path}: error: {os_error_reason(error, path, doing)}"


def os_error_reason(error: OSError, path: Path | str, doing: str) -> str:
    """`cannot DOING: REASON` (see os_error_message)."""
    reason = error.strerror or str(error)
    if isinstance(error, IsADirectoryError):
        reason = "it is a folder, not a file"
    elif isinstance(error, NotADirectoryError):
        reason = "a part of the path is a file, not a folder"
    elif isinstance(error, FileNotFoundError) and doing == "write":
        reason = f"the folder {str(Path(path).parent)!r} does not exist"
    elif isinstance(error, PermissionError):
        reason = "permission denied"
    return f"cannot {doing}: {reason}"


READ_ONLY = (
    "permission denied: the file is read-only (someone protected it); make it writable "
    "first (chmod u+w, or untick Read-only in its properties) if it may be replaced"
)
READ_ONLY_MOUNT = (
    "the folder is on a read-only file system (mounted read-only, a write-protected disk or "
    "a read-only container volume): no file there can be changed; write to another folder "
    "or remount it writable"
)


def _read_only(target: Path) -> str | None:
    """Why the file `target` may not be replaced, or None: the folder is on a read-only file
    system (os.access says no; chmod could not help), or the existing file is marked read-only
    (its owner's write bit is clear: what a file manager's "Read-only" box sets; root could
    write it anyway, and so would the rename of an atomic write, so the bit itself is read),
    or this process may not write it."""
    if _on_read_only_mount(target if target.exists() else target.parent):
        return READ_ONLY_MOUNT
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISREG(mode) and (not mode & stat.S_IWUSR or not os.access(target, os.W_OK)):
        return READ_ONLY
    return None


def _on_read_only_mount(path: Path) -> bool:
    """Whether `path` lies on a file system mounted read-only (statvfs's ST_RDONLY flag)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # missing path; no statvfs (Windows)
        return False


def file_error(path: Path | str, message: str, line: int = 1, column: int = 1) -> FileError:
    """A FileError (exit 2) of one unreadable-file problem at `path`, line and column."""
    problem = Problem(str(path), line, column, "error", message, unreadable=True)
    return FileError(problems=[problem])


# --- writing --------------------------------------------------------------------------------

ABSENT = "absent"  # the token of a file that does not exist
LOCK_WAIT_S = 120.0  # how long a writer waits for another one to finish with the same file


class ChangedOnDisk(FileError):
    """The file is no longer what the writer read (another writer replaced it in between);
    nothing was written. Exit status 1: read it again and redo the change."""

    status = ExitStatus.FAILED


def token_of(data: bytes | None) -> str:
    """The token of a file's content: "sha256:HEX" of its bytes, ABSENT for no file (None)."""
    return ABSENT if data is None else "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Versioned:
    """A file as read for a later checked write: its bytes (None when it did not exist) and
    the token to pass to `write_atomic(path, new, expect=token)`."""

    path: Path
    data: bytes | None
    token: str


def read_versioned(path: Path | str) -> Versioned:
    """The file's bytes and token (None and ABSENT when there is no file). Raises FileError
    when it exists but cannot be read. For an editor that shows a file, lets someone change it
    and saves later (the app): the save passes the token and fails with ChangedOnDisk when
    anybody else saved in between, instead of overwriting their work."""
    try:
        data: bytes | None = Path(path).read_bytes()
    except FileNotFoundError:
        data = None
    except OSError as error:
        raise file_error(path, os_error_reason(error, path, "read")) from None
    return Versioned(Path(path), data, token_of(data))


def current_token(path: Path | str) -> str:
    """The token of what is at `path` now (ABSENT when nothing is)."""
    return read_versioned(path).token


class _Held:
    """This process's hold on one file's lock: a re-entrant thread lock (threads of one
    process, such as the app's sessions, wait for each other) and, while any of them holds
    it, the locked descriptor of the lock file (other processes wait for that)."""

    def __init__(self) -> None:
        self.thread_lock = threading.RLock()
        self.depth = 0
        self.descriptor: int | None = None


_HOLDS: dict[Path, _Held] = {}
_HOLDS_LOCK = threading.Lock()


def lock_path(path: Path | str) -> Path:
    """The lock file of `path`: `.NAME.lock` beside the file (symlinks followed), present only
    while a writer holds it (or after a writer was killed: the next one takes it over)."""
    target = Path(os.path.realpath(path))
    return target.parent / f".{target.name}.lock"


@contextmanager
def locked(path: Path | str, *, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the lock of `path` for a read-modify-write: every writer of this module takes it
    (re-entrant within a process), so a second writer waits for the first to finish instead of
    both reading the same old file. An advisory lock (POSIX `flock`) on `.NAME.lock`: a killed
    holder releases it with its death, so it never blocks for good. Raises FileError after
    `wait_s` seconds of waiting (naming the lock), or when the folder cannot hold the lock
    file (missing, read-only: the write would fail the same way). A stream (/dev/stdout) is
    not locked."""
    if _is_stream(path):
        yield
        return
    where = lock_path(path)
    with _HOLDS_LOCK:
        held = _HOLDS.setdefault(where, _Held())
    deadline = time.monotonic() + wait_s
    if not held.thread_lock.acquire(timeout=wait_s):
        raise _lock_timeout(path, where, wait_s)
    try:
        if held.depth == 0:
            held.descriptor = _lock_file(path, where, deadline, wait_s)
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0 and held.descriptor is not None:
                # Removed while still locked, so a waiter that opened the old file sees it
                # is gone (_lock_file compares inodes) and locks a new one.
                where.unlink(missing_ok=True)
                os.close(held.descriptor)  # closing releases the flock
                held.descriptor = None
    finally:
        held.thread_lock.release()


def _lock_file(path: Path | str, where: Path, deadline: float, wait_s: float) -> int | None:
    """The descriptor of the lock file `where`, flocked; None where flock does not exist
    (Windows: the token check of write_atomic still refuses a lost update)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    while True:
        try:
            descriptor = os.open(where, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise FileError(os_error_message(error, path, "write")) from None
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(descriptor)
                    raise _lock_timeout(path, where, wait_s) from None
                time.sleep(0.02)
        try:  # the holder before us may have removed the file we locked: lock the new one
            if os.stat(where).st_ino == os.fstat(descriptor).st_ino:
                return descriptor
        except FileNotFoundError:
            pass
        os.close(descriptor)


def _lock_timeout(path: Path | str, where: Path, wait_s: float) -> FileError:
    return FileError(
        f"{path}: error: another writer has been changing this file for more than "
        f"{wait_s:g} s (it holds {where}); nothing was written; try again when it has finished"
    )


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files an interrupted write of `target` left beside it (a killed
    writer cannot clean up). Called under the lock, so no live writer owns one."""
    for leftover in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
        leftover.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    """`name` with the characters glob reads as patterns ([, *, ?) matched literally."""
    return re.sub(r"([\[*?])", r"[\1]", name)


def write_atomic(path: Path | str, data: str | bytes, *, expect: str | None = None) -> str:
    """Replace `path` with `data` (text is written as UTF-8) so that a reader sees the old file
    or the new one, never half of either: a temporary file beside it, flushed to disk, then
    renamed over the original, all under the file's lock (`locked`). With `expect` (a token
    from read_json, read_versioned or token_of; ABSENT for a file that must not exist yet),
    the file must still hold what was read, else ChangedOnDisk and nothing is written.
    Keeps the original's permission bits; writes through a symlink; removes temporary files
    an earlier, interrupted write left. A path that is neither a file nor a folder
    (/dev/stdout, /dev/null, a named pipe) is written directly: nothing there could be left
    half-written. Returns the token of the new content. Raises FileError naming the path (a
    folder, a missing folder, no permission, a read-only file or file system, a full disk);
    the old file is then left as it was."""
    shown = str(path)
    if isinstance(data, str):
        data = data.encode("utf-8")  # fails here, before anything is touched
    if _is_stream(path):
        try:
            with open(path, "wb") as stream:
                stream.write(data)
        except BrokenPipeError:
            raise  # the reader stopped reading (`| head`): geo.cli.main ends quietly
        except OSError as error:
            raise FileError(os_error_message(error, shown, "write")) from None
        return token_of(data)
    target = Path(os.path.realpath(path))
    refusal = _read_only(target)
    if refusal:  # the rename below would replace it regardless
        raise FileError(f"{shown}: error: cannot write: {refusal}")
    if target.is_dir():
        raise FileError(os_error_message(IsADirectoryError(21, "Is a directory"), shown, "write"))
    with locked(path):
        if expect is not None and current_token(target) != expect:
            raise ChangedOnDisk(
                f"{shown}: error: the file changed on disk since it was read (another "
                "writer saved it in between); nothing was written, so that change is kept: "
                "read it again and redo this one"
            )
        _remove_leftovers(target)
        _replace(target, data, shown)
    return token_of(data)


def update(path: Path | str, change: Callable[[bytes | None], bytes]) -> str:
    """Read-modify-write `path` under its lock: `change` gets the current bytes (None when
    there is no file) and returns the new ones, which replace them atomically. A save that
    applies one person's edit to whatever the file holds now (not to what they saw earlier:
    for that, write_atomic with the token they read). Returns the new token; raises what
    write_atomic and `change` raise (nothing is then written)."""
    with locked(path):
        current = read_versioned(path)
        return write_atomic(path, change(current.data), expect=current.token)


def _replace(target: Path, data: bytes, shown: str) -> None:
    """Write `data` to a temporary file beside `target`, flush it, rename it over `target`."""
    try:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise FileError(os_error_message(error, shown, "write")) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise FileError(os_error_message(error, shown, "write")) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def _is_stream(path: Path | str) -> bool:
    """Whether `path` names an existing device or pipe rather than a file or folder (stat
    follows /dev/stdout to the pipe or terminal behind it; its realpath may not exist)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); some systems cannot open a directory."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def check_writable(path: Path | str) -> None:
    """Raise FileError now when `path` cannot be written (a folder, a missing folder, no
    permission), so a long computation does not end in that error."""
    if _is_stream(path):
        return
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise FileError(os_error_message(IsADirectoryError(21, "Is a directory"), path, "write"))
    if not target.parent.is_dir():
        raise FileError(os_error_message(FileNotFoundError(2, "No such file"), path, "write"))
    refusal = _read_only(target)
    if refusal:
        raise FileError(f"{path}: error: cannot write: {refusal}")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise FileError(os_error_message(PermissionError(13, "Permission denied"), path, "write"))


def check_not_replacing(path: Path | str, *, force: bool, advice: str) -> None:
    """Raise UserError (exit 1) when `path` is an existing file and `force` is not set: a verb
    that writes its output whole would replace what is there, which may be hand work (a draft
    a reviewer has edited, a curated incident file). `advice` says what to do instead; the
    message adds --force."""
    if force or not Path(path).is_file():
        return
    raise UserError(
        f"{path}: error: the file exists and would be replaced whole; {advice}, or pass "
        "--force to replace it"
    )


# --- reading --------------------------------------------------------------------------------


def read_bytes(path: Path | str) -> bytes:
    """The file's bytes; FileError naming the path when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise file_error(path, os_error_reason(error, path, "read")) from None


def check_readable(path: Path | str) -> None:
    """Raise FileError now when `path` cannot be opened for reading (for files a library reads
    itself, such as GDAL, whose own message would not say why)."""
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise file_error(path, os_error_reason(error, path, "read")) from None


def decode(data: bytes, shown: str, *, keep_bom: bool = False) -> str:
    """UTF-8 text, a leading byte-order mark dropped unless `keep_bom` (the validator reports
    it). Raises FileError at the first byte
    that is not UTF-8: its line and column (in characters), what it would be in Windows-1252
    (the usual culprit: a spreadsheet's "CSV" export), and how to re-save the file."""
    for mark, name in _OTHER_BOMS:
        if data.startswith(mark):
            raise file_error(shown, f"the file is {name} text, not UTF-8; {RESAVE_HINT}")
    kind = _binary_kind(data)
    if kind is not None:
        raise file_error(shown, f"the file is {kind}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _undecodable(data, error, shown) from None
    return text if keep_bom else text.removeprefix(BOM)


TEXT_PREFIX_BYTES = 1 << 16


def check_text_prefix(path: Path | str) -> None:
    """Raise FileError now, as `decode` would, when the first 64 KiB of `path` show it is not
    UTF-8 text (a workbook, an archive, UTF-16, a byte that is not UTF-8): for readers that
    stream a file too big to decode whole (geo.store's import)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(TEXT_PREFIX_BYTES)
    except OSError as error:
        raise file_error(path, os_error_reason(error, path, "read")) from None
    if head.startswith(b"PK\x03\x04"):  # an archive: its member names need the whole file
        head = read_bytes(path)
    elif len(head) == TEXT_PREFIX_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # no character cut in two at the end
    decode(head, str(path))


def _binary_kind(data: bytes) -> str | None:
    """What a file that is not text is, from its first bytes; None for anything else."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if not data.startswith(b"PK\x03\x04"):
        return None
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "a ZIP archive (damaged), not text"
    for prefix, kind in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            return kind
    if any(name.lower().endswith(".shp") for name in names):
        return f"a zipped Shapefile, not text; {IMPORT_HINT}"
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"a ZIP archive holding {shown or 'nothing'}, not text: extract the file and use that"


def _undecodable(data: bytes, error: UnicodeDecodeError, shown: str) -> FileError:
    line_start = data.rfind(b"\n", 0, error.start) + 1
    line = data.count(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
    byte = data[error.start]
    try:
        guess = bytes([byte]).decode("cp1252")
        looks = f" ({guess!r} in Windows-1252: the file is probably Windows-1252 or Latin-1)"
    except UnicodeDecodeError:
        looks = ""
    message = f"not UTF-8 text: byte 0x{byte:02x} cannot be decoded{looks}; {RESAVE_HINT}"
    return file_error(shown, message, line, column)


def read_text(path: Path | str) -> str:
    """The file as UTF-8 text without a byte-order mark; FileError when it cannot be read or is
    not UTF-8 (see `decode`)."""
    return decode(read_bytes(path), str(path))


@dataclass
class JSONFile:
    """A JSON file read for rewriting: `text` is the file's text (a byte-order mark dropped),
    `document` the parsed value, `bom` whether the file began with a byte-order mark, `token`
    what to pass to `write_atomic(..., expect=token)` so the rewrite replaces only this."""

    path: Path
    text: str
    document: Any
    bom: bool
    token: str

    def source_map(self) -> Any:
        """Line and column of any value (geo.jsonpos.SourceMap)."""
        return SourceMap(self.text)


def read_json(path: Path | str) -> JSONFile:
    """Read a JSON file that is about to be rewritten. Raises FileError when it cannot be read,
    is not UTF-8, is not JSON (line and column of the error), or repeats a key inside one
    object (geo.jsonpos.duplicate_problems: each later occurrence, its feature and
    property; the validator reports the same, with the same exit status): rewriting would drop
    one of the values, so the user removes one by hand first."""
    raw = read_bytes(path)
    text = decode(raw, str(path))
    try:
        parsed = parse(text)
    except JSONSyntaxError as error:
        raise FileError(problems=[error.problem(str(path))]) from None
    duplicates = duplicate_problems(parsed, SourceMap(text), str(path))
    if duplicates:
        raise FileError(problems=duplicates)
    bom = raw.startswith(BOM.encode())
    return JSONFile(Path(path), text, parsed.document, bom, token_of(raw))
