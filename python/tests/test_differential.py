"""The differential harness, with a stand-in for snn-run: a script that
returns stored outputs for the MLIR text it is given (by hash), optionally
corrupted, or fails."""

import hashlib
import json
import stat
import types

import numpy as np
import pytest

from snn_mlir import Network
from snn_mlir.testing.differential import Outcome, check_network, compare_outputs, coverage, main
from snn_mlir.testing.random_net import generate, random_schedule, schedule_rng
from snn_mlir.reference import simulate

FAKE_SNN_RUN = '''#!/usr/bin/python3
"""Copies $FAKE_DIR/<sha1 of the MLIR file>.out<k>.npy to the --output paths."""
import hashlib, os, shutil, sys
import numpy as np
args = sys.argv[1:]
outputs = [args[i + 1] for i, a in enumerate(args) if a == "--output"]
inputs = [args[i + 1] for i, a in enumerate(args) if a == "--input"]
assert args[1:3] == ["--entry", "main"] and all(os.path.exists(p) for p in inputs)
if os.environ.get("FAKE_MODE") == "fail":
    sys.exit("snn-run: error: cannot lower 'snn.lif'")
key = hashlib.sha1(open(args[0], "rb").read()).hexdigest()
for k, path in enumerate(outputs):
    array = np.load(os.path.join(os.environ["FAKE_DIR"], f"{key}.out{k}.npy"))
    if os.environ.get("FAKE_MODE") == "corrupt" and k == len(outputs) - 1:
        array.reshape(-1)[-1] += 1
    np.save(path, array)
'''


@pytest.fixture
def fake_snn_run(tmp_path, monkeypatch):
    """The stand-in's path; `store(net, outputs)` makes it answer `outputs` for `net`."""
    path = tmp_path / "snn-run"
    path.write_text(FAKE_SNN_RUN)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    monkeypatch.setenv("FAKE_DIR", str(store_dir))

    def store(net, outputs):
        key = hashlib.sha1(net.to_mlir().encode()).hexdigest()
        for k, array in enumerate(outputs):
            np.save(store_dir / f"{key}.out{k}.npy", array)

    return types.SimpleNamespace(path=str(path), store=store)


def small_net():
    net = Network(3)
    x = net.input((2,), "i8", name="x")
    net.output(net.li(x, beta=0.5, state_type="i8"), net.relu(x))
    inputs = {"x": np.array([[4, -4], [0, 8], [2, 2]], dtype=np.int8)}
    return net, inputs


def test_matching_outputs_pass(fake_snn_run):
    net, inputs = small_net()
    fake_snn_run.store(net, simulate(net, inputs))
    assert check_network(net, inputs, fake_snn_run.path).problem is None


def test_first_mismatch_is_described(fake_snn_run, monkeypatch):
    net, inputs = small_net()
    fake_snn_run.store(net, simulate(net, inputs))
    monkeypatch.setenv("FAKE_MODE", "corrupt")
    problem = check_network(net, inputs, fake_snn_run.path).problem
    # relu(x)[2, 1] = 2 was changed to 3.
    assert problem == ("output 1 (%relu, tensor<3x2xi8>): time step 2, index (1,): "
                       "expected 2, got 3 (1 of 6 elements differ)")


def test_snn_run_failure_is_reported(fake_snn_run, monkeypatch):
    net, inputs = small_net()
    monkeypatch.setenv("FAKE_MODE", "fail")
    problem = check_network(net, inputs, fake_snn_run.path).problem
    assert problem.startswith("snn-run exited with 1") and "cannot lower 'snn.lif'" in problem


def test_missing_snn_run_is_reported(tmp_path):
    net, inputs = small_net()
    assert "did not complete" in check_network(net, inputs, str(tmp_path / "missing")).problem


def test_floats_compare_bit_for_bit_but_nan_payloads():
    net = Network(1)
    net.output(net.input((3,), "f32"))
    want = np.array([[0.0, np.nan, 1.0]], np.float32)
    other_nan = np.array([0x7FC00001], np.uint32).view(np.float32)[0]
    assert compare_outputs(net, [want], [np.array([[0.0, other_nan, 1.0]], np.float32)]) is None
    problem = compare_outputs(net, [want], [np.array([[-0.0, np.nan, 1.0]], np.float32)])
    assert "index (0,): expected 0.0 (0x0.0p+0), got -0.0 (-0x0.0p+0)" in problem
    one_ulp = np.nextafter(np.float32(1.0), np.float32(2.0))
    problem = compare_outputs(net, [want], [np.array([[0.0, np.nan, one_ulp]], np.float32)])
    assert "index (2,): expected 1.0 (0x1.0000000000000p+0), got 1.0000001192092896" in problem
    problem = compare_outputs(net, [want], [want.astype(np.float64)])
    assert "dtype float64" in problem and "float32" in problem


def test_main_runs_seeds_and_reports_failures(fake_snn_run, monkeypatch, capsys):
    for seed in range(3):
        net, inputs = generate(seed)
        random_schedule(net, schedule_rng(seed))
        fake_snn_run.store(net, simulate(net, inputs))
    args = ["--count", "3", "--schedule", "--snn-run", fake_snn_run.path, "--jobs", "2"]
    assert main(args) == 0
    assert "3 networks (kind any, scheduled), 0 failures" in capsys.readouterr().out
    monkeypatch.setenv("FAKE_MODE", "corrupt")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "3 failures" in out and "failing seeds: 0 1 2" in out


def test_outcome_records_what_the_network_exercised(fake_snn_run):
    net = Network(4)
    x = net.input((3,), "f32", name="x")
    net.output(net.threshold(x, 1.0, name="fires"), net.threshold(x, 9.0, name="silent"))
    inputs = {"x": np.array([[2, 0, 0], [0, 2, 0], [0, 0, 0], [2, 2, 2]], np.float32)}
    fake_snn_run.store(net, simulate(net, inputs))
    outcome = check_network(net, inputs, fake_snn_run.path)
    assert outcome.problem is None and not outcome.constant_outputs
    assert outcome.spike_rates == [5 / 12, 0.0]
    silent = Outcome(constant_outputs=True, spike_rates=[0.0, 1.0])
    assert coverage([outcome, silent]) == {
        "constant_output_networks": 0.5, "spiking_layers": 4, "silent_layers": 0.5,
        "always_spiking_layers": 0.25, "layers_spiking_5_to_60_percent": 0.25,
        "saturating_networks": 0.0, "arithmetic_mode_networks": 0.0, "loop_networks": 0.0,
        **{f"{kind}_saturating_{of}": 0.0 for kind in ("result", "state", "recurrent_drive")
           for of in ("networks", "layers")}}


def test_outcome_counts_neurons_with_arithmetic_modes(fake_snn_run):
    """Neurons that round or overflow otherwise or add a bias are counted;
    a wrapping membrane is noted as the state's overflow."""
    net = Network(3)
    x = net.input((2,), "i8", name="x")
    a = net.li(x, state_type="i8", overflow="wrap", bias=100, name="wraps")
    net.output(a, net.li(x, state_type="i8", rounding="floor", name="plain"))
    inputs = {"x": np.array([[100, 0], [0, 0], [0, 0]], np.int8)}
    fake_snn_run.store(net, simulate(net, inputs))
    outcome = check_network(net, inputs, fake_snn_run.path)
    assert outcome.problem is None and outcome.arithmetic_layers == 1
    assert outcome.saturations["state"] == (1, 2)
    assert coverage([outcome, Outcome()])["arithmetic_mode_networks"] == 0.5


def test_outcome_records_loops(fake_snn_run):
    """A network with a feedback edge counts as a loop network."""
    net = Network(3)
    x = net.input((2,), "i1", name="x")
    feedback = net.feedback((2,), "i1", 1, name="fb")
    y = net.add(x, feedback, mode="or", name="y")
    net.close_feedback(feedback, y)
    net.output(y)
    inputs = {"x": np.array([[1, 0], [0, 0], [0, 1]], np.uint8)}
    fake_snn_run.store(net, simulate(net, inputs))
    outcome = check_network(net, inputs, fake_snn_run.path)
    assert outcome.problem is None and outcome.has_loop
    assert coverage([outcome, Outcome()])["loop_networks"] == 0.5


def test_outcome_records_saturation(fake_snn_run):
    """A dense layer saturating to i4 drives a recurrent i32 neuron whose
    spikes (weights 2^31 - 1) push x + r past 32 bits and the membrane past i32."""
    net = Network(2)
    x = net.input((2,), "i8", name="x")
    y = net.dense(x, np.eye(2), out_dtype="i4", weight_dtype="i8")
    net.output(net.lif(y, threshold=1, state_type="i32", recurrent=np.full((2, 2), 2 ** 31 - 1)))
    inputs = {"x": np.array([[100, 100], [0, 0]], np.int8)}
    fake_snn_run.store(net, simulate(net, inputs))
    outcome = check_network(net, inputs, fake_snn_run.path)
    assert outcome.problem is None
    assert outcome.saturations == {"result": (1, 1), "state": (1, 1), "recurrent_drive": (1, 1)}
    stats = coverage([outcome, Outcome(saturations={"result": (0, 3), "state": (0, 1)})])
    assert stats["saturating_networks"] == 0.5
    assert stats["result_saturating_networks"] == 0.5 and stats["result_saturating_layers"] == 0.25
    assert stats["recurrent_drive_saturating_layers"] == 1.0


def test_main_prints_stats_last(fake_snn_run, capsys):
    for seed in range(2):
        net, inputs = generate(seed)
        fake_snn_run.store(net, simulate(net, inputs))
    assert main(["--count", "2", "--snn-run", fake_snn_run.path, "--jobs", "1", "--stats"]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert stats["networks"] == 2 and stats["failures"] == 0
    assert set(stats) >= {"constant_output_networks", "spiking_layers", "silent_layers",
                          "always_spiking_layers", "layers_spiking_5_to_60_percent"}
