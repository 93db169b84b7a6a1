#!/usr/bin/python3
"""Last-level cache misses of the emitted code next to the cost model's
predicted off-chip traffic, for a reduced SEW-ResNet-18 under four schedules.

The network is a prefix of SEW-ResNet-18 7PLIF (blocks 0..B-1, input 2x32x32,
T=4, channels capped; bench/gen_networks.py builds it with seeded constant
weights). It is lowered with the project's `snn-to-llvm` pipeline: layer by
layer (the plain lowering, no schedule attributes), fused and time-batched
in bands of one output column as STEMS tiles (`snn-set-schedule{mode=tb-f}`),
in bands of one output row (`tile-axis=rows`, which walks row-major
tensors in order), and as `snn-auto-schedule` chooses for the simulated
caches. For each:

* the cost model (`snn-cost-report`, default accounting) predicts the
  off-chip bytes on `hardware=host`, the simulated D1 and LL described in
  the form of Linux's sysfs (SNN_HOST_CACHE_DIR): on a cache, the model
  counts what the code stores (docs/CostModel.md, "Caches");
* the lowered LLVM dialect is translated (mlir-translate) and compiled ahead
  of time (clang -O3) into a small driver that calls the network on the
  seeded random input; the driver runs under
  `valgrind --tool=cachegrind --cache-sim=yes` with --LL set to that size
  (and D1 a quarter of it, so that the LL's misses are those of a cache of
  its size). Off-chip bytes per inference are the data LL misses
  (DLmr + DLmw) per call times the line size, a call's misses being a
  difference of two runs divided by K:
    cold: K calls, each after reading a buffer of 4x the LL (which evicts
          it), less K such reads without the call: every inference starts
          with an empty cache, as in the cost model;
    warm: 1+K calls less 1 call, no eviction (steady state: what a call
          leaves in the cache is not missed by the next);
  either difference removes the process start, the files and the driver;
* `snn-run --repeat N --print-timing` (the JIT, outside valgrind) gives the
  wall time per inference (the minimum over N calls: the first call also
  generates the machine code), next to the driver's own mean.

Every schedule's outputs (driver and snn-run) are checked bit-exactly
against the reference simulator. The table gives each schedule's model
bytes, miss bytes and their quotients; the verdict compares each schedule
with the layer-by-layer one (whether model and cache rank them the same
way) and checks that every schedule's misses are within a factor of 2 of
the model's bytes; exit status 3 when either fails. Ahead-of-time
compilation keeps the JIT out of the simulated
process: under cachegrind, snn-run's compile phase alone takes 1.5-3 minutes
per run and its misses dwarf those of one inference.

    /usr/bin/python3 bench/cachegrind.py [--blocks 2] [--max-channels 32]
        [--ll-kb 32] [--ll-assoc 8] [--d1-kb 8] [--calls 2]
        [--snn-run-repeat 20] [--keep DIR] [--json]

Needs valgrind, clang and mlir-translate (of LLVM 22: $SNN_LLVM_BIN, else
/usr/lib/llvm-22/bin, else PATH) and the built tools (build/bin, or
$SNN_MLIR_BUILD/bin).
"""

from __future__ import annotations

import json
import os
import re
import shutil
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
from runtime import (INPUT_HW, NETWORK, SCHEDULES, TIME_STEPS, int_option,  # noqa: E402
                     prefix_parser, print_header, schedule_passes, snn_run)
from snn_mlir import compiler, dtypes  # noqa: E402
from snn_mlir.graph import Network  # noqa: E402
from snn_mlir.reference import input_arrays, simulate  # noqa: E402

# The network, input size, time steps and schedules are runtime.py's.
# The model's off-chip bytes are within this factor of the cache's misses
# for every schedule, or the benchmark fails.
WITHIN = 2.0
LINE = 64
# The first-level caches stay much smaller than the LL, so that the LL's
# misses are those of a cache of its size (cachegrind's levels are not
# inclusive: data hot in a larger L1 would never reach the LL).
I1 = (32768, 8)
ENTRY = "snn_net"


def progress(text: str) -> None:
    print(f"[cachegrind] {text}", file=sys.stderr, flush=True)


def fail(text: str) -> None:
    sys.exit(f"error: {text}")


# -- tools ------------------------------------------------------------------------------

def llvm_tool(name: str) -> str:
    """`name` of LLVM 22: in $SNN_LLVM_BIN, /usr/lib/llvm-22/bin, or PATH
    (also as `name-22`)."""
    for directory in filter(None, [os.environ.get("SNN_LLVM_BIN"), "/usr/lib/llvm-22/bin"]):
        path = Path(directory) / name
        if os.access(path, os.X_OK):
            return str(path)
    for candidate in (f"{name}-22", name):
        found = shutil.which(candidate)
        if found:
            return found
    fail(f"{name} (LLVM 22) not found; set SNN_LLVM_BIN to the directory holding it")
    return ""


def run(command: Sequence[str], what: str, timeout: float = 900) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        fail(f"{what}: {error}")
    if done.returncode != 0:
        fail(f"{what} exited with {done.returncode}:\n{(done.stderr or done.stdout)[-3000:]}")
    return done


# -- the network ------------------------------------------------------------------------

def build(blocks: int, max_channels: Optional[int], seed: int):
    """The reduced prefix network, its MLIR text, input arrays and reference outputs."""
    reduction = gen_networks.Reduction(INPUT_HW, TIME_STEPS, max_channels)
    net, text = gen_networks.prefix_network(NETWORK, blocks, reduction, seed)
    inputs = input_arrays(net, gen_networks.random_input(net, seed))
    return net, text, inputs, simulate(net, inputs)


def host_caches(d1_bytes: int, ll_bytes: int, tmp: Path) -> Path:
    """The simulated machine's data caches, D1 and LL, described in `tmp` as
    Linux's sysfs describes a CPU's (the form `hardware=host` reads)."""
    root = tmp / "host-caches"
    for index, (level, kind, size) in enumerate(((1, "Data", d1_bytes),
                                                 (2, "Unified", ll_bytes))):
        entry = root / f"index{index}"
        entry.mkdir(parents=True, exist_ok=True)
        for name, value in (("level", level), ("type", kind), ("size", f"{size // 1024}K")):
            (entry / name).write_text(f"{value}\n")
    return root


# -- ahead-of-time compilation -----------------------------------------------------------

def _memref_params(rank: int) -> str:
    """The C parameters of one memref argument of the lowered function:
    allocated and aligned pointers, offset, sizes, strides."""
    return ", ".join(["void *", "void *", "int64_t"] + ["int64_t"] * (2 * rank))


def _memref_args(name: str, shape: Sequence[int]) -> str:
    strides = [int(np.prod(shape[k + 1:])) for k in range(len(shape))]
    return ", ".join([name, name, "0"] + [str(s) for s in shape] + [str(s) for s in strides])


def driver_source(net: Network, input_dtypes: List[np.dtype]) -> str:
    """C source of a program that reads the inputs (raw storage bytes, one
    file each), makes CALLS calls of the network and writes the outputs:

        driver INPUTS... OUTPUTS... CALLS FLUSH_BYTES RUN

    With FLUSH_BYTES > 0 it reads a buffer of that size before every call,
    which evicts every line of a smaller cache (each call starts cold, as an
    inference does in the cost model); with RUN = 0 it skips the calls (the
    baseline: start, files, flushes). It prints the time of the first call
    and the mean of the others (flushes excluded)."""
    ins, outs = list(net.inputs), list(net.outputs)
    params = ", ".join(_memref_params(1 + len(v.shape)) for v in ins + outs)
    argc = len(ins) + len(outs) + 4
    lines = ["#include <stdint.h>", "#include <stdio.h>", "#include <stdlib.h>",
             "#include <time.h>", f"extern void {ENTRY}({params});",
             "static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);"
             " return t.tv_sec * 1e3 + t.tv_nsec * 1e-6; }",
             "static void *load(const char *path, size_t bytes) {",
             "  void *p = malloc(bytes); FILE *f = fopen(path, \"rb\");",
             "  if (!f || fread(p, 1, bytes, f) != bytes) { perror(path); exit(1); }",
             "  fclose(f); return p; }",
             "volatile unsigned char sink;",
             "int main(int argc, char **argv) {",
             f"  if (argc != {argc}) {{ fprintf(stderr, \"usage: driver INPUTS... OUTPUTS... "
             f"CALLS FLUSH_BYTES RUN\\n\"); return 2; }}",
             f"  int calls = atoi(argv[{argc - 3}]), run = atoi(argv[{argc - 1}]);",
             f"  size_t flush = (size_t)atol(argv[{argc - 2}]);",
             "  unsigned char *flusher = flush ? calloc(1, flush) : 0;"]
    args = []
    for k, (value, dtype) in enumerate(zip(ins, input_dtypes)):
        shape = (net.time_steps,) + tuple(value.shape)
        size = int(np.prod(shape)) * dtype.itemsize
        lines.append(f"  void *in{k} = load(argv[{k + 1}], {size});")
        args.append(_memref_args(f"in{k}", shape))
    sizes = []
    for k, value in enumerate(outs):
        shape = (net.time_steps,) + tuple(value.shape)
        sizes.append(int(np.prod(shape)) * dtypes.numpy_type(value.dtype).itemsize)
        lines.append(f"  void *out{k} = calloc(1, {sizes[-1]});")
        args.append(_memref_args(f"out{k}", shape))
    lines += ["  double first = 0, rest = 0;",
              "  for (int r = 0; r < calls; ++r) {",
              "    unsigned char acc = 0;",
              "    for (size_t i = 0; i < flush; i += 64) acc += flusher[i];",
              "    sink = acc;",
              "    if (!run) continue;",
              "    double start = now();",
              f"    {ENTRY}({', '.join(args)});",
              "    *(r ? &rest : &first) += now() - start;",
              "  }",
              "  fprintf(stderr, \"first %.4f ms, rest %.4f ms mean over %d calls\\n\", first,"
              " calls > 1 ? rest / (calls - 1) : 0.0, calls > 1 ? calls - 1 : 0);"]
    for k, size in enumerate(sizes):
        lines += [f"  {{ FILE *f = fopen(argv[{len(ins) + k + 1}], \"wb\");",
                  f"    if (!f || fwrite(out{k}, 1, {size}, f) != {size}) "
                  f"{{ perror(argv[{len(ins) + k + 1}]); return 1; }} fclose(f); }}"]
    lines += ["  return 0;", "}", ""]
    return "\n".join(lines)


def aot_compile(text: str, schedule: str, net: Network, input_dtypes, workdir: Path) -> Path:
    """The driver executable of `text` (entry renamed) lowered under `schedule`."""
    workdir.mkdir(parents=True, exist_ok=True)
    mlir = workdir / "net.mlir"
    renamed = text.replace(f"func.func @{net.name}(", f"func.func @{ENTRY}(", 1)
    if renamed == text:
        fail(f"no func.func @{net.name} in the generated MLIR")
    mlir.write_text(renamed)
    # One thread, as cachegrind simulates one core: no OpenMP runtime calls.
    passes = schedule_passes(schedule) + ["snn-to-llvm{parallel=false}"]
    llvm_mlir, ll, obj = workdir / "net.llvm.mlir", workdir / "net.ll", workdir / "net.o"
    run([compiler.tool_path("snn-opt"), str(mlir),
         f"--pass-pipeline={compiler.module_pipeline(passes)}", "-o", str(llvm_mlir)],
        f"snn-opt (lowering, {schedule})")
    run([llvm_tool("mlir-translate"), "--mlir-to-llvmir", str(llvm_mlir), "-o", str(ll)],
        "mlir-translate")
    clang = llvm_tool("clang")
    # -O1 like snn-run's JIT; generic x86-64 so that valgrind decodes every instruction.
    run([clang, "-O1", "-c", "-Wno-override-module", str(ll), "-o", str(obj)], "clang (network)")
    driver_c = workdir / "driver.c"
    driver_c.write_text(driver_source(net, input_dtypes))
    exe = workdir / "driver"
    run([clang, "-O2", str(driver_c), str(obj), "-o", str(exe)], "clang (driver)")
    return exe


def read_outputs(net: Network, paths: Sequence[Path]) -> List[np.ndarray]:
    """The driver's raw outputs as storage arrays (narrow integers sign-extended,
    spikes masked to 0/1, as snn-run writes them)."""
    arrays = []
    for value, path in zip(net.outputs, paths):
        storage = dtypes.numpy_type(value.dtype)
        array = np.fromfile(path, dtype=storage).reshape((net.time_steps,) + tuple(value.shape))
        if dtypes.is_spike(value.dtype):
            array = array & 1
        elif dtypes.is_int(value.dtype) and dtypes.bits(value.dtype) < 8 * storage.itemsize:
            shift = 8 * storage.itemsize - dtypes.bits(value.dtype)
            array = ((array << shift) >> shift).astype(storage)
        arrays.append(array)
    return arrays


# -- cachegrind -------------------------------------------------------------------------

def cachegrind(exe: Path, argv: Sequence[str], calls: int, flush: int, run_calls: bool,
               caches: dict, out_file: Path) -> Dict[str, int]:
    """The event totals of one cachegrind run of the driver."""
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=yes",
               *(f"--{name}={size},{assoc},{LINE}" for name, (size, assoc) in caches.items()),
               f"--cachegrind-out-file={out_file}",
               str(exe), *argv, str(calls), str(flush), str(int(run_calls))]
    run(command, f"valgrind on {exe.parent.name} ({calls} calls)", timeout=3600)
    events = summary = None
    for line in out_file.read_text().splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("summary:"):
            summary = [int(x) for x in line.split()[1:]]
    if not events or not summary:
        fail(f"no summary in {out_file}")
    return dict(zip(events, summary))


def misses_per_call(exe: Path, argv: Sequence[str], calls: int, caches: dict,
                    label: str, workdir: Path) -> Dict[str, Dict[str, float]]:
    """Cachegrind's events per inference, two ways:
    cold: (K calls, each after a flush) - (K flushes, no call), / K;
    warm: (1+K calls) - (1 call), / K, without flushes (steady state: what
    stays in the cache from one call to the next is not missed again)."""
    flush = 4 * caches["LL"][0]
    plans = {"cold": ((calls, flush, True), (calls, flush, False)),
             "warm": ((1 + calls, 0, True), (1, 0, True))}
    result = {}
    for mode, (with_calls, baseline) in plans.items():
        totals = []
        for k, (n, f, r) in enumerate((with_calls, baseline)):
            progress(f"{label}: cachegrind ({mode}: {n} call(s){', flushed' if f else ''}"
                     f"{'' if r else ', calls skipped'})")
            totals.append(cachegrind(exe, argv, n, f, r, caches,
                                     workdir / f"cachegrind.{mode}.{k}.out"))
        result[mode] = {e: (totals[0][e] - totals[1][e]) / calls for e in totals[0]}
    return result


# -- the benchmark ----------------------------------------------------------------------

def _parse(argv):
    parser = prefix_parser(__doc__, 2, "", 32)
    int_option(parser, "--ll-kb", 32, "last-level cache = global buffer, KiB, a power of two")
    int_option(parser, "--ll-assoc", 8, "LL associativity")
    parser.add_argument("--d1-kb", type=int, default=0,
                        help="L1 data cache, KiB (default: LL/4, at most 32)")
    int_option(parser, "--calls", 2, "K: calls per measurement")
    int_option(parser, "--snn-run-repeat", 20, "calls of each snn-run wall-time run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", metavar="DIR", help="keep the intermediate files in DIR")
    parser.add_argument("--json", action="store_true", help="also print the records as JSON")
    args = parser.parse_args(argv)
    ll = args.ll_kb * 1024
    if args.ll_kb < 1 or ll & (ll - 1):
        parser.error("--ll-kb must be a power of two")
    if args.calls < 1 or args.snn_run_repeat < 2:
        parser.error("--calls must be >= 1 and --snn-run-repeat >= 2")
    if not shutil.which("valgrind"):
        parser.error("valgrind not found")
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parse(argv)
    ll = args.ll_kb * 1024
    d1 = (min(args.d1_kb * 1024 if args.d1_kb else ll // 4, 32768), 8)
    caches = {"I1": I1, "D1": d1, "LL": (ll, args.ll_assoc)}
    started = time.perf_counter()
    tmp_context = tempfile.TemporaryDirectory(prefix="snn-cachegrind-")
    tmp = Path(args.keep) if args.keep else Path(tmp_context.name)
    tmp.mkdir(parents=True, exist_ok=True)

    progress(f"building {NETWORK} blocks 0-{args.blocks - 1}, input {INPUT_HW[0]}x"
             f"{INPUT_HW[1]}, T={TIME_STEPS}, channels <= {args.max_channels or 'as published'}"
             f" and its reference outputs")
    net, text, inputs, expected = build(args.blocks, args.max_channels or None, args.seed)
    mlir = tmp / "net.mlir"
    mlir.write_text(text)
    in_npy, in_raw = [], []
    for k, array in enumerate(inputs):
        in_npy.append(tmp / f"in{k}.npy")
        np.save(in_npy[-1], array)
        in_raw.append(tmp / f"in{k}.bin")
        array.tofile(in_raw[-1])
    # The cost model sees the simulated machine as `hardware=host` sees a
    # real one: its caches, the LL the global buffer.
    os.environ["SNN_HOST_CACHE_DIR"] = str(host_caches(d1[0], ll, tmp))

    records = []
    for label, schedule in SCHEDULES.items():
        rec = {"schedule": label}
        progress(f"{label}: cost report on hardware=host (D1 and LL described)")
        (report,) = compiler.cost_report(str(mlir), "host", schedule=schedule)
        rec.update({k: report[k] for k in ("offchip_bytes", "offchip_bytes_by_operand",
                                           "peak_onchip_bytes", "lower_bound_bytes")})
        rec["streaming_groups"] = sum(g["streams"] for g in report["groups"])
        rec["groups"] = len(report["groups"])

        progress(f"{label}: lowering and compiling ahead of time")
        workdir = tmp / schedule
        exe = aot_compile(text, schedule, net, [a.dtype for a in inputs], workdir)
        outs = [workdir / f"out{k}.bin" for k in range(len(net.outputs))]
        done = run([str(exe), *map(str, in_raw), *map(str, outs), "20", "0", "1"],
                   f"{label} driver")
        for got, want in zip(read_outputs(net, outs), expected):
            if not np.array_equal(got, want):
                fail(f"{label}: the compiled driver's output differs from the reference")
        match = re.search(r"rest ([\d.]+) ms", done.stderr)
        rec["aot_ms"] = float(match.group(1)) if match else None

        events = misses_per_call(exe, [*map(str, in_raw), *map(str, outs)], args.calls,
                                 caches, label, workdir)
        rec["per_call_events"] = events
        for mode in ("cold", "warm"):
            lines = events[mode]["DLmr"] + events[mode]["DLmw"]
            rec[f"ll_miss_bytes_{mode}"] = lines * LINE
        rec["cold_over_model"] = rec["ll_miss_bytes_cold"] / rec["offchip_bytes"]

        progress(f"{label}: snn-run --repeat {args.snn_run_repeat} --print-timing")
        run_outs = [workdir / f"snn-run-out{k}.npy" for k in range(len(net.outputs))]
        rec.update(snn_run(mlir, in_npy, run_outs, schedule, args.snn_run_repeat))
        for path, want in zip(run_outs, expected):
            if not np.array_equal(np.load(path), want):
                fail(f"{label}: snn-run's output differs from the reference")
        records.append(rec)

    agree = print_table(args, ll, d1, records, time.perf_counter() - started)
    if args.json:
        print(json.dumps(records, indent=1))
    return 0 if agree else 3


def _order(x: float, y: float) -> int:
    return (x > y) - (x < y)


def print_table(args, ll: int, d1: tuple, records: List[dict], seconds: float) -> bool:
    """The table and the verdict: whether the orderings agree and every
    schedule's misses are within WITHIN of the model's bytes."""
    k = args.calls
    print(f"\n{NETWORK}, blocks 0-{args.blocks - 1}, input {INPUT_HW[0]}x{INPUT_HW[1]}, "
          f"T={TIME_STEPS}, channels <= {args.max_channels or 'as published'}")
    print(f"cachegrind: LL {ll // 1024} KiB {args.ll_assoc}-way, D1 {d1[0] // 1024} KiB "
          f"{d1[1]}-way, I1 {I1[0] // 1024} KiB, {LINE} B lines")
    print(f"cost model: hardware=host on those caches (global buffer: the LL, {ll:,} B), "
          f"default accounting")
    print("method: the network is lowered by snn-to-llvm (the lowering snn-run JITs), compiled "
          "ahead of time\n        into a driver, which runs under cachegrind without any JIT "
          "in the process;")
    print(f"        LL miss B = (DLmr + DLmw) per inference x {LINE} B, where per inference is")
    print(f"        cold: ({k} calls, each after reading a {4 * ll // 1024} KiB buffer that "
          f"evicts the LL) - ({k} such reads, no call), / {k}")
    print(f"        warm: ({1 + k} calls) - (1 call), / {k}  (steady state, nothing evicted "
          f"between calls)")
    print(f"wall time: snn-run --repeat {args.snn_run_repeat} --print-timing, the min (its first"
          f" call also JIT-compiles);\n           AOT: the driver natively, mean of 19 calls "
          f"after the first\n")
    print_header(f"{'schedule':<15} {'streams':>7} {'model peak B':>12} {'model off-chip B':>16} "
                 f"{'LL miss B cold':>14} {'warm':>12} {'cold/model':>10} {'snn-run ms':>10} "
                 f"{'AOT ms':>7}")
    for r in records:
        aot = r["aot_ms"] if r["aot_ms"] is not None else float("nan")
        streams = f"{r['streaming_groups']}/{r['groups']}"
        print(f"{r['schedule']:<15} {streams:>7} {r['peak_onchip_bytes']:>12,} "
              f"{r['offchip_bytes']:>16,} {r['ll_miss_bytes_cold']:>14,.0f} "
              f"{r['ll_miss_bytes_warm']:>12,.0f} {r['cold_over_model']:>10.2f} "
              f"{r['min_ms']:>10.3f} {aot:>7.3f}")
    agree = True
    base = records[0]
    print()
    for r in records[1:]:
        model = base["offchip_bytes"] / r["offchip_bytes"]
        cache = base["ll_miss_bytes_cold"] / r["ll_miss_bytes_cold"]
        same = _order(base["offchip_bytes"], r["offchip_bytes"]) == \
            _order(base["ll_miss_bytes_cold"], r["ll_miss_bytes_cold"])
        agree = agree and same
        print(f"{base['schedule']} / {r['schedule']}: model off-chip {model:.2f}, "
              f"cachegrind LL misses {cache:.2f} (warm: "
              f"{base['ll_miss_bytes_warm'] / max(r['ll_miss_bytes_warm'], 1):.2f}); "
              f"ordering {'AGREES' if same else 'DISAGREES'}, the ratios are "
              f"{'within' if max(model, cache) / min(model, cache) < 10 else 'NOT within'} "
              f"a factor of 10 of each other")
    over = [r["cold_over_model"] for r in records]
    close = all(1 / WITHIN <= x <= WITHIN for x in over)
    print(f"absolute: the LL misses are {min(over):.2f}-{max(over):.2f}x the model's bytes: "
          f"{'' if close else 'NOT '}within a factor of {WITHIN:g} for every schedule")
    print(f"({seconds:.0f} s in all)")
    return agree and close


if __name__ == "__main__":
    sys.exit(main())
