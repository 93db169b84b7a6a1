"""Command line of snn-mlir: `python3 -m snn_mlir <command> ...`.

One small function per subcommand: `_add_<command>` declares its arguments,
`_<command>` runs it. Errors print one line `error: ...` on stderr and exit
with status 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import presets
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


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m snn_mlir",
                                     description="snn-mlir tools for spiking neural networks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    _add_import_nir(commands)
    args = parser.parse_args(argv)
    try:
        args.run(args)
    except (NIRImportError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
