"""Conformance with the NIR paper's published traces
(data/nir/golden/lif_<platform>.csv, from the NIR repository's
paper/01_lif/): the single-LIF experiment (lif_norse.nir, dt = 1e-4, 1000
steps, each platform's own input column), imported with the platform's
preset, must spike at exactly the published steps, in the reference
simulator, in the code snn-run compiles, and through the command line
(import-nir, then run).

Membranes are compared where the preset computes the platform's arithmetic
(MEMBRANES): the reference simulator's membrane (reference.membrane_log;
snn.lif returns only spikes, so the compiled membrane is not observed here)
against the published membrane column converted to NIR units. Lava's
fixed point (preset lava-fixed, the last section) is compared exactly, in
Lava's integer units, from the reference simulator and from the compiled
code (its neuron run in explicit-state form, one step at a time)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from snn_mlir import compiler, dtypes, reference
from snn_mlir.graph import Network
from snn_mlir.__main__ import main
from snn_mlir.nir_import import import_nir

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "nir" / "golden"

# platform -> preset.
PLATFORMS = {"sinabs": "sinabs", "spyx": "spyx", "lava_cpu_fixed": "lava",
             "lava_loihi_fixed": "lava", "spinnaker2": "spinnaker2", "nengo": "nengo"}


def golden(platform: str):
    table = np.loadtxt(GOLDEN / f"lif_{platform}.csv", delimiter=",", dtype=np.float32)
    return table[:, :1], np.nonzero(table[:, 2])[0]


@pytest.mark.parametrize("platform, preset", sorted(PLATFORMS.items()))
def test_spike_steps(platform, preset, tmp_path):
    x, steps = golden(platform)
    net = import_nir(GOLDEN.parent / "lif_norse.nir", time_steps=len(x), preset=preset,
                     dt=1e-4)
    (simulated,) = reference.simulate(net, {net.inputs[0].name: x})
    np.testing.assert_array_equal(np.nonzero(simulated.ravel())[0], steps)
    try:
        compiler.tool_path("snn-run")
    except compiler.ToolError as error:
        pytest.skip(str(error))
    mlir = tmp_path / "lif.mlir"
    mlir.write_text(net.to_mlir())
    (compiled,) = compiler.run_arrays(str(mlir), [x], 1, str(tmp_path), entry=net.name)
    np.testing.assert_array_equal(np.nonzero(compiled.ravel())[0], steps)


def test_timing_matters():
    """Without Lava's synapse latency every spike would come a step early."""
    x, steps = golden("lava_cpu_fixed")
    net = import_nir(GOLDEN.parent / "lif_norse.nir", time_steps=len(x), preset="snntorch",
                     dt=1e-4)
    (simulated,) = reference.simulate(net, {net.inputs[0].name: x})
    np.testing.assert_array_equal(np.nonzero(simulated.ravel())[0], steps - 1)


# -- membranes and the command line (Sinabs, Spyx, SpiNNaker2, Nengo) ----------------

# How far float32 may drift from a platform that computes in float64: each
# step of the f32 charge ((beta (v - v_leak)) + v_leak) + gain x rounds 4
# times, and beta and gain were rounded once, each by at most 2^-24 of a
# membrane below 1.1 thresholds; the difference decays by beta = 0.96 a step,
# so it stays below 6 * 1.1 * 2^-24 / (1 - 0.96) < 200 * 2^-24 thresholds.
F32_DRIFT = 200 * 2.0 ** -24

# platform -> (factor from the published membrane column to NIR units, given
# the imported snn.lif attributes; tolerance in thresholds).
MEMBRANES = {
    # Sinabs' v_mem after its reset, float32 (its input column is already
    # scaled by dt/tau = 0.04) and Spyx's V, float32, with Spyx's gain 0.04
    # folded into its Affine weight: both in NIR units and computed by the
    # same float32 operations as the preset, so bit for bit.
    "sinabs": (lambda lif: 1.0, 0.0),
    "spyx": (lambda lif: 1.0, 0.0),
    # py-spinnaker2's Brian2 backend in float64: v = 0.96f v + 102 x (the
    # script's weight 102.02, rounded to an integer weight by the backend),
    # published as v / 102.02. Times 102.02 / 102 it is the membrane of weight
    # 1 in s2_nir's units, which are NIR units divided by r dt/tau (the gain).
    "spinnaker2": (lambda lif: 102.02 / 102 * lif["gain"][0], F32_DRIFT),
    # Nengo's voltage in float64, in units of the threshold (gain 1/v_threshold).
    "nengo": (lambda lif: lif["threshold"][0], F32_DRIFT),
}


def imported(preset: str, time_steps: int = 1000):
    return import_nir(GOLDEN.parent / "lif_norse.nir", time_steps=time_steps,
                      preset=preset, dt=1e-4)


@pytest.mark.parametrize("platform", sorted(MEMBRANES))
def test_membrane(platform):
    x, steps = golden(platform)
    published = np.loadtxt(GOLDEN / f"lif_{platform}.csv", delimiter=",")[:, 1]
    net = imported(PLATFORMS[platform])
    (lif,) = [node for node in net.nodes if node.op == "lif"]
    with reference.membrane_log() as membranes:
        (spikes,) = reference.simulate(net, {net.inputs[0].name: x})
    v = membranes[lif.result.name].ravel()
    np.testing.assert_array_equal(np.nonzero(spikes.ravel())[0], steps)
    to_nir, tolerance = MEMBRANES[platform]
    if tolerance == 0.0:
        np.testing.assert_array_equal(v, published.astype(np.float32))
    else:
        drift = np.abs(v.astype(np.float64) - published * to_nir(lif.attrs))
        assert drift.max() <= tolerance * lif.attrs["threshold"][0]
    if platform == "nengo":
        # Nengo clips the voltage at min_voltage = 0, which snn.lif does not:
        # the same only while the membrane stays non-negative, as here.
        assert v.min() >= 0.0


@pytest.mark.parametrize("preset", ["exact", "norse", "snntorch", "spikingjelly"])
def test_other_presets_give_the_spinnaker2_and_nengo_steps(preset):
    """SpiNNaker2 and Nengo published the same input and spike steps; these
    presets (forward Euler or exact, r = 1, no delay) also reach them."""
    x, steps = golden("nengo")
    np.testing.assert_array_equal(golden("spinnaker2")[1], steps)
    net = imported(preset)
    (simulated,) = reference.simulate(net, {net.inputs[0].name: x})
    np.testing.assert_array_equal(np.nonzero(simulated.ravel())[0], steps)


@pytest.mark.parametrize("platform", ["sinabs", "spyx", "spinnaker2", "nengo"])
def test_command_line(platform, tmp_path):
    """python3 -m snn_mlir import-nir lif_norse.nir --preset P --dt 1e-4
    --time-steps 1000, then run on the published input column."""
    try:
        compiler.tool_path("snn-run")
    except compiler.ToolError as error:
        pytest.skip(str(error))
    x, steps = golden(platform)
    mlir, inputs, outputs = (str(tmp_path / name) for name in ("lif.mlir", "x.npy", "y.npy"))
    np.save(inputs, x)
    assert main(["import-nir", str(GOLDEN.parent / "lif_norse.nir"), "--preset",
                 PLATFORMS[platform], "--dt", "1e-4", "--time-steps", "1000",
                 "-o", mlir]) == 0
    assert main(["run", mlir, "--input", inputs, "--output", outputs]) == 0
    np.testing.assert_array_equal(np.nonzero(np.load(outputs).ravel())[0], steps)


# -- Lava's bit-accurate fixed point (preset lava-fixed) -----------------------------
#
# The preset computes Loihi's integer LIF (presets.LoihiFixedPoint), so the
# published membrane column, the 24-bit fixed-point v of Lava's monitor (CPU)
# or state probe (Loihi 2), is compared exactly, in the reference simulator
# and in the code snn-run compiles.

LAVA_FIXED = ("lava_cpu_fixed", "lava_loihi_fixed")


def lava_fixed_golden(platform: str):
    """(spike inputs as uint8, published spike steps, published membrane)."""
    table = np.loadtxt(GOLDEN / f"lif_{platform}.csv", delimiter=",")
    return table[:, :1].astype(np.uint8), np.nonzero(table[:, 2])[0], table[:, 1]


def check_lava_membrane(platform: str, v: np.ndarray, steps: np.ndarray,
                        published: np.ndarray) -> None:
    """The membrane equals the published one at every step; on Loihi 2 except
    at the spike steps, where the chip's probe reads 128 while the state is
    0 (the next step continues from 0: both files agree there)."""
    differ = np.nonzero(v != published)[0]
    if platform == "lava_cpu_fixed":
        assert differ.size == 0, (differ[:5], v[differ[:5]], published[differ[:5]])
    else:
        np.testing.assert_array_equal(differ, steps)
        assert np.all(published[steps] == 128) and np.all(v[steps] == 0)


@pytest.mark.parametrize("platform", LAVA_FIXED)
def test_lava_fixed_reference(platform):
    x, steps, published = lava_fixed_golden(platform)
    net = imported("lava-fixed")
    (lif,) = [node for node in net.nodes if node.op == "cuba_lif"]
    with reference.membrane_log() as membranes:
        (spikes,) = reference.simulate(net, {net.inputs[0].name: x})
    np.testing.assert_array_equal(np.nonzero(spikes.ravel())[0], steps)
    check_lava_membrane(platform, membranes[lif.result.name].ravel(), steps, published)


def membrane_trace_mlir(net, neuron) -> str:
    """`net` as MLIR text in which `neuron` (a node) runs in explicit-state
    form (Semantics.md "Explicit state"), one step per iteration of an
    scf.for that also collects its membrane after each step, returned as
    the function's first result: the compiled membrane, which snn.lif and
    snn.cuba_lif do not return."""
    text = net.to_mlir()
    line = next(line for line in text.splitlines()
                if line.strip().startswith(f"%{neuron.result.name} = snn."))
    state = neuron.attrs["state_type"]
    kinds = [neuron.attrs.get("syn_type", state)] * neuron.op.startswith("cuba") + [state]
    n, shape, x = len(kinds), neuron.result.shape, neuron.inputs[0]
    carried = [dtypes.tensor_type(shape, kind) for kind in kinds]
    spikes, trace = net.tensor_type(neuron.result), dtypes.tensor_type(
        (net.time_steps,) + shape, state)
    results = ", ".join(carried + [spikes, trace])
    step = lambda dtype: dtypes.tensor_type((1,) + shape, dtype)  # noqa: E731
    at = "[%t{}] [1{}] [1{}]".format(", 0" * len(shape), "".join(f", {d}" for d in shape),
                                      ", 1" * len(shape))
    old = ", ".join(f"%s{j}" for j in range(n))
    loop = "\n".join(
        [f"    %init{j} = arith.constant dense<0> : {c}" for j, c in enumerate(carried)] + [
            f"    %spikes0 = tensor.empty() : {spikes}",
            f"    %trace0 = tensor.empty() : {trace}",
            "    %c0 = arith.constant 0 : index",
            "    %c1 = arith.constant 1 : index",
            f"    %cT = arith.constant {net.time_steps} : index",
            f"    %loop:{n + 2} = scf.for %t = %c0 to %cT step %c1 iter_args("
            + "".join(f"%s{j} = %init{j}, " for j in range(n))
            + f"%spikes = %spikes0, %trace = %trace0) -> ({results}) {{",
            f"      %x = tensor.extract_slice %{x.name}{at} : {net.tensor_type(x)} "
            f"to {step(x.dtype)}",
            f"      %step:{n + 1} = snn.{neuron.op} %x init({old}) "
            + re.search(r" (\{.*\}) : ", line).group(1)
            + f" : ({step(x.dtype)}, {', '.join(carried)}) -> ({step('i1')}, "
            f"{', '.join(carried)})",
            f"      %spikes1 = tensor.insert_slice %step#0 into %spikes{at} : {step('i1')} "
            f"into {spikes}",
            f"      %trace1 = tensor.insert_slice %step#{n} into %trace{at} : {carried[-1]} "
            f"into {trace}",
            "      scf.yield " + "".join(f"%step#{j + 1}, " for j in range(n))
            + f"%spikes1, %trace1 : {results}",
            "    }",
            f"    %{neuron.result.name} = tensor.cast %loop#{n} : {spikes} to {spikes}"])
    text = text.replace(line, loop)
    text = re.sub(r"\) -> \(?(.*?)\)? \{\n", lambda m: f") -> ({trace}, {m.group(1)}) {{\n",
                  text, count=1)
    return re.sub(r"    return (.*) : (.*)\n",
                  lambda m: f"    return %loop#{n + 1}, {m.group(1)} : {trace}, {m.group(2)}\n",
                  text, count=1)


@pytest.mark.parametrize("platform", LAVA_FIXED)
def test_lava_fixed_compiled(platform, tmp_path):
    try:
        compiler.tool_path("snn-run")
    except compiler.ToolError as error:
        pytest.skip(str(error))
    x, steps, published = lava_fixed_golden(platform)
    net = imported("lava-fixed")
    (lif,) = [node for node in net.nodes if node.op == "cuba_lif"]
    mlir = tmp_path / "lif.mlir"
    mlir.write_text(net.to_mlir())
    (spikes,) = compiler.run_arrays(str(mlir), [x], 1, str(tmp_path), entry=net.name)
    np.testing.assert_array_equal(np.nonzero(spikes.ravel())[0], steps)
    mlir.write_text(membrane_trace_mlir(net, lif))
    v, traced = compiler.run_arrays(str(mlir), [x], 2, str(tmp_path), entry=net.name)
    np.testing.assert_array_equal(traced, spikes)
    check_lava_membrane(platform, v.ravel(), steps, published)


def test_lava_fixed_command_line(tmp_path):
    """python3 -m snn_mlir import-nir lif_norse.nir --preset lava-fixed --dt
    1e-4 --time-steps 1000 (spike inputs by default), then run."""
    try:
        compiler.tool_path("snn-run")
    except compiler.ToolError as error:
        pytest.skip(str(error))
    x, steps, _ = lava_fixed_golden("lava_cpu_fixed")
    mlir, inputs, outputs = (str(tmp_path / name) for name in ("lif.mlir", "x.npy", "y.npy"))
    np.save(inputs, x)
    assert main(["import-nir", str(GOLDEN.parent / "lif_norse.nir"), "--preset",
                 "lava-fixed", "--dt", "1e-4", "--time-steps", "1000", "-o", mlir]) == 0
    assert "tensor<1000x1xi1>" in Path(mlir).read_text()
    assert main(["run", mlir, "--input", inputs, "--output", outputs]) == 0
    np.testing.assert_array_equal(np.nonzero(np.load(outputs).ravel())[0], steps)


def test_lava_fixed_quantisation():
    """The NIR paper's fixed-point converter (paper/nir_to_lava.py) on
    lif_norse.nir (tau = 2.5 ms, v_threshold = 0.1, dt = 0.1 ms): dv =
    int(0.04 * 4095) = 163, du = 4095 (+1: the current lasts one step), vth =
    int(0.1 * 131071) >> 9 = 25, the Dense weight int(0.04 * 256) = 10."""
    net = imported("lava-fixed")
    dense, delay, lif = net.nodes
    assert (dense.op, delay.op, delay.attrs["steps"]) == ("dense", "delay", 1)
    np.testing.assert_array_equal(dense.tensors["weight"], [[10]])
    a = lif.attrs
    assert a["beta"][0] * 4096 == 4096 - 163 and a["alpha"][0] == 0.0
    assert a["threshold"][0] == 25 << 6 and a["syn_gain"][0] == 1 << 6
    assert (a["state_type"], a["syn_type"], a["reset"], a["compare"]) == (
        "i24", "i24", "zero", "gt")
    assert (a["rounding"], a["overflow"], a["syn_rounding"], a["syn_overflow"]) == (
        "toward_zero", "saturate_symmetric", "toward_zero", "wrap")


def lava_bit_accurate(a_in, du, dv, vth, bias):
    """Lava's PyLifModelBitAcc (lava/proc/lif/models.py), written out: 24-bit
    u and v, 12-bit decays with ds_offset 1 on du, products truncated toward
    zero, u wrapped (as Lava does: into [-2^23 + 1, 2^23]), v clipped to
    +-(2^23 - 1), activations and threshold shifted left by 6, spike where
    v > vth << 6, then v = 0. Returns the spikes and v per step, and the
    values u and v took before their wrap and clip."""
    top = 1 << 23
    u = np.zeros(a_in.shape[1], np.int64)
    v = np.zeros_like(u)
    spikes, trace, exact_u, exact_v = [], [], [], []
    for a in a_in.astype(np.int64):
        decayed = u * (4096 - (du + 1))
        decayed = np.sign(decayed) * (np.abs(decayed) >> 12) + (a << 6)
        wrapped = np.where(decayed > top, decayed - 2 * top, decayed)
        u = np.where(wrapped <= -top, decayed + 2 * top, wrapped)
        exact_u.append(decayed)
        decayed = v * (4096 - dv)
        decayed = np.sign(decayed) * (np.abs(decayed) >> 12)
        exact_v.append(decayed + u + bias)
        v = np.clip(decayed + u + bias, -top + 1, top - 1)
        s = v > (vth << 6)
        v = np.where(s, 0, v)
        spikes.append(s)
        trace.append(v)
    return np.array(spikes), np.array(trace), np.array(exact_u), np.array(exact_v)


def test_lava_fixed_neuron_is_lava_bit_accurate(tmp_path):
    """The snn.cuba_lif of the preset, with slow current decays (not what a
    NIR LIF gives) and activations up to int16, wraps its current and clips
    its membrane at both ends; reference and compiled code match the
    transcription of Lava's model step for step."""
    rng = np.random.default_rng(7)
    steps, n = 64, 48
    du = rng.integers(0, 4096, n)
    dv = rng.integers(0, 4096, n)
    vth = rng.integers(1, 1 << 17, n)
    bias = rng.integers(-4096, 4096, n) << rng.integers(0, 8, n)
    a_in = rng.integers(-(1 << 15), 1 << 15, (steps, n))
    a_in[:, : n // 3] = np.abs(a_in[:, : n // 3])  # some neurons only charge,
    a_in[:, -n // 3:] = -np.abs(a_in[:, -n // 3:])  # some only discharge, slowly
    du[-n // 3:], dv[-n // 3:] = du[-n // 3:] % 64, dv[-n // 3:] % 64
    net = Network(steps, "lava")
    x = net.input((n,), "i32", "a_in")
    net.output(net.cuba_lif(
        x, state_type="i24", syn_type="i24", alpha=(4096 - du - 1) / 4096,
        beta=(4096 - dv) / 4096, syn_gain=64.0, threshold=vth << 6, bias=bias, reset="zero",
        rounding="toward_zero", overflow="saturate_symmetric", syn_rounding="toward_zero",
        syn_overflow="wrap", name="lif"))
    expected, v_expected, exact_u, exact_v = lava_bit_accurate(a_in, du, dv, vth, bias)
    with reference.membrane_log() as membranes:
        (spikes,) = reference.simulate(net, [a_in.astype(np.int32)])
    # The current wraps at both ends and the membrane is clipped at both
    # (a clipped positive membrane spikes: v shows its lower end only). Lava's
    # wrap differs from two's complement where u is +-2^23 only: not here.
    top = 1 << 23
    assert np.any(exact_u > top) and np.any(exact_u < -top)
    assert np.any(exact_v > top) and np.any(v_expected == -top + 1)
    assert not np.any(np.abs(exact_u) % (2 * top) == top)
    np.testing.assert_array_equal(spikes, expected)
    np.testing.assert_array_equal(membranes["lif"], v_expected)
    try:
        compiler.tool_path("snn-run")
    except compiler.ToolError as error:
        pytest.skip(str(error))
    mlir = tmp_path / "lava.mlir"
    mlir.write_text(membrane_trace_mlir(net, net.nodes[0]))
    v, compiled = compiler.run_arrays(str(mlir), [a_in.astype(np.int32)], 2, str(tmp_path),
                                      entry=net.name)
    np.testing.assert_array_equal(compiled, expected)
    np.testing.assert_array_equal(v, v_expected)
