"""Command line of snn-mlir: `python3 -m snn_mlir <command> ...`.

    import-nir FILE.nir -o OUT.mlir                            translate a NIR file
    run FILE.mlir --input X.npy --output Y.npy [--schedule S]   run it (JIT, in process)
    report FILE.mlir --hardware HW.json [--json]                its cost (snn-cost-report)
    plot FILE.mlir --hardware HW.json --out DIR                 its cost as PNGs
    fidelity NETWORK --budget B [--plot OUT.png] [--json]      which layers can lose their state
    profile-activity NETWORK [--density D] [-o OUT.json]        how often layer inputs are events

Two small functions per subcommand: `_add_<command>` declares its arguments,
`_<command>` runs it; the first line of its docstring is the command's help,
the rest its description. Errors print one line `error: ...` on stderr and
exit with status 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import sys
from typing import List, Optional

from . import activity, compiler, fidelity, plots, presets
from .graph import Network
from .nir_import import NIRImportError, import_nir

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a fraction in [0, 1], got {value}")
    return value


def _add_nir_options(parser) -> None:
    """How a NIR file becomes a network (all but the time steps), shared by
    import-nir and fidelity. The choices are the C++ importer's."""
    parser.add_argument("--preset", default=presets.DEFAULT_PRESET, choices=list(presets.PRESETS),
                        help=f"discretisation of the exporting framework "
                             f"(default: {presets.DEFAULT_PRESET})")
    parser.add_argument("--dt", type=float, default=None,
                        help="time step in seconds (default: the preset's; required for "
                             "the presets " + ", ".join(
                                 p.name for p in presets.PRESETS.values()
                                 if p.default_dt is None) + ")")
    parser.add_argument("--reset", choices=list(presets.RESET_MODES), default=None,
                        help="override the preset's reset mode")
    parser.add_argument("--reset-timing", choices=list(presets.RESET_TIMINGS), default=None,
                        help="override the preset's reset timing (docs/Semantics.md)")
    parser.add_argument("--input-dtype", choices=list(presets.INPUT_DTYPES), default=None,
                        help="element type of the inputs: f32 (default) or i1 (spikes; "
                             "the default and only choice of the fixed-point preset "
                             "lava-fixed)")


def _nir_network(path: str, args: argparse.Namespace, time_steps: int) -> Network:
    return import_nir(path, time_steps=time_steps, dt=args.dt, preset=args.preset,
                      reset=args.reset, reset_timing=args.reset_timing,
                      input_dtype=args.input_dtype)


def _add_import_nir(parser) -> None:
    parser.add_argument("file", help="the .nir file (HDF5, optionally gzip-compressed)")
    parser.add_argument("-o", "--output", default="-",
                        help="the .mlir file to write (default: standard output)")
    parser.add_argument("--time-steps", type=_positive_int, default=100,
                        help="number of time steps T, the leading dimension of every tensor "
                             "(default: 100)")
    _add_nir_options(parser)


def _write(path: str, text: str) -> None:
    """`text` into file `path`, or onto standard output for `-`."""
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w") as out:
            out.write(text)


def _import_nir(args: argparse.Namespace) -> None:
    """translate a NIR file into snn dialect text

    Translate a NIR (.nir) file into snn dialect MLIR. The file records neither
    the time step nor the reset mode nor the threshold comparison: a preset
    supplies them (see docs/NIR.md)."""
    _write(args.output, _nir_network(args.file, args, args.time_steps).to_mlir())


def _add_schedule(parser) -> None:
    """--schedule and the auto-scheduler's --objective, shared by run, report and plot."""
    parser.add_argument("--schedule", default="layer", choices=compiler.SCHEDULES,
                        help="layer (default): the plain layer-by-layer lowering; auto: the "
                             "auto-scheduler; st-lbl, tb-lbl, st-f, tb-f: the STEMS modes")
    parser.add_argument("--objective", choices=compiler.OBJECTIVES, default=None,
                        help="what --schedule auto minimises (default: the pass's)")


def _add_cost_options(parser) -> None:
    """The options of the cost report, shared by report and plot."""
    parser.add_argument("--hardware", required=True, metavar="HW.json",
                        help="hardware description (JSON)")
    parser.add_argument("--accounting", default="default", choices=compiler.ACCOUNTINGS,
                        help="stems: neuron state read before and written after the run "
                             "(default: default)")
    _add_schedule(parser)


def _cost_options(args: argparse.Namespace) -> dict:
    return dict(accounting=args.accounting, schedule=args.schedule, objective=args.objective)


def _add_run(parser) -> None:
    parser.add_argument("file", help="the .mlir file")
    parser.add_argument("--input", action="append", default=[], metavar="X.npy",
                        help="one per function argument, in order")
    parser.add_argument("--output", action="append", default=[], metavar="Y.npy",
                        help="one per function result, in order")
    parser.add_argument("--entry", default="main", help="the function to run (default: main)")
    parser.add_argument("--hardware", default=None, metavar="HW.json",
                        help="hardware description for --schedule auto")
    _add_schedule(parser)


def _run(args: argparse.Namespace) -> None:
    """compile and run a function (JIT, in this process)

    JIT-compile a function of an .mlir file under a schedule and run it. Arrays
    (.npy) have a leading time dimension: shape (T, *shape)."""
    passes = compiler.schedule_passes(args.schedule, args.hardware, args.objective)
    compiler.run_files(args.file, args.input, args.output, entry=args.entry,
                       pass_pipeline=compiler.snn_run_pipeline(passes))


def _add_report(parser) -> None:
    parser.add_argument("file", help="the .mlir file")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON (one object per function)")
    _add_cost_options(parser)


def _report(args: argparse.Namespace) -> None:
    """print the cost report (traffic, energy, latency) of a schedule

    Off-chip traffic, energy, latency and on-chip footprint of every function
    under a schedule on a hardware description."""
    if args.json:
        json.dump(compiler.cost_report(args.file, args.hardware, **_cost_options(args)),
                  sys.stdout, indent=1)
        print()
    else:
        sys.stdout.write(compiler.cost_table(args.file, args.hardware, **_cost_options(args)))


def _add_plot(parser) -> None:
    parser.add_argument("file", help="the .mlir file")
    parser.add_argument("--out", required=True, metavar="DIR", help="where to write the PNGs")
    parser.add_argument("--baseline", action="append", choices=compiler.SCHEDULES,
                        help="a schedule to compare with; repeat for several "
                             "(default: tb-lbl)")
    _add_cost_options(parser)


def _plot(args: argparse.Namespace) -> None:
    """chart the cost report of a schedule as PNGs

    Write four PNGs per function: energy by layer and component, off-chip
    traffic by layer and operand, the schedule against a baseline, and the
    on-chip footprint of each group."""
    # Reports of the schedule and of each baseline, four charts per function.
    options = _cost_options(args)
    reports = {}
    for name in dict.fromkeys((args.baseline or ["tb-lbl"]) + [args.schedule]):
        options["schedule"] = name
        reports[name] = compiler.cost_report(args.file, args.hardware, **options)
    stem = os.path.splitext(os.path.basename(args.file))[0]
    for k, report in enumerate(reports[args.schedule]):
        prefix = f"{stem}-{args.schedule}"
        if len(reports[args.schedule]) > 1:
            prefix += f"-{report['network']}"
        comparison = {name: reports[name][k] for name in reports}
        for path in plots.plot_report(report, comparison, args.out, prefix):
            print(path)


def _add_fidelity(parser) -> None:
    parser.add_argument("network", **_NETWORK)
    parser.add_argument("--budget", type=_fraction, default=0.01,
                        help="the fraction of output elements allowed to change (default: 0.01)")
    _add_sampling_options(parser, density=0.5)
    parser.add_argument("--plot", metavar="OUT.png", help="also chart the measurements")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    _add_network_options(parser)


#: The positional argument NETWORK of fidelity and profile-activity.
_NETWORK = dict(metavar="NETWORK", help="a NIR file (.nir), or a STEMS network JSON (.json) "
                                        "built reduced by bench/gen_networks.py")


def _add_sampling_options(parser, density: float) -> None:
    """The random inputs fidelity and profile-activity simulate."""
    parser.add_argument("--samples", type=_positive_int, default=4,
                        help="number of random inputs (default: 4)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
    parser.add_argument("--density", type=_fraction, default=density,
                        help=f"spike probability of spike and float inputs (default: {density}); "
                             "wider integers are uniform over their non-negative range")


def _add_network_options(parser) -> None:
    """How fidelity and profile-activity build NETWORK (and its --time-steps)."""
    parser.add_argument("--time-steps", type=_positive_int, default=None,
                        help="number of time steps T (default: 100 for NIR files, the test "
                             "size for the STEMS networks)")
    _add_nir_options(parser.add_argument_group("NIR files"))
    stems = parser.add_argument_group(
        "STEMS JSON", "the size to build (default: bench/gen_networks.py's REDUCTIONS for the "
                      "benchmark networks; weights of seed 0, as bench/networks/*-reduced.mlir)")
    stems.add_argument("--input-hw", nargs=2, type=_positive_int, metavar=("H", "W"),
                       help="input height and width")
    stems.add_argument("--max-channels", type=_positive_int, metavar="C",
                       help="cap on every channel count")


def _network(args: argparse.Namespace) -> Network:
    """NETWORK: a STEMS JSON built reduced, or a NIR file."""
    if args.network.endswith(".json"):
        return _stems_network(args)
    return _nir_network(args.network, args, args.time_steps or 100)


def _add_profile_activity(parser) -> None:
    parser.add_argument("network", **_NETWORK)
    parser.add_argument("-o", "--output", default="-",
                        help="the JSON file to write (default: standard output)")
    _add_sampling_options(parser, density=0.1)
    _add_network_options(parser)


def _profile_activity(args: argparse.Namespace) -> None:
    """measure how often the inputs of each layer are events

    Simulate NETWORK (reference simulator) on random inputs and write, per
    conv2d or dense layer, the fraction of its input elements that were events
    (spikes, or values other than zero), to 4 decimals: the JSON profile
    snn-annotate-activity reads (snn-choose-synapse-form then picks dense or
    event-driven per layer)."""
    net = _network(args)
    inputs = fidelity.random_inputs(net, args.samples, args.seed, args.density)
    rates = {name: round(rate, 4) for name, rate in activity.profile(net, inputs).items()}
    _write(args.output, json.dumps(rates, indent=1, sort_keys=True) + "\n")


def _bench_generator():
    """bench/gen_networks.py, a script beside the package rather than in it."""
    path = os.path.join(REPO, "bench", "gen_networks.py")
    if not os.path.exists(path):
        raise fidelity.FidelityError(f"{path} not found: STEMS networks need the repository")
    spec = importlib.util.spec_from_file_location("gen_networks", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _stems_network(args: argparse.Namespace) -> Network:
    """The STEMS network of a JSON file at a reduced size (the published sizes
    are far too large for the reference simulator). Options left out come
    from the generator's test size for that network."""
    gen = _bench_generator()
    name = os.path.splitext(os.path.basename(args.network))[0]
    default = gen.REDUCTIONS.get(name) or gen.Reduction(None, None)
    size = gen.Reduction(tuple(args.input_hw or default.input_hw or ()),
                         args.time_steps or default.time_steps,
                         args.max_channels or default.max_channels)
    if not (size.input_hw and size.time_steps):
        raise fidelity.FidelityError(f"{args.network}: no test size known for '{name}'; "
                                     f"give --input-hw and --time-steps")
    try:
        return gen.build_network(gen.load_spec(args.network), size)
    except (gen.GenerationError, KeyError, ValueError) as error:
        raise fidelity.FidelityError(f"{args.network}: not a buildable STEMS network: "
                                     f"{error}") from None


def _fidelity(args: argparse.Namespace) -> None:
    """measure which neuron layers can lose their state

    Remove the state of each neuron layer in turn, compare the network with the
    original on random inputs (reference simulator) and recommend the largest
    set of layers to make stateless together (snn-eliminate-state) while the
    outputs agree on at least 1 - BUDGET of their elements. See
    docs/StateElimination.md."""
    # Measures every removable layer, recommends a set, prints and charts it.
    net = _network(args)
    inputs = fidelity.random_inputs(net, args.samples, args.seed, args.density)
    records = fidelity.measure(net, inputs)
    chosen, steps = fidelity.recommend(net, inputs, args.budget, records)
    saved, total = fidelity.saved_bits(records, chosen)
    if args.plot:
        title = os.path.splitext(os.path.basename(args.network))[0]
        fidelity.plot(records, chosen, steps, args.budget, args.plot, title)
    if args.json:
        json.dump({"network": args.network, "time_steps": net.time_steps,
                   "samples": args.samples, "seed": args.seed, "budget": args.budget,
                   "layers": [dataclasses.asdict(r) for r in records],
                   "steps": [dataclasses.asdict(s) for s in steps], "recommended": chosen,
                   "state_bits_saved": saved, "state_bits_total": total, "plot": args.plot},
                  sys.stdout, indent=1)
        print()
        return
    print(f"{args.network}: T={net.time_steps}, {args.samples} random inputs "
          f"(seed {args.seed}), {len(records)} neuron layers")
    sys.stdout.write(fidelity.format_table(records, chosen, steps, args.budget))
    if args.plot:
        print(f"plot: {args.plot}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m snn_mlir",
                                     description="snn-mlir tools for spiking neural networks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    for add, run in ((_add_import_nir, _import_nir), (_add_run, _run), (_add_report, _report),
                     (_add_plot, _plot), (_add_fidelity, _fidelity),
                     (_add_profile_activity, _profile_activity)):
        summary, _, description = run.__doc__.partition("\n\n")
        command = commands.add_parser(run.__name__[1:].replace("_", "-"), help=summary,
                                      description=" ".join(description.split()))
        add(command)
        command.set_defaults(run=run)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    try:
        parser = _parser()  # the NIR options' choices come from the built library
    except compiler.ToolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except (NIRImportError, compiler.ToolError, fidelity.FidelityError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
