"""Reference simulator: docs/Semantics.md as executable NumPy code.

Every op is one small function that follows its section of Semantics.md
literally. Integers are computed exactly (int64, or Python ints where a
product could leave int64) and saturated once to the result type; floats are
computed in the result (or state) type with element-wise NumPy arithmetic,
which rounds after every operation and never fuses. Reductions over floats
are explicit loops in the documented order (np.sum/np.dot would reorder the
additions), vectorised over the other dimensions. Synapse ops work on all
time steps at once; neurons loop over time.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import dtypes
from .graph import Network, Node, Value, is_loop, param_array

Inputs = Union[Mapping[str, np.ndarray], Sequence[np.ndarray]]

Q16 = 65536


# -- integer and float arithmetic -----------------------------------------------

def saturate(z, dtype: str) -> np.ndarray:
    """sat_N of Semantics.md "Integer arithmetic": clamp to the range of `dtype`
    (elementwise; works on int64 and on object arrays of Python ints)."""
    lo, hi = dtypes.int_range(dtype)
    return np.minimum(np.maximum(z, lo), hi).astype(np.int64)


def overflow(z, dtype: str, mode: str = "saturate") -> np.ndarray:
    """ovf_N of Semantics.md "Integer neurons": an exact integer brought into
    `dtype` by an integer neuron's overflow mode: `saturate` (sat_N), `wrap`
    (two's complement: the z in [-2^(N-1), 2^(N-1)) congruent modulo 2^N) or
    `saturate_symmetric` (clamped to +-(2^(N-1) - 1))."""
    if mode == "wrap":
        lo, hi = dtypes.int_range(dtype)
        return ((np.asarray(z) - lo) % (hi - lo + 1) + lo).astype(np.int64)
    if mode == "saturate_symmetric":
        hi = dtypes.int_range(dtype)[1]
        return np.minimum(np.maximum(z, -hi), hi).astype(np.int64)
    return saturate(z, dtype)


#: What `saturation_log` tells apart.
SATURATION_KINDS = ("result", "state", "recurrent_drive")
#: The active `saturation_log`: kind -> {value name: whether its op saturated}.
_log: Optional[Dict[str, Dict[str, bool]]] = None


@contextlib.contextmanager
def saturation_log():
    """Records which integer ops saturate while active. Yields {kind: {value
    name: whether it saturated at least once}} listing every value whose op
    computes that kind: "result" (an integer, not spike, op result saturated
    to its type), "state" (the integer membrane or current of a neuron) and
    "recurrent_drive" (x + r of an integer recurrent neuron, sat_32)."""
    global _log
    outer, _log = _log, {}
    try:
        yield _log
    finally:
        _log = outer


def _saturate(z, dtype: str, kind: str, value: Value, mode: str = "saturate") -> np.ndarray:
    """overflow(z, dtype, mode) (by default saturate), noted under `kind` and
    `value` in the active log when it changed a value."""
    result = overflow(z, dtype, mode)
    if _log is not None:
        seen = _log.setdefault(kind, {})
        seen[value.name] = seen.get(value.name, False) or bool(np.any(result != z))
    return result


def quantize(c) -> np.ndarray:
    """q(c) = round_half_even(c * 65536) as float64 (exact: c * 2^16 only
    shifts the exponent, and np.rint rounds half to even)."""
    return np.rint(np.asarray(c, dtype=np.float64) * Q16)


def mulq(a, c, rounding: str = "floor") -> np.ndarray:
    """mulq(a, c) = floor(a * q(c) / 65536) with the exact product; with
    `rounding` the quotient rounded `toward_zero` or to `nearest_even`
    instead (`round_quotient`).

    int64 when the product provably fits (always for neuron factors, which
    the verifier bounds by 16384); Python ints otherwise (an unbounded
    `snn.scale` factor).
    """
    a = np.asarray(a, dtype=np.int64)
    q = quantize(c)
    bound = float(np.max(np.abs(a), initial=0)) * float(np.max(np.abs(q), initial=0))
    if bound < 2.0 ** 62:
        if rounding != "floor":
            return round_quotient(a * q.astype(np.int64), rounding)
        return (a * q.astype(np.int64)) // Q16
    exact_q = np.vectorize(int, otypes=[object])(q)
    return round_quotient(a.astype(object) * exact_q, rounding)


def round_quotient(p, rounding: str) -> np.ndarray:
    """rnd(p / 65536) of Semantics.md "Integer neurons" for exact integers p
    (int64 or Python ints): `floor`, `toward_zero` (the floor of |p|, signed),
    or `nearest_even` (the floor, plus one where the remainder passes one
    half, or equals it and the floor is odd)."""
    if rounding == "toward_zero":
        return np.where(p < 0, -((-p) // Q16), p // Q16)
    if rounding == "nearest_even":
        down = p // Q16
        rem = p - down * Q16
        return down + ((rem + (down & 1)) > Q16 // 2)
    return p // Q16


class IntArith:
    """Integer arithmetic of one type (Semantics.md "Integer arithmetic"):
    values are exact int64, `finish` saturates, factors act through mulq.
    A neuron's membrane or current may round its products and overflow
    otherwise (`rounding`, `overflow`: Semantics.md "Integer neurons")."""

    compute_type = np.dtype(np.int64)

    def __init__(self, dtype: str, rounding: str = "floor", overflow: str = "saturate"):
        self.dtype = dtype
        self.rounding, self.overflow = rounding, overflow

    def value(self, x) -> np.ndarray:
        """An operand (i1 as 0/1, iN sign-extended) as an exact integer."""
        return np.asarray(x).astype(np.int64)

    def constant(self, p) -> np.ndarray:
        """An additive parameter; the verifier makes it an integer of the type."""
        p = np.asarray(p, dtype=np.float64)
        if not np.all(p == np.floor(p)):
            raise ValueError(f"non-integer parameter {p} for integer type {self.dtype}")
        return p.astype(np.int64)

    def factor(self, p) -> np.ndarray:
        """A real factor; kept real, mulq quantises it."""
        return np.asarray(p, dtype=np.float64)

    def mul(self, a, factor) -> np.ndarray:
        return mulq(a, factor, self.rounding)

    def finish(self, z, value: Optional[Value] = None) -> np.ndarray:
        """sat(z) (ovf(z) with the overflow mode); with `value` (a neuron's
        result), noted as its "state" saturation."""
        if value is None:
            return overflow(z, self.dtype, self.overflow)
        return _saturate(z, self.dtype, "state", value, self.overflow)

    def lowest(self):
        return np.iinfo(np.int64).min


class FloatArith:
    """Float arithmetic in one type F (Semantics.md "Float arithmetic"):
    operands and f64 parameters are rounded once to F, then every NumPy
    operation rounds in F."""

    def __init__(self, dtype: str):
        self.dtype = dtype
        self.compute_type = dtypes.numpy_type(dtype)

    def value(self, x) -> np.ndarray:
        return np.asarray(x).astype(self.compute_type)

    constant = value
    factor = value

    def mul(self, a, factor) -> np.ndarray:
        return factor * a

    def finish(self, z, value: Optional[Value] = None) -> np.ndarray:
        return z

    def lowest(self):
        return -np.inf


Arith = Union[IntArith, FloatArith]


def arith_for(dtype: str, rounding: str = "floor", overflow: str = "saturate") -> Arith:
    """The arithmetic of `dtype`; integer neurons pass their rounding and
    overflow modes (floats have none)."""
    return FloatArith(dtype) if dtypes.is_float(dtype) else IntArith(dtype, rounding, overflow)


# -- parameters ---------------------------------------------------------------

def broadcast_param(values, step_shape: Tuple[int, ...], name: str = "parameter") -> np.ndarray:
    """A parameter (scalar, one per channel = per-step dim 0, or one per neuron
    row-major) as a float64 array of the per-step shape (Semantics.md
    "Neurons": "Parameters are scalars, per channel ... or per neuron")."""
    values = param_array(values)
    step_shape = tuple(step_shape)
    channels = step_shape[0] if step_shape else 1
    neurons = int(np.prod(step_shape, dtype=np.int64))
    if values.size == 1:
        return np.full(step_shape, values[0])
    if values.size == channels:
        per_channel = values.reshape((channels,) + (1,) * (len(step_shape) - 1))
        return np.broadcast_to(per_channel, step_shape).copy()
    if values.size == neurons:
        return values.reshape(step_shape)
    raise ValueError(f"'{name}' has {values.size} values; expected 1, {channels} "
                     f"(one per channel) or {neurons} (one per neuron)")


def _param(node: Node, key: str, default: float, step_shape) -> np.ndarray:
    return broadcast_param(node.attrs.get(key, default), step_shape, key)


def _decay(node: Node, direct: str, tau_key: str, step_shape) -> np.ndarray:
    """`beta` (or `alpha`) given directly or as 1 - dt/tau in float64, the
    verifier's computation (Semantics.md "Neurons")."""
    if tau_key in node.attrs:
        return 1.0 - float(node.attrs["dt"]) / _param(node, tau_key, 1.0, step_shape)
    return _param(node, direct, 1.0, step_shape)


# -- synapses -------------------------------------------------------------------

def _taps(size: int, out: int, kernel: int, stride: int, pad: int,
          dilation: int) -> List[Tuple[np.ndarray, np.ndarray]]:
    """Per kernel offset: the input index each output position reads (clamped
    into the input) and whether it lies inside the input."""
    positions = np.arange(out) * stride - pad
    taps = []
    for k in range(kernel):
        index = positions + k * dilation
        taps.append((np.clip(index, 0, size - 1), (index >= 0) & (index < size)))
    return taps


def _windows(x: np.ndarray, out_hw, kernel, stride, pad, dilation
             ) -> Iterator[Tuple[int, int, np.ndarray, np.ndarray]]:
    """(kh, kw, patch, inside) in row-major window order for `x` of shape
    (T, C, H, W): patch[t, c, oh, ow] is the input read at window offset
    (kh, kw), `inside` (OH, OW) says whether that position is in the input."""
    (h, w), (oh, ow) = x.shape[2:], out_hw
    row_taps = _taps(h, oh, kernel[0], stride[0], pad[0], dilation[0])
    col_taps = _taps(w, ow, kernel[1], stride[1], pad[1], dilation[1])
    for kh, (rows, rows_in) in enumerate(row_taps):
        for kw, (cols, cols_in) in enumerate(col_taps):
            yield kh, kw, x[:, :, rows[:, None], cols[None, :]], rows_in[:, None] & cols_in[None, :]


def _accumulator(node: Node, arith: Arith, shape, channel_axis: int) -> np.ndarray:
    """The initial accumulator of conv2d/dense: the bias along `channel_axis`
    or zero (+0.0) (Semantics.md: "acc = b[k] (or +0.0 without bias)")."""
    if "bias" not in node.tensors:
        return np.zeros(shape, arith.compute_type)
    bias = arith.value(node.tensors["bias"])
    view = [1] * len(shape)
    view[channel_axis] = bias.size
    return np.broadcast_to(bias.reshape(view), shape).copy()


def _conv2d(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.conv2d": acc = bias, then acc + x * w over c, kh, kw
    in lexicographic order, skipping padded positions."""
    arith = arith_for(node.result.dtype)
    x, w = arith.value(xs[0]), arith.value(node.tensors["weight"])
    k_out, c_group = w.shape[:2]
    groups = node.attrs["groups"]
    first_channel = (np.arange(k_out) // (k_out // groups)) * c_group
    acc = _accumulator(node, arith, (x.shape[0],) + node.result.shape, 1)
    for c in range(c_group):
        for kh, kw, patch, inside in _windows(
                x[:, first_channel + c], node.result.shape[1:], w.shape[2:],
                node.attrs["stride"], node.attrs["padding"], node.attrs["dilation"]):
            acc = np.where(inside, acc + patch * w[:, c, kh, kw][None, :, None, None], acc)
    return acc


def _affine(x: np.ndarray, node: Node, arith: Arith, weight_key: str,
            bias_key: str) -> np.ndarray:
    """acc[t, m] = b[m] (or +0.0), then acc + x[t, n] * w[m, n] for n = 0, 1, ...
    (Semantics.md "snn.dense", also the recurrent drive of neurons)."""
    w = arith.value(node.tensors[weight_key])
    shape = (x.shape[0], w.shape[0])
    if bias_key in node.tensors:
        acc = np.broadcast_to(arith.value(node.tensors[bias_key]), shape).copy()
    else:
        acc = np.zeros(shape, arith.compute_type)
    for n in range(w.shape[1]):
        acc = acc + x[:, n, None] * w[None, :, n]
    return acc


def _dense(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.dense"."""
    arith = arith_for(node.result.dtype)
    return _affine(arith.value(xs[0]), node, arith, "weight", "bias")


def _add(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.add": OR of spikes, or the sum in operand order
    (exact for integers, ((x0 + x1) + x2) + ... for floats)."""
    if node.attrs["mode"] == "or":
        return np.logical_or.reduce([x != 0 for x in xs])
    arith = arith_for(node.result.dtype)
    acc = arith.value(xs[0])
    for x in xs[1:]:
        acc = acc + arith.value(x)
    return acc


def _pool_windows(node: Node, x: np.ndarray):
    a = node.attrs
    return _windows(x, node.result.shape[1:], a["kernel"], a["stride"], a["padding"], (1, 1))


def _maxpool2d(node: Node, xs) -> np.ndarray:
    """Semantics.md "Pooling": the maximum over the window positions inside
    the input (padding never wins; on spikes the OR)."""
    arith = arith_for(node.result.dtype)
    x = arith.value(xs[0])
    acc = np.full((x.shape[0],) + node.result.shape, arith.lowest(), arith.compute_type)
    for _, _, patch, inside in _pool_windows(node, x):
        acc = np.where(inside, np.maximum(acc, patch), acc)
    return acc


def _window_sum(node: Node, x, arith: Arith) -> np.ndarray:
    """The window sum, acc = 0 (+0.0), row-major window order; padded
    positions count zero, i.e. add nothing."""
    x = arith.value(x)
    acc = np.zeros((x.shape[0],) + node.result.shape, arith.compute_type)
    for _, _, patch, inside in _pool_windows(node, x):
        acc = np.where(inside, acc + patch, acc)
    return acc


def _sumpool2d(node: Node, xs) -> np.ndarray:
    """Semantics.md "Pooling", snn.sumpool2d."""
    return _window_sum(node, xs[0], arith_for(node.result.dtype))


def _avgpool2d(node: Node, xs) -> np.ndarray:
    """Semantics.md "Pooling", snn.avgpool2d: the window sum divided by KH*KW
    (padding included), floor for integers (of the exact sum, saturated
    afterwards), one IEEE division for floats."""
    arith = arith_for(node.result.dtype)
    total = _window_sum(node, xs[0], arith)
    area = node.attrs["kernel"][0] * node.attrs["kernel"][1]
    if isinstance(arith, IntArith):
        return total // area
    return total / arith.value(area)


def _reshape(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.flatten, snn.reshape": row-major per step."""
    return xs[0].reshape((xs[0].shape[0],) + node.result.shape)


def _scale(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.scale": factor_F * x, or sat(mulq(x, factor))."""
    arith = arith_for(node.result.dtype)
    factor = arith.factor(_param(node, "factor", 1.0, node.result.shape))
    return arith.mul(arith.value(xs[0]), factor)


def _delay(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.delay": y[t] = x[t - steps], zero before."""
    x, steps = xs[0], node.attrs["steps"]
    y = np.zeros_like(x)
    if steps < x.shape[0]:
        y[steps:] = x[:x.shape[0] - steps]
    return y


def _compare(h: np.ndarray, theta: np.ndarray, compare: str) -> np.ndarray:
    return h >= theta if compare == "ge" else h > theta


def _threshold(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.threshold": integers against the real theta (exact
    in float64 for up to 32 bits), floats against theta rounded to their type."""
    x = xs[0]
    theta = _param(node, "threshold", 0.0, node.result.shape)
    if dtypes.is_float(node.inputs[0].dtype):
        theta = theta.astype(x.dtype)
    else:
        x = x.astype(np.int64)
    return _compare(x, theta, node.attrs["compare"])


def _relu(node: Node, xs) -> np.ndarray:
    """Semantics.md "snn.relu": clamp(floor(x / 2^shift), 0, 2^(N-1) - 1), or
    x > 0 ? x : +0.0 for floats."""
    x = xs[0]
    if dtypes.is_float(node.result.dtype):
        return np.where(x > 0, x, np.zeros_like(x))
    shifted = np.right_shift(x.astype(np.int64), node.attrs["shift"])
    return np.minimum(np.maximum(shifted, 0), dtypes.int_range(node.result.dtype)[1])


# -- neurons --------------------------------------------------------------------

class _NeuronModel:
    """The resolved parameters of a neuron op, in the arithmetic of its state
    (and synaptic current) type, and one step of its update (Semantics.md
    "Neurons (stateful)")."""

    def __init__(self, node: Node, step_shape):
        a = node.attrs
        self.node = node
        self.spiking = node.op in ("lif", "cuba_lif")
        self.current = node.op in ("cuba_lif", "cuba_li")
        self.mem = arith_for(a["state_type"], a.get("rounding", "floor"),
                             a.get("overflow", "saturate"))
        self.syn = arith_for(a.get("syn_type", a["state_type"]), a.get("syn_rounding", "floor"),
                             a.get("syn_overflow", "saturate")) if self.current else self.mem
        if isinstance(self.syn, FloatArith) and isinstance(self.mem, IntArith):
            raise ValueError(f"{node.result.name}: a float current ({a['syn_type']}) feeding "
                             f"an integer membrane ({a['state_type']}) is not defined")

        def p(key: str, default: float) -> np.ndarray:
            return _param(node, key, default, step_shape)

        self.beta = self.mem.factor(_decay(node, "beta", "tau", step_shape))
        self.gain = self.mem.factor(p("gain", 1.0))
        self.v_leak = self.mem.constant(p("v_leak", 0.0))
        self.v_init = self.mem.constant(p("v_init", 0.0))
        # Absent, the bias adds nothing (not +0.0, which turns -0.0 into +0.0).
        self.bias = self.mem.constant(p("bias", 0.0)) if "bias" in a else None
        if self.current:
            self.alpha = self.syn.factor(_decay(node, "alpha", "tau_syn", step_shape))
            self.syn_gain = self.syn.factor(p("syn_gain", 1.0))
            self.i_init = self.syn.constant(p("i_init", 0.0))
        if self.spiking:
            self.theta = self.mem.constant(p("threshold", 0.0))
            self.v_reset = self.mem.constant(p("v_reset", 0.0))
            self.zero = self.mem.constant(np.zeros(step_shape))
            self.refractory = int(a.get("refractory", 0))
            self.adaptive = "adapt" in a
            if self.adaptive:
                self.adapt = self.mem.constant(p("adapt", 0.0))
                self.adapt_decay = self.mem.factor(_decay(node, "adapt_decay", "tau_adapt",
                                                          step_shape))

    def drive(self, x: np.ndarray, s_prev: np.ndarray) -> np.ndarray:
        """x'[t] = x[t] + r[t] (Semantics.md "Input drive"), in the type that
        receives it: the current's for current-based neurons, else the membrane's."""
        x = self.syn.value(x)
        if "recurrent" not in self.node.tensors:
            return x
        r = _affine(self.syn.value(s_prev)[None, :], self.node, self.syn,
                    "recurrent", "recurrent_bias")[0]
        if isinstance(self.syn, IntArith):
            return _saturate(x + r, "i32", "recurrent_drive", self.node.result)
        return x + r

    def filter_current(self, i: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Semantics.md "snn.cuba_lif": i = (alpha * i) + (syn_gain * x')."""
        return self.syn.finish(self.syn.mul(i, self.alpha) + self.syn.mul(x, self.syn_gain),
                               self.node.result)

    def charge(self, v: np.ndarray, x: np.ndarray) -> np.ndarray:
        """h = ((beta * (v - v_leak)) + v_leak) + (gain * x') [+ bias],
        saturated for integers (Semantics.md "snn.lif"; ovf and rnd of
        "Integer neurons")."""
        mem = self.mem
        return mem.finish(self.biased(mem.mul(v - self.v_leak, self.beta) + self.v_leak
                                      + mem.mul(mem.value(x), self.gain)), self.node.result)

    def biased(self, h: np.ndarray) -> np.ndarray:
        """h + bias, the last addition of the charge; h without a bias."""
        return h if self.bias is None else h + self.bias

    def reset(self, h: np.ndarray, s: np.ndarray, theta: np.ndarray) -> np.ndarray:
        """R(h, s) of Semantics.md "snn.lif", subtracting `theta`."""
        mode = self.node.attrs["reset"]
        if mode == "none":
            return h
        reset_value = {"subtract": self.mem.finish(h - theta), "zero": self.zero,
                       "to_value": self.v_reset}[mode]
        return np.where(s, reset_value, h)

    def adapted(self, a: np.ndarray, s: np.ndarray) -> np.ndarray:
        """a[t] = (adapt_decay * a[t-1]) + (s[t] ? adapt : 0) (Semantics.md
        "Adaptive threshold"), in the membrane's arithmetic."""
        decayed = self.mem.mul(a, self.adapt_decay)
        return self.mem.finish(np.where(s, decayed + self.adapt, decayed))


#: The active `membrane_log`: neuron result name -> its membrane trace.
_membranes: Optional[Dict[str, np.ndarray]] = None


@contextlib.contextmanager
def membrane_log():
    """Records the membranes of the neuron ops simulated while active. Yields
    {result name: array (T, *shape) in the state type} with v[t] of
    Semantics.md "snn.lif": what step t leaves to step t+1, so after the
    reset with reset_timing = same and before it with next; li and cuba_li
    record their result. snn.lif itself returns only spikes."""
    global _membranes
    outer, _membranes = _membranes, {}
    try:
        yield _membranes
    finally:
        _membranes = outer


def _neuron(node: Node, xs) -> np.ndarray:
    """Semantics.md "Neurons (stateful)": lif, cuba_lif, li and cuba_li, one
    time step after the other; returns the spikes, or the membrane trace."""
    x = xs[0]
    step_shape = x.shape[1:]
    m = _NeuronModel(node, step_shape)
    v = m.v_init
    i = m.i_init if m.current else None
    s = np.zeros(step_shape, dtype=bool)
    # Threshold adaptation and refractory counter (Semantics.md "Refractory
    # period", "Adaptive threshold"), both zero at first.
    a = m.zero if m.spiking else None
    count = np.zeros(step_shape, dtype=np.int64)
    outputs, membranes = [], []
    for t in range(x.shape[0]):
        drive = m.drive(x[t], s)
        if m.current:
            i = drive = m.filter_current(i, drive)
        h = m.charge(v, drive)
        if not m.spiking:
            v = h
            outputs.append(v)
            continue
        silent = count > 0
        h = np.where(silent, v, h)
        if node.attrs["reset_timing"] == "next":
            h = m.reset(h, s, m.theta)
        theta = m.theta + a if m.adaptive else m.theta
        s = _compare(h, theta, node.attrs["compare"]) & ~silent
        v = m.reset(h, s, theta) if node.attrs["reset_timing"] == "same" else h
        if m.adaptive:
            a = m.adapted(a, s)
        count = np.where(s, m.refractory, np.maximum(count - 1, 0))
        outputs.append(s)
        membranes.append(v)
    if _membranes is not None:
        _membranes[node.result.name] = np.stack(membranes if m.spiking else outputs)
    return np.stack(outputs)


# -- the graph -----------------------------------------------------------------

OPS: Dict[str, Callable[[Node, List[np.ndarray]], np.ndarray]] = {
    "conv2d": _conv2d,
    "dense": _dense,
    "add": _add,
    "maxpool2d": _maxpool2d,
    "sumpool2d": _sumpool2d,
    "avgpool2d": _avgpool2d,
    "flatten": _reshape,
    "reshape": _reshape,
    "scale": _scale,
    "delay": _delay,
    "threshold": _threshold,
    "relu": _relu,
    "lif": _neuron,
    "cuba_lif": _neuron,
    "li": _neuron,
    "cuba_li": _neuron,
}


def _store(array: np.ndarray, value: Value, time_steps: int) -> np.ndarray:
    """An op's result in the storage type of `value`: integers saturated to
    their type (the final step of every integer op), floats unchanged."""
    expected = (time_steps,) + value.shape
    if array.shape != expected:
        raise AssertionError(f"{value.name}: computed shape {array.shape}, expected {expected}")
    storage = dtypes.numpy_type(value.dtype)
    if dtypes.is_float(value.dtype):
        if array.dtype != storage:
            raise AssertionError(f"{value.name}: computed {array.dtype}, expected {storage}")
        return array
    if value.dtype == "i1":
        return saturate(array, "i1").astype(storage)
    return _saturate(array, value.dtype, "result", value).astype(storage)


def _check_input(value: Value, array, time_steps: int) -> np.ndarray:
    array = np.asarray(array)
    expected = (time_steps,) + value.shape
    if array.shape != expected:
        raise ValueError(f"input '{value.name}': shape {array.shape}, expected {expected}")
    storage = dtypes.numpy_type(value.dtype)
    if value.dtype == "i1" and array.dtype == np.bool_:
        array = array.astype(storage)
    if array.dtype != storage:
        raise ValueError(f"input '{value.name}' of type {value.dtype}: dtype {array.dtype}, "
                         f"expected {storage}")
    if dtypes.is_int(value.dtype) and array.size:
        lo, hi = dtypes.int_range(value.dtype)
        if array.min() < lo or array.max() > hi:
            raise ValueError(f"input '{value.name}': values outside [{lo}, {hi}] of "
                             f"{value.dtype}")
    return array


def input_arrays(net: Network, inputs: Inputs) -> List[np.ndarray]:
    """`inputs` (a dict by name or a list in `net.inputs` order) as a checked
    list of storage arrays (bool spikes become uint8); ValueError naming the
    input on a wrong shape, dtype or out-of-range value."""
    names = [v.name for v in net.inputs]
    if isinstance(inputs, Mapping):
        missing = [n for n in names if n not in inputs]
        extra = [n for n in inputs if n not in names]
        if missing or extra:
            raise ValueError(f"inputs: missing {missing}, unknown {extra}; expected {names}")
        inputs = [inputs[n] for n in names]
    if len(inputs) != len(names):
        raise ValueError(f"{len(inputs)} inputs given, the network takes {len(names)} {names}")
    return [_check_input(v, a, net.time_steps) for v, a in zip(net.inputs, inputs)]


def evaluate(node: Node, values: Mapping[str, np.ndarray], time_steps: int) -> np.ndarray:
    """The result of `node` computed from `values` (its operands by name, as
    `simulate_all` gives them), in its storage type."""
    return _store(OPS[node.op](node, [values[v.name] for v in node.inputs]), node.result,
                  time_steps)


def _evaluate_loop(nodes: List[Node], values: Dict[str, np.ndarray], time_steps: int) -> None:
    """Semantics.md "snn.cycle": the values of a loop across time steps.

    Each sweep recomputes every node over all steps from the latest values,
    starting from zeros, in node order (a node comes after the nodes it reads
    at the same step: only feedback delays read later nodes). A step's values
    depend on earlier steps only through the loop's delays, so after sweep k
    at least the first k steps are exact; the sweeps stop once nothing
    changes, which the T + 1st sweep guarantees.
    Slow (up to T + 1 passes over the sequence), and obviously right.
    """
    for node in nodes:
        shape = (time_steps,) + node.result.shape
        values[node.result.name] = np.zeros(shape, dtypes.numpy_type(node.result.dtype))
    for _ in range(time_steps + 1):
        changed = False
        for node in nodes:
            new = evaluate(node, values, time_steps)
            changed |= not np.array_equal(new, values[node.result.name], equal_nan=True)
            values[node.result.name] = new
        if not changed:
            return
    raise AssertionError(f"the loop through {nodes[0].result.name} does not settle: "
                         "has it a delay of at least one step?")


def simulate_all(net: Network, inputs: Inputs) -> Dict[str, np.ndarray]:
    """Every value of the network (inputs and op results) by name, each of
    shape (T, *value.shape) in its storage type (spikes as uint8 0/1)."""
    values = {v.name: a for v, a in zip(net.inputs, input_arrays(net, inputs))}
    for nodes in net.components():
        if is_loop(nodes):
            _evaluate_loop(nodes, values, net.time_steps)
        else:
            values[nodes[0].result.name] = evaluate(nodes[0], values, net.time_steps)
    return values


def simulate(net: Network, inputs: Inputs) -> List[np.ndarray]:
    """The outputs of `net`, in `net.outputs` order (see `simulate_all`)."""
    values = simulate_all(net, inputs)
    return [values[v.name] for v in net.outputs]
