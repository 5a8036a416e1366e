"""How long the reports ledger's derivations take on many incidents.

    .venv/bin/python bench/ledger_bench.py [N]     # N incidents, 100000 by default

Two shapes of data, timed best of three (wall clock): an ACLED import (one report per row,
ACLED asserting, `killed` 0-6: few distinct report lists) and hand-curated incidents (three to
five reports each from twenty outlets and six claimants, nearly every list distinct). For each:
origins (`origins_of`, what the "independent origins" filter runs), a claimant-and-stance match
(`matching_reports`) and the popup and table texts (`report_labels`).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

import pandas as pd

from geo.ledger import Registry, matching_reports, origins_of, report_labels

OUTLETS = [f"outlet-{i}" for i in range(20)]
CLAIMANTS = ["", "Azerbaijan MFA", "Azerbaijan MoD", "Iran General Staff", "NATO", "Residents"]
STANCES = ["asserts", "relays", "denies", "disputes"]


def best_of_three(step: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main(count: int) -> None:
    rng = random.Random(11)
    registry = Registry.of(
        pd.DataFrame(
            {"outlet": ["ACLED", *OUTLETS], "published": pd.NaT},
            index=pd.Index(["acled", *OUTLETS], name="id"),
        )
    )
    acled = [
        [{"source": "acled", "stance": "asserts", "figures": {"killed": i % 7}}]
        for i in range(count)
    ]
    curated = [
        [
            {
                "source": rng.choice(OUTLETS),
                "stance": rng.choice(STANCES),
                "claimant": rng.choice(CLAIMANTS),
                "figures": {"injured": rng.randint(0, 9)},
            }
            for _ in range(rng.randint(3, 5))
        ]
        for _ in range(count)
    ]
    for label, rows in (("ACLED import", acled), ("curated", curated)):
        frame = pd.DataFrame({"reports": rows})
        print(f"{label}, {count:,} incidents:")
        print(f"  origins_of        {best_of_three(lambda f=frame: origins_of(f)):.2f} s")
        match = best_of_three(
            lambda f=frame: matching_reports(
                f, frozenset({"Iran General Staff"}), frozenset({"denies"})
            )
        )
        print(f"  matching_reports  {match:.2f} s")
        print(
            f"  report_labels     {best_of_three(lambda f=frame: report_labels(f, registry)):.2f} s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
