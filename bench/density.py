#!/usr/bin/python3
"""Dense against event-driven synapses as input events thin out.

For each configuration and each input density (the fraction of input
elements that are events), on one seeded input:

* the reference simulator: the outputs, and the activity of every conv2d and
  dense layer (the fraction of its inputs that are not zero;
  python/snn_mlir/activity.py);
* `snn-run` with every such layer dense (`snn-choose-synapse-form` with
  both crossovers 0), every one event-driven (both 2, `assume-activity=0`),
  and the compiler's choice from the measured profile
  (`snn-annotate-activity` + `snn-choose-synapse-form` with its default
  crossovers): the least, over `--rounds` interleaved rounds, of the
  minimum of `--repeat` calls (1 thread);
* PyTorch 1.13 eager, time-batched, 1 thread (bench/torch_eager.py; needs
  python3-torch): the minimum of `--repeat` runs after a warm-up.

Every snn-run output must equal the reference's exactly. Configurations:
`cnn` (data/nir/cnn_sinabs.nir, sinabs preset, T=100, spike input;
two of its layers read sums of spikes from pooling) and `sew-prefix`
(SEW-ResNet-18 7PLIF blocks 0-3, 2x32x32 4-bit input, T=4: its first
convolution reads the counts, the others spikes; an input event is a
non-zero count drawn uniformly from 1..7).

    /usr/bin/python3 bench/density.py [--config cnn|sew-prefix ...]
        [--densities 0.01,0.02,0.05,0.1,0.2,0.5] [--repeat 10] [--rounds 3]
        [--seed 0] [--json]

The summary lines give, per configuration, the choice's time at the lowest
density against the highest, against PyTorch at the lowest, and the worst
ratio of the choice to the better of dense and event-driven.

`--layers` instead measures where the forms cross over: single
convolutions and dense layers (each followed by a LIF neuron, spike input
of a given activity, T=8) dense and event-driven, at the activities of
`--densities` (docs/CodeGeneration.md quotes this table).

    /usr/bin/python3 bench/density.py --layers
        --densities 0.01,0.02,0.05,0.1,0.2,0.3,0.5,0.7 --repeat 20
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

import numpy as np

import runtime
from runtime import gen_networks, progress  # noqa: F401  (sys.path set by runtime)
from snn_mlir import activity, dtypes
from snn_mlir.reference import input_arrays, simulate

CONFIGS = ("cnn", "sew-prefix")
DENSITIES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
FORMS = {
    "dense": ["snn-choose-synapse-form{crossover=0 dense-crossover=0 assume-activity=0}"],
    "event": ["snn-choose-synapse-form{crossover=2 dense-crossover=2 assume-activity=0}"],
}


def network(name: str, args):
    """(network, title) of configuration `name`."""
    if name == "cnn":
        from snn_mlir.nir_import import import_nir   # the build's C API: only this configuration
        net = import_nir(runtime.CNN_NIR, time_steps=runtime.CNN_STEPS, preset="sinabs", input_dtype="i1")
        return net, "cnn_sinabs.nir (preset sinabs), T=100, input 2x34x34 i1"
    reduction = gen_networks.Reduction(runtime.INPUT_HW, runtime.TIME_STEPS, None)
    net, _ = gen_networks.prefix_network(runtime.NETWORK, 4, reduction, args.seed)
    return net, f"{runtime.NETWORK} blocks 0-3, T={net.time_steps}, input 2x32x32 i4"


def events(net, density: float, seed: int) -> Dict[str, np.ndarray]:
    """A seeded input per network input: events with probability `density`,
    spikes of 1 or counts uniform over 1..max."""
    rng = np.random.default_rng(seed)
    arrays = {}
    for value in net.inputs:
        shape = (net.time_steps,) + value.shape
        where = rng.random(shape) < density
        high = 1 if dtypes.is_spike(value.dtype) else dtypes.int_range(value.dtype)[1]
        counts = rng.integers(1, high + 1, size=shape)
        arrays[value.name] = (where * counts).astype(dtypes.numpy_type(value.dtype))
    return arrays


def measure(net, density: float, args, te, tmp: Path) -> dict:
    """One row: every form's snn-run time, PyTorch's, the profile and forms."""
    inputs = input_arrays(net, events(net, density, args.seed))
    expected = simulate(net, inputs)
    rates = activity.profile(net, [inputs])
    profile = tmp / "activity.json"
    profile.write_text(json.dumps(rates))
    passes = dict(FORMS, choice=[f"snn-annotate-activity{{profile={profile}}}",
                                 "snn-choose-synapse-form"])
    mlir = tmp / "net.mlir"
    mlir.write_text(net.to_mlir())
    in_paths = [tmp / f"in{k}.npy" for k in range(len(inputs))]
    for path, array in zip(in_paths, inputs):
        np.save(path, array)
    outs = [tmp / f"out{k}.npy" for k in range(len(net.outputs))]
    rounds: Dict[str, List[dict]] = {form: [] for form in passes}
    for k in range(args.rounds):
        for form, extra in passes.items():
            progress(f"density {density:g}: snn-run {form}, round {k + 1} of {args.rounds}")
            rounds[form].append(runtime.snn_run(mlir, in_paths, outs, "layer", args.repeat, 1,
                                                passes=extra))
            for want, path in zip(expected, outs):
                if not np.array_equal(np.load(path), want):
                    sys.exit(f"error: density {density:g}, {form}: snn-run's outputs differ "
                             f"from the reference's")
    row = {"density": density, "activity": rates,
           **{f"{form}_ms": runtime.best_of(r)["min_ms"] for form, r in rounds.items()}}
    progress(f"density {density:g}: PyTorch time-batched, warm-up + {args.repeat} runs")
    torch = te.time_runs(te.TorchNet(net, inputs), "time-batched", 1, args.repeat)
    row["torch_ms"] = torch["min_ms"]
    row["choice_over_best"] = row["choice_ms"] / min(row["dense_ms"], row["event_ms"])
    return row


def print_rows(name: str, title: str, rows: List[dict]) -> dict:
    print(f"\n== {name}: {title}")
    high = rows[-1]
    runtime.print_header(f"{'density':>8} {'dense ms':>9} {'event ms':>9} {'choice ms':>10} "
                         f"{'choice/best':>11} {'vs ' + format(high['density'], '.0%'):>7} "
                         f"{'torch ms':>9} {'torch/choice':>12}  layer activity")
    for r in rows:
        layers = ", ".join(f"{k} {v:.3f}" for k, v in r["activity"].items())
        print(f"{r['density']:>8.0%} {r['dense_ms']:>9.2f} {r['event_ms']:>9.2f} "
              f"{r['choice_ms']:>10.2f} {r['choice_over_best']:>11.2f} "
              f"{high['choice_ms'] / r['choice_ms']:>7.2f} {r['torch_ms']:>9.2f} "
              f"{r['torch_ms'] / r['choice_ms']:>12.2f}  {layers}")
    low = rows[0]
    summary = {"config": name,
               "choice_low_over_high": high["choice_ms"] / low["choice_ms"],
               "torch_over_choice_low": low["torch_ms"] / low["choice_ms"],
               "worst_choice_over_best": max(r["choice_over_best"] for r in rows)}
    print(f"choice at {low['density']:.0%} is {summary['choice_low_over_high']:.2f}x faster "
          f"than at {high['density']:.0%} and {summary['torch_over_choice_low']:.2f}x faster "
          f"than PyTorch time-batched; the choice is at worst "
          f"{summary['worst_choice_over_best']:.2f}x the better form's time")
    return summary


# (label, input channels, output channels, size, kernel, stride, type):
# the CNN's two convolutions on spikes, a wide float one and an integer one
# as in SEW-ResNet; dense layers (size 0) as the CNN's and a wider one.
LAYERS = (("f32 2->16 5x5/2 34x34", 2, 16, 34, 5, 2, "f32"),
          ("f32 16->16 3x3 16x16", 16, 16, 16, 3, 1, "f32"),
          ("f32 64->64 3x3 16x16", 64, 64, 16, 3, 1, "f32"),
          ("i16 64->64 3x3 16x16", 64, 64, 16, 3, 1, "i16"),
          ("f32 dense 128->256", 128, 256, 0, 0, 0, "f32"),
          ("i16 dense 1024->256", 1024, 256, 0, 0, 0, "i16"))
LAYER_STEPS = 8


def layer_network(cin: int, cout: int, size: int, kernel: int, stride: int, dtype: str):
    """One convolution (or, with `size` 0, dense layer) on spikes and a LIF
    neuron (IF for floats)."""
    from snn_mlir.graph import Network
    rng = np.random.default_rng(0)
    net = Network(LAYER_STEPS, name="main")
    x = net.input((cin, size, size) if size else (cin,), "i1", name="x")
    shape = (cout, cin, kernel, kernel) if size else (cout, cin)
    weight = rng.normal(0, 0.3, shape) if dtype == "f32" else rng.integers(-8, 8, shape)
    typed = {} if dtype == "f32" else {"weight_dtype": "i8"}
    if size:
        y = net.conv2d(x, weight, stride=stride, padding=kernel // 2, out_dtype=dtype,
                       name="synapse", **typed)
    else:
        y = net.dense(x, weight, out_dtype=dtype, name="synapse", **typed)
    if dtype == "f32":
        net.output(net.lif(y, threshold=1.0, beta=1.0, name="lif"))
    else:
        net.output(net.lif(y, threshold=20.0, beta=0.5, state_type=dtype, name="lif"))
    return net


def crossover_table(args) -> List[dict]:
    """--layers: dense against event-driven single layers by activity; the rows."""
    rows = []
    for label, *shape in LAYERS:
        net = layer_network(*shape)
        with tempfile.TemporaryDirectory(prefix="snn-density-") as tmp:
            tmp = Path(tmp)
            mlir = tmp / "net.mlir"
            mlir.write_text(net.to_mlir())
            for density in args.densities:
                inputs = input_arrays(net, events(net, density, args.seed))
                expected = simulate(net, inputs)
                np.save(tmp / "in0.npy", inputs[0])
                times = {}
                for form, passes in FORMS.items():
                    progress(f"{label}, activity {density:g}: {form}")
                    times[form] = min(
                        runtime.snn_run(mlir, [tmp / "in0.npy"], [tmp / "out0.npy"], "layer",
                                        args.repeat, 1, passes=passes)["min_ms"]
                        for _ in range(args.rounds))
                    if not np.array_equal(np.load(tmp / "out0.npy"), expected[0]):
                        sys.exit(f"error: {label}, {form}: outputs differ from the reference's")
                rows.append({"layer": label, "activity": density, **{f"{f}_ms": t for f, t
                                                                     in times.items()}})
    print(f"{'layer':<24} " + " ".join(f"{d:>7.0%}" for d in args.densities))
    for label, *_ in LAYERS:
        ratios = [r["dense_ms"] / r["event_ms"] for r in rows if r["layer"] == label]
        print(f"{label:<24} " + " ".join(f"{q:>7.2f}" for q in ratios))
    print(f"\ndense time / event-driven time (> 1: event-driven is faster) by input activity; "
          f"snn-run, 1 thread, T={LAYER_STEPS}, the least of {args.rounds} runs of the min of "
          f"{args.repeat} calls")
    return rows


def _densities(text: str) -> List[float]:
    values = sorted(float(v) for v in text.split(","))
    if not values or values[0] < 0 or values[-1] > 1:
        raise argparse.ArgumentTypeError(f"expected fractions in [0, 1], got {text!r}")
    return values


def density_sweep(args) -> List[dict]:
    """Every configuration at every density; a record per configuration."""
    te = runtime._torch_eager()
    records = []
    for name in args.config or CONFIGS:
        net, title = network(name, args)
        with tempfile.TemporaryDirectory(prefix="snn-density-") as tmp:
            rows = [measure(net, d, args, te, Path(tmp)) for d in args.densities]
        records.append({**print_rows(name, title, rows), "title": title, "rows": rows})
    print("\nsnn-run: 1 thread, layer by layer, the least over the rounds of the min of "
          "--repeat calls; dense/event: every conv2d and dense layer in that form; choice: "
          "forms from the reference's measured activity (snn-annotate-activity, "
          "snn-choose-synapse-form with its default crossovers); vs N%: the choice's time at "
          "the highest density over its time at this one")
    return records


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", action="append", choices=CONFIGS,
                        help="network (repeatable; default: both)")
    parser.add_argument("--densities", type=_densities, default=list(DENSITIES),
                        help="input event densities, comma-separated")
    runtime.int_option(parser, "--repeat", 10, "calls per snn-run and runs of PyTorch")
    runtime.int_option(parser, "--rounds", 3, "interleaved rounds of snn-run measurements")
    parser.add_argument("--seed", type=int, default=0, help="seed of weights and inputs")
    parser.add_argument("--layers", action="store_true",
                        help="measure single layers instead (the crossover table)")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rounds < 1:
        parser.error("--repeat and --rounds must be positive")
    records = crossover_table(args) if args.layers else density_sweep(args)
    if args.json:
        print(json.dumps(records, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
