"""Mutation testing of the differential suite: would it notice a wrong semantics?

Each mutation of mutations.toml (next to this file) breaks one rule of
docs/Semantics.md in a copy of the reference simulator (textual
substitutions in reference.py's source, which is then executed as a module
of this package). A mutant is killed when the differential comparison
(`differential.compare_outputs`) of snn-run's outputs with the mutated
copy's fails on one of a fixed pool of random networks. A survivor names
a rule that the random networks do not exercise: a compiler bug breaking
that rule would go unnoticed as well.

    python3 -m snn_mlir.mutants [--json] [--count N] [--start-seed S] [--snn-run PATH]

The pool holds seeds S..S+N-1 (default 0..299) of `random_net.generate`,
each of kind int, float and any, in that order (schedules are left out: they
change the compiled code, not what the reference computes). A mutant stops
at its first failure. On a network where the mutated copy's outputs equal
the unmutated copy's, the comparison says nothing about the mutation (it
could only fail for a compiler bug), so such networks are passed over
without compiling. The first network where the two copies differ is
compiled and run (in this process, or by the snn-run of `--snn-run`; each
network at most once), the unmutated copy must match its outputs exactly,
and the mutated copy's comparison decides: the differential suite's
verdict for a few compilations instead of one per mutant and network.

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
import tomllib
import types
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from . import reference as _reference
from .compiler import ToolError
from .testing.differential import add_snn_run_option, compare_outputs, run_compiled
from .graph import Network
from .testing.random_net import generate


class Mutation(NamedTuple):
    """One rule of docs/Semantics.md broken: a name, what the mutant does."""
    name: str
    what: str
    #: (old, new) substitutions; each `old` must occur exactly once in reference.py.
    edits: Tuple[Tuple[str, str], ...]


def load_mutations(path: str = os.path.join(os.path.dirname(__file__), "mutations.toml")
                   ) -> Tuple[Mutation, ...]:
    """The mutations of `path` (mutations.toml: its header says the format)."""
    with open(path, "rb") as f:
        tables = tomllib.load(f)["mutation"]
    return tuple(Mutation(t["name"], t["what"], tuple((e["old"], e["new"]) for e in t["edit"]))
                 for t in tables)


MUTATIONS: Tuple[Mutation, ...] = load_mutations()


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

    def __init__(self, seeds: Sequence[int], snn_run: Optional[str], unmutated: Callable):
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


def run(mutations: Sequence[Mutation], count: int, start_seed: int, snn_run: Optional[str],
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
    add_snn_run_option(parser)
    args = parser.parse_args(argv)
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
