"""Fuzz the whole extraction for a fixed time: generated text in, well-formed records out.

    python fuzz/fuzz_extract.py --seconds 60

Each round runs the property of tests/test_properties.py on new random examples. A failure
prints hypothesis's smallest failing input and exits 1: add that input to
tests/test_regressions.py so it is checked on every run from then on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_properties import TEXTS, check  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    rounds = 0
    property_test = settings(max_examples=100, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))(given(TEXTS)(check))
    while time.monotonic() < deadline:
        property_test()
        rounds += 1
    print(f"fuzz: {rounds * 100} inputs in {args.seconds:.0f} s, no failure", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
