"""Sources on any filesystem pyarrow supports (``s3://``, ``gs://``,
``hdfs://``, ``file://``), next to local paths and http(s) URLs.

``expand_any`` lists them (directories recursively, sorted, article suffixes
only); ``local_copy`` gives the readers a local file, copied through pyarrow
when the source is remote, with the same name so the reader is chosen by the
same suffix rules.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from .sources import ARTICLE_SUFFIXES, source_kind, expand, is_url

__all__ = ["is_remote", "expand_any", "local_copy", "open_filesystem"]


def is_remote(source: str) -> bool:
    """A URI with a scheme pyarrow reads (not http(s), which the fetcher reads)."""
    return "://" in source and not is_url(source)


def open_filesystem(uri: str):
    """``(pyarrow filesystem, path on it, scheme prefix)`` of a URI or local path."""
    from pyarrow import fs

    if not is_remote(uri):
        return fs.LocalFileSystem(), os.path.abspath(uri), ""
    filesystem, path = fs.FileSystem.from_uri(uri)
    return filesystem, path, uri.split("://", 1)[0] + "://"


def expand_any(sources: Iterable[str]) -> Iterator[str]:
    """Every source to read, in a repeatable order: local ones as ``expand``
    gives them, remote directories listed through pyarrow."""
    from pyarrow import fs

    for source in sources:
        if not is_remote(source):
            yield from expand([source])
            continue
        filesystem, path, prefix = open_filesystem(source)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.Directory:
            found = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
            for f in sorted(found, key=lambda i: i.path):
                if f.type == fs.FileType.File and source_kind(Path(f.base_name)) in ARTICLE_SUFFIXES:
                    yield prefix + f.path
        else:
            yield source  # a missing file is reported by the reader, like a local one


@contextlib.contextmanager
def local_copy(source: str) -> Iterator[str]:
    """A local path holding ``source``'s bytes (the source itself when local)."""
    if not is_remote(source):
        yield source
        return
    filesystem, path, _ = open_filesystem(source)
    with tempfile.TemporaryDirectory(prefix="newsgraph-") as tmp:
        local = os.path.join(tmp, os.path.basename(path.rstrip("/")) or "source")
        try:
            with filesystem.open_input_stream(path) as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (OSError, FileNotFoundError):
            pass  # the reader reports the missing file with its own message
        yield local
