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
        [--rounds 3] [--threads 1] [--reference-repeat 3] [--seed 0] [--json]

The schedules run in `--rounds` interleaved rounds (this machine's speed
drifts by tens of percent over seconds): each round runs every schedule once
with `--repeat` calls; the table shows the least of the rounds' minimum
times (and their mean), the median compile times.

With `--config` it instead compares snn-run with PyTorch 1.13 eager baselines
(bench/torch_eager.py; needs python3-torch: `scripts/setup.sh --bench`):

    /usr/bin/python3 bench/runtime.py --config cnn|sew-prefix|red-lif|sew-full|all
        [--config ...] [--threads 1,2] [--repeat N] [--density 0.10]
        [--snn-schedule layer] [--no-reference] [--seed 0] [--json]

* `cnn`: data/nir/cnn_sinabs.nir imported with the sinabs preset, T=100,
  i1 input (as `snn_mlir import-nir --preset sinabs --time-steps 100
  --input-dtype i1`), a seeded N-MNIST-shaped input with `--density` events;
* `sew-prefix`: the network above (`--blocks`, `--max-channels` apply);
* `red-lif`: RED-LIF at input 6x90x160 (a quarter of the published
  360x640 per side), T=4, channels <= 64 (the reference takes 20-30 s);
* `sew-full`: SEW-ResNet-18 7PLIF at its published size, T=16, 2x128x128
  4-bit input, seeded weights (gen_networks `--reduced --input-hw 128 128
  --time-steps 16 --max-channels 100000`); no reference (far too slow).

For each thread count (`--threads`, default 1,2): snn-run `--threads N`
(`--rounds` rounds as above), PyTorch time-batched (synapses on all T steps as one batch,
neurons stepped) and PyTorch stepped (the whole network one step at a time),
each warmed up once, then the min and mean of `--repeat` runs (default per
configuration: cnn, sew-prefix 10, red-lif 5, sew-full 1). Columns: GMAC/s
(conv2d and dense multiply-accumulates of the graph / min time), that as a
fraction of the machine's measured peak (bench/fma_peak.c: f32 AVX2 FMA
lanes per second, 1 and 2 threads) and snn-run's speedup: PyTorch's time /
snn-run's at the same thread count (> 1: snn-run is faster). Outputs:
snn-run must equal the reference (or PyTorch without one); PyTorch must
equal it on integer networks, on the float cnn its agreement (fraction of
equal output elements) is printed, since PyTorch sums in its own order.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
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
from snn_mlir import compiler, dtypes  # noqa: E402
from snn_mlir.graph import Network  # noqa: E402
from snn_mlir.reference import input_arrays, simulate  # noqa: E402

NETWORK = "sew-resnet18-7plif"
INPUT_HW = (32, 32)
TIME_STEPS = 4
# label -> compiler.SCHEDULES name; "auto" searches for this machine's caches
SCHEDULES = {"layer-by-layer": "layer", "TB-F": "tb-f", "TB-F rows": "tb-f-rows",
             "auto (host)": "auto"}


def schedule_passes(schedule: str) -> List[str]:
    """The passes writing `schedule`; the auto-scheduler searches on
    `hardware=host`, the caches of the machine running it."""
    return compiler.schedule_passes(schedule, "host" if schedule == "auto" else None)
TIMING = re.compile(r"parse\+lower ([\d.]+) ms, jit ([\d.]+) ms, run ([\d.]+) ms mean / "
                    r"([\d.]+) ms min over (\d+) calls")


def progress(text: str) -> None:
    print(f"[runtime] {text}", file=sys.stderr, flush=True)


def print_header(header: str) -> None:
    """A table's column titles, underlined."""
    print(header)
    print("-" * len(header))


def int_option(parser: argparse.ArgumentParser, flag: str, default: int, what: str) -> None:
    """An integer option whose help is `what` and its default."""
    parser.add_argument(flag, type=int, default=default, help=f"{what} (default {default})")


def prefix_parser(doc: str, blocks: int, blocks_note: str,
                  max_channels: int) -> argparse.ArgumentParser:
    """The parser of a benchmark of the SEW-ResNet-18 prefix (the first
    paragraph of `doc` its description): --blocks and --max-channels with
    these defaults (`blocks_note` after the default of --blocks)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=blocks,
                        help=f"SEW-ResNet-18 blocks kept (a prefix, default {blocks}{blocks_note})")
    channels = f"{max_channels}; 0" if max_channels else "0"
    parser.add_argument("--max-channels", type=int, default=max_channels,
                        help=f"cap on every channel count (default {channels}: as published)")
    return parser


def snn_run(mlir: Path, inputs: Sequence[Path], outputs: Sequence[Path], schedule: str,
            repeat: int, threads: Optional[int] = None,
            passes: Sequence[str] = ()) -> Dict[str, float]:
    """One snn-run with --repeat and --print-timing (and --threads), `passes`
    after those of the schedule; its timing line."""
    command = [compiler.tool_path("snn-run"), str(mlir), "--entry", "main"]
    if threads is not None:
        command.append(f"--threads={threads}")
    command += [a for p in inputs for a in ("--input", str(p))]
    command += [a for p in outputs for a in ("--output", str(p))]
    pipeline = compiler.snn_run_pipeline(schedule_passes(schedule) + list(passes))
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


# -- PyTorch eager baselines (--config) -----------------------------------------------

CONFIGS = ("cnn", "sew-prefix", "red-lif", "sew-full")
DEFAULT_REPEAT = {"cnn": 10, "sew-prefix": 10, "red-lif": 5, "sew-full": 1}
CNN_STEPS = 100
CNN_NIR = REPO / "data" / "nir" / "cnn_sinabs.nir"
# RED-LIF at a quarter of its published 360x640 per side: ~1.3 G MACs, which
# the reference simulator runs in 20-30 s.
RED_LIF = gen_networks.Reduction((90, 160), 4, 64)
# SEW-ResNet-18 7PLIF at its published size (no channel cap), T=16.
SEW_FULL = gen_networks.Reduction((128, 128), 16, 100000)


@dataclasses.dataclass
class Config:
    name: str
    title: str
    net: Network
    text: str                 # the MLIR snn-run runs
    inputs: List[np.ndarray]
    reference: bool           # run the reference simulator (else compare with PyTorch)


def _describe(net: Network) -> str:
    shapes = ", ".join(f"{'x'.join(map(str, v.shape))} {v.dtype}" for v in net.inputs)
    return f"T={net.time_steps}, input {shapes}"


def build_config(name: str, args) -> Config:
    """The network, its MLIR text and a seeded input of configuration `name`."""
    if name == "cnn":
        from snn_mlir.nir_import import import_nir   # the build's C API: only this configuration
        net = import_nir(CNN_NIR, time_steps=CNN_STEPS, preset="sinabs", input_dtype="i1")
        rng = np.random.default_rng(args.seed)
        events = [(rng.random((net.time_steps,) + v.shape) < args.density).astype(np.uint8)
                  for v in net.inputs]
        title = (f"cnn_sinabs.nir (preset sinabs), {_describe(net)}, "
                 f"{args.density:.0%} events")
        return Config(name, title, net, net.to_mlir(), input_arrays(net, events),
                      not args.no_reference)
    if name == "sew-prefix":
        channels = args.max_channels or None
        reduction = gen_networks.Reduction(INPUT_HW, TIME_STEPS, channels)
        net, text = gen_networks.prefix_network(NETWORK, args.blocks, reduction, args.seed)
        title = (f"{NETWORK} blocks 0-{args.blocks - 1}, {_describe(net)}, "
                 f"channels <= {channels or 'as published'}")
    else:
        network, reduction = ("red-lif", RED_LIF) if name == "red-lif" else (NETWORK, SEW_FULL)
        source = os.path.join(gen_networks.STEMS_DIR, f"{network}.json")
        net = gen_networks.build_network(gen_networks.load_spec(source), reduction, args.seed)
        text = gen_networks.mlir_text(net, source, reduction)
        cap = reduction.max_channels if name == "red-lif" else "as published"
        title = f"{network}, {_describe(net)}, channels <= {cap}, seeded weights"
    inputs = input_arrays(net, gen_networks.random_input(net, args.seed))
    return Config(name, title, net, text, inputs, name != "sew-full" and not args.no_reference)


def measure_peak(threads: Sequence[int]):
    """({threads: GMAC/s}, note) of bench/fma_peak.c: f32 AVX2 FMA lanes per
    second; ({}, why) where the CPU or the compiler cannot run it."""
    flags = set()
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("flags"):
                flags.update(line.split(":", 1)[1].split())
    if not {"avx2", "fma"} <= flags:
        return {}, "unavailable (/proc/cpuinfo shows no avx2 and fma)"
    if not shutil.which("clang-22"):
        return {}, "unavailable (no clang-22)"
    peaks, parts = {}, []
    with tempfile.TemporaryDirectory(prefix="snn-peak-") as tmp:
        exe = Path(tmp) / "fma_peak"
        done = subprocess.run(["clang-22", "-O2", "-mavx2", "-mfma", "-pthread",
                               str(BENCH / "fma_peak.c"), "-o", str(exe)],
                              capture_output=True, text=True)
        if done.returncode:
            return {}, f"unavailable (clang-22 failed: {done.stderr.strip()[-300:]})"
        for n in threads:
            progress(f"machine peak: fma_peak with {n} thread(s)")
            line = subprocess.run([str(exe), str(n)], capture_output=True, text=True,
                                  check=True).stdout
            fields = dict(zip(line.split()[::2], line.split()[1::2]))
            peaks[n] = float(fields["gmac_per_s"])
            parts.append(f"{n} thread{'s' if n > 1 else ''} {peaks[n]:.1f} GMAC/s "
                         f"({float(fields['gflop_per_s']):.1f} GFLOP/s)")
    return peaks, ("bench/fma_peak.c, f32 AVX2 FMAs, a lane-FMA = 1 MAC = 2 flops: "
                   + ", ".join(parts))


def _torch_eager():
    """bench/torch_eager.py, or a clear exit where PyTorch is not installed."""
    try:
        import torch_eager
    except ModuleNotFoundError as error:
        if error.name != "torch":
            raise
        sys.exit("error: the PyTorch baselines need PyTorch 1.13 (Debian's python3-torch): "
                 "run scripts/setup.sh --bench, or apt-get install python3-torch")
    return torch_eager


def run_config(cfg: Config, args, te, peaks: Dict[int, float]) -> List[dict]:
    """Every row of one configuration, outputs checked (see the docstring)."""
    net = cfg.net
    progress(f"{cfg.name}: {cfg.title}")
    runner = te.TorchNet(net, cfg.inputs)   # every tensor built once, before timing
    macs = te.count_macs(net)
    repeat = args.repeat or DEFAULT_REPEAT[cfg.name]
    expected, reference_ms = None, None
    if cfg.reference:
        progress(f"{cfg.name}: reference simulator (one run, for the outputs)")
        start = time.perf_counter()
        expected = simulate(net, cfg.inputs)
        reference_ms = (time.perf_counter() - start) * 1e3
    rows = []
    with tempfile.TemporaryDirectory(prefix="snn-runtime-") as tmp:
        tmp = Path(tmp)
        mlir = tmp / "net.mlir"
        mlir.write_text(cfg.text)
        in_paths = [tmp / f"in{k}.npy" for k in range(len(cfg.inputs))]
        for path, array in zip(in_paths, cfg.inputs):
            np.save(path, array)
        for n in args.threads:
            row = {"config": cfg.name, "threads": n, "runner": "snn-run"}
            outs = [tmp / f"out{k}.npy" for k in range(len(net.outputs))]
            rounds = []
            for k in range(args.rounds):
                progress(f"{cfg.name}: snn-run --repeat {repeat}, {n} thread(s), "
                         f"round {k + 1} of {args.rounds}")
                rounds.append(snn_run(mlir, in_paths, outs, args.snn_schedule, repeat, n))
            rows.append({**row, **best_of(rounds), "outputs": [np.load(p) for p in outs]})
            for style in te.STYLES:
                progress(f"{cfg.name}: PyTorch {style}, warm-up + {repeat} runs, {n} thread(s)")
                result = te.time_runs(runner, style, n, repeat)
                rows.append({"config": cfg.name, "threads": n, "runner": f"torch {style}",
                             **result})
    _check_outputs(cfg, rows, expected, te)
    # GMAC/s, the fraction of peak, snn-run's speedup (PyTorch time / its time)
    snn_min = {r["threads"]: r["min_ms"] for r in rows if r["runner"] == "snn-run"
               and "min_ms" in r}
    for r in rows:
        r.update(title=cfg.title, macs=macs, repeat=repeat, reference_ms=reference_ms)
        if "min_ms" not in r:
            continue
        r["gmac_per_s"] = macs / (r["min_ms"] * 1e-3) * 1e-9
        peak = peaks.get(r["threads"])
        r["peak_gmac_per_s"] = peak
        r["peak_fraction"] = r["gmac_per_s"] / peak if peak else None
        if r["runner"] != "snn-run":
            snn = snn_min.get(r["threads"])
            r["snn_run_speedup"] = r["min_ms"] / snn if snn else None
    return rows


def _check_outputs(cfg: Config, rows: List[dict], expected, te) -> None:
    """Compares every row's outputs with the reference, or without one with
    PyTorch time-batched's (1 thread); exits where integers (or snn-run
    against the reference) differ, records the agreement otherwise."""
    integer = all(dtypes.is_int(v.dtype) for v in cfg.net.inputs) and not any(
        dtypes.is_float(node.result.dtype) for node in cfg.net.nodes)
    basis_name = "reference" if expected is not None else "torch time-batched"
    if expected is None:
        expected = next(r["outputs"] for r in rows if r["runner"] == "torch time-batched")
    for r in rows:
        if "outputs" not in r:
            continue
        got = r.pop("outputs")
        equal = all(g.dtype == w.dtype and np.array_equal(g, w) for g, w in zip(got, expected))
        r.update(compared_with=basis_name, equal=equal, agreement=te.agreement(got, expected))
        must = integer or (r["runner"] == "snn-run" and basis_name == "reference")
        if must and not equal:
            sys.exit(f"error: {cfg.name}: {r['runner']} ({r['threads']} thread(s)): outputs "
                     f"differ from the {basis_name}'s ({r['agreement']:.4%} of elements equal)")


def best_of(rounds: List[Dict[str, float]]) -> Dict[str, float]:
    """Timings of several rounds of snn-run: the least minimum, the mean of
    the means, the median compile times."""
    return {"min_ms": min(r["min_ms"] for r in rounds),
            "mean_ms": statistics.mean(r["mean_ms"] for r in rounds),
            "lower_ms": statistics.median(r["lower_ms"] for r in rounds),
            "jit_ms": statistics.median(r["jit_ms"] for r in rounds)}


def _fmt(value, spec: str, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}{spec}}"


def print_config(rows: List[dict]) -> None:
    first = rows[0]
    print(f"\n== {first['config']}: {first['title']}")
    reference = (f"; reference simulator {first['reference_ms']:.0f} ms (one run)"
                 if first["reference_ms"] is not None else "")
    print(f"{first['macs'] / 1e6:,.1f} M MACs per inference (conv2d + dense){reference}")
    checked = [r for r in rows if "equal" in r]
    basis = checked[0]["compared_with"]
    if all(r["equal"] for r in checked):
        print(f"outputs: every run's equal to the {basis}'s")
    else:
        verdicts = ", ".join(f"{r['runner']} x{r['threads']} "
                             + ("equal" if r["equal"] else f"{r['agreement']:.4%}")
                             for r in checked)
        print(f"outputs against the {basis}'s (fraction of equal elements): {verdicts}")
    print_header(f"{'threads':>7} {'runner':<20} {'min ms':>10} {'mean ms':>10} {'GMAC/s':>8} "
                 f"{'of peak':>8} {'snn-run speedup':>15}")
    for r in rows:
        if "skipped" in r:
            print(f"{r['threads']:>7} {r['runner']:<20} skipped: {r['skipped']}")
            continue
        fraction = None if r["peak_fraction"] is None else 100 * r["peak_fraction"]
        print(f"{r['threads']:>7} {r['runner']:<20} {r['min_ms']:>10.2f} {r['mean_ms']:>10.2f} "
              f"{r['gmac_per_s']:>8.3f} {_fmt(fraction, '.2f', 7)}% "
              f"{_fmt(r.get('snn_run_speedup'), '.2f', 15)}")


def baselines(args) -> List[dict]:
    """--config: snn-run against the PyTorch eager baselines; the records."""
    te = _torch_eager()
    names = list(CONFIGS) if "all" in args.config else list(dict.fromkeys(args.config))
    peaks, peak_note = measure_peak(args.threads)
    records = []
    for name in names:
        rows = run_config(build_config(name, args), args, te, peaks)
        records.extend(rows)
        print_config(rows)
    print(f"\nmachine peak: {peak_note}")
    print(f"snn-run: {args.snn_schedule} schedule, the least over {args.rounds} rounds of the "
          f"min of --repeat calls as --print-timing prints them (its first call counts); "
          f"PyTorch {te.torch.__version__} eager: one warm-up, then min/mean of the same "
          f"number of runs; snn-run speedup = PyTorch min / snn-run min at the same thread "
          f"count (> 1: snn-run is faster)")
    peak_records = [{"runner": "fma-peak", "threads": n, "gmac_per_s": g}
                    for n, g in peaks.items()]
    return peak_records + records


def _threads(text: str) -> List[int]:
    values = [int(v) for v in text.split(",")]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected positive thread counts, got {text!r}")
    return values


def _parse(argv):
    parser = prefix_parser(__doc__, 4, ": blocks 0-3", 0)
    parser.add_argument("--repeat", type=int, default=None,
                        help="snn-run calls (default 10); with --config also PyTorch runs "
                             "(default per configuration)")
    int_option(parser, "--reference-repeat", 3, "reference simulator runs")
    parser.add_argument("--seed", type=int, default=0, help="seed of weights and input")
    parser.add_argument("--config", action="append", choices=CONFIGS + ("all",),
                        help="compare with the PyTorch eager baselines on this network "
                             "(repeatable)")
    parser.add_argument("--threads", type=_threads, default=None,
                        help="thread counts, comma-separated (default 1,2 with --config, "
                             "else 1)")
    int_option(parser, "--rounds", 3, "interleaved rounds of snn-run measurements")
    parser.add_argument("--density", type=float, default=0.10,
                        help="fraction of input events of the cnn configuration (default 0.10)")
    parser.add_argument("--snn-schedule", default="layer", choices=compiler.SCHEDULES,
                        help="snn-run's schedule for --config (default layer: layer by layer; "
                             "auto: searched for this machine's caches, hardware=host)")
    parser.add_argument("--no-reference", action="store_true",
                        help="with --config: skip the reference simulator, compare with PyTorch")
    parser.add_argument("--json", action="store_true", help="also print the records as JSON")
    args = parser.parse_args(argv)
    if args.blocks < 1 or (args.repeat is not None and args.repeat < 1) \
            or args.reference_repeat < 1 or args.rounds < 1:
        parser.error("--blocks, --repeat, --rounds and --reference-repeat must be positive")
    if args.threads is None:
        args.threads = [1, 2] if args.config else [1]
    if not 0 <= args.density <= 1:
        parser.error("--density must be in [0, 1]")
    return args


def reference_table(args) -> List[dict]:
    """The default table: snn-run's schedules against the reference
    simulator; the records."""
    channels = args.max_channels or None
    size = (f"{NETWORK} blocks 0-{args.blocks - 1}, input 2x{INPUT_HW[0]}x{INPUT_HW[1]}, "
            f"T={TIME_STEPS}, channels <= {channels or 'as published'}")
    progress(f"building {size}")
    reduction = gen_networks.Reduction(INPUT_HW, TIME_STEPS, channels)
    net, text = gen_networks.prefix_network(NETWORK, args.blocks, reduction, args.seed)
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
        timings: Dict[tuple, List[Dict[str, float]]] = {}
        for k in range(args.rounds):
            for n in args.threads:
                for label, schedule in SCHEDULES.items():
                    outs = [tmp / f"{schedule}-out{i}.npy" for i in range(len(net.outputs))]
                    progress(f"{label}: snn-run --repeat {args.repeat} --threads {n}, "
                             f"round {k + 1} of {args.rounds}")
                    timings.setdefault((n, label), []).append(
                        snn_run(mlir, in_paths, outs, schedule, args.repeat, n))
                    for path, want in zip(outs, expected):
                        if not np.array_equal(np.load(path), want):
                            sys.exit(f"error: {label}: snn-run's output differs from the "
                                     f"reference")
        for (n, label), rounds in timings.items():
            rec = {"schedule": label, "threads": n, **best_of(rounds),
                   "reference_ms": reference}
            rec["ratio"] = reference / rec["min_ms"]
            records.append(rec)

    print(f"\n{size}; seed {args.seed}; outputs equal to the reference: yes")
    print(f"snn-run: parse+lower and jit (code generation included) as --print-timing "
          f"prints them (median of {args.rounds} rounds); run: the least of the rounds' "
          f"minimum over {args.repeat} calls, the mean of their means")
    print(f"reference: median of {args.reference_repeat} runs of reference.simulate "
          f"({', '.join(f'{t:.0f}' for t in reference_ms)} ms)\n")
    print_header(f"{'schedule':<15} {'threads':>7} {'parse+lower ms':>14} {'jit ms':>8} "
                 f"{'run min ms':>10} {'run mean ms':>11} {'reference ms':>12} {'ref/run':>8} "
                 f"{'/ layer':>8}")
    layer = {r["threads"]: r["min_ms"] for r in records if r["schedule"] == "layer-by-layer"}
    for r in records:
        r["over_layer_by_layer"] = r["min_ms"] / layer[r["threads"]]
        print(f"{r['schedule']:<15} {r['threads']:>7} {r['lower_ms']:>14.1f} {r['jit_ms']:>8.1f} "
              f"{r['min_ms']:>10.2f} {r['mean_ms']:>11.2f} "
              f"{r['reference_ms']:>12.0f} {r['ratio']:>8.1f} {r['over_layer_by_layer']:>8.2f}")
    return records


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parse(argv)
    if args.config:
        records = baselines(args)
    else:
        args.repeat = args.repeat or 10
        records = reference_table(args)
    if args.json:
        print(json.dumps(records, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
