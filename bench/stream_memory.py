"""Streaming: memory of `newsgraph extract -` over many articles, and the first record's latency.

    .venv/bin/python bench/stream_memory.py [--articles 10000]

Feeds ``--articles`` articles of ../shared/corpora/bbc-2005.jsonl (cycled,
each copy with its own id) as JSON Lines into the real command's standard
input through a pipe, reads its output as it comes, and samples the child's
resident memory (``/proc/PID/status`` VmRSS) every 2 s. Prints the seconds to
the first record (model load included), the RSS after the first 5% of articles
and at the end, the peak, the range after the first 20% (once the caches and
the vocabulary of the corpus are warm), and the end/early ratio: flat streaming keeps it near
1.0 (input and output are never held whole).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"
EXE = Path(sys.executable).with_name("newsgraph")


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"skip: {CORPUS} is missing")
    base = [json.loads(line) for line in CORPUS.open()]
    proc = subprocess.Popen([str(EXE), "extract", "-", "--format", "jsonl"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    t0 = time.perf_counter()

    def feed() -> None:
        for i in range(args.articles):
            a = base[i % len(base)]
            line = {"id": f"{a['id']}#{i // len(base)}", "text": a["text"], "published": "2005-01-01"}
            proc.stdin.write(json.dumps(line).encode() + b"\n")
        proc.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    samples: list[tuple[int, float]] = []
    done, first = 0, None
    next_sample = 0.0
    for line in proc.stdout:
        done += 1
        if first is None:
            first = time.perf_counter() - t0
        now = time.perf_counter()
        if now >= next_sample:
            if (mb := rss_mb(proc.pid)) is not None:
                samples.append((done, mb))
            next_sample = now + 2.0
    proc.wait()
    wall = time.perf_counter() - t0
    early = next((mb for n, mb in samples if n >= args.articles * 0.05), samples[0][1])
    end = samples[-1][1]
    print(f"articles {done}/{args.articles} in {wall:.0f} s ({done / wall:.1f}/s); first record after {first:.1f} s")
    print(f"RSS after 5%: {early:.0f} MB; at the end: {end:.0f} MB; peak {max(mb for _, mb in samples):.0f} MB; "
          f"end/early {end / early:.2f} (flat: ~1.0)")
    # the first pass over the corpus fills caches and vocabulary; what must not grow is what comes after
    warm = [mb for n, mb in samples if n >= args.articles * 0.2]
    if warm:
        print(f"after the first 20% (warm): {warm[0]:.0f} MB, then between {min(warm):.0f} and {max(warm):.0f} MB;"
              f" end/warm {end / warm[0]:.2f}")
    for n, mb in samples[:: max(1, len(samples) // 10)]:
        print(f"  {n:>6} records  {mb:6.0f} MB")


if __name__ == "__main__":
    main()
