"""The fidelity tool (snn_mlir.fidelity and `python3 -m snn_mlir fidelity`).

* `remove_state` makes a neuron compute h = v_leak + gain x' every step
  (current-based: through i = syn_gain x'), checked against values worked
  out from that definition for integer and float state, and refuses layers
  that are not neurons or are recurrent.
* A neuron that is stateless already (beta = 0, reset zero) is unchanged.
* `recommend` never exceeds its budget and stops at the first layer that would.
* The command line runs on the reduced SEW-ResNet-18 7PLIF and a NIR file.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from snn_mlir import Network, fidelity
from snn_mlir.testing import random_net
from snn_mlir.__main__ import main
from snn_mlir.reference import simulate

ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
T = 8


def q16(x: np.ndarray, c: float) -> np.ndarray:
    """mulq of Semantics.md for factors exact in Q16: floor(x * c * 65536 / 65536)."""
    return (x.astype(np.int64) * int(c * 65536)) // 65536


def sat(z: np.ndarray, bits: int) -> np.ndarray:
    return np.clip(z, -(1 << (bits - 1)), (1 << (bits - 1)) - 1)


F = np.float32

# name -> (input dtype, neuron builder, the stateless output from the input x).
# Every neuron has state worth removing: a decay, an initial value, a reset.
CASES = {
    "lif-i8": ("i8", lambda n, v: n.lif(
        v, threshold=6, beta=0.5, gain=0.75, v_leak=-2, v_init=5, state_type="i8",
        reset_timing="next", name="neuron"),
        lambda x: sat(-2 + q16(x, 0.75), 8) > 6),
    "lif-f32": ("f32", lambda n, v: n.lif(
        v, threshold=0.5, tau=2e-3, dt=1e-3, gain=0.7, v_leak=-0.25, compare="ge",
        reset="to_value", v_reset=-1.0, name="neuron"),
        lambda x: F(-0.25) + F(0.7) * x >= F(0.5)),
    "cuba_lif-i8": ("i8", lambda n, v: n.cuba_lif(
        v, threshold=2, beta=0.75, alpha=0.5, gain=0.5, syn_gain=1.5, v_leak=1, i_init=3,
        state_type="i8", syn_type="i6", reset="zero", name="neuron"),
        lambda x: sat(1 + q16(sat(q16(x, 1.5), 6), 0.5), 8) > 2),
    "li-f32": ("f32", lambda n, v: n.li(v, beta=0.9, gain=2.0, v_init=1.0,
                                       name="neuron"),
               lambda x: F(0.0) + F(2.0) * x),
    "cuba_li-f64": ("f64", lambda n, v: n.cuba_li(
        v, beta=0.8, tau_syn=4.0, dt=1.0, gain=0.5, syn_gain=3.0, state_type="f64",
        name="neuron"), lambda x: 0.0 + 0.5 * (3.0 * x)),
}


def one_neuron_net(dtype: str, build) -> Network:
    net = Network(T)
    net.output(build(net, net.input((6,), dtype, name="x")))
    return net


def random_drive(dtype: str) -> np.ndarray:
    rng = np.random.default_rng(1)
    if dtype.startswith("f"):
        return rng.normal(0.3, 1.0, (T, 6)).astype(dtype.replace("f", "float"))
    return rng.integers(-30, 31, (T, 6)).astype(np.int8)  # saturates the i6 current


@pytest.mark.parametrize("case", CASES)
def test_remove_state_computes_the_stateless_neuron(case):
    dtype, build, stateless = CASES[case]
    net = one_neuron_net(dtype, build)
    attrs = dict(net.nodes[0].attrs)
    x = random_drive(dtype)
    (want,) = simulate(net, [x])
    (got,) = simulate(fidelity.remove_state(net, ["neuron"]), [x])
    np.testing.assert_array_equal(got, stateless(x))
    assert not np.array_equal(got, want), "the state should matter in this case"
    assert net.nodes[0].attrs.keys() == attrs.keys()  # the original is untouched


def test_remove_state_keeps_parameters_and_types():
    net = one_neuron_net("i8", CASES["cuba_lif-i8"][1])
    node = fidelity.remove_state(net, ["neuron"]).nodes[0]
    for key in ("threshold", "gain", "syn_gain", "v_leak", "state_type", "syn_type"):
        assert np.array_equal(node.attrs[key], net.nodes[0].attrs[key]), key
    assert (node.attrs["reset"], node.attrs["reset_timing"]) == ("none", "same")
    assert node.attrs["beta"] == node.attrs["alpha"] == 0.0
    assert node.attrs["v_init"] == node.attrs["v_leak"] and "i_init" not in node.attrs


def test_remove_state_refuses_what_it_cannot_remove():
    net = Network(T)
    x = net.input((4,), "f32", name="x")
    y = net.dense(x, np.eye(4), out_dtype="f32", name="synapse")
    net.output(net.lif(y, threshold=1.0, recurrent=np.eye(4), name="recurrent"))
    with pytest.raises(fidelity.FidelityError, match="'recurrent' has a recurrent weight"):
        fidelity.remove_state(net, ["recurrent"])
    with pytest.raises(fidelity.FidelityError, match="'synapse' is an snn.dense, not a neuron"):
        fidelity.measure(net, fidelity.random_inputs(net, 1), ["synapse"])
    with pytest.raises(fidelity.FidelityError, match="no layer named 'nothing'"):
        fidelity.remove_state(net, ["nothing"])
    assert fidelity.removable_layers(net) == []


def test_stateless_neurons_lose_nothing():
    """beta = 0 and reset zero: h = v_leak + gain x' already, whatever v was."""
    rng = np.random.default_rng(3)
    net = Network(T)
    x = net.input((2, 6, 6), "i1", name="x")
    conv = net.conv2d(x, rng.integers(-3, 4, (4, 2, 3, 3)), padding=1, out_dtype="i8",
                      weight_dtype="i4")
    spikes = net.lif(conv, threshold=2, beta=0.0, v_init=3, state_type="i8", reset="zero",
                     name="int_lif")
    dense = net.dense(net.flatten(spikes), rng.uniform(-0.3, 0.3, (5, 144)), out_dtype="f32")
    net.output(net.lif(dense, threshold=0.4, beta=0.0, v_leak=0.1, reset="zero",
                       name="float_lif"))
    inputs = fidelity.random_inputs(net, 3, seed=4, density=0.4)
    records = fidelity.measure(net, inputs)
    assert [r.name for r in records] == ["int_lif", "float_lif"]
    for r in records:
        assert (r.layer_agreement, r.output_agreement, r.argmax_agreement) == (1.0, 1.0, 1.0)
    assert 0 < simulate(net, inputs[0])[0].sum() < T * 5  # the output is neither silent nor full
    chosen, steps = fidelity.recommend(net, inputs, 0.0, records)
    assert chosen == ["int_lif", "float_lif"]  # more state first among equals
    assert records[0].state_bits == 4 * 6 * 6 * 8 and records[1].state_bits == 5 * 32


def test_recommend_respects_the_budget():
    budget, exercised = 0.05, {"accepted": 0, "rejected": 0}
    # 120 seeds: neurons with a bias or an overflow mode (30% of the integer
    # networks) cannot lose their state, so fewer layers are removable.
    for seed in range(120):
        net, _ = random_net.generate(seed)
        if len(fidelity.removable_layers(net)) < 2:
            continue
        inputs = fidelity.random_inputs(net, 3, seed)
        chosen, steps = fidelity.recommend(net, inputs, budget)
        for k, step in enumerate(steps):
            assert step.layers == chosen[:k] + [step.layers[-1]]
            assert step.accepted == (step.output_agreement >= 1 - budget)
        assert all(step.accepted for step in steps[:-1])
        assert chosen == (steps[-1].layers if steps[-1].accepted else steps[-1].layers[:-1])
        if chosen:  # checked apart from the tool: the joint removal on the same inputs
            stateless = fidelity.remove_state(net, chosen)
            same = total = 0
            for x in inputs:
                for want, got in zip(simulate(net, x), simulate(stateless, x)):
                    same, total = same + np.count_nonzero(want == got), total + want.size
            assert same / total >= 1 - budget
        exercised["accepted"] += len(chosen)
        exercised["rejected"] += not steps[-1].accepted
    assert exercised["accepted"] >= 5 and exercised["rejected"] >= 5


def test_cli_on_reduced_sew_resnet18(tmp_path, capsys):
    spec = ROOT / "bench" / "stems" / "sew-resnet18-7plif.json"
    png = tmp_path / "fidelity.png"
    assert main(["fidelity", str(spec), "--input-hw", "128", "128", "--time-steps", "3",
                 "--max-channels", "4", "--samples", "2", "--budget", "0.1", "--plot",
                 str(png), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    names = [layer["name"] for layer in result["layers"]]
    assert len(names) == 16 and names[0] == "b0_conv_a_neuron"
    assert set(result["recommended"]) <= set(names)
    assert result["state_bits_total"] == sum(layer["state_bits"] for layer in result["layers"])
    assert result["state_bits_saved"] == sum(layer["state_bits"] for layer in result["layers"]
                                             if layer["name"] in result["recommended"])
    assert all(step["output_agreement"] >= 0.9 for step in result["steps"] if step["accepted"])
    assert png.read_bytes().startswith(PNG_SIGNATURE)


def test_cli_on_a_nir_file(capsys):
    nir = ROOT / "data" / "nir" / "braille_noDelay_bias_zero.nir"
    assert main(["fidelity", str(nir), "--preset", "snntorch", "--reset", "zero",
                 "--time-steps", "20", "--samples", "2"]) == 0
    out = capsys.readouterr().out
    assert "lif2" in out and "recommended layers" in out and "state saved" in out


def test_cli_needs_a_size_for_unknown_stems_networks(tmp_path, capsys):
    spec = tmp_path / "mine.json"
    spec.write_text("{}")
    assert main(["fidelity", str(spec)]) == 1
    assert "give --input-hw and --time-steps" in capsys.readouterr().err


def test_layers_without_a_stateless_form_are_refused():
    """The layers snn-eliminate-state refuses on request are not offered."""
    net = Network(T)
    x = net.input((6,), "f32", name="x")
    leaky = net.li(x, beta=0.5, v_leak=0.5, name="leaky")
    counts = net.input((6,), "i8", name="counts")
    converted = net.lif(counts, threshold=1.0, state_type="f32", name="converted")
    fine = net.lif(x, threshold=1.0, name="fine")
    net.output(leaky, converted, fine)
    assert fidelity.removable_layers(net) == ["fine"]
    with pytest.raises(fidelity.FidelityError, match="leaky integrator with v_leak"):
        fidelity.remove_state(net, ["leaky"])
    with pytest.raises(fidelity.FidelityError, match="conversion from i8 to f32"):
        fidelity.remove_state(net, ["converted"])


def test_refractory_and_adaptive_neurons_are_refused_as_by_the_pass():
    """A spike changes the later steps of a refractory or adaptive neuron even
    without decay: snn-eliminate-state refuses both on request."""
    net = Network(T)
    x = net.input((6,), "i8", name="x")
    net.output(net.lif(x, threshold=4, beta=0.0, state_type="i8", refractory=2,
                       name="refractory"),
               net.lif(x, threshold=4, beta=0.0, state_type="i8", adapt=2, name="adaptive"),
               net.lif(x, threshold=4, beta=0.0, state_type="i8", name="plain"))
    assert fidelity.removable_layers(net) == ["plain"]
    for name, message in (("refractory", "has a refractory period"),
                          ("adaptive", "has an adaptive threshold")):
        with pytest.raises(fidelity.FidelityError, match=message):
            fidelity.remove_state(net, [name])


def test_lava_arithmetic_is_refused_as_by_the_pass():
    """A bias, a wrapping or symmetric state and a gain product rounded
    otherwise than down have no stateless form (snn-eliminate-state refuses
    them too); a rounding mode with a unit gain is exact and offered."""
    net = Network(T)
    x = net.input((6,), "i8", name="x")
    net.output(net.lif(x, threshold=4, state_type="i8", bias=1, name="biased"),
               net.lif(x, threshold=4, state_type="i8", overflow="wrap", name="wraps"),
               net.cuba_lif(x, threshold=4, state_type="i8", syn_overflow="saturate_symmetric",
                            name="symmetric"),
               net.lif(x, threshold=4, state_type="i8", gain=0.5, rounding="toward_zero",
                       name="rounds"),
               net.lif(x, threshold=4, state_type="i8", rounding="nearest_even", name="unit"))
    assert fidelity.removable_layers(net) == ["unit"]
    for name, message in (("biased", "has a bias"), ("wraps", "overflows otherwise"),
                          ("symmetric", "overflows otherwise"),
                          ("rounds", "rounds its gain product toward_zero")):
        with pytest.raises(fidelity.FidelityError, match=message):
            fidelity.remove_state(net, [name])
