#!/usr/bin/python3
"""Exhaustive check of the auto-scheduler on the STEMS schedule space.

The STEMS study chooses one of four modes per block of SEW-ResNet-18 (ST-LBL,
TB-LBL, ST-F, TB-F): 4^7 = 16,384 schedules. This evaluates every one of
them with the cost model and compares the best (by off-chip traffic and by
energy) with what snn-auto-schedule finds in its larger space, which
contains all of them: the search must never be worse.

    /usr/bin/python3 bench/stems_space.py [--network sew-resnet18-7plif]
        [--hardware meta-proto-1MB] [--accounting stems] [--jobs 2]
"""

import argparse
import concurrent.futures
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
MODES = ["st-lbl", "tb-lbl", "st-f", "tb-f"]
BLOCKS = 7


def snn_opt():
    build = Path(os.environ.get("SNN_MLIR_BUILD", BENCH.parent / "build"))
    return str(build / "bin" / "snn-opt")


def report(network, passes, hardware, accounting):
    pipeline = "builtin.module(" + ",".join(
        passes + [f"snn-cost-report{{hardware={hardware} accounting={accounting} "
                  f"table=false json=-}}"]) + ")"
    out = subprocess.run([snn_opt(), str(network), f"--pass-pipeline={pipeline}",
                          "-o", os.devnull], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)[0]
    return r["offchip_bytes"], r["energy_pj"], r["fits"]


def evaluate(args):
    network, combo, hardware, accounting = args
    passes = [f"func.func(snn-set-schedule{{mode={mode} blocks={block}}})"
              for block, mode in enumerate(combo)]
    return combo, report(network, passes, hardware, accounting)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--network", default="sew-resnet18-7plif")
    parser.add_argument("--hardware", default="meta-proto-1MB")
    parser.add_argument("--accounting", default="stems", choices=["default", "stems"])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    network = BENCH / "networks" / f"{args.network}.mlir"
    hardware = BENCH / "stems" / f"{args.hardware}.hw.json"

    start = time.monotonic()
    combos = list(itertools.product(MODES, repeat=BLOCKS))
    best = {"traffic": None, "energy": None}
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        work = [(network, combo, hardware, args.accounting) for combo in combos]
        for done, (combo, (traffic, energy, fits)) in enumerate(
                pool.map(evaluate, work, chunksize=64), 1):
            if fits:
                for key, value in (("traffic", traffic), ("energy", energy)):
                    if best[key] is None or value < best[key][0]:
                        best[key] = (value, combo, traffic, energy)
            if done % 1024 == 0:
                print(f"  {done} of {len(combos)} schedules, {time.monotonic() - start:.0f} s",
                      file=sys.stderr, flush=True)
    print(f"{args.network} on {args.hardware}, {args.accounting} accounting: "
          f"{len(combos)} per-block STEMS schedules evaluated in "
          f"{time.monotonic() - start:.0f} s")
    failed = False
    for objective in ("traffic", "energy"):
        if best[objective] is None:
            print(f"  {objective}: no STEMS schedule fits")
            continue
        _, combo, traffic, energy = best[objective]
        passes = [f"snn-auto-schedule{{hardware={hardware} accounting={args.accounting} "
                  f"objective={objective}}}"]
        auto_traffic, auto_energy, auto_fits = report(network, passes, hardware,
                                                      args.accounting)
        ours, theirs = ((auto_traffic, traffic) if objective == "traffic"
                        else (auto_energy, energy))
        verdict = "ok" if auto_fits and ours <= theirs * (1 + 1e-9) else "WORSE"
        failed |= verdict != "ok"
        print(f"  best by {objective}: {' '.join(combo)}: {traffic:,} B, {energy / 1e9:.3f} mJ;"
              f" auto-scheduler: {auto_traffic:,} B, {auto_energy / 1e9:.3f} mJ: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
