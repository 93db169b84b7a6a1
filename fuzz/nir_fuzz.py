#!/usr/bin/env python3
"""Random-mutation fuzzing of the NIR importer (include/snn/Target/NIR, called
through python/snn_mlir/nir_import.py).

Each case takes one of the given `.nir` files, changes it and imports it:

- structure mutations (most cases): the HDF5 tree is read into a dict of
  datasets, 1 to 3 random edits are applied (a parameter's values become NaN,
  infinite, zero, negative or huge, are scaled or shifted, its shape or dtype
  changes, it becomes a string, a scalar or empty, it disappears; a node's
  type changes or the node disappears or is duplicated; edges are dropped,
  duplicated, reversed, renamed or close a cycle; a node moves into a nested
  graph) and the tree is written back as a new HDF5 file;
- byte mutations: bytes of the file flipped, the file truncated or gzipped;
- import options: time steps, dt, preset, reset mode and input dtype, now and
  then an invalid or extreme one.

Every case is imported as the package imports, in the importer's isolated
mode: the C++ importer reads the file in a child process with a time limit
of HANG_SECONDS, so that a crash or a hang of the HDF5 C library on
corrupted bytes comes back as an error. On byte-mutated files such a death
is counted apart (not an importer bug); on a structure-mutated file, which
HDF5 reads without trouble, it is a bug of the importer.

The importer's documented error is `NIRImportError`, one line; any other
exception is a bug, and so is an imported module that the importer's own
verification rejects ("the imported module does not verify"). With
--snn-opt, networks that import are also printed as MLIR and checked by
`snn-opt`, for --check-fraction of them.

A case that finds a bug is saved (--save DIR) as JSON: the seed file's name
("source"), the import "options", and either the mutated tree ("tree", see
`tree_to_json`) or the byte change ("bytes", see `apply_bytes`).
fuzz/regressions/nir-import/ holds such cases; --replay runs them (byte
changes apply to the file of that name in --nir-dir). Bugs known and not yet
fixed are listed in fuzz/nir-open-bugs.txt (--open-bugs) and counted apart.

    PYTHONPATH=python /usr/bin/python3 fuzz/nir_fuzz.py --seed 1 --count 500 data/nir/*.nir
    PYTHONPATH=python /usr/bin/python3 fuzz/nir_fuzz.py --minutes 30 --snn-opt build/bin/snn-opt \\
        --open-bugs fuzz/nir-open-bugs.txt --save /tmp/nir-bugs data/nir/*.nir
    PYTHONPATH=python /usr/bin/python3 fuzz/nir_fuzz.py --replay fuzz/regressions/nir-import

Prints one report per bug and a summary; exits 1 if it found a bug.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import List, Optional, Tuple

import h5py
import numpy as np

from snn_mlir import presets
from snn_mlir.nir_import import NIRImportError, import_nir

# -- the HDF5 tree -------------------------------------------------------------------
# A tree is a dict: group member name -> numpy array (a dataset) or a dict (a group).


def read_tree(path: Path) -> dict:
    def walk(group) -> dict:
        out = {}
        for key, item in group.items():
            out[key] = walk(item) if isinstance(item, h5py.Group) else np.asarray(item[()])
        return out
    with h5py.File(path, "r") as file:
        return walk(file)


def write_tree(tree: dict, path: Path) -> None:
    def walk(group, node: dict) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                walk(group.create_group(key), value)
            else:
                group.create_dataset(key, data=value)
    with h5py.File(path, "w") as file:
        walk(file, tree)


def tree_to_json(tree: dict) -> dict:
    """A JSON form of a tree: arrays as {"dtype", "shape", "data"} (strings as
    UTF-8 text)."""
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out[key] = {"group": tree_to_json(value)}
            continue
        array = np.asarray(value)
        if array.dtype.kind in "SO":
            data = [v.decode("utf8", "replace") if isinstance(v, bytes) else str(v)
                    for v in array.reshape(-1)]
            out[key] = {"dtype": "str", "shape": list(array.shape), "data": data}
        else:
            data = [None if isinstance(v, float) and math.isnan(v) else
                    ("inf" if v == math.inf else "-inf" if v == -math.inf else v)
                    for v in array.reshape(-1).tolist()]
            out[key] = {"dtype": array.dtype.str, "shape": list(array.shape), "data": data}
    return out


def tree_from_json(spec: dict) -> dict:
    """Inverse of `tree_to_json`; `"fill": v` may stand for `"data"` (every
    element v), NaN is written null, infinities "inf" / "-inf"."""
    out = {}
    for key, value in spec.items():
        if "group" in value:
            out[key] = tree_from_json(value["group"])
            continue
        shape = tuple(value["shape"])
        count = int(np.prod(shape)) if shape else 1
        data = value["data"] if "data" in value else [value["fill"]] * count
        if value["dtype"] == "str":
            out[key] = np.array([s.encode("utf8") for s in data], dtype=object).reshape(shape)
            continue
        data = [math.nan if v is None else float(v) if isinstance(v, str) else v for v in data]
        out[key] = np.array(data, dtype=np.dtype(value["dtype"])).reshape(shape)
    return out


# -- mutations -----------------------------------------------------------------------

# NIR 1.0's primitives, and types no importer knows.
NODE_TYPES = ["Input", "Output", "Identity", "Affine", "Linear", "Scale", "Conv1d", "Conv2d",
              "SumPool2d", "AvgPool2d", "Flatten", "Delay", "Threshold", "I", "IF", "LI",
              "LIF", "CubaLI", "CubaLIF", "NIRGraph", "Conv3d", "Bogus", ""]
ODD_FLOATS = [math.nan, math.inf, -math.inf, 0.0, -0.0, -1.0, 1e308, -1e308, 5e-324, 1e-45,
              2.0 ** 63, 3.5]
ODD_INTS = [0, -1, 1, 2, 3, 2 ** 31, 2 ** 40, 2 ** 62, -2 ** 63]


def node_groups(tree: dict, prefix: str = "") -> List[Tuple[str, dict]]:
    """(path, group) of every node group (a group with a 'type' dataset)."""
    found = []
    for key, value in tree.items():
        if isinstance(value, dict):
            path = f"{prefix}/{key}"
            if "type" in value:
                found.append((path, value))
            found.extend(node_groups(value, path))
    return found


def graph_groups(tree: dict) -> List[Tuple[str, dict]]:
    return [(p, g) for p, g in node_groups(tree) if "nodes" in g]


def text(value) -> str:
    value = np.asarray(value)
    item = value.reshape(-1)[0] if value.size else b""
    return item.decode("utf8", "replace") if isinstance(item, bytes) else str(item)


def encode(s: str) -> np.ndarray:
    return np.array(s.encode("utf8"), dtype=object)


def mutate_array(rng: random.Random, value: np.ndarray) -> np.ndarray:
    value = np.array(value)
    kind = rng.randrange(16)
    if value.dtype.kind in "SO" and kind != 9 and kind != 10 and kind != 11:
        kind = 9 + rng.randrange(3)
    if kind >= 12:  # plausible: scaled, shifted by one, or one dimension changed
        with np.errstate(all="ignore"):
            if kind == 12:
                return value * rng.choice([-1.0, 0.5, 2.0, 1e-3, 1e3])
            if kind == 13:
                return value + rng.choice([-1, 1])
        if value.ndim and value.shape[0] > 1 and kind == 14:
            return value[:-1]
        return np.concatenate([value, value[:1]]) if value.ndim and value.size else value
    if kind == 0:  # one odd element
        if value.size:
            flat = value.astype(np.float64).reshape(-1)
            flat[rng.randrange(flat.size)] = rng.choice(ODD_FLOATS)
            return flat.reshape(value.shape)
        return value
    if kind == 1:  # every element odd
        return np.full(value.shape, rng.choice(ODD_FLOATS))
    if kind == 2:  # an odd integer scalar or tuple
        return np.array([rng.choice(ODD_INTS) for _ in range(rng.choice([1, 1, 2, 3]))],
                        dtype=np.int64)
    if kind == 3:  # another dtype
        dtype = rng.choice([np.float16, np.float32, np.int8, np.int64, np.uint8, np.bool_,
                            np.complex64])
        with np.errstate(all="ignore"):
            return value.astype(dtype)
    if kind == 4:  # transposed or reshaped
        if value.ndim >= 2:
            return value.T
        return value.reshape(-1, 1) if value.size else value
    if kind == 5:  # truncated
        flat = value.reshape(-1)
        return flat[: rng.randrange(flat.size + 1)]
    if kind == 6:  # extended
        flat = value.reshape(-1)
        return np.concatenate([flat, flat[:1] if flat.size else np.zeros(1)])
    if kind == 7:  # a scalar
        return np.array(rng.choice(ODD_FLOATS + [1.0, 2.0]))
    if kind == 8:  # empty
        return np.zeros((0,) + value.shape[1:], dtype=value.dtype)
    if kind == 9:  # a string
        return encode(rng.choice(["same", "valid", "full", "", "1", "nan", "LIF", "\x00"]))
    if kind == 10:  # huge dimension counts
        return np.array([rng.choice(ODD_INTS) for _ in range(rng.randrange(1, 5))],
                        dtype=np.int64)
    return np.zeros((2, 0, 3))


def mutate(rng: random.Random, tree: dict) -> List[str]:
    """Applies 1 to 4 random edits to `tree`; returns what they were."""
    done = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        nodes = node_groups(tree)
        graphs = graph_groups(tree)
        what = rng.randrange(10)
        if what <= 3 and nodes:  # a parameter
            path, node = rng.choice(nodes)
            keys = [k for k, v in node.items() if not isinstance(v, dict) and k != "type"]
            if keys:
                key = rng.choice(keys)
                node[key] = mutate_array(rng, node[key])
                done.append(f"{path}/{key} mutated")
        elif what == 4 and nodes:  # a parameter removed, or an unknown one added
            path, node = rng.choice(nodes)
            keys = [k for k, v in node.items() if not isinstance(v, dict)]
            if keys and rng.random() < 0.7:
                key = rng.choice(keys)
                del node[key]
                done.append(f"{path}/{key} removed")
            else:
                node["bogus"] = np.array([1.0])
                done.append(f"{path}/bogus added")
        elif what == 5 and nodes:  # a node's type
            path, node = rng.choice(nodes)
            node["type"] = encode(rng.choice(NODE_TYPES))
            done.append(f"{path}/type = {text(node['type'])}")
        elif what == 6 and graphs:  # a node removed or duplicated
            path, graph = rng.choice(graphs)
            names = list(graph["nodes"])
            if names:
                name = rng.choice(names)
                if rng.random() < 0.5:
                    del graph["nodes"][name]
                    done.append(f"{path}/nodes/{name} removed")
                else:
                    graph["nodes"][name + "_copy"] = json_copy(graph["nodes"][name])
                    done.append(f"{path}/nodes/{name} duplicated")
        elif what in (7, 8) and graphs:  # edges
            path, graph = rng.choice(graphs)
            edges = [(text(a), text(b)) for a, b in
                     np.asarray(graph.get("edges", np.zeros((0, 2), dtype=object)),
                                dtype=object).reshape(-1, 2)] \
                if np.asarray(graph.get("edges", [])).size % 2 == 0 else []
            names = list(graph["nodes"]) + ["nowhere", "a.b"]
            how = rng.randrange(6)
            if how == 0 and edges:
                edges.pop(rng.randrange(len(edges)))
            elif how == 1 and edges:
                edges.append(rng.choice(edges))
            elif how == 2 and edges:
                i = rng.randrange(len(edges))
                edges[i] = edges[i][::-1]
            elif how == 3:
                edges.append((rng.choice(names), rng.choice(names)))
            elif how == 4 and edges:  # a self loop
                a = rng.choice(edges)[1]
                edges.append((a, a))
            else:
                graph["edges"] = mutate_array(rng, np.array(
                    [[a.encode(), b.encode()] for a, b in edges] or [[b"", b""]], dtype=object))
                done.append(f"{path}/edges array mutated")
                continue
            graph["edges"] = (np.array([[a.encode(), b.encode()] for a, b in edges],
                                       dtype=object) if edges else
                              np.zeros((0, 2), dtype=object))
            done.append(f"{path}/edges edit {how}")
        elif what == 9 and graphs:  # a node moved into a nested graph
            path, graph = rng.choice(graphs)
            names = [n for n in graph["nodes"] if "type" in graph["nodes"][n]]
            if names:
                name = rng.choice(names)
                inner = graph["nodes"].pop(name)
                graph["nodes"][name] = {
                    "type": encode("NIRGraph"),
                    "nodes": {"input": {"type": encode("Input"), "shape": np.array([1])},
                              name: inner,
                              "output": {"type": encode("Output")}},
                    "edges": np.array([[b"input", name.encode()], [name.encode(), b"output"]],
                                      dtype=object)}
                done.append(f"{path}/nodes/{name} nested")
    return done


def json_copy(value):
    if isinstance(value, dict):
        return {k: json_copy(v) for k, v in value.items()}
    return np.array(value, copy=True)


def mutate_bytes(rng: random.Random, data: bytes) -> dict:
    """A byte-level change of a file, as a JSON-able description for
    `apply_bytes`."""
    how = rng.randrange(3)
    if how == 0:
        return {"flips": sorted([rng.randrange(len(data)), rng.randrange(256)]
                                for _ in range(rng.randrange(1, 16)))}
    if how == 1:
        return {"truncate": rng.randrange(len(data))}
    return {"gzip": True}


def apply_bytes(data: bytes, change: dict) -> bytes:
    buf = bytearray(data)
    for offset, value in change.get("flips", []):
        buf[offset] = value
    if "truncate" in change:
        del buf[change["truncate"]:]
    return gzip.compress(bytes(buf)) if change.get("gzip") else bytes(buf)


def random_options(rng: random.Random) -> dict:
    """Valid import options, and now and then one invalid or extreme one."""
    options = {"time_steps": rng.choice([1, 2, 3, 4])}
    if rng.random() < 0.4:
        options["dt"] = rng.choice([1e-4, 1e-3, 1.0])
    if rng.random() < 0.5:
        options["preset"] = rng.choice(list(presets.PRESETS))
    if rng.random() < 0.3:
        options["reset"] = rng.choice(["subtract", "zero", "to_value", "none"])
    if rng.random() < 0.3:
        options["input_dtype"] = rng.choice(["f32", "i1"])
    if rng.random() < 0.1:
        key, values = rng.choice([
            ("time_steps", [0, -1, 10 ** 6]),
            ("dt", [0.0, -1e-3, math.nan, math.inf, 1e-300, 1e300]),
            ("preset", ["nosuch", ""]),
            ("reset", ["bounce", ""]),
            ("input_dtype", ["i8", "f16"])])
        options[key] = rng.choice(values)
    return options


# -- running a case ------------------------------------------------------------------


def signature(error: BaseException) -> Tuple[List[str], List[str]]:
    """The names of an exception's type and its bases, and the functions of
    snn_mlir its traceback passes through, to match it with the open bugs."""
    frames = traceback.extract_tb(error.__traceback__)
    return ([t.__name__ for t in type(error).__mro__],
            [f.name for f in frames if "snn_mlir" in f.filename])


def read_open_bugs(path: Optional[str]) -> List[Tuple[str, str]]:
    """Lines `<exception type or *> <snn_mlir function>`, `import <text of
    the importer's error>` or `snn-opt <text of its error>`; '#' starts a
    comment line."""
    if not path:
        return []
    entries = []
    for line in Path(path).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            kind, what = line.strip().split(None, 1)
            entries.append((kind, what))
    return entries


# Seconds the importer's child process has: the HDF5 C library can also loop
# on a corrupted file (reading a string dataset of one 31 KB file never
# ended).
HANG_SECONDS = 60

# How the isolated importer reports a child that died (snn/Target/NIR/Isolation.h).
CHILD_DEATH = re.compile(r"^the NIR reader (crashed|did not finish|exited with status)")


class Checker:
    """Imports a file and reports a bug as a string (None if it behaved).
    Failures matching an entry of `open_bugs` are counted as known and not
    reported."""

    def __init__(self, snn_opt: Optional[str], check_fraction: float,
                 open_bugs: List[Tuple[str, str]]):
        self.snn_opt, self.check_fraction, self.open_bugs = snn_opt, check_fraction, open_bugs
        self.imported = self.rejected = self.checked = self.known = 0
        self.hdf5_failures = {"crash": 0, "hang": 0}

    def _known(self, kind: str, text: str) -> bool:
        if any(k == kind and what in text for k, what in self.open_bugs):
            self.known += 1
            return True
        return False

    def run(self, path: Path, options: dict, rng: random.Random,
            corrupted: bool = False) -> Optional[str]:
        """Imports `path`; `corrupted` says its bytes were changed, where a
        dying HDF5 library is no importer bug."""
        try:
            net = import_nir(path, isolate_seconds=HANG_SECONDS, **options)
            text = net.to_mlir()
        except NIRImportError as error:
            message = str(error)
            death = CHILD_DEATH.match(message)
            if death and corrupted:
                hang = death.group(1) == "did not finish"
                self.hdf5_failures["hang" if hang else "crash"] += 1
                return None
            if death or message.startswith("the imported module does not verify"):
                return None if self._known("import", message) else f"NIRImportError: {message}"
            self.rejected += 1
            return None
        except Exception as error:  # noqa: BLE001 - every other exception is a bug
            kinds, functions = signature(error)
            if any((t == "*" or t in kinds) and f in functions for t, f in self.open_bugs):
                self.known += 1
                return None
            return traceback.format_exc(limit=-4)
        self.imported += 1
        if self.snn_opt and rng.random() < self.check_fraction:
            self.checked += 1
            proc = subprocess.run([self.snn_opt, "-o", os.devnull], input=text, text=True,
                                  capture_output=True)
            if proc.returncode != 0 and not self._known("snn-opt", proc.stderr):
                return "snn-opt rejects the imported module:\n" + proc.stderr[-2000:]
        return None


def replay(paths: List[str], checker: Checker, workdir: Path, nir_dir: Path) -> int:
    """Runs regression cases (.json): a mutated tree ("tree") or a byte-level
    change ("bytes", see `apply_bytes`) of the file "source" in `nir_dir`,
    imported with "options"."""
    files = sorted(p for arg in paths for p in
                   (Path(arg).rglob("*.json") if Path(arg).is_dir() else [Path(arg)]))
    bugs = 0
    fraction, checker.check_fraction = checker.check_fraction, 1.0  # check every case
    for case in files:
        spec = json.loads(case.read_text())
        target = workdir / "case.nir"
        options = spec.get("options", {})
        if "bytes" in spec:
            target.write_bytes(apply_bytes((nir_dir / spec["source"]).read_bytes(),
                                           spec["bytes"]))
        else:
            write_tree(tree_from_json(spec["tree"]), target)
        bug = checker.run(target, options, random.Random(0), corrupted="bytes" in spec)
        if bug:
            bugs += 1
            print(f"BUG in {case}:\n{bug}")
    checker.check_fraction = fraction
    print(f"replayed {len(files)} NIR cases, {bugs} bugs, {checker.known} known open")
    return bugs


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="seed .nir files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=None, help="cases to run")
    parser.add_argument("--minutes", type=float, default=None, help="run this long")
    parser.add_argument("--replay", nargs="*", default=[], help="regression files or folders")
    parser.add_argument("--snn-opt", default=None, help="check imported modules with snn-opt")
    parser.add_argument("--check-fraction", type=float, default=0.2)
    parser.add_argument("--save", default=None, help="folder for the cases that found bugs")
    parser.add_argument("--verbose", action="store_true", help="print every case before it runs")
    parser.add_argument("--nir-dir", default=str(Path(__file__).resolve().parents[1] / "data" / "nir"),
                        help="where the source files of byte-level regression cases are")
    parser.add_argument("--open-bugs", default=None,
                        help="file of known open bugs (`<exception type or *> <function>`, "
                             "`import <error text>` or `snn-opt <error text>` lines) to "
                             "count apart instead of reporting")
    args = parser.parse_args(argv)

    checker = Checker(args.snn_opt, args.check_fraction, read_open_bugs(args.open_bugs))
    with tempfile.TemporaryDirectory(prefix="nir-fuzz-") as tmp:
        workdir = Path(tmp)
        bugs = replay(args.replay, checker, workdir, Path(args.nir_dir)) if args.replay else 0
        if not args.files or (args.count is None and args.minutes is None):
            return 1 if bugs else 0

        seeds = [(Path(f), read_tree(Path(f)), Path(f).read_bytes()) for f in args.files]
        rng = random.Random(args.seed)
        deadline = time.time() + 60 * args.minutes if args.minutes else math.inf
        count = args.count if args.count is not None else math.inf
        start, cases = time.time(), 0
        while cases < count and time.time() < deadline:
            case_seed = rng.randrange(2 ** 32)
            case_rng = random.Random(case_seed)
            path, tree, raw = case_rng.choice(seeds)
            target = workdir / "case.nir"
            options = random_options(case_rng)
            mutated = None
            if case_rng.random() < 0.85:
                mutated = json_copy(tree)
                how = mutate(case_rng, mutated)
                try:
                    write_tree(mutated, target)
                except (ValueError, TypeError, OSError):
                    continue  # h5py cannot store this tree (e.g. NUL in a string)
            else:
                change = mutate_bytes(case_rng, raw)
                how = [f"bytes changed: {sorted(change)}"]
                target.write_bytes(apply_bytes(raw, change))
            cases += 1
            if args.verbose:
                print(f"case seed {case_seed}: {path.name}, {options}, {'; '.join(how)}",
                      file=sys.stderr, flush=True)
            bug = checker.run(target, options, case_rng, corrupted=mutated is None)
            if not bug:
                continue
            bugs += 1
            print(f"BUG (seed {args.seed}, case seed {case_seed}, {path.name}, {options}, "
                  f"{'; '.join(how)}):\n{bug}", flush=True)
            if args.save:
                os.makedirs(args.save, exist_ok=True)
                name = Path(args.save) / f"case-{case_seed}"
                case = {"source": path.name, "mutations": how, "options": options}
                if mutated is not None:
                    case["tree"] = tree_to_json(mutated)
                else:
                    case["bytes"] = change
                name.with_suffix(".json").write_text(json.dumps(case))
        seconds = time.time() - start
        print(f"{cases} NIR cases in {seconds:.0f} s ({cases / max(seconds, 1e-9):.1f}/s): "
              f"{checker.imported} imported ({checker.checked} checked by snn-opt), "
              f"{checker.rejected} rejected with NIRImportError, {bugs} bugs, "
              f"{checker.known} known open; "
              f"{checker.hdf5_failures['crash']} crashes and "
              f"{checker.hdf5_failures['hang']} hangs (over {HANG_SECONDS} s) of the HDF5 "
              "library on corrupted bytes, isolated")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
