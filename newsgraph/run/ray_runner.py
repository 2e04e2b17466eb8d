"""Ingest on a Ray cluster: the same chunks and the same batch function as
the local runner, scheduled by Ray Data.

    sources --(driver: list)--> one read task per source file (read_chunks)
        --one chunk per block-->
        actor pool of ChunkExtractor (each loads the pipeline once; extract_chunk
        writes the chunk's Parquet files) --> small results --> Tally (driver)

Records never pass through the driver: each actor writes its chunk's files
under OUT, which every node must reach (a shared filesystem or an object
store such as ``s3://bucket/prefix``). An actor that dies mid-chunk is
restarted by Ray and the chunk retried; the retry rewrites the same files
(names and ids are deterministic, see ``parquet.py``).
"""
from __future__ import annotations

import json
import logging
import os
import time
from typing import Any, Callable, Iterable

from ..ingest.filesystems import expand_any, is_remote
from ..settings import Settings
from ..version import extractor_version
from .local import IngestSummary
from .batch import CHUNK
from .parquet import Tally, extract_chunk, read_chunks

__all__ = ["ingest_ray", "ChunkExtractor"]

log = logging.getLogger(__name__)

#: CPUs a read task asks for: reading is cheap next to the NLP, so the read
#: tasks share the cores of the actor pool rather than hold cores of their own
READ_CPUS = 0.0


class ChunkExtractor:
    """A Ray Data actor: loads the pipeline once, then extracts chunks."""

    def __init__(self, settings: Settings, out: str, version: str):
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(settings)
        self.pipeline.gazetteer  # load the place index now, not in the first chunk
        self.out = out
        self.version = version

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        results = []
        for source, n, articles in zip(batch["source"], batch["chunk"], batch["articles"]):
            chunk = {"source": str(source), "chunk": int(n), "articles": str(articles)}
            results.append(json.dumps(extract_chunk(self.pipeline, chunk, self.out, self.version)))
        return {"result": results}


def _read(row: dict[str, Any], settings: Settings, published: str | None, size: int) -> list[dict[str, Any]]:
    return list(read_chunks(row["source"], settings, published=published, size=size))


def ingest_ray(sources: Iterable[str], out: str | os.PathLike, *, settings: Settings | None = None, workers: int | None = None,
               address: str | None = None, published: str | None = None, progress: Callable[[int], None] | None = None,
               extractor: type = ChunkExtractor, chunk: int = CHUNK) -> IngestSummary:
    """Extract ``sources`` into Parquet under ``out`` with a pool of
    ``workers`` Ray actors. ``address``: ``None`` starts Ray on this machine
    (unless this process is already connected), ``auto`` joins the cluster
    this machine is part of, ``ray://HOST:10001`` connects as a client.
    ``chunk``: articles per chunk (and per file); keep it for reruns into the
    same OUT."""
    import ray
    import ray.data

    settings = settings or Settings.load()
    started = time.perf_counter()
    out = str(out) if is_remote(str(out)) else os.path.abspath(out)
    files = list(expand_any(sources))
    own = not ray.is_initialized()
    if own:
        ray.init(address=address, num_cpus=(workers or os.cpu_count()) if address is None else None,
                 include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        tally = Tally(progress)
        ctx = ray.data.DataContext.get_current()
        saved = ctx.enable_progress_bars, ctx.target_max_block_size
        if files:
            ctx.enable_progress_bars = False
            ctx.target_max_block_size = 1  # every chunk its own block: any idle actor can take it
            ds = ray.data.from_items([{"source": f} for f in files], override_num_blocks=len(files))
            ds = ds.flat_map(_read, fn_kwargs={"settings": settings, "published": published, "size": chunk}, num_cpus=READ_CPUS)
            ds = ds.map_batches(extractor, batch_size=1, concurrency=workers, num_cpus=1,
                                fn_constructor_kwargs={"settings": settings, "out": out, "version": extractor_version(settings)})
            try:
                for row in ds.iter_rows():
                    tally.add(json.loads(row["result"]))
            finally:
                ctx.enable_progress_bars, ctx.target_max_block_size = saved
    finally:
        if own:
            ray.shutdown()
    tally.summary.seconds = time.perf_counter() - started
    return tally.summary
