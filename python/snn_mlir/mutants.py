"""Mutation testing of the differential suite: would it notice a wrong semantics?

Each mutation below breaks one rule of docs/Semantics.md in a copy of the
reference simulator (textual substitutions in reference.py's source, which
is then executed as a module of this package). A mutant is killed when the
differential comparison (`differential.compare_outputs`) of snn-run's
outputs with the mutated copy's fails on one of a fixed pool of random
networks. A survivor names a rule that the random networks do not
exercise: a compiler bug breaking that rule would go unnoticed as well.

    python3 -m snn_mlir.mutants [--json] [--count N] [--start-seed S] [--snn-run PATH]

The pool holds seeds S..S+N-1 (default 0..299) of `random_net.generate`,
each of kind int, float and any, in that order (schedules are left out: they
change the compiled code, not what the reference computes). A mutant stops
at its first failure. On a network where the mutated copy's outputs equal
the unmutated copy's, the comparison says nothing about the mutation (it
could only fail for a compiler bug), so such networks are passed over
without compiling. The first network where the two copies differ is
compiled and run with snn-run (each network at most once), the unmutated
copy must match its outputs exactly, and the mutated copy's comparison
decides: the differential suite's verdict for a few compilations instead of
one per mutant and network.

One line per mutant, then (last) a line of JSON: `mutants`, `killed`,
`survivors` (names), `networks` (in the pool), `compiled` (networks run by
snn-run) and `seconds`; `--json` prints only that line. Exit status 1 if a
mutant survives; 2 if the harness cannot answer: a mutation's pattern does
not occur exactly once in reference.py (update the mutation), a mutated copy
raises (the mutation is broken), snn-run fails, or the unmutated copy fails
a network (a real difference: run the differential suite on that seed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import types
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from . import reference as _reference
from .compiler import ToolError
from .testing.differential import DEFAULT_SNN_RUN, compare_outputs, run_compiled
from .graph import Network
from .testing.random_net import generate


class Mutation(NamedTuple):
    """One rule of docs/Semantics.md broken: a name, what the mutant does."""
    name: str
    what: str
    #: (old, new) substitutions; each `old` must occur exactly once in reference.py.
    edits: Tuple[Tuple[str, str], ...]


MUTATIONS: Tuple[Mutation, ...] = (
    # -- rounding of Q16 factors
    Mutation("mulq-toward-zero", "mulq rounds toward zero instead of down", ((
        "return (a * q.astype(np.int64)) // Q16",
        "return (lambda p: np.sign(p) * (np.abs(p) // Q16))(a * q.astype(np.int64))"),)),
    Mutation("quantize-half-up", "q(c) rounds halves up instead of to even", ((
        "np.rint(np.asarray(c, dtype=np.float64) * Q16)",
        "np.floor(np.asarray(c, dtype=np.float64) * Q16 + 0.5)"),)),
    Mutation("relu-shift-nearest", "relu's shift rounds to nearest instead of down", ((
        'np.right_shift(x.astype(np.int64), node.attrs["shift"])',
        'np.right_shift(x.astype(np.int64) + (1 << node.attrs["shift"] >> 1), '
        'node.attrs["shift"])'),)),
    Mutation("avgpool-toward-zero", "integer avgpool divides toward zero", ((
        "return total // area", "return np.sign(total) * (np.abs(total) // area)"),)),
    Mutation("avgpool-reciprocal", "float avgpool multiplies by 1 / (KH KW)", ((
        "return total / arith.value(area)",
        "return total * (arith.value(1) / arith.value(area))"),)),
    # -- saturation
    Mutation("saturate-symmetric", "sat_N's lower bound is -(2^(N-1) - 1)", ((
        "np.maximum(z, lo)", "np.maximum(z, -hi)"),)),
    Mutation("recurrent-drive-own-type", "the recurrent drive saturates to the neuron's "
             "type, not 32 bits", (('x + r, "i32"', "x + r, self.syn.dtype"),)),
    # Seen only where x + r passes 2^31: the generator's wide networks give
    # some recurrent neurons an i32 drive for this.
    Mutation("recurrent-drive-unsaturated", "the recurrent drive x + r is not saturated", ((
        'return _saturate(x + r, "i32", "recurrent_drive", self.node.result)',
        "return x + r"),)),
    Mutation("charge-unsaturated", "the integer membrane charge is not saturated", ((
        "return mem.finish(self.biased(mem.mul(v - self.v_leak",
        "return (lambda z, *_: z)(self.biased(mem.mul(v - self.v_leak"),)),
    Mutation("current-unsaturated", "the integer synaptic current is not saturated", ((
        "return self.syn.finish(self.syn.mul(i, self.alpha)",
        "return (lambda z, *_: z)(self.syn.mul(i, self.alpha)"),)),
    Mutation("dense-saturates-each-term", "dense saturates after every term, not once", ((
        "acc = acc + x[:, n, None] * w[None, :, n]",
        "acc = arith.finish(acc + x[:, n, None] * w[None, :, n])"),)),
    Mutation("conv-saturates-each-term", "conv2d saturates after every term, not once", ((
        "acc + patch * w[:, c, kh, kw][None, :, None, None]",
        "arith.finish(acc + patch * w[:, c, kh, kw][None, :, None, None])"),)),
    # -- reset and threshold
    Mutation("subtract-resets-to-zero", "reset = subtract sets the membrane to zero", ((
        '"subtract": self.mem.finish(h - self.theta)', '"subtract": self.zero'),)),
    Mutation("to-value-resets-to-zero", "reset = to_value ignores v_reset", ((
        '"to_value": self.v_reset', '"to_value": self.zero'),)),
    Mutation("reset-timing-ignored", "reset_timing = next resets in the same step", (
        ('node.attrs["reset_timing"] == "next"', "False"),
        ('node.attrs["reset_timing"] == "same"', "True"))),
    Mutation("next-reset-before-decay", "reset_timing = next resets v before the charge", (
        ('        if node.attrs["reset_timing"] == "next":\n            h = m.reset(h, s)\n', ""),
        ("h = m.charge(v, drive)",
         'h = m.charge(m.reset(v, s) if node.attrs.get("reset_timing") == "next" else v, drive)'))),
    Mutation("compare-swapped", "compare = ge tests > and gt tests >=", ((
        'h >= theta if compare == "ge" else h > theta',
        'h > theta if compare == "ge" else h >= theta'),)),
    Mutation("threshold-floors-theta", "snn.threshold compares integers with floor(theta)", ((
        "        x = x.astype(np.int64)\n",
        "        x, theta = x.astype(np.int64), np.floor(theta)\n"),)),
    # -- neuron dynamics and state
    Mutation("decay-ignores-leak", "the decay acts on v instead of v - v_leak", ((
        "mem.mul(v - self.v_leak, self.beta) + self.v_leak",
        "mem.mul(v, self.beta) + self.v_leak"),)),
    Mutation("tau-exponential", "beta from tau is exp(-dt/tau), not 1 - dt/tau", ((
        'return 1.0 - float(node.attrs["dt"]) / _param(node, tau_key, 1.0, step_shape)',
        'return np.exp(-float(node.attrs["dt"]) / _param(node, tau_key, 1.0, step_shape))'),)),
    Mutation("current-one-step-late", "the membrane reads the previous step's current", ((
        "i = drive = m.filter_current(i, drive)", "drive, i = i, m.filter_current(i, drive)"),)),
    Mutation("recurrent-bias-ignored", "the recurrent bias is left out", ((
        '"recurrent", "recurrent_bias"', '"recurrent", "no_recurrent_bias"'),)),
    Mutation("v-init-ignored", "the membrane starts at 0, not v_init", ((
        "v = m.v_init", "v = m.v_init * 0"),)),
    Mutation("first-spike-set", "s[-1] = 1 instead of 0", ((
        "s = np.zeros(step_shape, dtype=bool)", "s = np.ones(step_shape, dtype=bool)"),)),
    # -- integer neurons' rounding and overflow modes, bias (Lava's fixed point)
    Mutation("toward-zero-as-floor", "rounding = toward_zero rounds down", ((
        "return np.where(p < 0, -((-p) // Q16), p // Q16)", "return p // Q16"),)),
    Mutation("nearest-even-ties-up", "rounding = nearest_even rounds ties up", ((
        "return down + ((rem + (down & 1)) > Q16 // 2)", "return down + (rem >= Q16 // 2)"),)),
    Mutation("nearest-even-as-floor", "rounding = nearest_even rounds down", ((
        "return down + ((rem + (down & 1)) > Q16 // 2)", "return down"),)),
    Mutation("wrap-as-saturate", "overflow = wrap saturates", ((
        '    if mode == "wrap":\n', "    if False:\n"),)),
    Mutation("symmetric-as-saturate", "overflow = saturate_symmetric keeps -2^(N-1)", ((
        'if mode == "saturate_symmetric":', "if False:"),)),
    Mutation("subtract-reset-saturates", "the subtractive reset saturates whatever the "
             "overflow mode", ((
        '"subtract": self.mem.finish(h - self.theta)',
        '"subtract": (self.mem.finish(h - self.theta) if self.mem.dtype[0] == "f" '
        "else saturate(h - self.theta, self.mem.dtype))"),)),
    Mutation("current-modes-from-membrane", "the current rounds and overflows as the "
             "membrane does, not by syn_rounding and syn_overflow", ((
        'a.get("syn_rounding", "floor"),\n                             '
        'a.get("syn_overflow", "saturate"))',
        'a.get("rounding", "floor"),\n                             '
        'a.get("overflow", "saturate"))'),)),
    Mutation("bias-dropped", "the neuron bias is not added", ((
        "return h if self.bias is None else h + self.bias", "return h"),)),
    # -- windows, indexing, order of float sums
    Mutation("conv-padding-reads-edge", "conv2d reads the edge value in the padding", ((
        "acc = np.where(inside, acc + patch * w[:, c, kh, kw][None, :, None, None], acc)",
        "acc = acc + patch * w[:, c, kh, kw][None, :, None, None]"),)),
    Mutation("maxpool-padding-zero", "maxpool's padding counts as 0", ((
        "acc = np.where(inside, np.maximum(acc, patch), acc)",
        "acc = np.maximum(acc, np.where(inside, patch, 0))"),)),
    Mutation("avgpool-excludes-padding", "avgpool divides by the positions inside the input", ((
        'area = node.attrs["kernel"][0] * node.attrs["kernel"][1]',
        "area = _window_sum(node, np.ones_like(xs[0]), arith)"),)),
    Mutation("stride-after-padding", "window positions are (o - pad) * stride", ((
        "positions = np.arange(out) * stride - pad",
        "positions = (np.arange(out) - pad) * stride"),)),
    Mutation("dilation-ignored", "kernel taps are not dilated", ((
        "index = positions + k * dilation", "index = positions + k"),)),
    Mutation("groups-interleaved", "output channel k reads group k mod groups", ((
        "first_channel = (np.arange(k_out) // (k_out // groups)) * c_group",
        "first_channel = (np.arange(k_out) % groups) * c_group"),)),
    Mutation("window-column-major", "float window sums run kw before kh", (
        ("    for kh, (rows, rows_in) in enumerate(row_taps):\n"
         "        for kw, (cols, cols_in) in enumerate(col_taps):\n",
         "    for kw, (cols, cols_in) in enumerate(col_taps):\n"
         "        for kh, (rows, rows_in) in enumerate(row_taps):\n"),)),
    Mutation("dense-reversed", "float dense sums n = N-1 down to 0", ((
        "for n in range(w.shape[1]):", "for n in reversed(range(w.shape[1])):"),)),
    # -- delays and adds
    Mutation("delay-off-by-one", "snn.delay delays one step more", ((
        'x, steps = xs[0], node.attrs["steps"]', 'x, steps = xs[0], node.attrs["steps"] + 1'),)),
    Mutation("spike-sum-as-or", "add of spikes in mode sum computes their OR", ((
        'if node.attrs["mode"] == "or":',
        'if node.attrs["mode"] == "or" or (dtypes.is_int(node.result.dtype) and '
        'all(v.dtype == "i1" for v in node.inputs)):'),)),
)

KINDS = ("int", "float", "any")


class HarnessError(Exception):
    """The harness cannot give an answer (exit status 2)."""


def reference_source() -> str:
    with open(_reference.__file__) as f:
        return f.read()


def apply(source: str, mutation: Mutation) -> str:
    """`source` with the edits of `mutation`; HarnessError if an edit's
    pattern does not occur exactly once (reference.py changed: the mutation
    must follow, else it would silently test nothing)."""
    for old, new in mutation.edits:
        found = source.count(old)
        if found != 1:
            raise HarnessError(f"mutation {mutation.name}: {old!r} occurs {found} times in "
                               f"reference.py, expected once")
        source = source.replace(old, new)
    return source


def load(source: str, name: str) -> types.ModuleType:
    """`source` (a version of reference.py) executed as a module of this package."""
    module = types.ModuleType(f"{__package__}.reference_{name.replace('-', '_')}")
    module.__package__ = __package__  # for its relative imports
    exec(compile(source, f"reference.py ({name})", "exec"), module.__dict__)
    return module


def outputs(simulate_all: Callable, net: Network, arrays) -> List[np.ndarray]:
    with np.errstate(all="ignore"):  # mutants overflow floats and index outside windows
        values = simulate_all(net, arrays)
    return [values[v.name] for v in net.outputs]


class Pool:
    """The networks, each generated, simulated by the unmutated copy and
    compiled (when first needed) once."""

    def __init__(self, seeds: Sequence[int], snn_run: str, unmutated: Callable):
        self.keys = [(seed, kind) for seed in seeds for kind in KINDS]
        self.snn_run, self.unmutated = snn_run, unmutated
        self.cases: Dict[Tuple[int, str], tuple] = {}
        self.compiled: Dict[Tuple[int, str], List[np.ndarray]] = {}

    def case(self, key):
        """(network, input arrays, the unmutated copy's outputs)."""
        if key not in self.cases:
            net, inputs = generate(key[0], kind=key[1])
            arrays = _reference.input_arrays(net, inputs)
            self.cases[key] = net, arrays, outputs(self.unmutated, net, arrays)
        return self.cases[key]

    def run(self, key) -> List[np.ndarray]:
        """snn-run's outputs for network `key`, which must equal the unmutated copy's."""
        if key not in self.compiled:
            net, arrays, expected = self.case(key)
            with tempfile.TemporaryDirectory(prefix="snn-mutants-") as directory:
                try:
                    got = run_compiled(net.to_mlir(), net, arrays, self.snn_run, None, directory)
                except ToolError as error:
                    raise HarnessError(f"seed {key[0]} kind {key[1]}: {error}") from error
            problem = compare_outputs(net, expected, got)
            if problem:
                raise HarnessError(f"the unmutated reference fails seed {key[0]} kind "
                                   f"{key[1]}: {problem}")
            self.compiled[key] = got
        return self.compiled[key]

    def first_failure(self, mutation: Mutation, simulate_all: Callable
                      ) -> Optional[Tuple[Tuple[int, str], str]]:
        """The first network whose differential comparison with the mutant
        `simulate_all` fails, and the failure; None if none does."""
        for key in self.keys:
            net, arrays, expected = self.case(key)
            try:
                mutated = outputs(simulate_all, net, arrays)
            except Exception as error:
                raise HarnessError(f"mutation {mutation.name} raises {type(error).__name__} "
                                   f"on seed {key[0]} kind {key[1]}: {error}") from error
            if compare_outputs(net, expected, mutated) is None:
                continue  # as the unmutated copy's: a failure would be the compiler's
            problem = compare_outputs(net, mutated, self.run(key))
            if problem:
                return key, problem
        return None


def run(mutations: Sequence[Mutation], count: int, start_seed: int, snn_run: str,
        log=print) -> dict:
    """Every mutation against the pool of networks; the summary dict."""
    start = time.monotonic()
    source = reference_source()
    mutants = [(m, load(apply(source, m), m.name).simulate_all) for m in mutations]
    pool = Pool(range(start_seed, start_seed + count), snn_run,
                load(source, "unmutated").simulate_all)
    survivors: List[str] = []
    for mutation, simulate_all in mutants:
        failure = pool.first_failure(mutation, simulate_all)
        if failure:
            (seed, kind), problem = failure
            log(f"killed   {mutation.name}: {mutation.what}; seed {seed} kind {kind}: "
                f"{problem.splitlines()[0][:160]}")
        else:
            survivors.append(mutation.name)
            log(f"SURVIVED {mutation.name}: {mutation.what}; {len(pool.keys)} networks")
    return {"mutants": len(mutants), "killed": len(mutants) - len(survivors),
            "survivors": survivors, "networks": len(pool.keys),
            "compiled": len(pool.compiled), "seconds": round(time.monotonic() - start, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    parser.add_argument("--count", type=int, default=300,
                        help="seeds in the pool (each of kind int, float and any)")
    parser.add_argument("--start-seed", type=int, default=0)
    parser.add_argument("--snn-run", default=DEFAULT_SNN_RUN, help="path of snn-run")
    args = parser.parse_args(argv)
    if not os.access(args.snn_run, os.X_OK):
        print(f"error: {args.snn_run} is not an executable", file=sys.stderr)
        return 2
    try:
        summary = run(MUTATIONS, args.count, args.start_seed, args.snn_run,
                      log=(lambda line: None) if args.json else
                      (lambda line: print(line, flush=True)))
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(summary))
    return 1 if summary["survivors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
