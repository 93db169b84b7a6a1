"""Command line of snn-mlir: `python3 -m snn_mlir <command> ...`.

    import-nir FILE.nir -o OUT.mlir                            translate a NIR file
    run FILE.mlir --input X.npy --output Y.npy [--schedule S]   run it (snn-run)
    report FILE.mlir --hardware HW.json [--json]                its cost (snn-opt)
    plot FILE.mlir --hardware HW.json --out DIR                 its cost as PNGs

One small function per subcommand: `_add_<command>` declares its arguments,
`_<command>` runs it. Errors print one line `error: ...` on stderr and exit
with status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional

from . import compiler, plots, presets
from .nir_import import INPUT_DTYPES, NIRImportError, import_nir


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _add_import_nir(commands) -> None:
    parser = commands.add_parser(
        "import-nir", help="translate a NIR file into snn dialect text",
        description="Translate a NIR (.nir) file into snn dialect MLIR. The file records "
                    "neither the time step nor the reset mode nor the threshold comparison: "
                    "a preset supplies them (see docs/NIR.md).")
    parser.add_argument("file", help="the .nir file (HDF5, optionally gzip-compressed)")
    parser.add_argument("-o", "--output", default="-",
                        help="the .mlir file to write (default: standard output)")
    parser.add_argument("--preset", default=presets.DEFAULT_PRESET, choices=list(presets.PRESETS),
                        help=f"discretisation of the exporting framework "
                             f"(default: {presets.DEFAULT_PRESET})")
    parser.add_argument("--dt", type=float, default=None,
                        help="time step in seconds (default: the preset's; required for "
                             "the presets exact and lava)")
    parser.add_argument("--time-steps", type=_positive_int, default=100,
                        help="number of time steps T, the leading dimension of every tensor "
                             "(default: 100)")
    parser.add_argument("--reset", choices=list(presets.RESET_MODES), default=None,
                        help="override the preset's reset mode")
    parser.add_argument("--input-dtype", choices=list(INPUT_DTYPES), default="f32",
                        help="element type of the inputs: f32 (default) or i1 (spikes)")
    parser.set_defaults(run=_import_nir)


def _import_nir(args: argparse.Namespace) -> None:
    net = import_nir(args.file, time_steps=args.time_steps, dt=args.dt, preset=args.preset,
                     reset=args.reset, input_dtype=args.input_dtype)
    text = net.to_mlir()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as out:
            out.write(text)


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


def _add_run(commands) -> None:
    parser = commands.add_parser(
        "run", help="compile and run a function with snn-run",
        description="JIT-compile a function of an .mlir file under a schedule and run it. "
                    "Arrays (.npy) have a leading time dimension: shape (T, *shape).")
    parser.add_argument("file", help="the .mlir file")
    parser.add_argument("--input", action="append", default=[], metavar="X.npy",
                        help="one per function argument, in order")
    parser.add_argument("--output", action="append", default=[], metavar="Y.npy",
                        help="one per function result, in order")
    parser.add_argument("--entry", default="main", help="the function to run (default: main)")
    parser.add_argument("--hardware", default=None, metavar="HW.json",
                        help="hardware description for --schedule auto")
    _add_schedule(parser)
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> None:
    passes = compiler.schedule_passes(args.schedule, args.hardware, args.objective)
    compiler.run_files(args.file, args.input, args.output, entry=args.entry,
                       pass_pipeline=compiler.snn_run_pipeline(passes))


def _add_report(commands) -> None:
    parser = commands.add_parser(
        "report", help="print the cost report (traffic, energy, latency) of a schedule",
        description="Off-chip traffic, energy, latency and on-chip footprint of every "
                    "function under a schedule on a hardware description.")
    parser.add_argument("file", help="the .mlir file")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON (one object per function)")
    _add_cost_options(parser)
    parser.set_defaults(run=_report)


def _report(args: argparse.Namespace) -> None:
    if args.json:
        json.dump(compiler.cost_report(args.file, args.hardware, **_cost_options(args)),
                  sys.stdout, indent=1)
        print()
    else:
        sys.stdout.write(compiler.cost_table(args.file, args.hardware, **_cost_options(args)))


def _add_plot(commands) -> None:
    parser = commands.add_parser(
        "plot", help="chart the cost report of a schedule as PNGs",
        description="Write four PNGs per function: energy by layer and component, "
                    "off-chip traffic by layer and operand, the schedule against a "
                    "baseline, and the on-chip footprint of each group.")
    parser.add_argument("file", help="the .mlir file")
    parser.add_argument("--out", required=True, metavar="DIR", help="where to write the PNGs")
    parser.add_argument("--baseline", action="append", choices=compiler.SCHEDULES,
                        help="a schedule to compare with; repeat for several "
                             "(default: tb-lbl)")
    _add_cost_options(parser)
    parser.set_defaults(run=_plot)


def _plot(args: argparse.Namespace) -> None:
    """Reports of the schedule and of each baseline, four charts per function."""
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


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m snn_mlir",
                                     description="snn-mlir tools for spiking neural networks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    _add_import_nir(commands)
    _add_run(commands)
    _add_report(commands)
    _add_plot(commands)
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except (NIRImportError, compiler.ToolError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
