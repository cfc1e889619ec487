"""Headers: a 1 MB header block read (path, authentication, identity, provider verdicts and
the report data) in the core; budget under 0.1 s (DESIGN.md).

    python tests/benchmarks/bench_headers.py [--runs N]

The block is the real-world shapes of tests/core/headers/samples (Gmail, Microsoft 365,
Yahoo, Apple, QQ/NetEase, Postfix+rspamd, clock skew) one after another, their bodies left
out, repeated to 1 MB: thousands of Received and Authentication-Results fields, of which
the reading keeps the newest 200 and 50, as it must. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import Row, print_table, repeat  # noqa: E402

SAMPLES = ROOT / "tests" / "core" / "headers" / "samples"


def header_block(size: int) -> str:
    heads = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        heads.append(text.split("\n\n", 1)[0].strip("\n") + "\n")
    unit = "".join(heads)
    text = (unit * (size // len(unit) + 1))[:size]
    return text[: text.rfind("\n") + 1]


def measure(runs: int) -> list[Row]:
    from smtp_gui.core.headers.analysis import analyse
    from smtp_gui.core.headers.data import to_dict

    block = header_block(1_000_000)
    to_dict(analyse(block[:20_000]), "en")  # loads the provider data and the suffix list

    def timed() -> float:
        start = time.perf_counter()
        to_dict(analyse(block), "en")
        return time.perf_counter() - start

    one = repeat(timed, runs)
    return [
        Row(
            "headers: 1 MB header block read",
            one.fmt(),
            "-",
            None,
            "< 0.1 s",
            one.median < 0.1,
            f"{block.count(chr(10))} lines",
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print_table(measure(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
