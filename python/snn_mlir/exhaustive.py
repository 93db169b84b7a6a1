"""Every schedule of the auto-scheduler's space, costed one by one.

snn-auto-schedule finds its schedule with a dynamic program over cuts
(docs/AutoSchedule.md). This module checks that program from outside: it
lists every schedule of the same space, written down here from "The
schedule space" of that page rather than taken from the search's code -

* every cut of the layers (in block order) into runs of consecutive ops, at
  most MAX_GROUP ops each (the pass's default `max-group`);
* per run, a time tile (all steps, or 1, 2, 4, ... < T steps, the latter with
  the state `onchip` or `spill`) and a spatial tile of its last op's output
  (none; bands of 1, 2, 4, ... < extent columns or rows; channel splits of
  extent/2, extent/4, ... >= 8) -

writes each as `#snn.schedule` attributes (every run its own group id, so that
the cost report takes every run as written: unscheduled, a synapse alone would
join its neuron), costs all of them with
snn-cost-report, the model the search minimises, and returns the optimum.
A run that cannot be tiled along an axis has no candidates on it: the cost
model refuses such a schedule, and the search skips it the same way. A
schedule counts if every group fits the global buffer.

    space = Space(net)
    costs = space.costs("hw.json", "default")      # every schedule, costed
    best = min(c.value("energy", costs.plain) for c in costs.fitting)
    auto = space.auto_schedule("hw.json", "default", "energy").value("energy", costs.plain)
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import subprocess
from typing import Iterator, List, Sequence, Set, Tuple

from . import compiler
from .graph import Network, Schedule

OBJECTIVES = ("energy", "traffic", "latency", "mix")
MAX_GROUP = 16
BATCH = 2000  # functions per snn-opt run: one run is far cheaper than many

Segment = Tuple[int, int]  # layers [begin, end) in block order


def time_tiles(steps: int) -> List[int]:
    """All steps (0), then 1, 2, 4, ... < steps."""
    tiles, t = [0], 1
    while t < steps:
        tiles.append(t)
        t *= 2
    return tiles


def spatial_tiles(shape: Sequence[int]) -> List[Tuple[str, int]]:
    """The tiles of an output of per-step `shape` (channels, rows, cols)."""
    tiles = [("none", 0)]
    for axis, dim in (("cols", 2), ("rows", 1), ("channels", 0)):
        if dim >= len(shape):
            continue
        extent = shape[dim]
        if axis == "channels":
            sizes = itertools.takewhile(lambda s: s >= 8, (extent >> k for k in itertools.count(1)))
        else:
            sizes = itertools.takewhile(lambda s: s < extent, (1 << k for k in itertools.count()))
        tiles += [(axis, size) for size in sizes]
    return tiles


def segmentations(n: int, max_group: int) -> Iterator[List[Segment]]:
    """Every cut of n layers into consecutive runs of at most max_group."""
    if n == 0:
        yield []
        return
    for first in range(1, min(n, max_group) + 1):
        for rest in segmentations(n - first, max_group):
            yield [(0, first)] + [(b + first, e + first) for b, e in rest]


@dataclasses.dataclass(frozen=True)
class Cost:
    """What the cost report says of one schedule."""

    energy_pj: float
    offchip_bytes: int
    latency_cycles: float
    fits: bool

    @staticmethod
    def of(report: dict) -> "Cost":
        return Cost(report["energy_pj"], report["offchip_bytes"], report["latency_cycles"],
                    report["fits"])

    def value(self, objective: str, plain: "Cost") -> float:
        """The objective as snn-auto-schedule defines it (mix: all weights 1,
        each term relative to the plain schedule), traffic in the report's
        bytes (the search counts bits)."""
        if objective == "energy":
            return self.energy_pj
        if objective == "traffic":
            return float(self.offchip_bytes)
        if objective == "latency":
            return self.latency_cycles
        terms = ((self.energy_pj, plain.energy_pj), (self.offchip_bytes, plain.offchip_bytes),
                 (self.latency_cycles, plain.latency_cycles))
        return sum(value / base if base > 0 else value for value, base in terms)


@dataclasses.dataclass
class Costs:
    plain: Cost
    fitting: List[Cost]
    schedules: int  # all schedules costed, fitting or not


class Space:
    """The schedule space of `net` (a Network whose nodes are its layers, in
    block order), as snn-auto-schedule defines it. Tiles are probed on the
    first hardware costed; `candidates`, `schedules` and `size` need them."""

    def __init__(self, net: Network):
        self.net = net
        self.steps = net.time_steps
        self._tileable: Set[Tuple[Segment, str, int]] = set()
        self._probed = False

    # -- MLIR ---------------------------------------------------------------------------
    def function(self, name: str, groups: Sequence[Tuple[Segment, Schedule]]) -> str:
        """The network as function @name with `groups` written on its nodes
        (the others unscheduled)."""
        for node in self.net.nodes:
            node.schedule = None
        for (begin, end), schedule in groups:
            for node in self.net.nodes[begin:end]:
                node.schedule = schedule
        self.net.name = name
        text = self.net.to_mlir(weights="args")
        return text[text.index("\n") + 1:text.rindex("}")]  # without `module {` ... `}`

    # -- the space ----------------------------------------------------------------------
    def probe_tiles(self, hardware: str) -> None:
        """Asks the cost model which (run, axis, size) it can tile: one
        function per pair, each in its own --split-input-file chunk, so that a
        refused one fails alone and is missing from the reports."""
        n = len(self.net.nodes)
        probes = {}
        for begin, end in itertools.combinations(range(n + 1), 2):
            if end - begin <= MAX_GROUP:
                for axis, size in spatial_tiles(self.net.nodes[end - 1].result.shape)[1:]:
                    probes[f"p{len(probes)}"] = ((begin, end), axis, size)
        chunks = [f"module {{\n{self.function(name, [(run, Schedule(0, 0, axis, size))])}}}\n"
                  for name, (run, axis, size) in probes.items()]
        done = subprocess.run(
            [compiler.tool_path("snn-opt"), "-", "--split-input-file", "-o", os.devnull,
             f"--snn-cost-report=hardware={hardware} json=- table=false"],
            input="// -----\n".join(chunks), capture_output=True, text=True,
            timeout=compiler.TIMEOUT_S)
        # Each chunk prints one JSON list, starting with "[" alone on a line.
        for text in re.split(r"(?m)^(?=\[$)", done.stdout):
            if text.strip():
                self._tileable |= {probes[r["network"]] for r in json.loads(text)}
        refused = len(re.findall(r"error: .*cannot tile along", done.stderr))
        if refused != len(probes) - len(self._tileable):
            raise compiler.ToolError(f"snn-opt failed on a probe: {done.stderr[-2000:]}")
        self._probed = True

    def candidates(self, segment: Segment) -> List[Schedule]:
        """The group schedules of one run (group id 0; set when written)."""
        assert self._probed, "probe_tiles first"
        shape = self.net.nodes[segment[1] - 1].result.shape
        return [Schedule(0, tt, axis, size, state)
                for axis, size in spatial_tiles(shape)
                if axis == "none" or (segment, axis, size) in self._tileable
                for tt in time_tiles(self.steps)
                for state in (("onchip",) if tt == 0 else ("onchip", "spill"))]

    def schedules(self) -> Iterator[List[Tuple[Segment, Schedule]]]:
        """Every schedule of the space: (run, group schedule) per run."""
        for cut in segmentations(len(self.net.nodes), MAX_GROUP):
            for choice in itertools.product(*(self.candidates(s) for s in cut)):
                yield [(s, dataclasses.replace(c, group=g))
                       for g, (s, c) in enumerate(zip(cut, choice))]

    def size(self) -> int:
        """The number of schedules, counted without listing them."""
        n = len(self.net.nodes)
        ways = [1] + [0] * n  # ways[e]: schedules of the layers before e
        for end in range(1, n + 1):
            for begin in range(max(0, end - MAX_GROUP), end):
                ways[end] += ways[begin] * len(self.candidates((begin, end)))
        return ways[n]

    # -- costing ------------------------------------------------------------------------
    def costs(self, hardware: str, accounting: str) -> Costs:
        """Every schedule of the space costed on `hardware` (a JSON file)."""
        if not self._probed:
            self.probe_tiles(hardware)
        (plain,) = compiler.cost_report(self.function("plain", []), hardware,
                                        accounting=accounting)
        fitting, count = [], 0
        schedules = self.schedules()
        while batch := list(itertools.islice(schedules, BATCH)):
            text = "module {\n" + "".join(self.function(f"s{count + i}", groups)
                                           for i, groups in enumerate(batch)) + "}\n"
            reports = compiler.cost_report(text, hardware, accounting=accounting)
            if len(reports) != len(batch):
                raise compiler.ToolError(f"{len(reports)} reports for {len(batch)} functions")
            count += len(batch)
            fitting += [c for c in map(Cost.of, reports) if c.fits]
        return Costs(Cost.of(plain), fitting, count)

    def auto_schedule(self, hardware: str, accounting: str, objective: str) -> Cost:
        """The cost of the schedule snn-auto-schedule writes."""
        (report,) = compiler.cost_report(self.function("main", []), hardware,
                                         accounting=accounting, schedule="auto",
                                         objective=objective)
        return Cost.of(report)
