"""Moves the schedule of a full-size network onto a reduced version of it.

The auto-scheduler plans the benchmark networks at full size; running them at
that size is too slow for a test. Their reduced versions (bench/gen_networks.py,
REDUCTIONS) have the same layers under the same name locations
(`loc("b0_conv_a")`) and smaller time, spatial and channel extents.
`transplant` reads the `#snn.schedule` of every layer of the full network by
name and writes it onto the layer of the same name in the reduced network:
same fusion groups, same tile axes, same state placement. Sizes that do not
fit the smaller extents are adjusted, and every adjustment is reported:

* `time_tile`: 0 (all steps) stays 0. A tile of all T steps becomes a tile
  of all T' steps of the reduced network. A smaller tile (several time tiles)
  is kept if it is smaller than T', else scaled by T'/T and kept below T', so
  that the reduced network still runs several time tiles.
* `tile_size` along `rows`, `cols` or `channels`, counted in elements of the
  group's last op (the one whose bands the tiling pass cuts): the same rule,
  with the extent of that op along the axis in place of T.

Both networks must have the same layers in the same order, with the same op
kinds and the same producers (by name), so that the fusion groups stay
consecutive and every tile axis stays legal; anything else is an error.

The full network must be printed with its locations (`snn-opt
--mlir-print-debuginfo`, with or without `--mlir-print-local-scope`); the
reduced network is the text bench/gen_networks.py writes (any layer without a
name location is an error there).

Command line:

    python3 -m snn_mlir.transplant FULL_SCHEDULED.mlir REDUCED.mlir [-o OUT.mlir]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import subprocess
import sys
from typing import Dict, List, Optional, Sequence, Tuple

from .graph import Schedule

AXES = ("none", "channels", "rows", "cols")
STATES = ("onchip", "spill")
# Tensor dimension of each tile axis in a time-major result (T, C, H, W) or (T, N).
_AXIS_DIM = {"channels": 1, "rows": 2, "cols": 3}


class TransplantError(ValueError):
    """The two networks do not correspond, or a text cannot be read."""


@dataclasses.dataclass
class LayerOp:
    """One `snn` op line of a module: its name location, mnemonic (without
    `snn.`), result shape (time first), schedule, the names of the ops whose
    results it reads (None for anything else: arguments, constants) and where
    its attribute dictionary lies in the line."""
    name: Optional[str]
    op: str
    shape: Tuple[int, ...]
    schedule: Optional[Schedule]
    producers: List[Optional[str]]
    line: int
    result: str
    operands: List[str]
    attr_span: Optional[Tuple[int, int]]  # [start, end) of `{...}`, braces included
    type_start: int                       # position of the ` :` before the types


@dataclasses.dataclass
class Change:
    """One adjusted field of one group: `ops` are its layers, by name."""
    ops: List[str]
    field: str
    old: int
    new: int
    why: str

    def __str__(self) -> str:
        where = self.ops[0] if len(self.ops) == 1 else f"{self.ops[0]}..{self.ops[-1]}"
        return f"{where}: {self.field} {self.old} -> {self.new} ({self.why})"


@dataclasses.dataclass
class Transplant:
    """The reduced network's text with the schedules written on it, the
    schedule per layer name (None: none) and the adjustments made."""
    text: str
    schedules: Dict[str, Optional[Schedule]]
    changes: List[Change]

    def groups(self) -> List[Tuple[Schedule, List[str]]]:
        """The scheduled units in order: (schedule, layer names), a fusion
        group per non-negative id, a lone layer otherwise."""
        units: List[Tuple[Schedule, List[str]]] = []
        by_id: Dict[int, List[str]] = {}
        for name, schedule in self.schedules.items():
            if schedule is None:
                continue
            if schedule.group >= 0 and schedule.group in by_id:
                by_id[schedule.group].append(name)
                continue
            units.append((schedule, [name]))
            if schedule.group >= 0:
                by_id[schedule.group] = units[-1][1]
        return units


# -- reading MLIR text -------------------------------------------------------------

_OP_LINE = re.compile(r'^\s*(%[^\s=]+(?:\s*,\s*%[^\s=]+)*)\s*=\s*snn\.(\w+)\b')
_LOC_ALIAS = re.compile(r'^(#[\w$.-]+)\s*=\s*loc\((.*)\)\s*$')
_ATTR_ALIAS = re.compile(r'^(#[\w$.-]+)\s*=\s*(#snn\.schedule<.*>)\s*$')
_SCHEDULE = re.compile(r'^#snn\.schedule<(.*)>$')
_TENSOR = re.compile(r'tensor<((?:\d+x)*)[^>]*>')
_VALUE = re.compile(r'%[\w$.-]+(?:#\d+)?')
_OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _outside_quotes(text: str, start: int = 0):
    """(index, character) of each character of `text` from `start` that is
    not inside a string literal."""
    i = start
    while i < len(text):
        if text[i] == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        else:
            yield i, text[i]
        i += 1


def _closes(text: str, i: int) -> bool:
    """Whether the character at `i` closes a bracket (`->` is not a `>`)."""
    return text[i] in ")]}>" and not (text[i] == ">" and i > 0 and text[i - 1] == "-")


def _matching(text: str, start: int) -> int:
    """Index just past the bracket closing the one at `start` (quotes and
    nested brackets skipped)."""
    stack = []
    for i, c in _outside_quotes(text, start):
        if c in _OPENERS:
            stack.append(_OPENERS[c])
        elif _closes(text, i):
            if not stack or stack[-1] != c:
                raise TransplantError(f"unbalanced '{c}' in: {text.strip()[:200]}")
            stack.pop()
            if not stack:
                return i + 1
    raise TransplantError(f"unclosed '{text[start]}' in: {text.strip()[:200]}")


def _split_top(text: str, sep: str = ",") -> List[str]:
    """`text` cut at the `sep` characters outside brackets and quotes."""
    parts, depth, begin = [], 0, 0
    for i, c in _outside_quotes(text):
        if c in _OPENERS:
            depth += 1
        elif _closes(text, i):
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[begin:i])
            begin = i + 1
    parts.append(text[begin:])
    return [p.strip() for p in parts if p.strip()]


def _unescape(literal: str) -> str:
    """The contents of an MLIR string literal (without its quotes)."""
    out = bytearray()
    i = 0
    raw = literal.encode()
    while i < len(raw):
        if raw[i] == 0x5C and i + 1 < len(raw):  # backslash
            nxt = raw[i + 1:i + 3]
            if re.fullmatch(rb"[0-9A-Fa-f]{2}", nxt):
                out.append(int(nxt, 16))
                i += 3
                continue
            out.append(raw[i + 1])
            i += 2
            continue
        out.append(raw[i])
        i += 1
    return out.decode(errors="replace")


def _loc_name(body: str, aliases: Dict[str, str], depth: int = 0) -> Optional[str]:
    """The name of a location `loc(body)`: `"name"` or `"name"(child)`; None
    for file, unknown, fused and call-site locations."""
    body = body.strip()
    if body.startswith("#"):
        if body not in aliases or depth > 8:
            return None
        return _loc_name(aliases[body], aliases, depth + 1)
    match = re.match(r'"((?:[^"\\]|\\.)*)"(.?)', body)
    if not match or match.group(2) == ":":
        return None
    return _unescape(match.group(1))


def parse_schedule(text: str) -> Schedule:
    """A `#snn.schedule<...>` attribute as a `graph.Schedule`."""
    match = _SCHEDULE.match(text.strip())
    if not match:
        raise TransplantError(f"not a #snn.schedule attribute: {text}")
    fields = {}
    for part in _split_top(match.group(1)):
        key, _, value = part.partition("=")
        fields[key.strip()] = value.strip()
    try:
        schedule = Schedule(
            group=int(fields.pop("group", -1)), time_tile=int(fields.pop("time_tile", 0)),
            tile_axis=fields.pop("tile_axis", "none"), tile_size=int(fields.pop("tile_size", 0)),
            state=fields.pop("state", "onchip"))
    except ValueError as error:
        raise TransplantError(f"bad number in {text}: {error}") from None
    if fields:
        raise TransplantError(f"unknown field(s) {', '.join(fields)} in {text}")
    if schedule.tile_axis not in AXES or schedule.state not in STATES:
        raise TransplantError(f"bad tile_axis or state in {text}")
    return schedule


def parse_ops(text: str) -> List[LayerOp]:
    """Every `snn` op written on one line (`%r = snn.op ...  loc(...)`), in
    order. Location and schedule aliases (`#loc3 = loc("b0_conv")`) are
    resolved."""
    lines = text.splitlines()
    loc_aliases, attr_aliases = {}, {}
    for line in lines:
        if match := _LOC_ALIAS.match(line):
            loc_aliases[match.group(1)] = match.group(2)
        elif match := _ATTR_ALIAS.match(line):
            attr_aliases[match.group(1)] = match.group(2)
    ops: List[LayerOp] = []
    for number, line in enumerate(lines):
        match = _OP_LINE.match(line)
        if not match or match.group(2) in ("yield",):
            continue
        result, mnemonic = match.group(1), match.group(2)
        if mnemonic == "group":
            raise TransplantError(f"line {number + 1}: snn.group ops are not supported "
                                  "(transplant schedule attributes before snn-fuse-layers)")
        # The attribute dictionary, if any, comes after the operands and
        # before the ` : types`.
        i = match.end()
        attr_span = None
        type_start = None
        while i < len(line):
            c = line[i]
            if c == "{":
                end = _matching(line, i)
                attr_span = (i, end)
                i = end
                continue
            if c == ":" and line[i - 1] == " ":
                type_start = i - 1
                break
            if c in "(<[":
                i = _matching(line, i)
                continue
            i += 1
        if type_start is None:
            raise TransplantError(f"line {number + 1}: cannot find the types of: "
                                  f"{line.strip()[:200]}")
        head = line[match.end():attr_span[0] if attr_span else type_start]
        operands = _VALUE.findall(head)
        rest = line[type_start:]
        name = None
        loc_at = rest.rfind(" loc(")
        if loc_at >= 0:
            name = _loc_name(rest[loc_at + 5:rest.rindex(")")], loc_aliases)
            rest = rest[:loc_at]
        arrow = rest.rfind("->")
        tensor = _TENSOR.search(rest, arrow if arrow >= 0 else 0)
        if not tensor:
            raise TransplantError(f"line {number + 1}: no result tensor type in: "
                                  f"{line.strip()[:200]}")
        shape = tuple(int(d) for d in tensor.group(1).split("x") if d)
        schedule = None
        if attr_span:
            for entry in _split_top(line[attr_span[0] + 1:attr_span[1] - 1]):
                key, _, value = entry.partition("=")
                if key.strip() == "schedule":
                    value = value.strip()
                    schedule = parse_schedule(attr_aliases.get(value, value))
        ops.append(LayerOp(name, mnemonic, shape, schedule, [], number,
                           result.split(",")[0].strip().split(":")[0], operands,
                           attr_span, type_start))
    by_value = {op.result: op.name for op in ops}
    for op in ops:
        op.producers = [by_value.get(v.split("#")[0]) for v in op.operands]
    return ops


def read_schedules(text: str) -> Dict[str, Optional[Schedule]]:
    """The schedule of every named `snn` op of `text` (None where it has
    none), by name location."""
    return {op.name: op.schedule for op in _named_ops(parse_ops(text), "the scheduled network")}


def _named_ops(ops: List[LayerOp], what: str) -> List[LayerOp]:
    if not ops:
        raise TransplantError(f"{what} has no snn ops")
    unnamed = [op for op in ops if op.name is None]
    if len(unnamed) == len(ops):
        raise TransplantError(
            f"{what} has no name locations (print it with snn-opt --mlir-print-debuginfo)")
    if unnamed:
        raise TransplantError(f"{what}: snn.{unnamed[0].op} on line {unnamed[0].line + 1} "
                              "has no name location")
    names = [op.name for op in ops]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise TransplantError(f"{what}: several ops are named {', '.join(duplicates)}")
    return ops


# -- writing --------------------------------------------------------------------------

def write_schedules(text: str, schedules: Dict[str, Optional[Schedule]]) -> str:
    """`text` with the schedule of every named op replaced by `schedules[name]`
    (removed where None or where the name is not in `schedules`)."""
    lines = text.splitlines(keepends=True)
    for op in parse_ops(text):
        line = lines[op.line]
        schedule = schedules.get(op.name) if op.name is not None else None
        entries = []
        if op.attr_span:
            start, end = op.attr_span
            entries = [e for e in _split_top(line[start + 1:end - 1])
                       if e.partition("=")[0].strip() != "schedule"]
        if schedule is not None:
            entries.append(f"schedule = {schedule.to_mlir()}")
        new_dict = "{" + ", ".join(entries) + "}" if entries else ""
        if op.attr_span:
            start, end = op.attr_span
            if not new_dict:  # drop the space before the removed dictionary too
                start -= 1 if line[start - 1] == " " else 0
            line = line[:start] + new_dict + line[end:]
        elif new_dict:
            line = line[:op.type_start] + " " + new_dict + line[op.type_start:]
        lines[op.line] = line
    return "".join(lines)


# -- transplanting --------------------------------------------------------------------

def fit(value: int, full_extent: int, reduced_extent: int) -> Tuple[int, Optional[str]]:
    """A tile of `value` elements of an extent `full_extent` moved to an extent
    `reduced_extent` (see the module docstring): the new value and why it
    changed (None if it did not)."""
    if value >= full_extent:  # one tile covering everything
        if value == reduced_extent:
            return value, None
        return reduced_extent, f"one tile of all {full_extent} -> all {reduced_extent}"
    if value < reduced_extent:
        return value, None
    if reduced_extent == 1:
        return 1, "extent 1: only tiles of 1"
    scaled = max(1, min(reduced_extent - 1, round(value * reduced_extent / full_extent)))
    return scaled, f"tiles of {value} of {full_extent}: scaled to keep several of {reduced_extent}"


def _time_steps(ops: List[LayerOp], what: str) -> int:
    steps = {op.shape[0] for op in ops if op.shape}
    if len(steps) != 1:
        raise TransplantError(f"{what}: results disagree on the number of time steps "
                              f"({sorted(steps)})")
    return steps.pop()


def _axis_extent(op: LayerOp, axis: str, what: str) -> int:
    dim = _AXIS_DIM[axis]
    if len(op.shape) <= dim or (axis in ("rows", "cols") and len(op.shape) != 4):
        raise TransplantError(f"{what}: {op.name} has result shape {list(op.shape)}, "
                              f"which cannot be tiled along {axis}")
    return op.shape[dim]


def transplant(full_text: str, reduced_text: str) -> Transplant:
    """The schedules of `full_text` (an auto-scheduled full network, printed
    with locations) written on `reduced_text` (its reduced version), fitted
    to the reduced extents. Raises TransplantError when the networks do not
    correspond."""
    full = _named_ops(parse_ops(full_text), "the scheduled network")
    reduced = _named_ops(parse_ops(reduced_text), "the reduced network")
    full_names = [op.name for op in full]
    reduced_names = [op.name for op in reduced]
    if set(full_names) != set(reduced_names):
        only_full = [n for n in full_names if n not in set(reduced_names)]
        only_reduced = [n for n in reduced_names if n not in set(full_names)]
        raise TransplantError(
            "the networks have different layers: "
            + "; ".join(part for part in (
                f"only in the scheduled network: {', '.join(only_full[:5])}" if only_full else "",
                f"only in the reduced network: {', '.join(only_reduced[:5])}"
                if only_reduced else "") if part))
    if full_names != reduced_names:
        at = next(i for i, (a, b) in enumerate(zip(full_names, reduced_names)) if a != b)
        raise TransplantError(f"the layers are in a different order: op {at} is "
                              f"{full_names[at]} in the scheduled network, "
                              f"{reduced_names[at]} in the reduced one")
    for a, b in zip(full, reduced):
        if a.op != b.op:
            raise TransplantError(f"{a.name} is snn.{a.op} in the scheduled network, "
                                  f"snn.{b.op} in the reduced one")
        if a.producers != b.producers:
            raise TransplantError(f"{a.name} reads {a.producers} in the scheduled network, "
                                  f"{b.producers} in the reduced one")
        if len(a.shape) != len(b.shape):
            raise TransplantError(f"{a.name} has rank {len(a.shape)} in the scheduled network, "
                                  f"{len(b.shape)} in the reduced one")
    steps_full = _time_steps(full, "the scheduled network")
    steps_reduced = _time_steps(reduced, "the reduced network")

    # The scheduled units: a fusion group per id (its last op is the anchor
    # the spatial tiles are counted in), a lone op otherwise.
    units: List[List[int]] = []
    by_id: Dict[int, List[int]] = {}
    for index, op in enumerate(full):
        if op.schedule is None:
            continue
        group = op.schedule.group
        if group >= 0 and group in by_id:
            if op.schedule != full[by_id[group][0]].schedule:
                raise TransplantError(f"fusion group {group}: {op.name} and "
                                      f"{full[by_id[group][0]].name} have different schedules")
            by_id[group].append(index)
            continue
        units.append([index])
        if group >= 0:
            by_id[group] = units[-1]

    if not units:
        raise TransplantError("the scheduled network has no #snn.schedule attributes "
                              "(run snn-auto-schedule on it first)")
    schedules: Dict[str, Optional[Schedule]] = {op.name: None for op in reduced}
    changes: List[Change] = []
    for unit in units:
        names = [full[i].name for i in unit]
        old = full[unit[0]].schedule
        new = old
        if old.time_tile > 0:
            time_tile, why = fit(old.time_tile, steps_full, steps_reduced)
            new = dataclasses.replace(new, time_tile=time_tile)
            if why:
                changes.append(Change(names, "time_tile", old.time_tile, time_tile,
                                      f"time steps {steps_full} -> {steps_reduced}: {why}"))
        if old.tile_axis != "none":
            anchor = unit[-1]
            what = f"group {old.group}" if old.group >= 0 else names[0]
            extent_full = _axis_extent(full[anchor], old.tile_axis, what)
            extent_reduced = _axis_extent(reduced[anchor], old.tile_axis, what)
            tile_size, why = fit(old.tile_size, extent_full, extent_reduced)
            new = dataclasses.replace(new, tile_size=tile_size)
            if why:
                changes.append(Change(names, "tile_size", old.tile_size, tile_size,
                                      f"{old.tile_axis} of {full[anchor].name} "
                                      f"{extent_full} -> {extent_reduced}: {why}"))
        for name in names:
            schedules[name] = new
    return Transplant(write_schedules(reduced_text, schedules), schedules, changes)


# -- scheduling with snn-opt ----------------------------------------------------------

def auto_schedule(mlir_text: str, snn_opt: str, hardware: str, accounting: str = "default",
                  objective: str = "energy", timeout: float = 300) -> str:
    """`mlir_text` through `snn-auto-schedule`, printed with its locations."""
    pipeline = (f"builtin.module(snn-auto-schedule{{hardware={hardware} "
                f"accounting={accounting} objective={objective}}})")
    done = subprocess.run([snn_opt, "-", "--mlir-print-debuginfo", "--mlir-print-local-scope",
                           f"--pass-pipeline={pipeline}"], input=mlir_text,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise TransplantError(f"snn-opt {pipeline} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


# -- command line -----------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m snn_mlir.transplant",
        description="Writes the schedule of an auto-scheduled full network (printed with "
                    "snn-opt --mlir-print-debuginfo) onto its reduced version, layer by "
                    "layer name, fitting time and spatial tiles to the smaller extents.")
    parser.add_argument("full", help="the scheduled full network (MLIR with locations)")
    parser.add_argument("reduced", help="the reduced network (MLIR)")
    parser.add_argument("-o", "--output", default="-", help="output file ('-': stdout)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="do not list the adjusted tiles on stderr")
    args = parser.parse_args(argv)
    try:
        with open(args.full) as f:
            full_text = f.read()
        with open(args.reduced) as f:
            reduced_text = f.read()
        result = transplant(full_text, reduced_text)
        if args.output == "-":
            sys.stdout.write(result.text)
        else:
            with open(args.output, "w") as f:
                f.write(result.text)
    except (OSError, TransplantError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        units = result.groups()
        print(f"{sum(s is not None for s in result.schedules.values())} layers scheduled in "
              f"{len(units)} units, {len(result.changes)} adjustments", file=sys.stderr)
        for change in result.changes:
            print(f"  {change}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
