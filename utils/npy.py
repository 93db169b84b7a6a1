#!/usr/bin/python3
"""Small .npy helper for lit tests and scripts.

  npy.py make OUT --dtype int16 --shape 10,1 (--fill 3 | --values 1,0,1 | --random SEED [--low L --high H])
  npy.py show FILE          one line per time step: "t: v v v ..."
"""

import argparse
import sys

import numpy as np


def make(args):
    shape = tuple(int(d) for d in args.shape.split(","))
    dtype = np.dtype(args.dtype)
    if args.values is not None:
        data = np.array([float(v) for v in args.values.split(",")]).reshape(shape)
    elif args.random is not None:
        rng = np.random.default_rng(args.random)
        data = rng.integers(args.low, args.high + 1, size=shape)
    else:
        data = np.full(shape, args.fill)
    np.save(args.out, data.astype(dtype))


def show(args):
    a = np.load(args.file)
    print(f"shape {a.shape} dtype {a.dtype}")
    flat = a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(-1, 1)
    for t, row in enumerate(flat):
        print(f"{t}: " + " ".join(np.format_float_positional(v, trim="-")
                                  if a.dtype.kind == "f" else str(int(v)) for v in row))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("out")
    m.add_argument("--dtype", required=True)
    m.add_argument("--shape", required=True)
    group = m.add_mutually_exclusive_group(required=True)
    group.add_argument("--fill", type=float)
    group.add_argument("--values")
    group.add_argument("--random", type=int)
    m.add_argument("--low", type=int, default=0)
    m.add_argument("--high", type=int, default=1)
    s = sub.add_parser("show")
    s.add_argument("file")
    args = parser.parse_args()
    {"make": make, "show": show}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
