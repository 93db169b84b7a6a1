"""The reference simulator against values worked out by hand from
docs/Semantics.md (and against naive loops written from its formulas)."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

from snn_mlir import Network
from snn_mlir.reference import membrane_log, mulq, simulate, simulate_all


def run(x: np.ndarray, dtype: str, build):
    """Output of a one-input network: `x` has shape (T, ...) and `build(net,
    value)` adds the ops and returns the output value."""
    net = Network(x.shape[0])
    value = net.input(x.shape[1:], dtype)
    net.output(build(net, value))
    (out,) = simulate(net, [x])
    return out


def steps(values, dtype=np.int8):
    """A single-neuron input (T, 1) from a list of per-step values."""
    return np.asarray(values, dtype=dtype).reshape(-1, 1)


def spikes(out) -> list:
    return out.reshape(out.shape[0], -1)[:, 0].tolist()


# -- snn.lif: reset modes and timings -----------------------------------------------

# IF (beta = 1), threshold 5, input 3 every step, i8 state; v_reset = -1.
IF_CASES = [
    ("subtract", "same", [0, 1, 0, 1, 0, 1, 1, 0, 1, 0]),
    ("zero", "same", [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
    ("to_value", "same", [0, 1, 0, 0, 1, 0, 0, 1, 0, 0]),
    ("none", "same", [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    ("subtract", "next", [0, 1, 0, 1, 0, 1, 1, 0, 1, 0]),
    ("zero", "next", [0, 1, 0, 0, 1, 0, 0, 1, 0, 0]),
    ("to_value", "next", [0, 1, 0, 0, 0, 1, 0, 0, 0, 1]),
    ("none", "next", [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
]


@pytest.mark.parametrize("reset,timing,expected", IF_CASES)
@pytest.mark.parametrize("state", ["i8", "f32"])
def test_if_reset_modes(reset, timing, expected, state):
    kw = {"v_reset": -1.0} if reset == "to_value" else {}
    x = steps([3] * 10, np.int8 if state == "i8" else np.float32)
    out = run(x, "i8" if state == "i8" else "f32", lambda n, v: n.lif(
        v, threshold=5.0, state_type=state, reset=reset, reset_timing=timing, **kw))
    assert out.dtype == np.uint8
    assert spikes(out) == expected


@pytest.mark.parametrize("timing,expected", [
    # same: h = floor(v/2) + 4 is 4, 6 (spike, v = 1), 4, 6, ...
    ("same", [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
    # next: 4, 6 (spike, v stays 6), 3+4-5 = 2, 1+4 = 5, 6 (spike), 2, 5, ...
    ("next", [0, 1, 0, 0, 1, 0, 0, 1, 0, 0]),
])
def test_lif_decay_with_reset_timing(timing, expected):
    out = run(steps([4] * 10), "i8", lambda n, v: n.lif(
        v, threshold=5.0, beta=0.5, state_type="i8", reset_timing=timing))
    assert spikes(out) == expected


@pytest.mark.parametrize("timing,expected", [
    # the membranes of the case above: reset at the end of the step (same),
    # or the charge kept and the reset applied to the next step's (next)
    ("same", [4, 1] * 5),
    ("next", [4, 6, 2, 5, 6, 2, 5, 6, 2, 5]),
])
def test_membrane_log(timing, expected):
    net = Network(10)
    x = net.input((1,), "i8")
    lif = net.lif(x, threshold=5.0, beta=0.5, state_type="i8", reset_timing=timing)
    li = net.li(x, beta=0.5, state_type="i8")
    net.output(lif, li)
    with membrane_log() as membranes:
        (_, integrated) = simulate(net, [steps([4] * 10)])
    assert membranes[lif.name].ravel().tolist() == expected
    # li records its result: h = floor(v / 2) + 4 is 4, 6, 7, 7, ...
    assert membranes[li.name].ravel().tolist() == integrated.ravel().tolist()
    assert integrated.ravel().tolist() == [4, 6] + [7] * 8


# -- refractory period and adaptive threshold (the hand-worked cases of
# test/Integration/lif-refractory-adaptive.mlir, in i16 and f32) -----------------

@pytest.mark.parametrize("state", ["i16", "f32"])
@pytest.mark.parametrize("op,x,kw,expected", [
    # 3 6 9 12* -> 0, held twice, 3 6 9 12*
    ("lif", 3, dict(reset="zero", refractory=2), [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]),
    # 12* held and reset in the next step to 2, 5 8 11*, held -> 1, 4
    ("lif", 3, dict(reset_timing="next", refractory=1), [0, 0, 0, 1, 0, 0, 0, 1, 0, 0]),
    # the current 4 6 7 7 ... keeps filtering while the membrane is held
    ("cuba_lif", 4, dict(alpha=0.5, reset="zero", refractory=1),
     [0, 0, 1, 0, 0, 1, 0, 0, 1, 0]),
    # theta = 10 + a, a += 4 per spike, halved every step
    ("lif", 3, dict(adapt=4.0, adapt_decay=0.5), [0, 0, 0, 1, 0, 0, 0, 1, 0, 0]),
    # tau_adapt = 2 dt is adapt_decay = 0.5
    ("lif", 3, dict(adapt=4.0, tau_adapt=2.0, dt=1.0), [0, 0, 0, 1, 0, 0, 0, 1, 0, 0]),
])
def test_refractory_and_adaptive_threshold(state, op, x, kw, expected):
    dtype = np.int16 if state == "i16" else np.float32
    out = run(steps([x] * 10, dtype), state, lambda n, v: getattr(n, op)(
        v, threshold=10.0, state_type=state, **kw))
    assert spikes(out) == expected


@pytest.mark.parametrize("rounding,expected", [
    # a = 4 after the spike of step 3, then 3, floor(2.25) = 2, floor(1.5) = 1:
    # 14 > 11 at step 7 leaves v = 3
    ("floor", [3, 6, 9, 2, 5, 8, 11, 3, 6, 9]),
    # 1.5 rounds to the even 2: 14 > 12 leaves v = 2
    ("nearest_even", [3, 6, 9, 2, 5, 8, 11, 2, 5, 8]),
])
def test_adaptation_rounds_like_the_membrane(rounding, expected):
    net = Network(10)
    x = net.input((1,), "i16")
    lif = net.lif(x, threshold=10.0, state_type="i16", adapt=4.0, adapt_decay=0.75,
                  rounding=rounding)
    net.output(lif)
    with membrane_log() as membranes:
        (out,) = simulate(net, [steps([3] * 10, np.int16)])
    assert spikes(out) == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0]
    assert membranes[lif.name].ravel().tolist() == expected


@pytest.mark.parametrize("kw,message", [
    (dict(refractory=2), "refractory needs a spiking neuron"),
    (dict(adapt=1.0), "adapt needs a spiking neuron"),
])
def test_spiking_features_need_a_spiking_neuron(kw, message):
    net = Network(2)
    with pytest.raises(ValueError, match=message):
        net.li(net.input((1,), "f32"), state_type="f32", **kw)


@pytest.mark.parametrize("compare,expected", [("gt", [0, 1] * 4), ("ge", [1] * 8)])
def test_lif_compare(compare, expected):
    out = run(steps([5] * 8), "i8", lambda n, v: n.lif(
        v, threshold=5.0, state_type="i8", reset="zero", compare=compare))
    assert spikes(out) == expected


def test_lif_float_leak_and_gain():
    # beta 0.5, gain 2, input 0.375: h = 0.5 v + 0.75, threshold 1, subtract.
    # v: 0.75, 1.125 -> spike -> 0.125, 0.8125, 1.15625 -> spike -> 0.15625, ...
    out = run(steps([0.375] * 6, np.float32), "f32", lambda n, v: n.lif(
        v, threshold=1.0, beta=0.5, gain=2.0, state_type="f32"))
    assert spikes(out) == [0, 1, 0, 1, 0, 1]


# -- integer arithmetic ---------------------------------------------------------------

def test_li_saturates_the_state():
    x = np.array([[50, -50]] * 4, dtype=np.int8)
    out = run(x, "i8", lambda n, v: n.li(v, state_type="i8"))
    assert out.dtype == np.int8
    assert out.tolist() == [[50, -50], [100, -100], [127, -128], [127, -128]]


def test_lif_with_saturated_state_keeps_spiking():
    out = run(steps([50] * 5), "i8", lambda n, v: n.lif(
        v, threshold=100.0, state_type="i8", reset="none"))
    assert spikes(out) == [0, 0, 1, 1, 1]


def test_add_saturates_and_counts_spikes():
    net = Network(1)
    a = net.input((3,), "i8")
    b = net.input((3,), "i1")
    net.output(net.add(a, a, b, out_dtype="i8"))
    (out,) = simulate(net, [np.array([[100, -100, 3]], np.int8),
                            np.array([[1, 0, 1]], np.uint8)])
    assert out.tolist() == [[127, -128, 7]]


def test_mulq_floors_the_exact_product():
    assert mulq(np.array([3, -3, -1, 1, 5, -5]), 0.5).tolist() == [1, -2, -1, 0, 2, -3]
    assert mulq(np.array([5, -5]), -0.25).tolist() == [-2, 1]
    assert mulq(np.array([7]), 1.0).tolist() == [7]


def test_mulq_rounds_q_half_to_even():
    ties = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5]) / 65536
    # a = 2^16 makes mulq(a, c) = q(c) itself.
    assert mulq(np.full(6, 65536), ties).tolist() == [0, 2, 2, 0, -2, -2]
    # q = 2 for 1.5/65536: 3 * 2 / 65536 floors to 0, -3 * 2 / 65536 to -1.
    assert mulq(np.array([3, -3]), 1.5 / 65536).tolist() == [0, -1]


def test_mulq_beyond_int64():
    assert mulq(np.array([2 ** 31 - 1]), 2.0 ** 40).tolist() == [(2 ** 31 - 1) * 2 ** 40]


def test_integer_scale_per_neuron_and_saturation():
    x = np.array([[65536, 65536, 65536, 65536, -3, 2 ** 20]], dtype=np.int32)
    factors = [1.5 / 65536, 2.5 / 65536, -2.5 / 65536, 0.25, 0.5, 3000.0]
    out = run(x, "i32", lambda n, v: n.scale(v, factors, out_dtype="i16"))
    assert out.dtype == np.int16
    assert out.tolist() == [[2, 2, -2, 16384, -2, 32767]]


def test_integer_relu_shift_and_clamp():
    x = np.array([[-5, -1, 0, 7, 100, 1000]], dtype=np.int16)
    out = run(x, "i16", lambda n, v: n.relu(v, 2, out_dtype="i8"))
    assert out.dtype == np.int8
    assert out.tolist() == [[0, 0, 0, 1, 25, 127]]


def test_float_relu_gives_positive_zero():
    x = np.array([[-1.5, -0.0, 0.0, 2.5]], dtype=np.float32)
    out = run(x, "f32", lambda n, v: n.relu(v))
    assert out.tolist() == [[0.0, 0.0, 0.0, 2.5]]
    assert not np.signbit(out).any()


def test_li_integer_leak_floors_toward_minus_infinity():
    # h = floor((v - 9) / 2) + 9 from v = 0: 4, 6, 7, 8, then floor(-1/2) = -1 keeps 8.
    out = run(steps([0] * 6), "i8", lambda n, v: n.li(
        v, beta=0.5, v_leak=9.0, state_type="i8"))
    assert spikes(out) == [4, 6, 7, 8, 8, 8]


def test_integer_gain_and_tau():
    # tau = 2, dt = 0.5: beta = 0.75; gain 0.5 on -3 gives mulq(-3, 0.5) = -2.
    out = run(steps([-3, 0, 0, 100, 0, 0], np.int16), "i16", lambda n, v: n.li(
        v, tau=2.0, dt=0.5, gain=0.5, state_type="i16"))
    # v: -2, floor(-1.5) = -2, -2, floor(-1.5) + 50 = 48, 36, 27
    assert spikes(out) == [-2, -2, -2, 48, 36, 27]


# -- parameters ------------------------------------------------------------------------

def test_parameters_per_channel_and_per_neuron():
    x = np.ones((1, 2, 1, 2), dtype=np.float32)
    per_channel = run(x, "f32", lambda n, v: n.li(v, gain=[1.0, 2.0]))
    per_neuron = run(x, "f32", lambda n, v: n.li(v, gain=[1.0, 2.0, 3.0, 4.0]))
    assert per_channel[0].tolist() == [[[1.0, 1.0]], [[2.0, 2.0]]]
    assert per_neuron[0].tolist() == [[[1.0, 2.0]], [[3.0, 4.0]]]


def test_float_tau_dt_and_f64_state():
    out = run(steps([1, 0, 0]), "i8", lambda n, v: n.li(v, tau=2.0, dt=0.5, state_type="f64"))
    assert out.dtype == np.float64
    assert spikes(out) == [1.0, 0.75, 0.5625]


def test_threshold_rounds_theta_to_the_float_type_only():
    x32 = np.array([[0.1]], dtype=np.float32)
    x64 = np.array([[0.1]], dtype=np.float64)
    # float32(0.1) > 0.1 in f64, but not against theta rounded to f32.
    assert run(x32, "f32", lambda n, v: n.threshold(v, 0.1)).tolist() == [[0]]
    assert run(x64, "f64", lambda n, v: n.threshold(v, 0.1)).tolist() == [[0]]
    assert run(x64, "f64", lambda n, v: n.threshold(v, 0.1, "ge")).tolist() == [[1]]
    xi = np.array([[2, 2, 0]], dtype=np.int8)
    assert run(xi, "i8", lambda n, v: n.threshold(v, [2.5, 2.0, -0.5], "ge")).tolist() \
        == [[0, 1, 1]]


# -- float operation order -------------------------------------------------------------

def test_add_sums_floats_in_operand_order():
    big = np.array([[1e8]], np.float32)
    net = Network(1)
    a, b, c = (net.input((1,), "f32") for _ in range(3))
    net.output(net.add(a, b, c), net.add(c, b, a))
    forward, backward = simulate(net, [big, -big, np.array([[1.0]], np.float32)])
    assert forward.tolist() == [[1.0]]     # (1e8 - 1e8) + 1
    assert backward.tolist() == [[0.0]]    # (1 - 1e8) rounds to -1e8, + 1e8


def test_dense_accumulates_bias_first_then_inputs_in_order():
    x = np.ones((1, 2), dtype=np.uint8)
    with_bias = run(x, "i1", lambda n, v: n.dense(
        v, np.array([[-1e8, 1.0]]), np.array([1e8]), out_dtype="f32"))
    reversed_order = run(x, "i1", lambda n, v: n.dense(
        v, np.array([[1.0, -1e8]]), np.array([1e8]), out_dtype="f32"))
    assert with_bias.tolist() == [[1.0]]
    assert reversed_order.tolist() == [[0.0]]


@pytest.mark.parametrize("state,expected", [("f32", 0.0), ("f64", 1.0)])
def test_membrane_rounds_every_operation(state, expected):
    # h = ((1 * (1 - 1e8)) + 1e8) + 0: 1 - 1e8 rounds to -1e8 in f32.
    out = run(steps([0], np.float32), "f32", lambda n, v: n.li(
        v, v_init=1.0, v_leak=1e8, state_type=state))
    assert spikes(out) == [expected]


# -- synapses against naive loops ------------------------------------------------------

def naive_conv(x, w, b, stride, padding, dilation, groups, out_type):
    """The formula of Semantics.md "snn.conv2d", one output at a time."""
    t_steps, c_in, h, wd = x.shape
    k_out, c_group, kh_n, kw_n = w.shape
    oh_n = (h + 2 * padding[0] - dilation[0] * (kh_n - 1) - 1) // stride[0] + 1
    ow_n = (wd + 2 * padding[1] - dilation[1] * (kw_n - 1) - 1) // stride[1] + 1
    y = np.zeros((t_steps, k_out, oh_n, ow_n), out_type)
    for t, k, oh, ow in itertools.product(range(t_steps), range(k_out), range(oh_n), range(ow_n)):
        acc = out_type.type(b[k]) if b is not None else out_type.type(0)
        if out_type.kind == "i":
            acc = int(acc)
        for c, kh, kw in itertools.product(range(c_group), range(kh_n), range(kw_n)):
            ih = oh * stride[0] - padding[0] + kh * dilation[0]
            iw = ow * stride[1] - padding[1] + kw * dilation[1]
            if 0 <= ih < h and 0 <= iw < wd:
                xv = x[t, (k // (k_out // groups)) * c_group + c, ih, iw]
                if out_type.kind == "f":
                    acc = out_type.type(acc + out_type.type(xv) * out_type.type(w[k, c, kh, kw]))
                else:
                    acc += int(xv) * int(w[k, c, kh, kw])
        if out_type.kind == "i":
            info = np.iinfo(out_type)
            acc = min(max(acc, info.min), info.max)
        y[t, k, oh, ow] = acc
    return y


@pytest.mark.parametrize("case", ["int", "float", "spikes-to-float"])
def test_conv2d_matches_naive_loop(case):
    rng = np.random.default_rng(3)
    stride, padding, dilation, groups = (2, 1), (1, 2), (2, 1), 2
    if case == "int":
        x = rng.integers(-128, 128, (2, 4, 7, 6)).astype(np.int8)
        w = rng.integers(-8, 8, (6, 2, 3, 2))
        b = rng.integers(-100, 100, 6)
        in_type, out_type, w_type = "i8", "i16", "i4"
    else:
        x = (rng.normal(size=(2, 4, 7, 6)).astype(np.float32) if case == "float"
             else (rng.random((2, 4, 7, 6)) < 0.5).astype(np.uint8))
        w = rng.normal(size=(6, 2, 3, 2)).astype(np.float32)
        b = rng.normal(size=6).astype(np.float32)
        in_type, out_type, w_type = ("f32" if case == "float" else "i1"), "f32", "f32"
    out = run(x, in_type, lambda n, v: n.conv2d(
        v, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups,
        out_dtype=out_type, weight_dtype=w_type))
    expected = naive_conv(x, w, b, stride, padding, dilation, groups, out.dtype)
    assert out.shape == (2, 6, 3, 9)   # OH = (7 + 2 - 4 - 1) // 2 + 1, OW = (6 + 4 - 1 - 1) + 1
    np.testing.assert_array_equal(out, expected)


def test_conv2d_integer_saturates():
    x = np.full((1, 1, 2, 2), 100, dtype=np.int8)
    out = run(x, "i8", lambda n, v: n.conv2d(
        v, np.array([[[[1, 1], [1, 1]]], [[[-1, -1], [-1, -1]]]]), out_dtype="i8",
        weight_dtype="i4"))
    assert out.tolist() == [[[[127]], [[-128]]]]


GRID = np.arange(1, 10).reshape(1, 1, 3, 3)   # [[1, 2, 3], [4, 5, 6], [7, 8, 9]]


@pytest.mark.parametrize("sign,expected", [(1, [1, 3, 7, 9]), (-1, [-1, -2, -4, -5])])
def test_maxpool_padding_never_wins(sign, expected):
    out = run((sign * GRID).astype(np.int8), "i8", lambda n, v: n.maxpool2d(v, 2, padding=1))
    assert out.reshape(-1).tolist() == expected


def test_maxpool_on_spikes_is_or():
    x = np.array([[[[0, 0, 1], [0, 0, 0], [0, 0, 0]]]], dtype=np.uint8)
    out = run(x, "i1", lambda n, v: n.maxpool2d(v, 2, stride=1))
    assert out.reshape(-1).tolist() == [0, 1, 0, 0]


@pytest.mark.parametrize("sign,sums,floors", [
    (1, [1, 5, 11, 28], [0, 1, 2, 7]),
    (-1, [-1, -5, -11, -28], [-1, -2, -3, -7]),
])
def test_sum_and_avg_pool_with_padding(sign, sums, floors):
    x = (sign * GRID).astype(np.int8)
    total = run(x, "i8", lambda n, v: n.sumpool2d(v, 2, padding=1, out_dtype="i16"))
    mean = run(x, "i8", lambda n, v: n.avgpool2d(v, 2, padding=1, out_dtype="i8"))
    mean_f = run(x.astype(np.float32), "f32", lambda n, v: n.avgpool2d(
        v, 2, padding=1, out_dtype="f32"))
    assert total.reshape(-1).tolist() == sums
    assert mean.reshape(-1).tolist() == floors
    assert mean_f.reshape(-1).tolist() == [s / 4 for s in sums]


def test_delay():
    x = steps([1, 2, 3, 4, 5])
    assert spikes(run(x, "i8", lambda n, v: n.delay(v, 2))) == [0, 0, 1, 2, 3]
    assert spikes(run(x, "i8", lambda n, v: n.delay(v, 7))) == [0] * 5


def test_flatten_and_reshape_are_row_major():
    x = np.arange(12, dtype=np.int8).reshape(1, 2, 2, 3)
    flat = run(x, "i8", lambda n, v: n.flatten(v))
    assert flat.tolist() == [list(range(12))]
    back = run(x, "i8", lambda n, v: n.reshape(n.flatten(v, 1, 2), (3, 4)))
    assert back.tolist() == [[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]]


# -- recurrence and current-based neurons ------------------------------------------------

def test_recurrent_lif():
    # Neuron 1 spikes on its own input (2 > 1) at t = 0 and 3; neuron 0 gets
    # bias 1 every step plus 2 for each spike of neuron 1 one step earlier.
    x = np.zeros((8, 2), dtype=np.int8)
    x[[0, 3], 1] = 2
    out = run(x, "i8", lambda n, v: n.lif(
        v, threshold=1.0, state_type="i8", reset="zero",
        recurrent=np.array([[0, 2], [0, 0]]), recurrent_bias=np.array([1, 0])))
    assert out[:, 1].tolist() == [1, 0, 0, 1, 0, 0, 0, 0]
    assert out[:, 0].tolist() == [0, 1, 0, 1, 1, 0, 1, 0]


def test_recurrent_float_feedback_order():
    # r = (b + w0 s0) + w1 s1 with b = 1e8, w = [-1e8, 1]: the neuron 0 spike
    # of step 0 makes r[1] = 1 (not 0, as b + (w0 + w1) would in f32).
    x = np.array([[2.0, 0.0], [0.0, 0.0]], dtype=np.float32)
    net = Network(2)
    v = net.input((2,), "f32")
    lif = net.lif(v, threshold=1.0, state_type="f32", reset="zero",
                  recurrent=np.array([[0.0, 0.0], [-1e8, 1.0]]),
                  recurrent_bias=np.array([0.0, 1e8]))
    net.output(lif)
    values = simulate_all(net, [x])
    # step 0: r = [0, 1e8] (no spikes yet): both spike; step 1: r1 = (1e8 - 1e8) + 1 = 1.
    assert values[lif.name].tolist() == [[1, 1], [0, 0]]


def test_cuba_lif_and_cuba_li():
    x = steps([4, 0, 0, 0, 4, 0, 0, 0])
    # i: 4, 2, 1, 0, 4, 2, 1, 0; v (zero reset, threshold 3): 4 -> spike, 2, 3, 3, 7 -> spike, ...
    out = run(x, "i8", lambda n, v: n.cuba_lif(
        v, alpha=0.5, threshold=3.0, reset="zero", state_type="i8"))
    assert spikes(out) == [1, 0, 0, 0, 1, 0, 0, 0]
    trace = run(x, "i8", lambda n, v: n.cuba_li(v, alpha=0.5, state_type="i8"))
    assert spikes(trace) == [4, 6, 7, 7, 11, 13, 14, 14]


def test_cuba_current_saturates_to_its_own_type():
    # syn_type i4: i = sat_4(i/2 + 6) = 6, 7 (9 saturates), 7, ...; membrane i16 sums it.
    out = run(steps([6] * 4), "i8", lambda n, v: n.cuba_li(
        v, alpha=0.5, i_init=0.0, state_type="i16", syn_type="i4"))
    assert spikes(out) == [6, 13, 20, 27]


def test_float_cuba_li_with_initial_current():
    # alpha 0.5, i_init 1, syn_gain 2, beta 0.5: i = 0.5 + 2 x, v = 0.5 v + i.
    out = run(steps([0.25, 0.0], np.float32), "f32", lambda n, v: n.cuba_li(
        v, alpha=0.5, i_init=1.0, syn_gain=2.0, beta=0.5, state_type="f32"))
    assert spikes(out) == [1.0, 1.0]   # i = 1.0, v = 1.0; i = 0.5, v = 0.5 + 0.5


# -- inputs ------------------------------------------------------------------------------

def test_inputs_by_name_and_bool_spikes():
    net = Network(2)
    a = net.input((2,), "i1", name="a")
    b = net.input((2,), "i1", name="b")
    net.output(net.add(a, b, mode="or"))
    x = np.array([[True, False], [False, False]])
    y = np.array([[0, 0], [0, 1]], dtype=np.uint8)
    (out,) = simulate(net, {"b": y, "a": x})
    assert out.dtype == np.uint8
    assert out.tolist() == [[1, 0], [0, 1]]


@pytest.mark.parametrize("array,message", [
    (np.zeros((3, 2), np.int8), "shape"),
    (np.zeros((2, 2), np.int16), "dtype"),
    (np.full((2, 2), 8, np.int8), "outside"),
])
def test_inputs_are_validated(array, message):
    net = Network(2)
    v = net.input((2,), "i4", name="volts")
    net.output(net.relu(v))
    with pytest.raises(ValueError, match=message) as error:
        simulate(net, [array])
    assert "volts" in str(error.value)


def test_simulate_all_returns_intermediate_values():
    net = Network(3)
    v = net.input((1,), "i8")
    d = net.delay(v, 1)
    net.output(net.relu(d))
    values = simulate_all(net, [steps([-1, 2, 3])])
    assert values[d.name].ravel().tolist() == [0, -1, 2]
    assert set(values) == {v.name, d.name, net.outputs[0].name}


# -- neurons of random networks against a scalar model -----------------------------------

def scalar_arith(dtype, rounding="floor", overflow="saturate"):
    """(convert, multiply by a real factor, finish) for one neuron's values:
    Python ints with Q16 factors (the quotient rounded by `rounding`, the
    result brought into the type by `overflow`), or NumPy scalars of the
    float type."""
    if dtype in ("f32", "f64"):
        f = np.float32 if dtype == "f32" else np.float64
        return f, lambda a, c: f(c) * a, lambda z: z
    bits = int(dtype[1:])
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    rnd = {"floor": math.floor, "toward_zero": int, "nearest_even": round}[rounding]
    fin = {"saturate": lambda z: min(max(z, lo), hi),
           "saturate_symmetric": lambda z: min(max(z, -hi), hi),
           "wrap": lambda z: (z - lo) % (1 << bits) + lo}[overflow]
    return int, lambda a, c: rnd(Fraction(a * int(np.rint(c * 65536)), 65536)), fin


def scalar_neuron(node, x):
    """Semantics.md "Neurons", one neuron and one step at a time."""
    a, t_steps, shape = node.attrs, x.shape[0], x.shape[1:]
    size = int(np.prod(shape))
    flat = x.reshape(t_steps, size)

    def param(key, default, i):
        if key not in a:
            return default
        values = np.atleast_1d(a[key])
        return values[0] if values.size == 1 else (
            values[i // (size // shape[0])] if values.size == shape[0] else values[i])

    def decay(direct, tau_key, i):
        return 1.0 - a["dt"] / param(tau_key, 1.0, i) if tau_key in a else param(direct, 1.0, i)

    current = node.op.startswith("cuba")
    mconv, mmul, mfin = scalar_arith(a["state_type"], a.get("rounding", "floor"),
                                     a.get("overflow", "saturate"))
    sconv, smul, sfin = scalar_arith(a.get("syn_type", a["state_type"]),
                                     a.get("syn_rounding", "floor"),
                                     a.get("syn_overflow", "saturate")) if current else \
        (mconv, mmul, mfin)
    weight, bias = node.tensors.get("recurrent"), node.tensors.get("recurrent_bias")
    v = [mconv(param("v_init", 0.0, i)) for i in range(size)]
    cur = [sconv(param("i_init", 0.0, i)) for i in range(size)]
    s = [0] * size
    adaptation, count = [mconv(0)] * size, [0] * size
    out = np.zeros((t_steps, size), np.float64)
    for t in range(t_steps):
        new_s = []
        for i in range(size):
            drive = sconv(flat[t, i])
            if weight is not None:
                acc = sconv(bias[i]) if bias is not None else sconv(0)
                for n in range(size):
                    acc = acc + sconv(weight[i, n]) * sconv(s[n])
                drive = drive + acc if sconv is not int else min(max(drive + acc, -2 ** 31),
                                                                   2 ** 31 - 1)
            if current:
                cur[i] = sfin(smul(cur[i], decay("alpha", "tau_syn", i))
                              + smul(drive, param("syn_gain", 1.0, i)))
                drive = cur[i]
            leak = mconv(param("v_leak", 0.0, i))
            h = mmul(v[i] - leak, decay("beta", "tau", i)) + leak \
                + mmul(mconv(drive), param("gain", 1.0, i))
            h = mfin(h + mconv(param("bias", 0.0, i)) if "bias" in a else h)
            if node.op in ("li", "cuba_li"):
                v[i] = out[t, i] = h
                continue
            theta = mconv(param("threshold", 0.0, i))
            reset = {"subtract": lambda: mfin(h - theta), "zero": lambda: mconv(0),
                     "to_value": lambda: mconv(param("v_reset", 0.0, i)), "none": lambda: h}
            silent = count[i] > 0
            if silent:
                h = v[i]
            if a["reset_timing"] == "next" and s[i]:
                h = reset[a["reset"]]()
            if "adapt" in a:
                theta = theta + adaptation[i]
            spike = int(not silent and (h >= theta if a["compare"] == "ge" else h > theta))
            v[i] = reset[a["reset"]]() if a["reset_timing"] == "same" and spike else h
            if "adapt" in a:
                decayed = mmul(adaptation[i], decay("adapt_decay", "tau_adapt", i))
                adaptation[i] = mfin(decayed + mconv(param("adapt", 0.0, i)) if spike
                                     else decayed)
            if "refractory" in a:
                count[i] = a["refractory"] if spike else max(count[i] - 1, 0)
            new_s.append(spike)
            out[t, i] = spike
        s = new_s or s
    return out.reshape(x.shape)


def test_neurons_of_random_networks_match_a_scalar_model():
    """Random networks, some with integer neurons that round and overflow
    otherwise and add a bias (Semantics.md "Integer neurons"), some with
    refractory periods and adaptive thresholds."""
    from snn_mlir.testing.random_net import generate
    checked = features = 0
    for seed in range(150):
        net, inputs = generate(seed)
        values = simulate_all(net, inputs)
        for node in net.nodes:
            if node.op in ("lif", "cuba_lif", "li", "cuba_li"):
                expected = scalar_neuron(node, values[node.inputs[0].name])
                got = values[node.result.name].astype(np.float64)
                np.testing.assert_array_equal(got, expected, err_msg=f"seed {seed} {node.op}")
                checked += 1
                features += "refractory" in node.attrs or "adapt" in node.attrs
    assert checked > 100 and features > 10


def test_reference_is_independent_of_the_compiler():
    """The reference simulator is the oracle the compiler is checked against:
    importing it loads NumPy and the network description only, nothing that
    runs the tools (compiler.py, subprocess)."""
    import os
    import subprocess
    import sys

    python = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
    code = ("import sys, snn_mlir.reference; "
            "print(' '.join(sorted(m for m in sys.modules "
            "if m.startswith('snn_mlir') or m == 'subprocess')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONPATH": python}).stdout.split()
    assert loaded == ["snn_mlir", "snn_mlir.dtypes", "snn_mlir.graph", "snn_mlir.reference"]


# -- integer neurons: rounding, overflow, bias (Semantics.md "Integer neurons") --------

def test_mulq_rounding_modes():
    """rnd(p / 65536) of p = a * q(c) for c = 0.5 (ties) and 0.75."""
    a = np.array([-5, -3, -1, 1, 3, 5])
    assert mulq(a, 0.5).tolist() == [-3, -2, -1, 0, 1, 2]
    assert mulq(a, 0.5, "toward_zero").tolist() == [-2, -1, 0, 0, 1, 2]
    assert mulq(a, 0.5, "nearest_even").tolist() == [-2, -2, 0, 0, 2, 2]
    assert mulq(a, 0.75, "nearest_even").tolist() == [-4, -2, -1, 1, 2, 4]
    # Python ints (an unbounded factor) round the same way.
    big = np.array([-(2 ** 40) - 1, 2 ** 40 + 1])
    assert mulq(big, 3e6 + 0.5, "toward_zero").tolist() == [
        -(((2 ** 40 + 1) * int((3e6 + 0.5) * 65536)) // 65536),
        ((2 ** 40 + 1) * int((3e6 + 0.5) * 65536)) // 65536]


def test_overflow_modes():
    from snn_mlir.reference import overflow
    z = np.array([-300, -129, -128, -127, 127, 128, 300])
    assert overflow(z, "i8").tolist() == [-128, -128, -128, -127, 127, 127, 127]
    assert overflow(z, "i8", "wrap").tolist() == [-44, 127, -128, -127, 127, -128, 44]
    assert overflow(z, "i8", "saturate_symmetric").tolist() == [
        -127, -127, -127, -127, 127, 127, 127]


def test_bias_is_added_last_and_absent_adds_nothing():
    """A float bias is one more addition after the charge; without one a
    charge of -0.0 keeps its sign (adding +0.0 would not)."""
    x = np.array([[-0.0], [1.0]], np.float32)
    # (0 * (-1 - -0.0) + -0.0) + 1 * -0.0 = -0.0
    out = run(x, "f32", lambda net, v: net.li(v, beta=0.0, v_init=-1.0, v_leak=-0.0,
                                              state_type="f32"))
    assert np.signbit(out[0, 0])
    out = run(x, "f32", lambda net, v: net.li(v, beta=0.0, v_init=-1.0, v_leak=-0.0, bias=0.0,
                                              state_type="f32"))
    assert not np.signbit(out[0, 0]) and out[1, 0] == 1.0
    out = run(steps([0, 0, 0], np.int8), "i8",
              lambda net, v: net.li(v, beta=0.5, bias=-7, rounding="toward_zero",
                                    state_type="i8"))
    assert out.ravel().tolist() == [-7, -10, -12]


def test_modes_are_for_integer_neurons_only():
    net = Network(2)
    x = net.input((3,), "f32")
    with pytest.raises(ValueError, match="integer state only"):
        net.lif(x, threshold=1.0, rounding="toward_zero")
    with pytest.raises(ValueError, match="needs a synaptic current"):
        net.lif(net.input((3,), "i8"), threshold=1.0, state_type="i8", syn_overflow="wrap")
    with pytest.raises(ValueError, match="unknown overflow mode 'clip'"):
        net.li(x, state_type="i8", overflow="clip")
    # Defaults are dropped: the printed network is the one without them.
    y = net.li(x, state_type="f32", rounding="floor", overflow="saturate")
    assert "rounding" not in net.producer(y).attrs


# -- loops across time steps (Semantics.md "snn.cycle") ---------------------------

def test_loop_through_a_dense_layer():
    """test/Integration/cycle.mlir @if_feedback: an IF driven by 1 plus its
    own spike of the step before fires at 2, 4 and 6 (without the loop: 2, 5)."""
    net = Network(7)
    x = net.input((1,), "i8", name="x")
    feedback = net.feedback((1,), "i8", 1, name="fb")
    s = net.lif(net.add(x, feedback, out_dtype="i8"), threshold=2.0, reset="zero",
                state_type="i8", name="s")
    net.close_feedback(feedback, net.dense(s, np.ones((1, 1)), out_dtype="i8",
                                           weight_dtype="i8"))
    net.output(s)
    (y,) = simulate(net, {"x": np.ones((7, 1), np.int8)})
    assert y[:, 0].tolist() == [0, 0, 1, 0, 1, 0, 1]


@pytest.mark.parametrize("steps", [1, 2, 3])
def test_loop_echoes_after_its_delay(steps):
    """y[t] = x[t] OR y[t - steps], step by step, against the fixed point."""
    rng = np.random.default_rng(steps)
    x = (rng.random((12, 3)) < 0.15).astype(np.uint8)
    net = Network(12)
    xv = net.input((3,), "i1", name="x")
    feedback = net.feedback((3,), "i1", steps, name="fb")
    y = net.add(xv, feedback, mode="or", name="y")
    net.close_feedback(feedback, y)
    net.output(y)
    expected = np.zeros_like(x)
    for t in range(12):
        expected[t] = x[t] | (expected[t - steps] if t >= steps else 0)
    (got,) = simulate(net, {"x": x})
    assert np.array_equal(got, expected)


def test_feedback_edges_must_be_closed_and_typed():
    net = Network(3)
    x = net.input((2,), "f32", name="x")
    feedback = net.feedback((2,), "f32", 1, name="fb")
    with pytest.raises(ValueError, match="carries"):
        net.close_feedback(feedback, net.threshold(x, 1.0))
    net.output(net.add(x, feedback, out_dtype="f32"))
    with pytest.raises(ValueError, match="never closed"):
        net.to_mlir()
    with pytest.raises(ValueError, match="at least one step"):
        net.feedback((2,), "f32", 0)
