"""The auto-scheduler's schedules of the benchmark networks, moved onto the
reduced networks by `snn-import-schedule`, run bit-exactly like the reference.

* For every benchmark network and every (hardware, accounting, objective) of
  `COMBINATIONS` (all of them with SNN_TRANSPLANT_ALL=1), snn-auto-schedule
  plans the full network, `snn-import-schedule{from=...}` moves the schedule
  onto the reduced network, fitting its tiles, and snn-run's outputs are
  compared with the reference simulator's, exactly. Identical schedules are
  run once. The schedules must include fused groups with spatial tiles and
  fused groups with several time tiles (as snn-cost-report's JSON counts the
  reduced network's groups), so that the check cannot pass on plain
  layer-by-layer code.
* The pass on networks built here: groups kept, tiles fitted as documented
  (Passes.td), one remark per adjustment, errors for networks that do not
  correspond. Its lit tests (test/Dialect/SNN/Transforms/import-schedule*.mlir)
  cover each rule and error.

SNN_TEST_JOBS sets how many snn-opt / snn-run processes run at once
(default: 2, or 1 on a single core).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import shutil
import subprocess
from typing import Dict, List, Optional, Tuple

import numpy as np
import pytest
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


def snn_opt(text: str, passes: List[str], *options: str) -> Tuple[str, str]:
    """snn-opt on `text` with `passes` (a module pipeline): (stdout, stderr);
    ToolError with its standard error if it fails."""
    done = subprocess.run([str(bench.SNN_OPT), "-", *options,
                           f"--pass-pipeline=builtin.module({','.join(passes)})"],
                          input=text, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise ToolError(f"snn-opt {' '.join(passes)} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout, done.stderr


def import_schedule(scheduled_path: str, text: str, *passes: str) -> Tuple[str, List[str]]:
    """`text` with the schedules of the file `scheduled_path` imported (then
    `passes`): (the module, the pass's remarks, one per adjusted tile)."""
    out, err = snn_opt(text, [f"snn-import-schedule{{from={scheduled_path}}}", *passes])
    return out, [line.split("remark: ", 1)[1] for line in err.splitlines() if "remark: " in line]


# -- the benchmark networks ------------------------------------------------------------

@dataclasses.dataclass
class Case:
    """One distinct imported schedule and the combinations that gave it."""
    combos: List[Tuple[str, str, str]]
    full: str  # the file of the scheduled full network of the first of them
    text: str  # the reduced network with the schedule
    remarks: List[str]  # the adjusted tiles
    report: dict  # snn-cost-report's JSON of the reduced network's function
    problem: Optional[str] = None


def _label(combo: Tuple[str, str, str]) -> str:
    return "/".join(combo)


def _check(net: Network, inputs, expected, case: Case, directory: str) -> None:
    os.makedirs(directory)
    try:
        got = differential.run_compiled(case.text, net, inputs, str(bench.SNN_RUN), None,
                                        directory)
        case.problem = differential.compare_outputs(net, expected, got)
    except ToolError as error:
        case.problem = str(error)
    if case.problem is None:
        shutil.rmtree(directory)  # keep only the failing cases' files
    else:
        shutil.copy(case.full, os.path.join(directory, "full.mlir"))


def _units(report: dict) -> List[Tuple[dict, int]]:
    """The groups of a cost report with their numbers of layers."""
    sizes = [0] * len(report["groups"])
    for layer in report["layers"]:
        sizes[layer["group"]] += 1
    return list(zip(report["groups"], sizes))


@needs_tools
@pytest.mark.parametrize("name", bench.gen.NETWORKS)
def test_auto_schedules_run_exactly_on_the_reduced_network(name, tmp_path):
    full_text = (bench.ROOT / "bench" / "networks" / f"{name}.mlir").read_text()
    net = bench.network(name, True)
    reduced_text = net.to_mlir()
    inputs, values = bench.reduced_run(name)
    expected = [values[v.name] for v in net.outputs]

    def schedule(k):
        hw, accounting, objective = COMBINATIONS[k]
        hardware = HARDWARE_DIR / f"{hw}.hw.json"
        scheduled, _ = snn_opt(full_text, [f"snn-auto-schedule{{hardware={hardware} accounting="
                                           f"{accounting} objective={objective}}}"],
                               "--mlir-print-debuginfo")
        full, report = tmp_path / f"full{k}.mlir", tmp_path / f"cost{k}.json"
        full.write_text(scheduled)
        text, remarks = import_schedule(str(full), reduced_text, f"snn-cost-report{{hardware="
                                        f"{hardware} table=false json={report}}}")
        return Case([], str(full), text, remarks, json.loads(report.read_text())[0])

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        scheduled = list(pool.map(schedule, range(len(COMBINATIONS))))
    cases: Dict[str, Case] = {}
    for combo, case in zip(COMBINATIONS, scheduled):
        cases.setdefault(case.text, case).combos.append(combo)
    distinct = list(cases.values())
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        list(pool.map(lambda k: _check(net, inputs, expected, distinct[k],
                                       str(tmp_path / f"case{k}")), range(len(distinct))))

    adjusted = [case for case in distinct if case.remarks]
    print(f"{name}: {len(COMBINATIONS)} combinations, {len(distinct)} distinct schedules, "
          f"{len(adjusted)} with adjusted tiles")
    for case in adjusted:
        print(f"  {', '.join(map(_label, case.combos))}:")
        for remark in case.remarks:
            print(f"    {remark}")

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
    units = [unit for case in distinct for unit in _units(case.report)]
    assert any(n > 1 and g["tile_axis"] != "none" for g, n in units), \
        f"{name}: no imported schedule has a spatially tiled fusion group"
    assert any(n > 1 and g["time_tiles"] > 1 for g, n in units), \
        f"{name}: no imported schedule has a fusion group with several time tiles"


# -- the pass on small networks ----------------------------------------------------------

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


def _imported(full: Network, reduced: str, tmp_path) -> Tuple[str, List[str]]:
    """`reduced` (text) with the schedules of `full` imported: (the module,
    the remarks)."""
    path = tmp_path / "full.mlir"
    path.write_text(full.to_mlir())
    return import_schedule(str(path), reduced)


def _printed(net: Network) -> str:
    """`net` as snn-opt prints it, to compare with what the pass writes."""
    return snn_opt(net.to_mlir(), [])[0]


@needs_tools
def test_import_keeps_groups_and_fits_tiles(tmp_path):
    text, remarks = _imported(_small(8, 32, 16, FUSED), _small(2, 8, 4).to_mlir(), tmp_path)
    # time 8 -> 2: tiles of 4 (two tiles) become tiles of 1; all 8 -> all 2.
    # cols of c0_neuron 32 -> 8: tiles of 8 (four) become tiles of 2.
    # rows of c1 16 -> 4: one band of 16 becomes one band of 4.
    # channels 16 -> 4: tiles of 3 stay.
    assert text == _printed(_small(2, 8, 4, {
        "c0": Schedule(0, 1, "cols", 2, "spill"), "c0_neuron": Schedule(0, 1, "cols", 2, "spill"),
        "pool": Schedule(1, 0, "rows", 4), "c1": Schedule(1, 0, "rows", 4),
        "c1_neuron": Schedule(2, 2, "channels", 3)}))
    assert [r.split("): ", 1)[1] for r in remarks] == [  # each after its location
        "c0..c0_neuron: time_tile 4 -> 1 (time steps 8 -> 2: tiles of 4 of 8: scaled to keep "
        "several of 2)",
        "c0..c0_neuron: tile_size 8 -> 2 (cols of c0_neuron 32 -> 8: tiles of 8 of 32: scaled "
        "to keep several of 8)",
        "pool..c1: tile_size 16 -> 4 (rows of c1 16 -> 4: one tile of all 16 -> all 4)",
        "c1_neuron: time_tile 8 -> 2 (time steps 8 -> 2: one tile of all 8 -> all 2)"]


@needs_tools
def test_import_replaces_and_removes_schedules(tmp_path):
    text, remarks = _imported(_small(8, 32, 16, {"c1": Schedule(3, 1)}),
                              _small(2, 8, 4, {"c0": Schedule(0, 1), "c1": Schedule(5)}).to_mlir(),
                              tmp_path)
    assert text == _printed(_small(2, 8, 4, {"c1": Schedule(3, 1)}))
    assert remarks == []


@needs_tools
def test_mismatched_networks_stop(tmp_path):
    full = _small(8, 32, 16, FUSED)
    with pytest.raises(ToolError, match="layer 'c1' is 'snn.lif' here but 'snn.conv2d' in"):
        _imported(full, _small(2, 8, 4, swap=True).to_mlir(), tmp_path)
    renamed = _small(2, 8, 4).to_mlir().replace('loc("pool")', 'loc("pool2")')
    with pytest.raises(ToolError, match="layer 'pool' \\(snn.maxpool2d\\) of .* is not in this "
                                        "module(.|\\n)*layer 'pool2' is not in"):
        _imported(full, renamed, tmp_path)
    broken = _small(8, 32, 16, {**FUSED, "c1": Schedule(1, 0, "rows", 8)})
    with pytest.raises(ToolError, match="fusion group 1 of .*: 'pool' and 'c1' have different "
                                        "schedules"):
        _imported(broken, _small(2, 8, 4).to_mlir(), tmp_path)
