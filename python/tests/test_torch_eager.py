"""bench/torch_eager.py, the PyTorch eager baselines of bench/runtime.py, is
exact: both styles (time-batched, stepped) equal the reference simulator on
integer networks (random ones, a small SEW-ResNet-18 prefix, every neuron
attribute) and on float networks without reductions, whose order cannot
differ. Only correctness: the timings are bench/runtime.py's business.
Skipped where PyTorch (python3-torch, `scripts/setup.sh --bench`) is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="PyTorch is not installed (python3-torch; "
                                    "scripts/setup.sh --bench): the benchmark baselines only")

from snn_mlir import reference  # noqa: E402
from snn_mlir.testing import random_net  # noqa: E402
from snn_mlir.graph import Network  # noqa: E402
from snn_mlir.testing.differential import ARITHMETIC  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import gen_networks  # noqa: E402
import torch_eager  # noqa: E402


def assert_exact(net: Network, inputs) -> None:
    arrays = reference.input_arrays(net, inputs)
    want = reference.simulate(net, arrays)
    runner = torch_eager.TorchNet(net, arrays)
    for style in torch_eager.STYLES:
        got = runner.to_numpy(runner.run(style))
        for g, w, v in zip(got, want, net.outputs):
            assert g.dtype == w.dtype, (style, v.name)
            np.testing.assert_array_equal(g, w, err_msg=f"{style}: {v.name}")


def test_random_integer_networks(monkeypatch):
    monkeypatch.setattr(random_net, "LOOPS", 0.0)  # refused, see test_refuses_loops
    checked = 0
    for seed in range(16):
        net, inputs = random_net.generate(seed, kind="int")
        if any("recurrent" in node.tensors for node in net.nodes):
            continue   # refused, see test_refuses_recurrent_weights
        if any(key in node.attrs for node in net.nodes for key in ARITHMETIC + FEATURES):
            continue   # refused, see test_refuses_arithmetic_modes
        assert_exact(net, inputs)
        checked += 1
    assert checked >= 10


def test_sew_resnet_prefix():
    reduction = gen_networks.Reduction((32, 32), 3, 8)
    net, _ = gen_networks.prefix_network("sew-resnet18-7plif", 2, reduction, seed=1)
    assert_exact(net, gen_networks.random_input(net, 1))


def _neurons(dtype: str) -> Network:
    """Every neuron kind and attribute on one input, with non-trivial Q16
    factors (integers) and offsets; also scale, delay, threshold, relu."""
    integer = dtype != "f32"
    net = Network(12)
    x = net.input((3, 2, 2), dtype)
    per_channel = [0.5, 0.75, 0.8125]
    y = net.scale(x, 0.625)
    a = net.lif(y, threshold=5.0, beta=per_channel, gain=1.5, v_leak=1.0, v_init=2.0,
                state_type=dtype, reset="to_value", v_reset=-1.0, reset_timing="next",
                compare="ge")
    b = net.cuba_lif(net.delay(x, 2), threshold=4.0, tau=4.0, dt=1.0, alpha=0.5,
                     syn_gain=0.75, i_init=1.0, state_type=dtype, reset="zero")
    c = net.li(x, beta=0.875, gain=0.5, v_leak=-1.0, state_type=dtype)
    d = net.cuba_li(x, tau=8.0, tau_syn=2.0, dt=1.0, state_type=dtype)
    e = net.lif(x, threshold=3.0, state_type=dtype, reset="none")
    s = net.threshold(c, 2.5 if integer else 2.0, compare="gt")
    r = net.relu(d, 1, out_dtype="i4") if integer else net.relu(d)
    net.output(a, b, c, s, r, e, net.add(a, e, mode="or"))
    return net


@pytest.mark.parametrize("dtype", ["i8", "f32"])
def test_neuron_attributes(dtype):
    net = _neurons(dtype)
    rng = np.random.default_rng(3)
    shape = (net.time_steps,) + net.inputs[0].shape
    if dtype == "f32":
        x = rng.normal(1.5, 2.0, size=shape).astype(np.float32)
    else:
        x = rng.integers(-20, 40, size=shape).astype(np.int8)
    assert_exact(net, [x])


def test_refuses_recurrent_weights():
    net = Network(2)
    x = net.input((3,), "i8")
    net.output(net.lif(x, threshold=2.0, state_type="i8", recurrent=np.eye(3)))
    with pytest.raises(torch_eager.Unsupported, match="recurrent"):
        torch_eager.TorchNet(net, [np.zeros((2, 3), np.int8)])


def test_refuses_loops():
    net = Network(2)
    x = net.input((3,), "i1")
    feedback = net.feedback((3,), "i1", 1, name="fb")
    y = net.add(x, feedback, mode="or")
    net.close_feedback(feedback, y)
    net.output(y)
    with pytest.raises(torch_eager.Unsupported, match="loop across time steps through 'fb'"):
        torch_eager.TorchNet(net, [np.zeros((2, 3), np.uint8)])


#: Neuron features the baselines do not compute.
FEATURES = ("refractory", "adapt")


def test_refuses_arithmetic_modes():
    """The baselines compute floor and saturate only and fixed thresholds: a
    rounding or overflow mode or a bias (Lava's fixed point), a refractory
    period or an adaptive threshold is refused, not computed wrongly."""
    for attrs in ({"rounding": "toward_zero"}, {"overflow": "wrap"}, {"bias": 1.0},
                  {"refractory": 2}, {"adapt": 1.0}):
        net = Network(2)
        x = net.input((3,), "i8")
        net.output(net.lif(x, threshold=2.0, state_type="i8", **attrs))
        with pytest.raises(torch_eager.Unsupported, match=next(iter(attrs))):
            torch_eager.TorchNet(net, [np.zeros((2, 3), np.int8)])


def test_counts_macs():
    net = Network(5)
    x = net.input((2, 6, 6), "i1")
    y = net.conv2d(x, np.ones((4, 1, 3, 3)), stride=1, padding=1, groups=2, out_dtype="i8")
    net.dense(net.flatten(y), np.ones((7, 144)), out_dtype="i16")
    assert torch_eager.count_macs(net) == 5 * (4 * 6 * 6 * 1 * 3 * 3 + 7 * 144)
