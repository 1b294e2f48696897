"""Output files written whole or not at all: a temporary file beside the target, renamed into place.

A full disk, a killed process or an exception half-way leaves the previous file (or none), never a
truncated or empty one; the temporary file is removed on failure. The rename is atomic because
the temporary file is in the same folder.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_text(path: Path, *, newline: str = "\n", errors: str = "strict", buffering: int = -1) -> Iterator[TextIO]:
    """An open UTF-8 text stream whose content becomes ``path`` when the block ends without error."""
    path = Path(path)
    if path.is_dir():  # fail before any work, with the error the rename would give
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline, errors=errors, buffering=buffering) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, *, newline: str = "\n") -> None:
    """``path.write_text(text)``, whole or not at all."""
    with atomic_text(path, newline=newline) as stream:
        stream.write(text)


def describe_os_error(exc: OSError) -> str:
    """A short reason for a failed write, for a one-line error message."""
    reasons = {
        errno.ENOSPC: "no space left on device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a folder, not a file",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EEXIST: "a file is in the way",
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
