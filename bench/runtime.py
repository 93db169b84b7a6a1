#!/usr/bin/python3
"""Run time of the compiled network next to the NumPy reference simulator.

The network is a reduced SEW-ResNet-18 7PLIF: its first blocks (a prefix,
blocks 0..B-1; the whole network cannot take a 32x32 input) at input 2x32x32,
T=4, with seeded constant weights (bench/gen_networks.py). On one seeded
random input it runs:

* `snn-run --repeat N --print-timing` for the plain layer-by-layer lowering
  and for the fused, time-batched schedule in column bands
  (`snn-set-schedule{mode=tb-f}`) and in row bands (`tile-axis=rows`):
  its compile times (parse+lower, then jit: LLVM optimisation and machine
  code generation) and the minimum and mean of the N calls;
* the reference simulator (python/snn_mlir/reference.py) R times, timed with
  time.perf_counter; its median.

Every output must equal the reference's exactly. The figure is a ratio
(reference time / run time) on this machine, not a timed test.

    /usr/bin/python3 bench/runtime.py [--blocks 4] [--max-channels 0] [--repeat 10]
        [--reference-repeat 3] [--seed 0] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(BENCH))

import gen_networks  # noqa: E402
from snn_mlir import compiler  # noqa: E402
from snn_mlir.reference import input_arrays, simulate  # noqa: E402

NETWORK = "sew-resnet18-7plif"
INPUT_HW = (32, 32)
TIME_STEPS = 4
# label -> compiler.SCHEDULES name
SCHEDULES = {"layer-by-layer": "layer", "TB-F": "tb-f", "TB-F rows": "tb-f-rows"}
TIMING = re.compile(r"parse\+lower ([\d.]+) ms, jit ([\d.]+) ms, run ([\d.]+) ms mean / "
                    r"([\d.]+) ms min over (\d+) calls")


def progress(text: str) -> None:
    print(f"[runtime] {text}", file=sys.stderr, flush=True)


def snn_run(mlir: Path, inputs: Sequence[Path], outputs: Sequence[Path], schedule: str,
            repeat: int) -> Dict[str, float]:
    """One snn-run with --repeat and --print-timing; its timing line."""
    command = [compiler.tool_path("snn-run"), str(mlir), "--entry", "main"]
    command += [a for p in inputs for a in ("--input", str(p))]
    command += [a for p in outputs for a in ("--output", str(p))]
    pipeline = compiler.snn_run_pipeline(compiler.schedule_passes(schedule))
    if pipeline:
        command.append(f"--pass-pipeline={pipeline}")
    command += [f"--repeat={repeat}", "--print-timing"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        sys.exit(f"error: snn-run ({schedule}) exited with {done.returncode}:\n"
                 f"{done.stderr[-3000:]}")
    match = TIMING.search(done.stderr)
    if not match:
        sys.exit(f"error: snn-run printed no timing line:\n{done.stderr[-2000:]}")
    lower, jit, mean, best, _ = (float(x) for x in match.groups())
    return {"lower_ms": lower, "jit_ms": jit, "mean_ms": mean, "min_ms": best}


def _parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=4,
                        help="SEW-ResNet-18 blocks kept (a prefix, default 4: blocks 0-3)")
    parser.add_argument("--max-channels", type=int, default=0,
                        help="cap on every channel count (default 0: as published)")
    parser.add_argument("--repeat", type=int, default=10, help="snn-run calls (default 10)")
    parser.add_argument("--reference-repeat", type=int, default=3,
                        help="reference simulator runs (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of weights and input")
    parser.add_argument("--shared", help="the shared folder holding bench/ (default: "
                                         "$SNN_SHARED or <repo>/../shared)")
    parser.add_argument("--json", action="store_true", help="also print the records as JSON")
    args = parser.parse_args(argv)
    if args.blocks < 1 or args.repeat < 1 or args.reference_repeat < 1:
        parser.error("--blocks, --repeat and --reference-repeat must be positive")
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parse(argv)
    channels = args.max_channels or None
    size = (f"{NETWORK} blocks 0-{args.blocks - 1}, input 2x{INPUT_HW[0]}x{INPUT_HW[1]}, "
            f"T={TIME_STEPS}, channels <= {channels or 'as published'}")
    progress(f"building {size}")
    reduction = gen_networks.Reduction(INPUT_HW, TIME_STEPS, channels)
    net, text = gen_networks.prefix_network(NETWORK, args.blocks, reduction, args.seed,
                                            args.shared)
    inputs = input_arrays(net, gen_networks.random_input(net, args.seed))

    reference_ms: List[float] = []
    expected = None
    for k in range(args.reference_repeat):
        progress(f"reference simulator, run {k + 1} of {args.reference_repeat}")
        start = time.perf_counter()
        expected = simulate(net, inputs)
        reference_ms.append((time.perf_counter() - start) * 1e3)
    reference = statistics.median(reference_ms)

    records = []
    with tempfile.TemporaryDirectory(prefix="snn-runtime-") as tmp:
        tmp = Path(tmp)
        mlir = tmp / "net.mlir"
        mlir.write_text(text)
        in_paths = []
        for k, array in enumerate(inputs):
            in_paths.append(tmp / f"in{k}.npy")
            np.save(in_paths[-1], array)
        for label, schedule in SCHEDULES.items():
            outs = [tmp / f"{schedule}-out{k}.npy" for k in range(len(net.outputs))]
            progress(f"{label}: snn-run --repeat {args.repeat}")
            rec = {"schedule": label, **snn_run(mlir, in_paths, outs, schedule, args.repeat)}
            for path, want in zip(outs, expected):
                if not np.array_equal(np.load(path), want):
                    sys.exit(f"error: {label}: snn-run's output differs from the reference")
            rec["reference_ms"] = reference
            rec["ratio"] = reference / rec["min_ms"]
            records.append(rec)

    print(f"\n{size}; seed {args.seed}; outputs equal to the reference: yes")
    print(f"snn-run: parse+lower and jit (code generation included) as --print-timing "
          f"prints them; run min/mean over {args.repeat} calls")
    print(f"reference: median of {args.reference_repeat} runs of reference.simulate "
          f"({', '.join(f'{t:.0f}' for t in reference_ms)} ms)\n")
    header = (f"{'schedule':<15} {'parse+lower ms':>14} {'jit ms':>8} "
              f"{'run min ms':>10} {'run mean ms':>11} {'reference ms':>12} {'ref/run':>8}")
    print(header)
    print("-" * len(header))
    for r in records:
        print(f"{r['schedule']:<15} {r['lower_ms']:>14.1f} {r['jit_ms']:>8.1f} "
              f"{r['min_ms']:>10.2f} {r['mean_ms']:>11.2f} "
              f"{r['reference_ms']:>12.0f} {r['ratio']:>8.1f}")
    if args.json:
        print(json.dumps(records, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
