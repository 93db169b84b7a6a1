"""The auto-scheduler's schedules of the benchmark networks, moved onto the
reduced networks (`snn_mlir.transplant`), run bit-exactly like the reference.

* For every benchmark network and every (hardware, accounting, objective) of
  `COMBINATIONS` (all of them with SNN_TRANSPLANT_ALL=1), snn-auto-schedule
  plans the full network, the schedule is moved onto the reduced network and
  snn-run's outputs are compared with the reference simulator's, exactly.
  Identical schedules are run once. The schedules must include fused groups
  with spatial tiles and fused groups with several time tiles, so that the
  check cannot pass on plain layer-by-layer code.
* Unit tests of the transplant itself (matching by name, the fitting of time
  and spatial tiles, errors, the command line) need no tools.

SNN_TEST_JOBS sets how many snn-opt / snn-run processes run at once
(default: 2, or 1 on a single core).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import shutil
from typing import Dict, List, Optional, Tuple

import numpy as np
import pytest
from snn_mlir import transplant
from snn_mlir.testing import differential
from snn_mlir.compiler import ToolError
from snn_mlir.graph import Network, Schedule

# The benchmark networks, their reduced versions and the reference's results
# on them come from test_bench_networks (cached, so shared with its tests).
import test_bench_networks as bench  # noqa: E402  (python/tests is on sys.path)

HARDWARE_DIR = bench.ROOT / "bench" / "stems"
HARDWARE = ["meta-proto-128KB", "meta-proto-256KB", "meta-proto-512KB", "meta-proto-1MB",
            "meta-proto-2MB", "meta-proto-64MB"]
ACCOUNTINGS = ["default", "stems"]
OBJECTIVES = ["energy", "traffic", "latency"]

if os.environ.get("SNN_TRANSPLANT_ALL"):
    COMBINATIONS = [(hw, acc, obj) for obj in OBJECTIVES for hw in HARDWARE
                    for acc in ACCOUNTINGS]
else:
    COMBINATIONS = ([(hw, acc, "energy") for hw in HARDWARE for acc in ACCOUNTINGS]
                    + [(hw, acc, "traffic") for hw in ("meta-proto-128KB", "meta-proto-1MB")
                       for acc in ACCOUNTINGS])

JOBS = max(1, int(os.environ.get("SNN_TEST_JOBS", min(2, os.cpu_count() or 1))))

needs_tools = pytest.mark.skipif(
    not (os.access(bench.SNN_OPT, os.X_OK) and os.access(bench.SNN_RUN, os.X_OK)),
    reason="snn-opt or snn-run is not built (build/bin)")


# -- the benchmark networks ------------------------------------------------------------

@dataclasses.dataclass
class Case:
    """One distinct transplanted schedule and the combinations that gave it."""
    combos: List[Tuple[str, str, str]]
    full: str  # the scheduled full network of the first of them
    result: transplant.Transplant
    problem: Optional[str] = None


def _label(combo: Tuple[str, str, str]) -> str:
    return "/".join(combo)


def _check(net: Network, inputs, expected, case: Case, directory: str) -> None:
    os.makedirs(directory)
    try:
        got = differential.run_compiled(case.result.text, net, inputs, str(bench.SNN_RUN),
                                        None, directory)
    except ToolError as error:
        case.problem = str(error)
        with open(os.path.join(directory, "full.mlir"), "w") as f:
            f.write(case.full)
        return
    case.problem = differential.compare_outputs(net, expected, got)
    if case.problem is None:
        shutil.rmtree(directory)  # keep only the failing cases' files
    else:
        with open(os.path.join(directory, "full.mlir"), "w") as f:
            f.write(case.full)


@needs_tools
@pytest.mark.parametrize("name", bench.gen.NETWORKS)
def test_auto_schedules_run_exactly_on_the_reduced_network(name, tmp_path):
    full_text = (bench.ROOT / "bench" / "networks" / f"{name}.mlir").read_text()
    net = bench.network(name, True)
    reduced_text = net.to_mlir()
    inputs, values = bench.reduced_run(name)
    expected = [values[v.name] for v in net.outputs]

    def schedule(combo):
        hw, accounting, objective = combo
        return transplant.auto_schedule(full_text, str(bench.SNN_OPT),
                                        str(HARDWARE_DIR / f"{hw}.hw.json"), accounting,
                                        objective)

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        scheduled = list(pool.map(schedule, COMBINATIONS))
    cases: Dict[tuple, Case] = {}
    for combo, text in zip(COMBINATIONS, scheduled):
        result = transplant.transplant(text, reduced_text)
        key = tuple(sorted(result.schedules.items()))
        cases.setdefault(key, Case([], text, result)).combos.append(combo)
    distinct = list(cases.values())
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        list(pool.map(lambda k: _check(net, inputs, expected, distinct[k],
                                       str(tmp_path / f"case{k}")), range(len(distinct))))

    adjusted = [case for case in distinct if case.result.changes]
    print(f"{name}: {len(COMBINATIONS)} combinations, {len(distinct)} distinct schedules, "
          f"{len(adjusted)} with adjusted tiles")
    for case in adjusted:
        print(f"  {', '.join(map(_label, case.combos))}:")
        for change in case.result.changes:
            print(f"    {change}")

    failures = []
    for k, case in enumerate(distinct):
        if case.problem is not None:
            d = tmp_path / f"case{k}"
            failures.append(f"{', '.join(map(_label, case.combos))}: {case.problem}\n"
                            f"  reproduce: snn-run {d}/net.mlir --input {d}/in0.npy --output "
                            f"out.npy (the scheduled full network: {d}/full.mlir; the expected "
                            f"outputs: test_bench_networks.reduced_run({name!r}))")
    assert not failures, (f"{len(failures)} of {len(distinct)} schedules failed:\n"
                          + "\n".join(failures))

    # Not vacuous: fused groups with spatial tiles and with several time tiles.
    steps = net.time_steps
    units = [unit for case in distinct for unit in case.result.groups()]
    assert any(len(ops) > 1 and s.tile_axis != "none" and s.tile_size > 0 for s, ops in units), \
        f"{name}: no transplanted schedule has a spatially tiled fusion group"
    assert any(len(ops) > 1 and 0 < s.time_tile < steps for s, ops in units), \
        f"{name}: no transplanted schedule has a fusion group with several time tiles"


# -- the transplant itself ---------------------------------------------------------------

def _small(steps: int, size: int, channels: int, schedules: Dict[str, Schedule] = None,
           swap: bool = False) -> Network:
    """conv -> lif -> pool -> conv -> lif, `size`x`size` input, named layers."""
    rng = np.random.default_rng(0)
    net = Network(steps)
    x = net.input((2, size, size), "i1")
    a = net.conv2d(x, rng.integers(-3, 4, (channels, 2, 3, 3)), padding=1, out_dtype="i8",
                   name="c0")
    a = net.lif(a, threshold=2, beta=0.5, state_type="i8", name="c0_neuron")
    a = net.maxpool2d(a, 2, name="pool")
    if swap:  # another op kind under the same name
        a = net.lif(a, threshold=1, beta=0.5, state_type="i8", name="c1")
    else:
        a = net.conv2d(a, rng.integers(-3, 4, (channels, channels, 3, 3)), padding=1,
                       out_dtype="i8", name="c1")
    a = net.lif(a, threshold=2, beta=0.5, state_type="i8", name="c1_neuron")
    net.output(a)
    for node in net.nodes:
        node.schedule = (schedules or {}).get(node.result.name)
    return net


FUSED = {
    "c0": Schedule(0, 4, "cols", 8, "spill"), "c0_neuron": Schedule(0, 4, "cols", 8, "spill"),
    "pool": Schedule(1, 0, "rows", 16), "c1": Schedule(1, 0, "rows", 16),
    "c1_neuron": Schedule(2, 8, "channels", 3),
}


def test_fit_keeps_several_tiles_and_whole_tiles():
    assert transplant.fit(1, 16, 4) == (1, None)
    assert transplant.fit(2, 16, 4) == (2, None)
    assert transplant.fit(8, 16, 4)[0] == 2  # several tiles stay several
    assert transplant.fit(12, 16, 4)[0] == 3
    assert transplant.fit(16, 16, 4)[0] == 4  # one whole tile stays whole
    assert transplant.fit(40, 16, 4)[0] == 4
    assert transplant.fit(5, 16, 1) == (1, "extent 1: only tiles of 1")


def test_transplant_keeps_groups_and_fits_tiles():
    full = _small(8, 32, 16, FUSED).to_mlir()
    reduced = _small(2, 8, 4).to_mlir()
    result = transplant.transplant(full, reduced)
    s = result.schedules
    # time 8 -> 2: tiles of 4 (two tiles) become tiles of 1; all 8 -> all 2.
    # cols of c0_neuron 32 -> 8: tiles of 8 (four) become tiles of 2.
    assert s["c0"] == s["c0_neuron"] == Schedule(0, 1, "cols", 2, "spill")
    # rows of c1 16 -> 4: one band of 16 becomes one band of 4.
    assert s["pool"] == s["c1"] == Schedule(1, 0, "rows", 4)
    # channels 16 -> 4: tiles of 3 stay; a tile of all 8 steps becomes all 2.
    assert s["c1_neuron"] == Schedule(2, 2, "channels", 3)
    assert [(c.ops, c.field, c.old, c.new) for c in result.changes] == [
        (["c0", "c0_neuron"], "time_tile", 4, 1), (["c0", "c0_neuron"], "tile_size", 8, 2),
        (["pool", "c1"], "tile_size", 16, 4), (["c1_neuron"], "time_tile", 8, 2)]
    assert [ops for _, ops in result.groups()] == [["c0", "c0_neuron"], ["pool", "c1"],
                                                   ["c1_neuron"]]
    # The text carries them, and nothing else changed.
    assert transplant.read_schedules(result.text) == s
    assert transplant.write_schedules(result.text, {}) == reduced


def test_transplant_replaces_and_removes_schedules():
    full = _small(8, 32, 16, {"c1": Schedule(3, 1)}).to_mlir()
    reduced = _small(2, 8, 4, {"c0": Schedule(0, 1), "c1": Schedule(5)}).to_mlir()
    result = transplant.transplant(full, reduced)
    assert {k: v for k, v in result.schedules.items() if v} == {"c1": Schedule(3, 1)}
    assert result.text == _small(2, 8, 4, {"c1": Schedule(3, 1)}).to_mlir()


def test_locations_through_aliases_and_snn_opt_form():
    text = """module {
  func.func @main(%arg0: tensor<4x2x8x8xi1>, %arg1: tensor<3x2x3x3xi8>) -> tensor<4x3x8x8xi8> {
    %0 = snn.conv2d %arg0, %arg1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 4>} : (tensor<4x2x8x8xi1>, tensor<3x2x3x3xi8>) -> tensor<4x3x8x8xi8> loc(#loc3)
    %1 = snn.relu %0 {schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 4>, shift = 1 : i64} : tensor<4x3x8x8xi8> -> tensor<4x3x8x8xi8> loc("r"("f.mlir":4:5))
    return %1 : tensor<4x3x8x8xi8> loc(#loc1)
  } loc(#loc1)
} loc(#loc)
#loc = loc("f.mlir":1:1)
#loc1 = loc("f.mlir":2:3)
#loc3 = loc("c")
"""
    ops = transplant.parse_ops(text)
    assert [(op.name, op.op, op.shape, op.producers) for op in ops] == [
        ("c", "conv2d", (4, 3, 8, 8), [None, None]), ("r", "relu", (4, 3, 8, 8), ["c"])]
    assert transplant.read_schedules(text)["r"] == Schedule(0, 2, "cols", 4)
    # The reduced network: no locations aliases, an op without attributes.
    reduced = """module {
  func.func @main(%x: tensor<2x2x4x4xi1>) -> tensor<2x3x4x4xi8> {
    %w = arith.constant dense<1> : tensor<3x2x3x3xi8>
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x4x4xi1>, tensor<3x2x3x3xi8>) -> tensor<2x3x4x4xi8> loc("c")
    %r = snn.relu %c : tensor<2x3x4x4xi8> -> tensor<2x3x4x4xi8> loc("r")
    return %r : tensor<2x3x4x4xi8>
  }
}
"""
    result = transplant.transplant(text, reduced)
    assert [str(c) for c in result.changes] == [
        "c..r: time_tile 2 -> 1 (time steps 4 -> 2: tiles of 2 of 4: scaled to keep several "
        "of 2)",
        "c..r: tile_size 4 -> 2 (cols of r 8 -> 4: tiles of 4 of 8: scaled to keep several "
        "of 4)"]
    assert ('%r = snn.relu %c {schedule = #snn.schedule<group = 0, time_tile = 1, tile_axis = '
            'cols, tile_size = 2>} : tensor' in result.text)
    assert transplant.write_schedules(result.text, {}) == reduced


def test_mismatched_networks_stop():
    full = _small(8, 32, 16, FUSED).to_mlir()
    with pytest.raises(transplant.TransplantError, match="c1 is snn.conv2d in the scheduled "
                                                         "network, snn.lif in the reduced"):
        transplant.transplant(full, _small(2, 8, 4, swap=True).to_mlir())
    renamed = _small(2, 8, 4).to_mlir().replace('loc("pool")', 'loc("pool2")')
    with pytest.raises(transplant.TransplantError,
                       match="only in the scheduled network: pool; only in the reduced "
                             "network: pool2"):
        transplant.transplant(full, renamed)
    unnamed = "\n".join(line.split(" loc(")[0] for line in full.splitlines())
    with pytest.raises(transplant.TransplantError, match="--mlir-print-debuginfo"):
        transplant.transplant(unnamed, _small(2, 8, 4).to_mlir())
    broken = _small(8, 32, 16, {**FUSED, "c1": Schedule(1, 0, "rows", 8)}).to_mlir()
    with pytest.raises(transplant.TransplantError,
                       match="fusion group 1: c1 and pool have different schedules"):
        transplant.transplant(broken, _small(2, 8, 4).to_mlir())


def test_command_line(tmp_path, capsys):
    full, reduced, out = tmp_path / "full.mlir", tmp_path / "reduced.mlir", tmp_path / "o.mlir"
    full.write_text(_small(8, 32, 16, FUSED).to_mlir())
    reduced.write_text(_small(2, 8, 4).to_mlir())
    assert transplant.main([str(full), str(reduced), "-o", str(out)]) == 0
    assert "c0..c0_neuron: time_tile 4 -> 1" in capsys.readouterr().err
    assert transplant.read_schedules(out.read_text())["c1"] == Schedule(1, 0, "rows", 4)
    assert transplant.main([str(reduced), str(full), "-o", str(out)]) == 1
    assert capsys.readouterr().err == ("error: the scheduled network has no #snn.schedule "
                                       "attributes (run snn-auto-schedule on it first)\n")
    assert transplant.main([str(tmp_path / "missing.mlir"), str(reduced)]) == 1
    assert capsys.readouterr().err.startswith("error: [Errno 2] No such file")
