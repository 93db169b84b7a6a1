"""Tests of the NIR importer (the C++ one of include/snn/Target/NIR, through
python/snn_mlir/nir_import.py, which rebuilds its module as a Network).

Three kinds of checks:
* the four real NIR files of data/nir: structure, parameters after the
  preset (each preset's rules, through one-neuron files), MLIR that snn-opt
  parses;
* round trips of every NIR node type through small files written here with
  h5py in the old (0.2) and new (1.0) layouts, simulated with the reference
  simulator and compared with NumPy computations of the preset's
  equations;
* framework fidelity: Norse's LIFBoxCell and snnTorch's (R)Synaptic
  re-implemented independently (NumPy, float32, each framework's order of
  operations) and compared spike for spike.
"""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest
from snn_mlir import _capi, compiler, presets
from snn_mlir.graph import Network
from snn_mlir.nir_import import NIRImportError, import_nir, read_nir
from snn_mlir.__main__ import main

reference = pytest.importorskip("snn_mlir.reference")

ROOT = Path(__file__).resolve().parents[2]
NIR_DIR = ROOT / "data" / "nir"
SNN_OPT = ROOT / "build" / "bin" / "snn-opt"
DT = 1e-3  # the time step of the round trips (preset 'exact')


def nir_file(name: str) -> Path:
    """One of the real NIR files of data/nir."""
    return NIR_DIR / name


# -- writing NIR files the way the NIR library does --------------------------------

def write_nir(path: Path, nodes: dict, edges, layout: str = "0.2") -> Path:
    """A .nir file: layout '0.2' has plain datasets and Input/Output 'shape';
    layout '1.0' gzip-compresses every array, adds input_type/output_type
    groups and a metadata group to every node."""
    with h5py.File(path, "w") as file:
        file.create_dataset("version", data="1.0.0" if layout == "1.0" else "0.2.0")
        _write_node(file.create_group("node"),
                    {"type": "NIRGraph", "nodes": nodes, "edges": edges}, layout)
    return path


def _write_node(group, node: dict, layout: str) -> None:
    new = layout == "1.0"
    for key, value in node.items():
        if key == "nodes":
            members = group.create_group("nodes")
            for name, child in value.items():
                _write_node(members.create_group(name), child, layout)
        elif key == "edges":
            group.create_dataset("edges", data=np.array(value, dtype=object).reshape(-1, 2),
                                 dtype=h5py.string_dtype())
        elif isinstance(value, str):
            group.create_dataset(key, data=value, dtype=h5py.string_dtype())
        else:
            array = np.asarray(value)
            group.create_dataset(key, data=array,
                                 **({"compression": "gzip"} if new and array.ndim else {}))
    if new and node["type"] in ("Input", "Output") and "shape" in node:
        port = node["type"].lower()
        group.create_group(f"{port}_type").create_dataset(port, data=np.asarray(node["shape"]))
    if new:
        group.create_group("metadata").create_dataset("source", data="test")


def chain(*nodes: dict) -> tuple:
    """The linear graph nodes[0] -> nodes[1] -> ... (an Input first, an Output
    last) as (nodes, edges), the nodes named input, n0, n1, ..., output."""
    names = ["input"] + [f"n{i}" for i in range(len(nodes) - 2)] + ["output"]
    return dict(zip(names, nodes)), list(zip(names, names[1:]))


def f32(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float32)


def run(net, *inputs) -> list:
    """The outputs of `net` for `inputs` (reference simulator), after checking
    that snn-opt parses and verifies its MLIR (when snn-opt is built)."""
    if SNN_OPT.exists():
        result = subprocess.run([str(SNN_OPT)], input=net.to_mlir(), capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stderr
    return reference.simulate(net, {v.name: a for v, a in zip(net.inputs, inputs)})


@pytest.fixture
def rng() -> np.random.Generator:
    """A fresh generator per test: inputs do not depend on which tests ran."""
    return np.random.default_rng(7)


def randn(rng: np.random.Generator, *shape) -> np.ndarray:
    return f32(rng.standard_normal(shape))


PARAMS = np.random.default_rng(1)  # the weights of the round trips


# -- the preset's equations in NumPy (float64) -------------------------------------

def exact_neuron(x, tau=None, r=1.0, v_leak=0.0, v_threshold=None, v_reset=0.0,
                 tau_syn=None, w_in=1.0, w_rec=None, b_rec=0.0):
    """NIR's neurons discretised with zero-order hold (preset 'exact', DT):
    tau None is the leak-free I/IF (gain r*dt), tau_syn adds the current,
    v_threshold None returns the membrane, else the spikes (v > threshold,
    then v <- v_reset in the same step)."""
    beta, gain = (1.0, r * DT) if tau is None else (np.exp(-DT / tau), r * (1 - np.exp(-DT / tau)))
    v = np.zeros(x.shape[1:])
    i = np.zeros(x.shape[1:])
    s = np.zeros(x.shape[1:])
    out = []
    for t in range(len(x)):
        drive = x[t] + (0 if w_rec is None else w_rec @ s + b_rec)
        if tau_syn is not None:
            alpha = np.exp(-DT / tau_syn)
            i = alpha * i + w_in * (1 - alpha) * drive
            drive = i
        v = beta * (v - v_leak) + v_leak + gain * drive
        if v_threshold is None:
            out.append(v.copy())
            continue
        s = (v > v_threshold).astype(float)
        v = np.where(s > 0, v_reset, v)
        out.append(s)
    return np.array(out)


# -- the four real files ---------------------------------------------------------------

def ops(net) -> list:
    return [(n.op, n.result.shape) for n in net.nodes]


def test_lif_norse_structure():
    net = import_nir(nir_file("lif_norse.nir"), time_steps=10, preset="norse", dt=1e-4)
    assert ops(net) == [("dense", (1,)), ("lif", (1,))]
    lif = net.nodes[1].attrs
    assert lif["beta"][0] == pytest.approx(1 - 1e-4 / 0.0025)
    assert lif["gain"][0] == pytest.approx(1e-4 / 0.0025)
    assert lif["threshold"][0] == pytest.approx(0.1)
    assert (lif["reset"], lif["reset_timing"], lif["compare"]) == ("to_value", "same", "gt")
    assert lif["v_reset"][0] == 0.0  # absent from the 0.1 file: NIR's default
    assert [v.dtype for v in net.outputs] == ["i1"]


def test_cnn_sinabs_structure():
    net = import_nir(nir_file("cnn_sinabs.nir"), time_steps=2, preset="sinabs")
    assert [(v.shape, v.dtype) for v in net.inputs] == [((2, 34, 34), "f32")]
    assert ops(net) == [
        ("conv2d", (16, 16, 16)), ("lif", (16, 16, 16)), ("conv2d", (16, 16, 16)),
        ("lif", (16, 16, 16)), ("sumpool2d", (16, 8, 8)), ("conv2d", (8, 8, 8)),
        ("lif", (8, 8, 8)), ("sumpool2d", (8, 4, 4)), ("flatten", (128,)),
        ("dense", (256,)), ("lif", (256,)), ("dense", (10,)), ("lif", (10,))]
    first = net.nodes[0].attrs
    assert (first["stride"], first["padding"]) == ((2, 2), (1, 1))
    for node in net.nodes:
        if node.op == "lif":  # IF: no leak, r = 1 added once a step, Sinabs' conventions
            a = node.attrs
            assert (a["beta"][0], a["gain"][0], a["threshold"][0]) == (1.0, 1.0, 1.0)
            assert (a["reset"], a["reset_timing"], a["compare"]) == ("subtract", "same", "ge")
            assert a["beta"].size == a["threshold"].size == 1  # compacted from (C, H, W)


def test_cnn_sinabs_runs(rng):
    """Two steps through the whole CNN: IF spikes match a NumPy IF on the
    simulated drive, and the first conv layer equals a NumPy convolution."""
    net = import_nir(nir_file("cnn_sinabs.nir"), time_steps=2, preset="sinabs",
                     input_dtype="i1")
    graph = read_nir(nir_file("cnn_sinabs.nir"))
    spikes = (rng.random((2, 2, 34, 34)) < 0.3).astype(np.uint8)
    values = reference.simulate_all(net, {"input": spikes})
    conv = graph["nodes"]["0"]
    expected = np_conv2d(spikes, conv["weight"], conv["bias"], stride=(2, 2), padding=(1, 1))
    drive = values[net.nodes[0].result.name]
    np.testing.assert_allclose(drive, expected, rtol=1e-5, atol=1e-5)
    v, fired = np.zeros(drive.shape[1:]), []
    for t in range(2):
        v = v + drive[t]
        fired.append(v >= 1.0)
        v = np.where(fired[-1], v - 1.0, v)
    np.testing.assert_array_equal(values[net.nodes[1].result.name], np.array(fired))
    assert values[net.outputs[0].name].shape == (2, 10)


@pytest.mark.parametrize("name, reset, bias", [
    ("braille_noDelay_bias_zero.nir", "zero", True),
    ("braille_noDelay_noBias_subtract.nir", "subtract", False)])
def test_braille_structure(name, reset, bias):
    graph = read_nir(nir_file(name))
    net = import_nir(nir_file(name), time_steps=5, preset="snntorch", reset=reset)
    hidden = graph["nodes"]["lif1.lif"]
    n = hidden["r"].size
    assert ops(net) == [("dense", (n,)), ("cuba_lif", (n,)), ("dense", (7,)), ("cuba_lif", (7,))]
    lif1 = net.nodes[1]
    np.testing.assert_array_equal(lif1.tensors["recurrent"],
                                  f32(graph["nodes"]["lif1.w_rec"]["weight"]))
    assert ("recurrent_bias" in lif1.tensors) == bias
    a = lif1.attrs
    np.testing.assert_allclose(np.broadcast_to(a["beta"], n), 1 - 1e-4 / hidden["tau_mem"])
    np.testing.assert_allclose(np.broadcast_to(a["alpha"], n), 1 - 1e-4 / hidden["tau_syn"])
    # snnTorch exports r = tau_mem/dt and w_in = tau_syn/dt: both gains are 1
    np.testing.assert_allclose([a["gain"][0], a["syn_gain"][0]], [1.0, 1.0], rtol=1e-6)
    assert (a["reset"], a["reset_timing"], a["compare"]) == (reset, "next", "gt")


def assert_network_is_module(path: Path, **options) -> bool:
    """The Network `import_nir` rebuilds from the C++ module prints that
    module: the same text once both are printed by MLIR. Where the import
    fails, import_nir raises the C++ importer's message. Whether it
    imported."""
    direct = {key: value or "" for key, value in options.items() if key != "dt"}
    direct["input_type"] = direct.pop("input_dtype", "")
    with _capi.Context(compiler.library()) as context:
        try:
            module = context.import_nir(str(path), time_steps=4, dt=options.get("dt"), **direct)
        except _capi.ToolError as error:
            with pytest.raises(NIRImportError) as raised:
                import_nir(path, time_steps=4, **options)
            assert str(raised.value) == str(error)
            return False
        net = Network.from_description(module.describe_graph())
        assert str(context.parse(net.to_mlir(), "network")) == str(module)
        return True


@pytest.mark.parametrize("name", ["lif_norse.nir", "cnn_sinabs.nir",
                                  "braille_noDelay_bias_zero.nir",
                                  "braille_noDelay_noBias_subtract.nir"])
def test_every_file_and_preset_rebuilds_the_module(name):
    imported = []
    for preset in presets.PRESETS.values():
        dt = None if preset.default_dt else 1e-4
        imported.append(assert_network_is_module(nir_file(name), preset=preset.name, dt=dt))
        for reset in presets.RESET_MODES:
            imported.append(assert_network_is_module(nir_file(name), preset=preset.name,
                                                     dt=dt, reset=reset))
        imported.append(assert_network_is_module(nir_file(name), preset=preset.name, dt=dt,
                                                 input_dtype="i1", reset_timing="next"))
    assert sum(imported) > 0.8 * len(imported)  # the rest: dt too large, lava-fixed


@pytest.mark.parametrize("name, preset, dt", [
    ("lif_norse.nir", "norse", 1e-4), ("cnn_sinabs.nir", "sinabs", None),
    ("braille_noDelay_bias_zero.nir", "snntorch", None),
    ("braille_noDelay_noBias_subtract.nir", "exact", 1e-4)])
def test_nir_files_parse_with_snn_opt(tmp_path, name, preset, dt):
    if not SNN_OPT.exists():
        pytest.skip("build/bin/snn-opt not built")
    out = tmp_path / "net.mlir"
    assert main(["import-nir", str(nir_file(name)), "-o", str(out), "--preset", preset,
                 "--time-steps", "4"] + (["--dt", str(dt)] if dt else [])) == 0
    result = subprocess.run([str(SNN_OPT), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "snn." in result.stdout


# -- round trips of every node type ------------------------------------------------

def _taps(x, offset: int, stride: int, count: int, axis: int) -> np.ndarray:
    """x[..., offset + stride * o, ...] for o < count along `axis`."""
    index = [slice(None)] * x.ndim
    index[axis] = slice(offset, offset + stride * (count - 1) + 1, stride)
    return x[tuple(index)]


def _out(size, kernel, stride, dilation=1) -> int:
    return (size - dilation * (kernel - 1) - 1) // stride + 1


def np_conv2d(x, w, b, stride=(1, 1), padding=(0, 0)):
    """Cross-correlation of x (T, C, H, W) with w (K, C, KH, KW), in float64."""
    x = np.pad(np.asarray(x, float), ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2))
    oh, ow = _out(x.shape[2], w.shape[2], stride[0]), _out(x.shape[3], w.shape[3], stride[1])
    y = np.zeros((x.shape[0], w.shape[0], oh, ow)) + np.asarray(b)[:, None, None]
    for i in range(w.shape[2]):
        for j in range(w.shape[3]):
            patch = _taps(_taps(x, i, stride[0], oh, 2), j, stride[1], ow, 3)
            y += np.einsum("tchw,kc->tkhw", patch, w[:, :, i, j])
    return y


def np_conv1d(x, w, b, stride=1, padding=0, dilation=1):
    """Cross-correlation of x (T, C, L) with w (K, C, KL), in float64."""
    x = np.pad(np.asarray(x, float), ((0, 0), (0, 0), (padding, padding)))
    length = _out(x.shape[2], w.shape[2], stride, dilation)
    y = np.zeros((x.shape[0], w.shape[0], length)) + np.asarray(b)[:, None]
    for j in range(w.shape[2]):
        y += np.einsum("tcl,kc->tkl", _taps(x, j * dilation, stride, length, 2), w[:, :, j])
    return y


def pool(x, k, s, p, summed):
    """Sum (or average, padding counted) over k x k windows of x (T, C, H, W)."""
    x = np.pad(np.asarray(x, float), ((0, 0), (0, 0), (p, p), (p, p)))
    oh, ow = _out(x.shape[2], k, s), _out(x.shape[3], k, s)
    y = sum(_taps(_taps(x, i, s, oh, 2), j, s, ow, 3) for i in range(k) for j in range(k))
    return y if summed else y / (k * k)


W_AFF, B_AFF = randn(PARAMS, 4, 6), randn(PARAMS, 4)
W_C2, B_C2 = randn(PARAMS, 4, 2, 3, 3), randn(PARAMS, 4)
W_C1, B_C1 = randn(PARAMS, 3, 2, 3), randn(PARAMS, 3)
SCALE = randn(PARAMS, 2, 3)
THRESH = f32([[0.5, -0.2, 0.0], [1.0, 0.3, -1.0]])

# node type -> (input shape, NIR node, expected output of x (T, *shape))
SYNAPSES = {
    "Affine": ((6,), {"type": "Affine", "weight": W_AFF, "bias": B_AFF},
               lambda x: x @ W_AFF.T + B_AFF),
    "Linear": ((6,), {"type": "Linear", "weight": W_AFF}, lambda x: x @ W_AFF.T),
    "Scale": ((2, 3), {"type": "Scale", "scale": SCALE}, lambda x: x * SCALE),
    "Conv2d": ((2, 7, 6), {"type": "Conv2d", "weight": W_C2, "bias": B_C2,
                           "stride": np.array([2, 1]), "padding": np.array([1, 0]),
                           "dilation": 1, "groups": 1},
               lambda x: np_conv2d(x, W_C2, B_C2, stride=(2, 1), padding=(1, 0))),
    "Conv2d-same": ((2, 5, 5), {"type": "Conv2d", "weight": W_C2, "bias": B_C2, "stride": 1,
                                "padding": "same", "dilation": 1, "groups": 1},
                    lambda x: np_conv2d(x, W_C2, B_C2, padding=(1, 1))),
    "Conv1d": ((2, 9), {"type": "Conv1d", "weight": W_C1, "bias": B_C1, "stride": 2,
                        "padding": 1, "dilation": 1, "groups": 1},
               lambda x: np_conv1d(x, W_C1, B_C1, stride=2, padding=1)),
    "Conv1d-same": ((2, 9), {"type": "Conv1d", "weight": W_C1, "bias": B_C1, "stride": 1,
                             "padding": "same", "dilation": 2, "groups": 1},
                    lambda x: np_conv1d(x, W_C1, B_C1, padding=2, dilation=2)),
    "SumPool2d": ((2, 5, 5), {"type": "SumPool2d", "kernel_size": np.array([2, 2]),
                              "stride": np.array([2, 2]), "padding": np.array([1, 1])},
                  lambda x: pool(x, 2, 2, 1, summed=True)),
    "AvgPool2d": ((2, 6, 6), {"type": "AvgPool2d", "kernel_size": 3, "stride": 3,
                              "padding": 0},
                  lambda x: pool(x, 3, 3, 0, summed=False)),
    "Flatten": ((2, 3, 4), {"type": "Flatten", "start_dim": 1, "end_dim": 2,
                            "input_type": np.array([2, 3, 4])},
                lambda x: x.reshape(len(x), 2, 12)),
    "Flatten-batch": ((2, 3, 4), {"type": "Flatten", "start_dim": 1, "end_dim": -1,
                                  "input_type": np.array([1, 2, 3, 4])},
                      lambda x: x.reshape(len(x), 24)),
    "Delay": ((3,), {"type": "Delay", "delay": np.full(3, 2 * DT)},
              lambda x: np.concatenate([np.zeros_like(x[:2]), x[:-2]])),
    "Threshold": ((2, 3), {"type": "Threshold", "threshold": THRESH},
                  lambda x: (x > THRESH).astype(np.uint8)),
    "Identity": ((3,), {"type": "Identity", "shape": np.array([3])}, lambda x: x),
}

TAU, TAU_SYN = f32([4e-3, 8e-3, 2e-2]), f32([2e-3, 5e-3, 1e-2])
R, V_LEAK, V_TH, V_RESET = f32([1.0, 2.0, 0.5]), f32([0.0, 0.1, -0.2]), f32([0.3, 0.2, 0.25]), \
    f32([0.0, -0.1, 0.05])

NEURONS = {
    "I": ({"type": "I", "r": R}, dict(r=R)),
    "LI": ({"type": "LI", "tau": TAU, "r": R, "v_leak": V_LEAK},
           dict(tau=TAU, r=R, v_leak=V_LEAK)),
    "CubaLI": ({"type": "CubaLI", "tau_mem": TAU, "tau_syn": TAU_SYN, "r": R,
                "v_leak": V_LEAK, "w_in": f32([1.0, 0.5, 2.0])},
               dict(tau=TAU, tau_syn=TAU_SYN, r=R, v_leak=V_LEAK, w_in=f32([1.0, 0.5, 2.0]))),
    "IF": ({"type": "IF", "r": R * 40, "v_threshold": V_TH, "v_reset": V_RESET},
           dict(r=R * 40, v_threshold=V_TH, v_reset=V_RESET)),
    "LIF": ({"type": "LIF", "tau": TAU, "r": R, "v_leak": V_LEAK, "v_threshold": V_TH,
             "v_reset": V_RESET},
            dict(tau=TAU, r=R, v_leak=V_LEAK, v_threshold=V_TH, v_reset=V_RESET)),
    "CubaLIF": ({"type": "CubaLIF", "tau_mem": TAU, "tau_syn": TAU_SYN, "r": R * 4,
                 "v_leak": V_LEAK, "v_threshold": V_TH, "v_reset": V_RESET, "w_in": 2.0},
                dict(tau=TAU, tau_syn=TAU_SYN, r=R * 4, v_leak=V_LEAK, v_threshold=V_TH,
                     v_reset=V_RESET, w_in=2.0)),
}


def import_chain(tmp_path, node, in_shape, layout, **kw):
    nodes, edges = chain({"type": "Input", "shape": np.array(in_shape)}, node,
                         {"type": "Output"})  # Output shapes are optional
    path = write_nir(tmp_path / "chain.nir", nodes, edges, layout)
    assert_network_is_module(path, dt=DT, preset="exact")
    return import_nir(path, time_steps=kw.pop("time_steps", 6), dt=DT, preset="exact", **kw)


@pytest.mark.parametrize("layout", ["0.2", "1.0"])
@pytest.mark.parametrize("kind", list(SYNAPSES))
def test_synapse_round_trip(tmp_path, rng, kind, layout):
    in_shape, node, expected = SYNAPSES[kind]
    net = import_chain(tmp_path, node, in_shape, layout)
    x = randn(rng, 6, *in_shape)
    (y,) = run(net, x)
    want = expected(x)
    assert y.shape == want.shape
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("layout", ["0.2", "1.0"])
@pytest.mark.parametrize("kind", list(NEURONS))
def test_neuron_round_trip(tmp_path, rng, kind, layout):
    node, params = NEURONS[kind]
    net = import_chain(tmp_path, node, (3,), layout, time_steps=40)
    x = f32(np.abs(rng.standard_normal((40, 3))) * 2.0)
    (y,) = run(net, x)
    want = exact_neuron(x.astype(np.float64), **params)
    if "v_threshold" in params:
        assert y.dtype == np.uint8 and 0 < y.sum() < y.size  # real spiking, not saturated
        np.testing.assert_array_equal(y, want)
    else:
        np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_old_layout_defaults(tmp_path, rng):
    """A 0.1-style LIF (no v_reset) and CubaLIF (no w_in), int64 parameters:
    NIR's defaults v_reset = 0 and w_in = 1."""
    nodes, edges = chain({"type": "Input", "shape": np.array([2], dtype=np.int64)},
                         {"type": "LIF", "tau": np.array([5e-3, 1e-2]), "r": np.array([3, 2]),
                          "v_leak": np.zeros(2, dtype=np.int64),
                          "v_threshold": np.ones(2, dtype=np.int64)},
                         {"type": "CubaLIF", "tau_mem": np.full(2, 4e-3),
                          "tau_syn": np.full(2, 2e-3), "r": np.full(2, 5),
                          "v_leak": np.zeros(2), "v_threshold": np.full(2, 0.5)},
                         {"type": "Output", "shape": np.array([2])})
    net = import_nir(write_nir(tmp_path / "old.nir", nodes, edges), time_steps=30, dt=DT)
    x = f32(np.abs(rng.standard_normal((30, 2))) * 3)
    (y,) = run(net, x)
    hidden = exact_neuron(x.astype(np.float64), tau=np.array([5e-3, 1e-2]),
                          r=np.array([3.0, 2.0]), v_threshold=1.0)
    want = exact_neuron(hidden, tau=4e-3, tau_syn=2e-3, r=5.0, v_threshold=0.5)
    assert 0 < y.sum()
    np.testing.assert_array_equal(y, want)


def test_new_layout_input_type_only_and_whole_file_gzip(tmp_path, rng):
    """Input shape only in an input_type group; the file gzip-compressed as a
    whole; both read like the plain file."""
    nodes, edges = chain({"type": "Input", "shape": np.array([6])},
                         SYNAPSES["Affine"][1], {"type": "Output", "shape": np.array([4])})
    path = write_nir(tmp_path / "net.nir", nodes, edges, layout="1.0")
    with h5py.File(path, "a") as file:
        del file["node/nodes/input/shape"]
    plain = read_nir(path)
    squeezed = tmp_path / "net.nir.gz"
    squeezed.write_bytes(gzip.compress(path.read_bytes()))
    packed = read_nir(squeezed)
    assert plain["version"] == packed["version"] == "1.0.0"
    assert plain["nodes"]["input"]["type"] == "Input"
    np.testing.assert_array_equal(plain["nodes"]["input"]["shape"], [6])
    np.testing.assert_array_equal(packed["nodes"]["n0"]["weight"], W_AFF)
    x = randn(rng, 3, 6)
    (y,) = run(import_nir(squeezed, time_steps=3, dt=DT), x)
    np.testing.assert_allclose(y, x @ W_AFF.T + B_AFF, rtol=1e-5, atol=1e-5)


def test_fan_in_is_summed(tmp_path, rng):
    nodes = {"a": {"type": "Input", "shape": np.array([3])},
             "b": {"type": "Input", "shape": np.array([3])},
             "li": NEURONS["LI"][0], "out": {"type": "Output", "shape": np.array([3])}}
    edges = [("a", "li"), ("b", "li"), ("li", "out")]
    net = import_nir(write_nir(tmp_path / "fan.nir", nodes, edges), time_steps=5, dt=DT)
    assert [n.op for n in net.nodes] == ["add", "li"]
    xa, xb = randn(rng, 5, 3), randn(rng, 5, 3)
    (y,) = run(net, xa, xb)
    want = exact_neuron(xa.astype(np.float64) + xb, **NEURONS["LI"][1])
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


W_REC, B_REC = randn(PARAMS, 4, 4) * 0.5, randn(PARAMS, 4) * 0.1
W_FC, B_FC = np.abs(W_AFF[:, :3]), np.abs(B_AFF)  # a positive drive: the LIF fires


def recurrent_graph(nested: bool, edge_target: str = "rnn") -> tuple:
    """Input(3) -> Affine -> LIF with a recurrent Affine -> Output, the
    recurrent pair either in a nested NIRGraph or flat with dotted names."""
    lif = {"type": "LIF", "tau": np.full(4, 5e-3), "r": np.full(4, 3.0),
           "v_leak": np.zeros(4), "v_threshold": np.full(4, 0.5)}
    w_rec = {"type": "Affine", "weight": W_REC, "bias": B_REC}
    top = {"input": {"type": "Input", "shape": np.array([3])},
           "fc": {"type": "Affine", "weight": W_FC, "bias": B_FC},
           "output": {"type": "Output", "shape": np.array([4])}}
    if nested:
        top["rnn"] = {"type": "NIRGraph",
                      "nodes": {"input": {"type": "Input", "shape": np.array([4])}, "lif": lif,
                                "w_rec": w_rec, "output": {"type": "Output",
                                                           "shape": np.array([4])}},
                      "edges": [("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"),
                                ("lif", "output")]}
        return top, [("input", "fc"), ("fc", edge_target), ("rnn", "output")]
    top.update({"rnn.lif": lif, "rnn.w_rec": w_rec})
    return top, [("input", "fc"), ("fc", "rnn.lif"), ("rnn.lif", "rnn.w_rec"),
                 ("rnn.w_rec", "rnn.lif"), ("rnn.lif", "output")]


@pytest.mark.parametrize("nested, target", [(True, "rnn"), (True, "rnn.input"),
                                            (False, None)])
def test_recurrence_and_nested_graphs(tmp_path, rng, nested, target):
    nodes, edges = recurrent_graph(nested, target)
    net = import_nir(write_nir(tmp_path / "rnn.nir", nodes, edges, "1.0"),
                     time_steps=40, dt=DT)
    assert [n.op for n in net.nodes] == ["dense", "lif"]
    np.testing.assert_array_equal(net.nodes[1].tensors["recurrent"], W_REC)
    np.testing.assert_array_equal(net.nodes[1].tensors["recurrent_bias"], B_REC)
    x = f32(np.abs(rng.standard_normal((40, 3))))
    (y,) = run(net, x)
    drive = x.astype(np.float64) @ W_FC.T + B_FC
    want = exact_neuron(drive, tau=5e-3, r=3.0, v_threshold=0.5, w_rec=W_REC, b_rec=B_REC)
    assert 10 < y.sum() and np.any(want != exact_neuron(drive, tau=5e-3, r=3.0,
                                                        v_threshold=0.5))  # feedback matters
    np.testing.assert_array_equal(y, want)


def test_input_spikes(tmp_path, rng):
    nodes, edges = chain({"type": "Input", "shape": np.array([3])}, NEURONS["IF"][0],
                         {"type": "Output", "shape": np.array([3])})
    net = import_nir(write_nir(tmp_path / "if.nir", nodes, edges), time_steps=20, dt=DT,
                     input_dtype="i1")
    assert net.inputs[0].dtype == "i1"
    x = (rng.random((20, 3)) < 0.5).astype(np.uint8)
    (y,) = run(net, x)
    np.testing.assert_array_equal(y, exact_neuron(x.astype(float), **NEURONS["IF"][1]))


# -- presets --------------------------------------------------------------------------

LIF_PARAMS = {"tau": np.array([5e-3]), "r": np.array([2.0]), "v_leak": np.array([0.0]),
              "v_threshold": np.array([1.0]), "v_reset": np.array([0.25])}
E = np.exp(-0.2)  # exp(-dt/tau) for dt = 1e-3, tau = 5e-3


def preset_neuron(tmp_path, node: dict, preset: str, dt, **kw):
    """The snn neuron (graph.Node) a file of one NIR neuron becomes under
    `preset` (the presets' synapse and spike delays aside)."""
    nodes, edges = chain({"type": "Input", "shape": np.array([1])}, node, {"type": "Output"})
    net = import_nir(write_nir(tmp_path / "neuron.nir", nodes, edges), time_steps=1, dt=dt,
                     preset=preset, **kw)
    (neuron,) = [n for n in net.nodes if n.op in ("lif", "cuba_lif", "li", "cuba_li")]
    return neuron


@pytest.mark.parametrize("preset, beta, gain, reset, timing, compare", [
    ("exact", E, 2 * (1 - E), "to_value", "same", "gt"),
    ("snntorch", 0.8, 0.4, "subtract", "next", "gt"),
    ("norse", 0.8, 0.4, "to_value", "same", "gt"),
    ("spikingjelly", 0.8, 0.4, "to_value", "same", "ge"),
    ("sinabs", E, 2.0, "subtract", "same", "ge"),
    ("rockpool", E, 2 * 0.2 / E, "subtract", "same", "ge"),
    ("spyx", 0.8, 0.4, "subtract", "next", "gt"),
    ("lava", 0.8, 0.4, "zero", "same", "gt"),
    ("spinnaker2", 0.8, 0.4, "zero", "same", "gt"),
    ("nengo", E, 2 * (1 - E), "zero", "same", "gt")])
def test_preset_table(tmp_path, preset, beta, gain, reset, timing, compare):
    lif = preset_neuron(tmp_path, dict(LIF_PARAMS, type="LIF"), preset, 1e-3)
    a = lif.attrs
    assert lif.op == "lif"
    assert (a["beta"][0], a["gain"][0]) == (pytest.approx(beta), pytest.approx(gain))
    assert (a["reset"], a["reset_timing"], a["compare"]) == (reset, timing, compare)
    assert ("v_reset" in a) == (reset == "to_value")


def test_preset_current_and_integrators(tmp_path):
    cuba = {"type": "CubaLI", "tau_mem": np.array([5e-3]), "tau_syn": np.array([2e-3]),
            "r": np.array([2.0]), "v_leak": np.array([0.0]), "w_in": np.array([3.0])}
    euler = preset_neuron(tmp_path, cuba, "snntorch", 1e-3).attrs
    assert (euler["alpha"][0], euler["syn_gain"][0]) == (0.5, pytest.approx(1.5))
    rock = preset_neuron(tmp_path, cuba, "rockpool", 1e-3).attrs
    assert rock["syn_gain"][0] == pytest.approx(3.0 * np.exp(-0.5))
    integrator = {"type": "I", "r": np.array([2.0])}
    exact = preset_neuron(tmp_path, integrator, "exact", 1e-3).attrs
    steps = preset_neuron(tmp_path, integrator, "sinabs", 1e-3).attrs
    assert (exact["beta"][0], exact["gain"][0], steps["gain"][0]) == (1.0, 2e-3, 2.0)


def test_reset_override_and_defaults(tmp_path):
    lif = dict(LIF_PARAMS, type="LIF")
    assert preset_neuron(tmp_path, lif, "snntorch", 1e-4, reset="zero").attrs["reset"] == "zero"
    # The default time steps: beta = 1 - dt/tau.
    assert presets.get("snntorch").default_dt == 1e-4
    assert preset_neuron(tmp_path, lif, "snntorch", None).attrs["beta"][0] == \
        pytest.approx(1 - 1e-4 / 5e-3)
    assert preset_neuron(tmp_path, lif, "sinabs", None).attrs["beta"][0] == \
        pytest.approx(np.exp(-1 / 5e-3))
    assert presets.get(presets.DEFAULT_PRESET).default_dt is None
    with pytest.raises(NIRImportError, match="no default time step"):
        preset_neuron(tmp_path, lif, presets.DEFAULT_PRESET, None)


def test_reset_timing_of_snntorch_leaky_and_synaptic(tmp_path):
    """snnTorch's Leaky zeroes the previous membrane before its decay (the
    same step's reset, seen from the next step), its Synaptic the charged
    one; a user's timing wins, a bad one is an error."""
    params = dict(LIF_PARAMS, tau_mem=LIF_PARAMS["tau"], tau_syn=np.array([2e-3]),
                  w_in=np.array([1.0]))
    fields = {"LIF": ("tau", "r", "v_leak", "v_threshold", "v_reset"),
              "IF": ("r", "v_threshold", "v_reset"),
              "CubaLIF": ("tau_mem", "tau_syn", "r", "v_leak", "v_threshold", "v_reset", "w_in")}

    def timing(nir_type, **kw):
        node = {"type": nir_type, **{key: params[key] for key in fields[nir_type]}}
        return preset_neuron(tmp_path, node, "snntorch", 1e-4, **kw).attrs["reset_timing"]
    assert timing("LIF", reset="zero") == "same"
    assert timing("IF", reset="zero") == "same"
    assert timing("CubaLIF", reset="zero") == "next"
    assert timing("LIF") == "next"
    assert timing("LIF", reset="subtract", reset_timing="same") == "same"
    with pytest.raises(NIRImportError, match="unknown reset timing 'later'"):
        timing("LIF", reset_timing="later")


def test_presets_list_the_importers():
    """The presets (the C++ importer's table) in the order of docs/NIR.md, with
    what each cannot model."""
    assert list(presets.PRESETS) == ["exact", "snntorch", "norse", "spikingjelly", "sinabs",
                                     "rockpool", "spyx", "lava", "spinnaker2", "nengo",
                                     "lava-fixed"]
    assert presets.DEFAULT_PRESET == "exact" and presets.INPUT_DTYPES == ("f32", "i1")
    assert presets.RESET_MODES == ("subtract", "zero", "to_value", "none")
    assert presets.RESET_TIMINGS == ("same", "next")
    fixed = {p.name: p.fixed_point for p in presets.PRESETS.values() if p.fixed_point}
    assert list(fixed) == ["lava-fixed"] and fixed["lava-fixed"]["weight_scale"] == 256
    assert all(p.not_modelled for p in presets.PRESETS.values())
    with pytest.raises(KeyError, match="unknown preset 'nosuch'"):
        presets.get("nosuch")


def snntorch_leaky(x, beta, threshold, reset, old_subtract=False):
    """snnTorch's Leaky (reset_delay=True) in float32: r = H(U[t-1] - thr);
    zero: U = beta (1 - r) U[t-1] + I; subtract: U = beta U[t-1] + I - r thr,
    or before 0.6 beta (U[t-1] - r thr) + I; S = U - thr > 0."""
    beta, threshold = np.float32(beta), np.float32(threshold)
    mem, out = np.zeros(x.shape[1], dtype=np.float32), []
    for xt in x:
        r = (mem - threshold > 0).astype(np.float32)
        if reset == "zero":
            mem = beta * ((1 - r) * mem) + xt
        elif old_subtract:
            mem = beta * (mem - r * threshold) + xt
        else:
            mem = beta * mem + xt - r * threshold
        out.append(mem - threshold > 0)
    return np.array(out)


@pytest.mark.parametrize("reset, timing, old_subtract", [
    ("zero", None, False), ("subtract", None, False), ("subtract", "same", True)])
def test_snntorch_leaky_fidelity(tmp_path, rng, reset, timing, old_subtract):
    beta, dt = 0.75, 1e-4
    # snnTorch exports tau = dt / (1 - beta) and r = tau / dt.
    lif = {"type": "LIF", "tau": np.full(4, dt / (1 - beta)), "r": np.full(4, 1 / (1 - beta)),
           "v_leak": np.zeros(4), "v_threshold": np.ones(4)}
    nodes, edges = chain({"type": "Input", "shape": np.array([4])}, lif,
                         {"type": "Output", "shape": np.array([4])})
    net = import_nir(write_nir(tmp_path / "leaky.nir", nodes, edges), time_steps=60,
                     preset="snntorch", reset=reset, reset_timing=timing)
    x = rng.uniform(0.0, 0.9, (60, 4)).astype(np.float32)
    (y,) = run(net, x)
    want = snntorch_leaky(x, beta, 1.0, reset, old_subtract)
    assert 5 < want.sum()
    np.testing.assert_array_equal(y, want.astype(np.uint8))


# -- framework fidelity ---------------------------------------------------------------

def norse_lif_box(i: np.ndarray, tau: float, v_th: float, dt: float) -> np.ndarray:
    """Norse's LIFBoxCell (lif_box_feed_forward_step) in float32, Norse's order:
    dv = dt * tau_mem_inv * ((v_leak - v) + i); v += dv; z = (v - v_th) > 0;
    v = (1 - z) v + z v_reset, with v_leak = v_reset = 0."""
    tau_inv, dt, v_th = np.float32(1 / np.float32(tau)), np.float32(dt), np.float32(v_th)
    v, out = np.zeros_like(i[0]), []
    for x in i:
        v = v + dt * tau_inv * ((np.float32(0) - v) + x)
        z = (v - v_th > 0).astype(np.float32)
        v = (1 - z) * v + z * np.float32(0)
        out.append(z)
    return np.array(out)


def test_norse_fidelity():
    net = import_nir(nir_file("lif_norse.nir"), time_steps=300, preset="norse", dt=1e-4)
    x = np.zeros((300, 1), dtype=np.float32)
    x[20:150] = 0.3
    x[150:] = 1.7
    (y,) = run(net, x)
    want = norse_lif_box(x, 0.0025, 0.1, 1e-4)
    assert 20 < y.sum()
    np.testing.assert_array_equal(y, want.astype(np.uint8))


def linear(x, weight, bias=None):
    """torch.nn.Linear in float32: x W^T + b."""
    y = f32(x) @ f32(weight).T
    return y if bias is None else y + f32(bias)


def snntorch_synaptic(x, alpha, beta, threshold, reset, w_rec=None, b_rec=None):
    """snnTorch's Synaptic / RSynaptic (reset_delay=True, the default) in
    float32: the reset comes from the previous step's membrane
    (mem_reset(mem) before the update); syn = alpha syn + input
    (+ recurrent(spk)); mem = beta mem + syn, then minus reset * threshold
    (subtract) or minus reset * mem (zero); spk = mem - threshold > 0."""
    alpha, beta, threshold = f32(alpha), f32(beta), np.float32(threshold)
    syn = mem = spk = np.zeros(x.shape[1], dtype=np.float32)
    out = []
    for xt in x:
        was_over = (mem - threshold > 0).astype(np.float32)
        drive = xt if w_rec is None else xt + linear(spk, w_rec, b_rec)
        syn = alpha * syn + drive
        mem = beta * mem + syn
        mem = mem - was_over * threshold if reset == "subtract" else mem - was_over * mem
        spk = (mem - threshold > 0).astype(np.float32)
        out.append(spk)
    return np.array(out)


@pytest.mark.parametrize("name, reset", [("braille_noDelay_bias_zero.nir", "zero"),
                                         ("braille_noDelay_noBias_subtract.nir", "subtract")])
def test_snntorch_braille_fidelity(rng, name, reset):
    g = read_nir(nir_file(name))["nodes"]
    net = import_nir(nir_file(name), time_steps=150, preset="snntorch", reset=reset)
    x = (rng.random((150, 12)) < 0.5).astype(np.float32)
    values = reference.simulate_all(net, {"input": x})

    # snnTorch's own importer: alpha = 1 - dt/tau_syn, beta = 1 - dt/tau_mem (dt = 1e-4)
    dt, rec = 1e-4, g["lif1.w_rec"]
    h1 = linear(x, g["fc1"]["weight"], g["fc1"].get("bias"))
    s1 = snntorch_synaptic(h1, 1 - dt / g["lif1.lif"]["tau_syn"],
                           1 - dt / g["lif1.lif"]["tau_mem"], 1.0, reset,
                           rec["weight"], rec.get("bias"))
    h2 = linear(s1, g["fc2"]["weight"], g["fc2"].get("bias"))
    s2 = snntorch_synaptic(h2, 1 - dt / g["lif2"]["tau_syn"], 1 - dt / g["lif2"]["tau_mem"],
                           1.0, reset)
    hidden = values[net.nodes[1].result.name]
    assert 5 < hidden.sum() and 5 < values[net.outputs[0].name].sum()
    np.testing.assert_array_equal(hidden, s1.astype(np.uint8))
    np.testing.assert_array_equal(values[net.outputs[0].name], s2.astype(np.uint8))


# -- errors name the node -------------------------------------------------------------

def write_chain(tmp_path, *middle, in_shape=(3,)):
    nodes, edges = chain({"type": "Input", "shape": np.array(in_shape)}, *middle,
                         {"type": "Output"})
    return write_nir(tmp_path / "bad.nir", nodes, edges)


@pytest.mark.parametrize("middle, in_shape, message", [
    ({"type": "Sigmoid", "x": 1}, (3,), "node 'n0': unsupported NIR node type 'Sigmoid'"),
    ({"type": "LIF", "tau": np.ones(3), "r": np.ones(3), "v_leak": np.zeros(3)}, (3,),
     "node 'n0' (LIF) lacks the parameter 'v_threshold'"),
    ({"type": "Delay", "delay": np.array([1e-3, 2e-3, 2e-3])}, (3,),
     "node 'n0' (Delay): delays of"),
    ({"type": "Delay", "delay": np.full(3, -1e-3)}, (3,), "node 'n0' (Delay): negative"),
    ({"type": "Conv2d", "weight": np.ones((1, 1, 2, 2)), "bias": np.zeros(1), "stride": 1,
      "padding": "same", "dilation": 1, "groups": 1}, (1, 4, 4),
     "node 'n0' (Conv2d): padding 'same' with kernel (2, 2)"),
    ({"type": "Conv2d", "weight": np.ones((1, 1, 3, 3)), "bias": np.zeros(1), "stride": 1,
      "padding": "full", "dilation": 1, "groups": 1}, (1, 4, 4), "bad 'padding'"),
    ({"type": "Affine", "weight": np.ones((2, 12)), "bias": np.zeros(2)}, (3, 4),
     "node 'n0' (Affine): expects a 1-D input"),
    ({"type": "LIF", "tau": np.full(3, 1e-4), "r": np.ones(3), "v_leak": np.zeros(3),
      "v_threshold": np.ones(3)}, (3,), "node 'n0' (LIF): dt = 0.001 exceeds 'tau'"),
])
def test_errors_name_the_node(tmp_path, middle, in_shape, message):
    with pytest.raises(NIRImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_nir(write_chain(tmp_path, middle, in_shape=in_shape), time_steps=2, dt=DT,
                   preset="norse")


def test_overflowing_gain_and_shape_are_import_errors(tmp_path):
    # Found by fuzz/nir_fuzz.py: rockpool's gain grows like exp(dt/tau), and
    # an infinite shape made int() raise OverflowError.
    with pytest.raises(NIRImportError, match="gain at dt = 1 is .*, not below 16384"):
        import_nir(nir_file("lif_norse.nir"), time_steps=2, dt=1.0, preset="rockpool")
    with pytest.raises(NIRImportError, match="node 'input' \\(Input\\): bad 'shape'"):
        import_nir(write_chain(tmp_path, {"type": "Scale", "scale": np.ones(3)},
                               in_shape=(np.inf,)), time_steps=2, dt=DT)


def test_other_cycles_are_closed_by_a_delay(tmp_path):
    """Cycles other than a spiking neuron's recurrent weight: the edge out
    of the node met again carries the previous step (test_nir_cycles.py)."""
    scale = {"type": "Scale", "scale": np.ones(3)}
    li = {"type": "LI", "tau": np.ones(3), "r": np.ones(3), "v_leak": np.zeros(3)}
    nodes = {"input": {"type": "Input", "shape": np.array([3])}, "s1": scale, "s2": scale,
             "li": li, "w": {"type": "Linear", "weight": np.eye(3)},
             "output": {"type": "Output", "shape": np.array([3])}}
    loops = {"s2": [("s1", "s2"), ("s2", "s1"), ("s2", "output")],
             "li": [("s1", "li"), ("li", "w"), ("w", "li"), ("li", "output")]}
    for closed, edges in loops.items():
        path = write_nir(tmp_path / "cycle.nir", nodes, [("input", "s1")] + edges)
        net = import_nir(path, time_steps=2, dt=DT)
        feedback = next(node for node in net.nodes if node.result.name in net.feedbacks)
        assert feedback.result.name == f"{closed}_feedback"
        assert feedback.inputs[0].name == closed and feedback.attrs["steps"] == 1


def test_a_file_that_crashes_hdf5_is_an_error(tmp_path):
    """Debian's HDF5 dies of a segmentation fault on lif_norse.nir with byte
    8222 set to 111 (found by fuzz/nir_fuzz.py): read in a child process,
    the file is an error and this interpreter lives on. In process (an
    embedder's choice for trusted files) the same importer reads good files."""
    data = bytearray(nir_file("lif_norse.nir").read_bytes())
    data[8222] = 111
    path = tmp_path / "crash.nir"
    path.write_bytes(bytes(data))
    # (In a sanitizer build, the sanitizer reports the crash, then aborts or exits.)
    crashed = (r"^the NIR reader (crashed \(signal \d+\)|exited with status 1) on "
               rf"'{re.escape(str(path))}'$")
    with pytest.raises(NIRImportError, match=crashed):
        import_nir(path, time_steps=2, dt=1e-4)
    with pytest.raises(NIRImportError, match=crashed):
        read_nir(path)
    isolated = import_nir(nir_file("lif_norse.nir"), time_steps=3, preset="norse")
    inline = import_nir(nir_file("lif_norse.nir"), time_steps=3, preset="norse",
                        isolate_seconds=0)
    assert inline.to_mlir() == isolated.to_mlir()
    assert read_nir(nir_file("lif_norse.nir"), isolate_seconds=0)["nodes"].keys() == \
        read_nir(nir_file("lif_norse.nir"))["nodes"].keys()


def test_cli_errors(tmp_path, capsys):
    assert main(["import-nir", str(tmp_path / "missing.nir"), "--dt", "1e-3"]) == 1
    assert capsys.readouterr().err.startswith("error: cannot read")
    assert main(["import-nir", str(nir_file("lif_norse.nir"))]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: preset 'exact' has no default time step") and \
        err.count("\n") == 1


def test_cli_writes_mlir(tmp_path, capsys):
    assert main(["import-nir", str(nir_file("lif_norse.nir")), "--preset", "norse",
                 "--time-steps", "7"]) == 0
    text = capsys.readouterr().out
    assert "func.func @main(%input: tensor<7x1xf32>) -> tensor<7x1xi1>" in text
    assert "snn.lif" in text and "#snn.reset<to_value>" in text


# -- lava-fixed: Lava's bit-accurate Dense and LIF -------------------------------------

def lava_chain(tmp_path, weight, tau, v_threshold, v_leak=0.0, bias=None):
    n, m = weight.shape
    nodes, edges = chain({"type": "Input", "shape": np.array([m])},
                         {"type": "Affine", "weight": weight,
                          "bias": np.zeros(n) if bias is None else bias},
                         {"type": "LIF", "tau": np.full(n, tau), "r": np.ones(n),
                          "v_leak": np.full(n, v_leak), "v_threshold": np.full(n, v_threshold)},
                         {"type": "Output"})
    return write_nir(tmp_path / "lava.nir", nodes, edges)


def test_lava_fixed_folds_the_affine_into_lavas_dense(tmp_path):
    """int(256 w dt/tau) per weight (dt/tau = 0.25), clipped to Lava's 8 bits
    by sign mode: [0, 255] when no weight is negative, [-256, 255] and even
    when signs mix; v_leak becomes the bias int(256 v_leak dt/tau) << 6."""
    weight = np.array([[1.0, 0.5, 0.01, 9.0]])
    net = import_nir(lava_chain(tmp_path, weight, 4e-4, 0.5, v_leak=0.1), time_steps=3,
                     dt=1e-4, preset="lava-fixed")
    dense, delay, lif = net.nodes
    np.testing.assert_array_equal(dense.tensors["weight"], [[64, 32, 0, 255]])
    assert dense.result.dtype == "i32" and net.inputs[0].dtype == "i1"
    assert lif.attrs["bias"][0] == 6 * 64 and lif.attrs["syn_gain"][0] == 64
    assert lif.attrs["beta"][0] == (4096 - 1023) / 4096 and lif.attrs["threshold"][0] == 127 * 64
    mixed = np.array([[1.0, -0.5, -9.0, 0.03]])
    net = import_nir(lava_chain(tmp_path, mixed, 4e-4, 0.5), time_steps=3, dt=1e-4,
                     preset="lava-fixed")
    np.testing.assert_array_equal(net.nodes[0].tensors["weight"], [[64, -32, -256, 0]])
    assert "bias" not in net.nodes[-1].attrs
    run(net, np.ones((3, 4), np.uint8))


def test_lava_fixed_lif_without_affine_has_its_own_dense(tmp_path):
    nodes, edges = chain({"type": "Input", "shape": np.array([2])},
                         {"type": "LIF", "tau": np.array([2.5e-3, 1e-3]), "r": np.ones(2),
                          "v_leak": np.zeros(2), "v_threshold": np.full(2, 0.1)},
                         {"type": "Output"})
    net = import_nir(write_nir(tmp_path / "lif.nir", nodes, edges), time_steps=4, dt=1e-4,
                     preset="lava-fixed")
    delay, lif = net.nodes
    np.testing.assert_array_equal(lif.attrs["syn_gain"], [10 * 64, 25 * 64])
    np.testing.assert_array_equal(lif.attrs["beta"] * 4096, [4096 - 163, 4096 - 409])
    run(net, np.ones((4, 2), np.uint8))


@pytest.mark.parametrize("nodes, kw, message", [
    ([{"type": "CubaLIF", "tau_mem": np.ones(1), "tau_syn": np.ones(1), "r": np.ones(1),
       "v_leak": np.zeros(1), "v_threshold": np.ones(1)}], {},
     "node 'n0' (CubaLIF): the lava-fixed preset maps Input, Output, Identity, Affine, "
     "Linear, LIF nodes only"),
    ([{"type": "Affine", "weight": np.ones((1, 1)), "bias": np.ones(1)},
      {"type": "LIF", "tau": np.ones(1), "r": np.ones(1), "v_leak": np.zeros(1),
       "v_threshold": np.ones(1)}], {}, "node 'n0' (Affine): Lava's Dense has no bias"),
    ([{"type": "Affine", "weight": np.ones((1, 1)), "bias": np.zeros(1)}], {},
     "node 'n0' (Affine): the lava-fixed preset needs an Affine node to feed exactly one LIF"),
    ([{"type": "LIF", "tau": np.ones(1), "r": np.ones(1), "v_leak": np.zeros(1),
       "v_threshold": np.full(1, 1e-4)}], {}, "does not make a 17-bit Lava threshold"),
    ([{"type": "LIF", "tau": np.ones(1), "r": np.ones(1), "v_leak": np.zeros(1),
       "v_threshold": np.ones(1)}], {"reset": "to_value"}, "Lava's LIF cannot reset 'to_value'"),
    ([{"type": "LIF", "tau": np.ones(1), "r": np.ones(1), "v_leak": np.zeros(1),
       "v_threshold": np.ones(1)}], {"input_dtype": "f32"},
     "the lava-fixed preset takes spikes (input dtype i1), not f32"),
])
def test_lava_fixed_errors(tmp_path, nodes, kw, message):
    path = write_chain(tmp_path, *nodes, in_shape=(1,))
    with pytest.raises(NIRImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_nir(path, time_steps=2, dt=1e-4, preset="lava-fixed", **kw)
