"""The random network generator: determinism, validity (snn-opt parses what it
prints), size limits, coverage of the dialect, calibrated spike rates,
saturation, seeds that keep their structure, and legal schedules."""

import collections
import os
import subprocess

import numpy as np
import pytest

from snn_mlir import dtypes
from snn_mlir.graph import is_loop
from snn_mlir.testing import random_net
from snn_mlir.testing.random_net import KINDS, generate, main, random_schedule, schedule_rng
from snn_mlir.reference import saturation_log, simulate, simulate_all

SNN_OPT = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "build", "bin", "snn-opt")
SEEDS = range(300)


def scheduled(seed, kind="any"):
    net, inputs = generate(seed, kind=kind)
    random_schedule(net, schedule_rng(seed))
    return net, inputs


def all_values(net):
    return list(net.inputs) + [node.result for node in net.nodes]


@pytest.fixture(scope="module")
def networks():
    return [scheduled(seed) for seed in SEEDS]


def test_same_seed_same_network():
    for seed in range(20):
        (a, a_in), (b, b_in) = scheduled(seed), scheduled(seed)
        assert a.to_mlir() == b.to_mlir()
        assert a_in.keys() == b_in.keys()
        for name in a_in:
            assert a_in[name].dtype == b_in[name].dtype
            np.testing.assert_array_equal(a_in[name], b_in[name])


def test_different_seeds_differ():
    assert len({generate(seed)[0].to_mlir() for seed in range(30)}) == 30


@pytest.mark.parametrize("kind,allowed", [
    ("int", lambda d: dtypes.is_int(d)),
    ("float", lambda d: d == "i1" or dtypes.is_float(d)),
])
def test_kinds(kind, allowed):
    for seed in range(60):
        net, _ = generate(seed, kind=kind)
        assert all(allowed(v.dtype) for v in all_values(net)), net.to_mlir()


def test_inputs_match_the_network(networks):
    for net, inputs in networks:
        assert list(inputs) == [v.name for v in net.inputs]
        for value in net.inputs:
            array = inputs[value.name]
            assert array.shape == (net.time_steps,) + value.shape
            assert array.dtype == dtypes.numpy_type(value.dtype)


def test_sizes_are_small(networks):
    for net, _ in networks:
        assert 1 <= net.time_steps <= 8
        # A loop (feedback, add, two ops, a threshold and a reader) comes on top.
        assert 2 <= len(net.nodes) <= (14 if net.feedbacks else 8)
        assert net.outputs
        for value in all_values(net):
            if len(value.shape) == 3:
                assert value.shape[0] <= 6 and max(value.shape[1:]) <= 12, value
        for node in net.nodes:
            if node.op == "dense":
                assert node.result.shape[0] <= 24


@pytest.mark.skipif(not os.access(SNN_OPT, os.X_OK), reason="snn-opt is not built")
def test_snn_opt_parses_generated_networks(tmp_path):
    texts = [scheduled(seed, kind)[0].to_mlir()
             for kind in ("int", "float", "any") for seed in range(40)]
    path = tmp_path / "nets.mlir"
    path.write_text("\n// -----\n".join(texts))
    done = subprocess.run([SNN_OPT, "--split-input-file", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[:3000]


def features(net, inputs):
    """What a network exercises, as a set of strings."""
    found = {f"op:{node.op}" for node in net.nodes}
    values = simulate_all(net, inputs)
    for node in net.nodes:
        a, shape = node.attrs, node.result.shape
        found |= {f"{key}={a[key]}" for key in ("reset", "reset_timing", "compare") if key in a}
        found |= {f"attr:{key}" for key in a}
        found |= {"recurrent"} if "recurrent" in node.tensors else set()
        for key in ("beta", "tau", "gain", "threshold", "v_leak"):
            if key in a and a[key].size > 1:
                found.add("per-channel" if a[key].size == shape[0] else "per-neuron")
        if node.op == "add":
            found.add(f"add:{len(node.inputs)}")
        if node.op in ("lif", "cuba_lif", "li", "cuba_li"):
            found.add(f"state:{'int' if dtypes.is_int(a['state_type']) else a['state_type']}")
        if node.op == "conv2d":
            found |= {f"conv:{key}" for key in ("stride", "padding", "dilation")
                      if tuple(a[key]) != ((1, 1) if key != "padding" else (0, 0))}
            found |= {"conv:groups"} if a["groups"] > 1 else set()
        dtype = node.result.dtype
        if dtypes.is_int(dtype) and dtype != "i1" and node.op not in ("relu", "maxpool2d"):
            lo, hi = dtypes.int_range(dtype)
            array = values[node.result.name]
            if array.min() == lo or array.max() == hi:
                found.add("saturated")
    found |= {f"input:{v.dtype}" for v in net.inputs if v.dtype in ("i1", "f32", "f64")}
    if len(net.outputs) > 1:
        found.add("outputs>1")
    if any(len(node.result.shape) == 1 and node.op == "lif" for node in net.nodes):
        found.add("lif-2d")
    return found


def test_generator_covers_the_dialect(networks):
    seen = collections.Counter()
    for net, inputs in networks:
        seen.update(features(net, inputs))
    ops = ["conv2d", "dense", "add", "maxpool2d", "sumpool2d", "avgpool2d", "flatten",
           "reshape", "scale", "delay", "threshold", "relu", "lif", "cuba_lif", "li", "cuba_li"]
    wanted = [f"op:{op}" for op in ops] + [
        "reset=subtract", "reset=zero", "reset=to_value", "reset=none",
        "reset_timing=same", "reset_timing=next", "compare=gt", "compare=ge",
        "recurrent", "per-channel", "per-neuron", "attr:tau", "attr:tau_syn", "attr:dt",
        "attr:v_leak", "attr:v_init", "attr:gain", "attr:syn_gain", "attr:i_init",
        "attr:syn_type", "attr:v_reset", "add:2", "add:3", "state:int", "state:f32",
        "state:f64", "conv:stride", "conv:padding", "conv:dilation", "conv:groups",
        "saturated", "input:i1", "input:f32", "input:f64", "outputs>1",
        "attr:bias", "attr:rounding", "attr:overflow", "attr:syn_rounding", "attr:syn_overflow"]
    missing = [w for w in wanted if seen[w] == 0]
    assert not missing, missing


def test_arithmetic_modes_come_from_their_own_stream(monkeypatch):
    """Rounding and overflow modes and biases (Lava's fixed point) are drawn
    from a stream of their own: without them (MODES = 0) a network that drew
    none is the same network, bit for bit (inputs included)."""
    with_modes = {seed: generate(seed, kind="int") for seed in range(60)}
    monkeypatch.setattr(random_net, "MODES", 0.0)
    arithmetic = ("rounding", "overflow", "syn_rounding", "syn_overflow", "bias")
    drew = 0
    for seed, (net, inputs) in with_modes.items():
        plain, plain_inputs = generate(seed, kind="int")
        if any(key in node.attrs for node in net.nodes for key in arithmetic):
            drew += 1
            continue
        assert net.to_mlir() == plain.to_mlir()
        for name in inputs:
            np.testing.assert_array_equal(inputs[name], plain_inputs[name])
    assert 5 <= drew <= 45
    modes = {node.attrs.get(key) for net, _ in with_modes.values() for node in net.nodes
             for key in ("rounding", "syn_rounding", "overflow", "syn_overflow")}
    assert {"toward_zero", "nearest_even", "wrap", "saturate_symmetric"} <= modes


def test_loops_come_from_their_own_stream(monkeypatch):
    """About a quarter of the drawn networks close a loop across time steps
    (an snn.cycle) through a feedback edge of 1 to 3 steps; without loops
    (LOOPS = 0) a network that drew none is the same network, and one that
    drew a loop is the same network without it."""
    drawn = {}
    for seed in range(80):
        generator = random_net._Generator(seed, "any")
        drawn[seed] = (generator.loops, generator.build()[0])
    monkeypatch.setattr(random_net, "LOOPS", 0.0)
    steps = set()
    for seed, (loops, net) in drawn.items():
        found = [comp for comp in net.components() if is_loop(comp)]
        assert bool(found) == loops
        plain = random_net._Generator(seed, "any").build()[0]
        if loops:
            steps |= {n.attrs["steps"] for n in net.nodes if n.result.name in net.feedbacks}
            assert "snn.cycle" in net.to_mlir()
            before_loop = net.nodes[:len(plain.nodes)]
            assert [(n.op, n.result) for n in before_loop] == \
                [(n.op, n.result) for n in plain.nodes]
            continue
        assert net.to_mlir() == plain.to_mlir()
    assert 10 <= sum(loops for loops, _ in drawn.values()) <= 35 and steps == {1, 2, 3}


@pytest.mark.parametrize("kind", KINDS)
def test_thresholds_are_calibrated(kind):
    """Nearly every threshold, lif and cuba_lif spikes at a rate between 5%
    and 60% on the network's inputs (before calibration: about 60%)."""
    rates = []
    for seed in range(60):
        net, inputs = generate(seed, kind=kind)
        values = simulate_all(net, inputs)
        rates += [values[node.result.name].mean() for node in net.nodes
                  if node.op in ("threshold", "lif", "cuba_lif")]
    assert len(rates) >= 30
    assert np.mean([0.05 <= rate <= 0.6 for rate in rates]) >= 0.85


def test_wide_values_saturate_the_recurrent_drive_and_32_bit_accumulators():
    seen = set()
    for seed in range(100):
        net, inputs = generate(seed, kind="int")
        with saturation_log() as saturated:
            simulate_all(net, inputs)
        for node in net.nodes:
            if saturated.get("recurrent_drive", {}).get(node.result.name):
                seen.add("recurrent drive")
            if node.op in ("conv2d", "dense") and node.result.dtype == "i32" and \
                    saturated["result"][node.result.name]:
                seen.add("i32 accumulator")
    assert seen == {"recurrent drive", "i32 accumulator"}


def test_regression_seeds_keep_their_structure():
    """test/Integration/event-regressions.test replays seeds 10180 and 10411
    for their structure (calibration and wide values change values only):
    grouped dilated convolutions, stride 2 in 10180, tiled by single rows."""
    expected = {10180: [((2, 2), (2, 1), 5)],
                10411: [((1, 2), (2, 2), 3), ((1, 1), (1, 1), 2), ((1, 1), (2, 2), 3)]}
    for seed, convs in expected.items():
        net, _ = scheduled(seed)
        assert [(n.attrs["stride"], n.attrs["dilation"], n.attrs["groups"])
                for n in net.nodes if n.op == "conv2d"] == convs
        assert {(n.schedule.tile_axis, n.schedule.tile_size) for n in net.nodes} == {("rows", 1)}


def check_schedule(net):
    """The schedule rules, written independently of random_schedule. Loops
    across time steps (snn.cycle members) take no schedule and end runs."""
    in_loop = {id(n) for comp in net.components() if is_loop(comp) for n in comp}
    assert all((node.schedule is None) == (id(node) in in_loop) for node in net.nodes)
    nodes = net.nodes
    runs = []  # [group id, nodes] for maximal runs of equal ids
    for node in nodes:
        if id(node) in in_loop:
            runs.append([None, []])
        elif runs and node.schedule.group == runs[-1][0] and node.schedule.group >= 0:
            runs[-1][1].append(node)
        else:
            runs.append([node.schedule.group, [node]])
    runs = [run for run in runs if run[1]]
    ids = [gid for gid, _ in runs if gid >= 0]
    assert len(ids) == len(set(ids)), "a group id is used by non-consecutive nodes"
    for _, members in runs:
        first = members[0].schedule
        assert all(m.schedule == first for m in members)
        assert 0 <= first.time_tile <= net.time_steps
        assert first.state in ("onchip", "spill")
        ops = {m.op for m in members}
        if first.tile_axis == "none":
            assert first.tile_size == 0
            continue
        # A spatially tiled group yields only its last result.
        member_ids = {id(m) for m in members}
        outside_uses = {v for n in nodes if id(n) not in member_ids for v in n.inputs}
        outside_uses |= set(net.outputs)
        assert [m.result for m in members if m.result in outside_uses] == [members[-1].result]
        inside_uses = {v for m in members for v in m.inputs}
        assert all(m.result in inside_uses for m in members[:-1])
        if first.tile_axis in ("rows", "cols"):
            assert all(len(m.result.shape) == 3 for m in members)
            assert not ops & {"flatten", "reshape", "dense"}
        else:
            assert first.tile_axis == "channels"
            assert not ops & {"flatten", "reshape"}
            assert not any("recurrent" in m.tensors for m in members)
            assert all(m.attrs.get("groups", 1) == 1 for m in members)
        dim = {"channels": 0, "rows": 1, "cols": 2}[first.tile_axis]
        assert 1 <= first.tile_size <= members[-1].result.shape[dim]


def test_schedules_obey_the_rules_and_cover_the_space(networks):
    seen = set()
    for net, _ in networks:
        check_schedule(net)
        schedules = [node.schedule for node in net.nodes if node.schedule is not None]
        groups = {s.group for s in schedules}
        t = net.time_steps
        if len(net.nodes) > 1 and len(groups) == 1 and -1 not in groups:
            seen.add("whole network")
        for s in schedules:
            seen.add(f"axis:{s.tile_axis}")
            seen.add(f"state:{s.state}")
            if s.group == -1:
                seen.add("alone")
            if s.time_tile == 1:
                seen.add("time_tile 1")
            if s.time_tile == t and t > 1:
                seen.add("time_tile T")
            if 1 < s.time_tile < t and t % s.time_tile:
                seen.add("time_tile non-divisor")
            if s.tile_size == 1:
                seen.add("tile_size 1")
            if s.tile_size > 1:
                seen.add("tile_size > 1")
        sizes = collections.Counter(s.group for s in schedules if s.group >= 0)
        if 1 in sizes.values():
            seen.add("single-node group")
    assert seen >= {"whole network", "alone", "single-node group", "time_tile 1", "time_tile T",
                    "time_tile non-divisor", "tile_size 1", "tile_size > 1", "axis:none",
                    "axis:channels", "axis:rows", "axis:cols", "state:onchip", "state:spill"}


def test_command_line_writes_networks_inputs_and_references(tmp_path):
    assert main(["--seed", "5", "--count", "2", "--out", str(tmp_path), "--schedule"]) == 0
    for seed in (5, 6):
        net, inputs = scheduled(seed)
        assert (tmp_path / f"net_{seed}.mlir").read_text() == net.to_mlir()
        loaded = [np.load(tmp_path / f"net_{seed}.in{k}.npy") for k in range(len(net.inputs))]
        for value, array in zip(net.inputs, loaded):
            np.testing.assert_array_equal(array, inputs[value.name])
        for k, expected in enumerate(simulate(net, loaded)):
            got = np.load(tmp_path / f"net_{seed}.ref{k}.npy")
            assert got.dtype == expected.dtype
            np.testing.assert_array_equal(got, expected)
        assert not (tmp_path / f"net_{seed}.ref{len(net.outputs)}.npy").exists()
