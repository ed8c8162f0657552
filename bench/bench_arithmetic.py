"""Benchmark of the arithmetic family alone (a figure, not a timed test).

    python bench/bench_arithmetic.py            # ~10 MB of report text
    python bench/bench_arithmetic.py --mb 2

Reads the seed reports (or examples/*.txt) repeated to the given size, builds each document's
outline outside the clock, then times what the A family costs: quantity and sentence extraction
(the facts) plus every A2xx rule. Prints MB/s (UTF-8 bytes of input per second, one core) and the
relations checked, so a silent pass is visible.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportlint.config import Settings  # noqa: E402
from reportlint.engine import analyse  # noqa: E402
from reportlint.readers.text import read_text  # noqa: E402
from reportlint.rules import Context, all_rules  # noqa: E402


def corpus() -> list[Path]:
    seeds = ROOT.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    return files + sorted((ROOT / "examples").glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    texts = [p.read_bytes() for p in corpus()]
    settings = Settings()
    prepared = []
    size = 0
    while size < args.mb * 1_000_000:
        for data in texts:
            doc = read_text(data, f"r{len(prepared)}.txt")
            outline, facts, ruleset, _ = analyse(doc, settings)
            prepared.append((doc, outline, facts, ruleset))
            size += len(data)
    rules = [r for r in all_rules() if r.code.startswith("A")]
    # the prepared documents wait in memory; keep the cyclic collector from rescanning them
    # again and again (a linter run holds one document at a time)
    gc.collect()
    gc.freeze()
    stats: Counter[str] = Counter()
    findings = n_docs = 0
    t0, c0 = time.perf_counter(), time.process_time()
    prepared.reverse()
    while prepared:
        # one document at a time, released when done, as a linter run holds it
        doc, outline, facts, ruleset = prepared.pop()
        ctx = Context(document=doc, outline=outline, facts=facts, ruleset=ruleset)
        for rule in rules:
            findings += sum(1 for _ in rule().check(ctx))
        stats.update(ctx.stats)
        n_docs += 1
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    mb = size / 1_000_000
    print(
        f"A family ({len(rules)} rules, extraction included): {mb:.1f} MB in {cpu:.2f} s CPU = {mb / cpu:.2f} MB/s "
        f"(wall {elapsed:.2f} s = {mb / elapsed:.2f} MB/s)"
    )
    print(
        f"documents {n_docs}, quantities {stats['quantities']}, relations checked {stats['relations']}, "
        f"unparsed {stats['unparsed']}, findings {findings}"
    )


if __name__ == "__main__":
    main()
