"""Seeded random small networks (and schedules) for differential testing.

`generate(seed)` builds a small network valid for the dialect verifier, with
random inputs, deterministically from the seed: chains and DAGs (residual
adds, fan-in of 2-3 operands, branches from earlier values), every op of
`graph.Network`, integer networks (i1 spikes, i4/i8 weights, narrow
accumulators and states so that saturation happens), float networks (f32,
some f64) and mixed ones bridged by spikes. `random_schedule` adds a legal
random `#snn.schedule` to every node.

Values that saturate or follow the network's activity come from a second
random stream, drawn after the structure: the first stream, which draws the
structure (ops, shapes, types), is the same with or without them; only a
wide recurrent neuron's drive type changes. Half the networks have wide
values: integer weights and biases over the full range of their types,
half of them at an end (accumulators saturate, 32-bit ones too), and
integer recurrent neurons with an i32 drive whose x + r goes past 32 bits.
Then every spiking op's thresholds are calibrated on the network's inputs,
in order: quantiles of what they are compared with, bisected until the op
spikes at a rate near a random target between 10% and 50% (a neuron whose
membrane stays below every positive threshold gets its gains and offsets
negated when that helps).

A third stream gives the integer neurons of 30% of the networks Lava-style
arithmetic: rounding modes (floor, toward_zero, nearest_even) and overflow
modes (saturate, wrap, saturate_symmetric) for the membrane and the current,
and biases; networks without it draw exactly what they drew before.

Command line (writes DIR/net_<seed>.mlir, .in<k>.npy, .ref<k>.npy):

    python3 -m snn_mlir.testing.random_net --seed S --count N --out DIR [--kind int|float|any] [--schedule]
        [--memoryless P] [--slack P]
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from .. import dtypes
from ..graph import OVERFLOW_MODES, ROUNDING_MODES, Network, Node, Schedule, Value, is_loop
from ..reference import OPS, evaluate, input_arrays, simulate, simulate_all

KINDS = ("int", "float", "any")
MAX_CHANNELS = 6
MAX_SPATIAL = 12
MAX_WIDTH = 24


def _divisors(n: int) -> List[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def _magnitude_bits(dtype: str) -> int:
    return 0 if dtype == "i1" else dtypes.bits(dtype) - 1


def _mac_fits(in_dtype: str, w_dtype: str, count: int) -> bool:
    """The verifier's bound on integer conv/dense accumulation (VerifyUtils.cpp)."""
    return (_magnitude_bits(in_dtype) + _magnitude_bits(w_dtype)
            + math.ceil(math.log2(count + 1)) + 1) <= 62


def _window_fits(size: int, kernel: int, stride: int, pad: int, dilation: int) -> bool:
    """True if the window fits the padded input and the output extent stays small."""
    span = size + 2 * pad - dilation * (kernel - 1) - 1
    return span >= 0 and span // stride + 1 <= MAX_SPATIAL


class _Generator:
    """Builds one random network; every `_op_*` method returns a new value
    computed from `x`, or None when the op does not apply to `x` (with
    `same_shape`, only variants that keep the shape, for residual branches)."""

    def __init__(self, seed, kind: str, memoryless: float = 0.0, slack: float = 0.0):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        self.memoryless, self.slack = memoryless, slack
        self.rng = np.random.default_rng(seed)
        # Values that replace drawn ones (wide values, calibrated thresholds)
        # come from a second stream: `rng` draws what it always drew, so a
        # seed keeps its structure.
        self.values_rng = np.random.default_rng(list(np.atleast_1d(seed)) + [4])
        self.wide = bool(self.values_rng.random() < WIDE)
        # Integer neurons' rounding and overflow modes and biases (Lava's
        # fixed point) come from a third stream: the other two draw the same
        # with or without them.
        self.modes_rng = np.random.default_rng(list(np.atleast_1d(seed)) + [5])
        self.modes = bool(self.modes_rng.random() < MODES)
        # Refractory periods and adaptive thresholds: a fourth stream.
        self.features_rng = np.random.default_rng(list(np.atleast_1d(seed)) + [6])
        self.features = bool(self.features_rng.random() < FEATURES)
        # Loops across time steps (snn.cycle): a fifth stream decides where.
        self.loops_rng = np.random.default_rng(list(np.atleast_1d(seed)) + [7])
        self.loops = bool(self.loops_rng.random() < LOOPS)
        self.domain = kind if kind != "any" else str(self.rng.choice(["int", "float", "mixed"]))
        self.net = Network(int(self.rng.integers(1, 9)))
        self.inputs: Dict[str, np.ndarray] = {}

    # -- random choices -------------------------------------------------------
    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def pick(self, options):
        return options[int(self.rng.integers(len(options)))]

    def int_type(self, lo: int, hi: int) -> str:
        return f"i{int(self.rng.integers(lo, hi + 1))}"

    def float_type(self) -> str:
        return "f64" if self.chance(0.15) else "f32"

    def result_domain(self, x: Value) -> str:
        """'int' or 'float' for an arithmetic op reading `x`: floats stay float,
        integers stay integer, spikes go either way in mixed networks."""
        if dtypes.is_float(x.dtype):
            return "float"
        if x.dtype != "i1" or self.domain == "int":
            return "int"
        return "float" if self.domain == "float" else self.pick(["int", "float"])

    def float_result(self, x: Value) -> str:
        return x.dtype if dtypes.is_float(x.dtype) else self.float_type()

    def spread(self, shape, sample: Callable[[int], np.ndarray]):
        """A parameter: a scalar, one value per channel or one per neuron."""
        how = self.pick(["scalar", "scalar", "channel", "neuron"])
        n = {"scalar": 1, "channel": shape[0], "neuron": int(np.prod(shape))}[how]
        values = np.asarray(sample(n), dtype=np.float64)
        return float(values[0]) if n == 1 else values

    def ints(self, lo: int, hi: int, n) -> np.ndarray:
        return self.rng.integers(lo, hi + 1, size=n)

    def wide_ints(self, dtype: str, n) -> np.ndarray:
        """Integers of `dtype` from the values stream: over its full range,
        half of them at one of its ends."""
        lo, hi = dtypes.int_range(dtype)
        rng = self.values_rng
        return np.where(rng.random(n) < 0.5, rng.choice([lo, hi], n),
                        rng.integers(lo, hi, size=n, endpoint=True))

    def int_values(self, dtype: str, n) -> np.ndarray:
        """Integers of `dtype`: its full range, or a narrower one."""
        lo, hi = dtypes.int_range(dtype)
        if dtype != "i1" and self.chance(0.5):
            lo, hi = lo // 4, hi // 4
        return self.ints(lo, hi, n)

    def fixed_point(self, lo: float, hi: float, n) -> np.ndarray:
        """Reals whose Q16 rounding is interesting: often exact halves of the
        Q16 step (ties of round_half_even), sometimes simple fractions."""
        if self.chance(0.3):
            return np.round(self.rng.uniform(lo, hi, size=n) * 8) / 8
        return self.rng.integers(int(lo * 2 ** 17), int(hi * 2 ** 17) + 1, size=n) / 2 ** 17

    # -- inputs ---------------------------------------------------------------
    def new_input(self, shape=None, dtype=None) -> Value:
        if shape is None:
            shape = ((int(self.rng.integers(1, MAX_CHANNELS + 1)),
                      int(self.rng.integers(3, MAX_SPATIAL + 1)),
                      int(self.rng.integers(3, MAX_SPATIAL + 1)))
                     if self.chance(0.6) else (int(self.rng.integers(1, MAX_WIDTH + 1)),))
        if dtype is None:
            dtype = "i1" if self.chance(0.5) else {
                "int": self.int_type(2, 16), "float": self.float_type(),
                "mixed": self.pick([self.int_type(2, 16), self.float_type()])}[self.domain]
        value = self.net.input(shape, dtype)
        self.inputs[value.name] = self.input_data((self.net.time_steps,) + tuple(shape), dtype)
        return value

    def input_data(self, shape, dtype: str) -> np.ndarray:
        if dtype == "i1":
            return (self.rng.random(shape) < self.rng.uniform(0.1, 0.6)).astype(np.uint8)
        if dtypes.is_float(dtype):
            scale = self.pick([0.5, 1.0, 2.0])
            return (self.rng.normal(0.0, scale, shape)).astype(dtypes.numpy_type(dtype))
        return self.int_values(dtype, shape).astype(dtypes.numpy_type(dtype))

    # -- synapses ---------------------------------------------------------------
    def weights(self, domain: str, x: Value, out_dtype: str, shape, fan_in: int):
        """(weight, weight dtype, bias or None) of a conv/dense layer."""
        if domain == "int":
            w_dtype = self.pick(["i4", "i8", "i8", "i2"])
            if not _mac_fits(x.dtype, w_dtype, fan_in):
                w_dtype = "i2"
            weight = self.int_values(w_dtype, shape)
            lo, hi = dtypes.int_range(out_dtype)
            bias = self.ints(lo // 4, hi // 4, shape[0]) if self.chance(0.5) else None
            if self.wide:  # full ranges: the accumulator saturates, up to 32 bits
                weight = self.wide_ints(w_dtype, shape)
                bias = None if bias is None else self.wide_ints(out_dtype, shape[0])
            return weight, w_dtype, bias
        weight = self.rng.normal(0.0, 1.0 / math.sqrt(fan_in), shape)
        bias = self.rng.normal(0.0, 0.5, shape[0]) if self.chance(0.5) else None
        return weight, out_dtype, bias

    def mac_result(self, domain: str, x: Value) -> str:
        if domain == "float":
            return self.float_result(x)
        return self.pick(["i6", "i8", "i8", "i12", "i16", "i16", "i24", "i32"])

    def _op_conv2d(self, x: Value, same_shape: bool) -> Optional[Value]:
        if len(x.shape) != 3:
            return None
        c, h, w = x.shape
        groups = self.pick(_divisors(c))
        k_out = c if same_shape else groups * int(self.rng.integers(1, MAX_CHANNELS // groups + 1))
        for _ in range(10):
            kernel = [self.pick([1, 3]) if same_shape else int(self.rng.integers(1, 4))
                      for _ in range(2)]
            dilation = [int(self.rng.integers(1, 3)) for _ in range(2)]
            stride = [1, 1] if same_shape else [int(self.rng.integers(1, 3)) for _ in range(2)]
            padding = ([d * (k - 1) // 2 for k, d in zip(kernel, dilation)] if same_shape
                       else [int(self.rng.integers(0, 3)) for _ in range(2)])
            if all(_window_fits(*args) for args in zip((h, w), kernel, stride, padding, dilation)):
                break
        else:
            return None
        domain = self.result_domain(x)
        out = self.mac_result(domain, x)
        shape = (k_out, c // groups, kernel[0], kernel[1])
        weight, w_dtype, bias = self.weights(domain, x, out, shape, int(np.prod(shape[1:])))
        return self.net.conv2d(x, weight, bias, stride=stride, padding=padding,
                               dilation=dilation, groups=groups, out_dtype=out,
                               weight_dtype=w_dtype)

    def _op_dense(self, x: Value, same_shape: bool) -> Optional[Value]:
        if len(x.shape) != 1 or (same_shape and x.shape[0] > MAX_WIDTH):
            return None
        m = x.shape[0] if same_shape else int(self.rng.integers(1, MAX_WIDTH + 1))
        domain = self.result_domain(x)
        out = self.mac_result(domain, x)
        weight, w_dtype, bias = self.weights(domain, x, out, (m, x.shape[0]), x.shape[0])
        return self.net.dense(x, weight, bias, out_dtype=out, weight_dtype=w_dtype)

    def _pool(self, op: str, x: Value, same_shape: bool) -> Optional[Value]:
        if len(x.shape) != 3:
            return None
        if same_shape:
            kernel, stride, padding = (3, 3), (1, 1), (1, 1)
        else:
            kernel = tuple(int(self.rng.integers(1, 4)) for _ in range(2))
            stride = None if self.chance(0.4) else tuple(int(self.rng.integers(1, 4))
                                                        for _ in range(2))
            padding = tuple(int(self.rng.integers(0, min(k, 3))) for k in kernel)
        if not all(_window_fits(s, k, st, p, 1)
                   for s, k, st, p in zip(x.shape[1:], kernel, stride or kernel, padding)):
            return None
        if op == "maxpool2d":
            return self.net.maxpool2d(x, kernel, stride, padding)
        if self.result_domain(x) == "float":
            out = self.float_result(x)
        else:
            out = self.int_type(min(max(2, _magnitude_bits(x.dtype) - 2), 24), 24)
        build = self.net.sumpool2d if op == "sumpool2d" else self.net.avgpool2d
        return build(x, kernel, stride, padding, out_dtype=out)

    def _op_maxpool2d(self, x, same_shape):
        return self._pool("maxpool2d", x, same_shape)

    def _op_sumpool2d(self, x, same_shape):
        return self._pool("sumpool2d", x, same_shape)

    def _op_avgpool2d(self, x, same_shape):
        return self._pool("avgpool2d", x, same_shape)

    def _op_flatten(self, x: Value, same_shape: bool) -> Optional[Value]:
        if same_shape or len(x.shape) < 2:
            return None
        partial = [(1, 2), (0, 1), (-2, -1)] if len(x.shape) == 3 else [(-2, -1)]
        start, end = self.pick([(0, -1), (0, -1)] + partial)
        return self.net.flatten(x, start, end)

    def _op_reshape(self, x: Value, same_shape: bool) -> Optional[Value]:
        if same_shape:
            return None
        n = x.size
        shapes = [(c, h, n // (c * h)) for c in _divisors(n) if c <= MAX_CHANNELS
                  for h in _divisors(n // c)
                  if h <= MAX_SPATIAL and n // (c * h) <= MAX_SPATIAL]
        if n <= 4 * MAX_WIDTH:
            shapes.append((n,))
        shapes = [s for s in shapes if s != x.shape]
        return self.net.reshape(x, self.pick(shapes)) if shapes else None

    # -- element-wise -----------------------------------------------------------
    def _op_scale(self, x: Value, same_shape: bool) -> Optional[Value]:
        if self.result_domain(x) == "float":
            out = self.float_result(x)
            factor = self.spread(x.shape, lambda n: self.rng.normal(0.0, 1.5, n))
        else:
            out = self.int_type(4, 16)
            factor = self.spread(x.shape, lambda n: self.fixed_point(-2.0, 2.0, n))
        return self.net.scale(x, factor, out_dtype=out)

    def _op_delay(self, x: Value, same_shape: bool) -> Optional[Value]:
        return self.net.delay(x, int(self.rng.integers(0, self.net.time_steps + 1)))

    def _op_threshold(self, x: Value, same_shape: bool) -> Optional[Value]:
        if dtypes.is_float(x.dtype):
            theta = self.spread(x.shape, lambda n: self.rng.normal(0.0, 1.0, n))
        else:
            lo, hi = dtypes.int_range(x.dtype)
            theta = self.spread(x.shape, lambda n: np.round(
                self.rng.uniform(lo / 4 - 0.5, hi / 4 + 0.5, n) * 2) / 2)
        return self.net.threshold(x, theta, self.pick(["gt", "ge"]))

    def _op_relu(self, x: Value, same_shape: bool) -> Optional[Value]:
        if dtypes.is_float(x.dtype):
            return self.net.relu(x)
        if self.result_domain(x) == "float":  # spikes in a float network: no float relu of i1
            return None
        return self.net.relu(x, int(self.rng.integers(0, 5)), out_dtype=self.int_type(2, 16))

    # -- neurons ----------------------------------------------------------------
    def _op_lif(self, x, same_shape):
        return self.neuron("lif", x)

    def _op_cuba_lif(self, x, same_shape):
        return self.neuron("cuba_lif", x)

    def _op_li(self, x, same_shape):
        return self.neuron("li", x)

    def _op_cuba_li(self, x, same_shape):
        return self.neuron("cuba_li", x)

    def decay(self, kw: dict, shape, direct: str, tau_key: str) -> None:
        """Sets `direct` in [0, 1] or `tau_key` (with a shared `dt`), or neither."""
        how = self.pick(["none", "direct", "direct", "tau"])
        if how == "direct":
            kw[direct] = self.spread(shape, lambda n: np.where(
                self.rng.random(n) < 0.2, self.pick([0.0, 1.0]), self.fixed_point(0.0, 1.0, n)))
        elif how == "tau":
            kw.setdefault("dt", self.pick([1.0, 0.5, 1e-3]))
            kw[tau_key] = self.spread(shape, lambda n: kw["dt"] * self.rng.uniform(1.0, 20.0, n))

    def neuron_type(self, x: Value) -> str:
        """The state type: integer states need integer inputs; mixed networks
        also feed integers into float neurons."""
        domain = self.result_domain(x)
        if domain == "int" and self.domain == "mixed" and x.dtype != "i1" and self.chance(0.3):
            domain = "float"
        return self.int_type(4, 16) if domain == "int" else self.float_type()

    def neuron(self, op: str, x: Value) -> Value:
        spiking, current = op in ("lif", "cuba_lif"), op.startswith("cuba")
        shape = x.shape
        state = self.neuron_type(x)
        is_int = dtypes.is_int(state)
        kw: Dict[str, object] = {"state_type": state}
        lo, hi = dtypes.int_range(state) if is_int else (None, None)

        def additive(scale: float):
            """An additive parameter: an integer of the state range, or a small real."""
            if is_int:
                return self.spread(shape, lambda n: self.ints(int(lo * scale), int(hi * scale), n))
            return self.spread(shape, lambda n: self.rng.normal(0.0, scale, n))

        self.decay(kw, shape, "beta", "tau")
        if self.chance(0.4):
            kw["gain"] = self.spread(shape, lambda n: self.fixed_point(-1.0, 3.0, n))
        if self.chance(0.4):
            kw["v_leak"] = additive(0.25)
        if self.chance(0.4):
            kw["v_init"] = additive(0.5)
        if current:
            syn = self.int_type(4, 16) if is_int else self.float_type()
            if syn != state:
                kw["syn_type"] = syn
            self.decay(kw, shape, "alpha", "tau_syn")
            if self.chance(0.4):
                kw["syn_gain"] = self.spread(shape, lambda n: self.fixed_point(-1.0, 3.0, n))
            if self.chance(0.4):
                syn_hi = dtypes.int_range(syn)[1] if is_int else None
                kw["i_init"] = self.spread(shape, lambda n: self.ints(-syn_hi // 2, syn_hi // 2, n)
                                           if is_int else self.rng.normal(0.0, 0.5, n))
        if not spiking:
            self.arithmetic(kw, shape, state, current)
            build = self.net.cuba_li if current else self.net.li
            return build(x, **kw)
        if is_int:  # positive integers, often well below the top of the range
            kw["threshold"] = self.spread(shape, lambda n: self.ints(
                1, max(1, hi // self.pick([1, 4, 4])), n))
        else:
            kw["threshold"] = self.spread(shape, lambda n: self.rng.uniform(0.1, 2.0, n))
        kw["compare"] = self.pick(["gt", "ge"])
        kw["reset"] = self.pick(["subtract", "zero", "to_value", "none"])
        kw["reset_timing"] = self.pick(["same", "next"])
        if kw["reset"] == "to_value":
            kw["v_reset"] = additive(0.5)
        if len(shape) == 1 and self.chance(0.4):
            drive = kw.get("syn_type", state) if current else state
            n = shape[0]
            if dtypes.is_int(drive):
                d_hi = min(dtypes.int_range(drive)[1], 8)
                kw["recurrent"] = self.ints(-d_hi, d_hi, (n, n))
                kw["recurrent_bias"] = self.ints(-d_hi, d_hi, n) if self.chance(0.5) else None
            else:
                kw["recurrent"] = self.rng.normal(0.0, 0.5, (n, n))
                kw["recurrent_bias"] = self.rng.normal(0.0, 0.3, n) if self.chance(0.5) else None
        self.spiking_features(kw, shape, state)
        if self.memoryless and self.chance(self.memoryless):
            self.forget(kw, current)
        elif is_int and self.slack and self.chance(self.slack):
            kw["state_type"] = f"i{min(32, dtypes.bits(state) + 8)}"
        if self.wide and is_int and kw.get("recurrent") is not None:
            self.widen_recurrence(kw, current)
        self.arithmetic(kw, shape, state, current)
        build = self.net.cuba_lif if current else self.net.lif
        return build(x, **kw)

    def arithmetic(self, kw: dict, shape, state: str, current: bool) -> None:
        """In networks with `modes`, most integer neurons get rounding and
        overflow modes for their membrane (and current) and half of them a
        bias in a quarter of the state range, all from the modes stream (the
        bias from the drawn state type, which slack or an i32 drive only widen)."""
        if not self.modes or not dtypes.is_int(state):
            return
        rng = self.modes_rng
        if rng.random() < 0.2:  # some keep the defaults
            return
        for prefix in ("", "syn_") if current else ("",):
            kw[prefix + "rounding"] = str(rng.choice(ROUNDING_MODES))
            kw[prefix + "overflow"] = str(rng.choice(OVERFLOW_MODES))
        if rng.random() < 0.5:
            lo, hi = dtypes.int_range(state)
            n = int(rng.choice([1, 1, shape[0], int(np.prod(shape))]))
            values = rng.integers(lo // 4, hi // 4, size=n, endpoint=True).astype(np.float64)
            kw["bias"] = float(values[0]) if n == 1 else values

    def spiking_features(self, kw: dict, shape, state: str) -> None:
        """In networks with `features`, spiking neurons draw a refractory
        period and (with the reset in the same step) an adaptive threshold,
        its increment a small share of the threshold's scale, all from the
        features stream."""
        if not self.features:
            return
        rng = self.features_rng
        if rng.random() < 0.5:
            kw["refractory"] = int(rng.integers(1, 5))
        if kw["reset_timing"] != "same" or rng.random() < 0.5:
            return
        n = int(rng.choice([1, 1, shape[0], int(np.prod(shape))]))
        if dtypes.is_int(state):
            hi = dtypes.int_range(state)[1]
            values = rng.integers(0, max(1, hi // 16), size=n, endpoint=True).astype(np.float64)
        else:
            values = rng.uniform(0.0, 0.5, n)
        kw["adapt"] = float(values[0]) if n == 1 else values
        how = rng.choice(["none", "direct", "tau"])
        if how == "direct":
            kw["adapt_decay"] = float(rng.choice([0.0, 0.5, 0.9, 1.0, rng.uniform()]))
        elif how == "tau":
            kw.setdefault("dt", 1.0)
            kw["tau_adapt"] = float(kw["dt"] * rng.uniform(1.0, 20.0))

    def widen_recurrence(self, kw: dict, current: bool) -> None:
        """An i32 drive (the current, else the membrane) with recurrent
        weights and bias over its range: x + r goes past 32 bits, and its
        saturation shows in the i32 state that receives it."""
        kw["syn_type" if current else "state_type"] = "i32"
        kw["recurrent"] = self.wide_ints("i32", kw["recurrent"].shape)
        if kw.get("recurrent_bias") is not None:
            kw["recurrent_bias"] = self.wide_ints("i32", kw["recurrent_bias"].shape)

    @staticmethod
    def forget(kw: dict, current: bool) -> None:
        """Makes a spiking neuron memoryless: no decay, no recurrence, the
        reset (if any) in the same step. snn-eliminate-state must find it."""
        for key in ("tau", "tau_syn", "dt", "recurrent", "recurrent_bias", "refractory",
                    "adapt", "adapt_decay", "tau_adapt"):
            kw.pop(key, None)
        kw["beta"] = 0.0
        if current:
            kw["alpha"] = 0.0
        kw["reset_timing"] = "same"

    # -- structure --------------------------------------------------------------
    # Relative frequencies: layers with weights are favoured because they
    # apply to fewer shapes.
    UNARY = {"conv2d": 3, "dense": 3, "maxpool2d": 1.5, "sumpool2d": 1.5, "avgpool2d": 1.5,
             "flatten": 1, "reshape": 1, "scale": 1, "delay": 1, "threshold": 1, "relu": 1,
             "lif": 1, "cuba_lif": 1, "li": 1, "cuba_li": 1}

    def unary(self, x: Value, same_shape: bool = False) -> Value:
        """A random op applicable to `x` (scale, delay and neurons always are)."""
        weights = np.array(list(self.UNARY.values()))
        for op in self.rng.choice(list(self.UNARY), len(weights), replace=False,
                                  p=weights / weights.sum()):
            value = getattr(self, f"_op_{op}")(x, same_shape)
            if value is not None:
                return value
        raise AssertionError("no op applies")  # unreachable: scale always applies

    @staticmethod
    def sum_type(operands: List[Value]) -> Optional[str]:
        """The float type an add of `operands` must produce, '' for an integer
        add, or None when the operands cannot be summed together."""
        floats = {v.dtype for v in operands if dtypes.is_float(v.dtype)}
        if len(floats) > 1 or (floats and any(v.dtype not in floats | {"i1"} for v in operands)):
            return None
        return floats.pop() if floats else ""

    def add(self, operands: List[Value]) -> Value:
        float_type = self.sum_type(operands)
        if float_type:
            return self.net.add(*operands, out_dtype=float_type)
        if all(v.dtype == "i1" for v in operands):
            if self.chance(0.4):
                return self.net.add(*operands, mode="or")
            if self.result_domain(operands[0]) == "float":
                return self.net.add(*operands, out_dtype=self.float_type())
        widest = max(_magnitude_bits(v.dtype) for v in operands)
        out = self.int_type(max(2, widest - 1), min(32, widest + 3))
        return self.net.add(*operands, out_dtype=out)

    def compatible(self, x: Value, operands: List[Value]) -> bool:
        return x.shape == operands[0].shape and self.sum_type(operands + [x]) is not None

    def residual(self, x: Value, budget: int) -> Value:
        """add(x, branch(x)[, third]) with a shape-preserving branch; the third
        operand is an earlier value of the same shape or a second branch."""
        operands = [x]
        for _ in range(2 if budget >= 3 and self.chance(0.3) else 1):
            mark = len(self.net.nodes)
            for _ in range(5):
                branch = self.unary(x, same_shape=True)
                if self.compatible(branch, operands):
                    break
                del self.net.nodes[mark:]  # a branch that cannot be summed: try another
            else:
                branch = self.net.delay(x, 1)  # same type as x: always summable
            operands.append(branch)
        earlier = [v for v in self.values() if v not in operands and self.compatible(v, operands)]
        if len(operands) == 2 and earlier and self.chance(0.3):
            operands.append(self.pick(earlier))
        return self.add(operands)

    def add_loop(self) -> None:
        """A loop across time steps from a random value x: x + feedback ->
        one or two shape-keeping ops -> spikes, which are the feedback 1 to
        3 steps later; now and then one more op reads the spikes. Drawn from
        the loops stream alone, after the rest: the network around the loop
        is the one drawn without it."""
        main_rng, self.rng = self.rng, self.loops_rng
        x = self.pick(self.values())
        feedback = self.net.feedback(x.shape, "i1", int(self.rng.integers(1, 4)))
        y = self.add([x, feedback])
        for _ in range(int(self.rng.integers(1, 3))):
            y = self.unary(y, same_shape=True)
        if y.dtype != "i1":
            y = self._op_threshold(y, True)
        self.net.close_feedback(feedback, y)
        if self.chance(0.5):
            self.unary(y)
        self.rng = main_rng

    def values(self) -> List[Value]:
        return list(self.net.inputs) + [node.result for node in self.net.nodes]

    def build(self) -> Tuple[Network, Dict[str, np.ndarray]]:
        target = int(self.rng.integers(2, 9))
        x = self.new_input()
        if self.chance(0.2):  # fan-in of two network inputs
            other = self.new_input(x.shape, "i1" if x.dtype == "i1" else x.dtype)
            x = self.add([x, other] if self.chance(0.7) else [x, other, x])
        while len(self.net.nodes) < target:
            budget = target - len(self.net.nodes)
            if budget >= 2 and self.chance(0.2):
                x = self.residual(x, budget)
            elif len(self.net.nodes) >= 2 and self.chance(0.15):
                x = self.unary(self.pick(self.values()))  # a branch: x becomes an output
            else:
                x = self.unary(x)
        if self.loops:
            self.add_loop()
        self.set_outputs()
        return self.net, self.inputs

    def set_outputs(self) -> None:
        """Every value no op reads is an output (reads by feedback edges
        aside: a loop's last value is an output); sometimes an intermediate
        one too."""
        used = {v.name for node in self.net.nodes for v in node.inputs
                if node.result.name not in self.net.feedbacks}
        results = [node.result for node in self.net.nodes]
        outputs = [v for v in results if v.name not in used]
        if len(results) > 1 and self.chance(0.15):
            extra = self.pick(results[:-1])
            if extra not in outputs:
                outputs.insert(0, extra)
        self.net.output(*outputs)

    # -- calibration ------------------------------------------------------------
    def calibrate(self) -> Dict[str, np.ndarray]:
        """Sets the thresholds of every spiking op, in order, from what it
        sees on the network's inputs (`set_threshold`); returns every value
        of the network (as `reference.simulate_all`)."""
        values = dict(zip([v.name for v in self.net.inputs],
                          input_arrays(self.net, self.inputs)))
        for node in self.net.nodes:
            if node.inputs[0].name not in values:  # a feedback edge: calibrate with it open
                shape = (self.net.time_steps,) + node.result.shape
                values[node.result.name] = np.zeros(shape, dtypes.numpy_type(node.result.dtype))
                continue
            if node.op in ("threshold", "lif", "cuba_lif"):
                x = values[node.inputs[0].name]
                if self.set_threshold(node, x) < 0.05 and node.op != "threshold":
                    self.mirror(node, x)
            values[node.result.name] = evaluate(node, values, self.net.time_steps)
        return simulate_all(self.net, self.inputs) if self.loops else values

    def mirror(self, node: Node, x: np.ndarray) -> None:
        """Negates the gains and offsets of a neuron whose membrane stays
        below its positive thresholds, if that lets it spike."""
        drawn = dict(node.attrs)
        node.attrs.update({key: -node.attrs[key] for key in MIRRORED if key in node.attrs})
        if self.set_threshold(node, x) < 0.05:
            node.attrs = drawn

    def set_threshold(self, node: Node, x: np.ndarray) -> float:
        """Thresholds (as many as were drawn: one, per channel or per neuron)
        at quantiles of the values they are compared with (the input, or the
        neuron's membrane without spikes): a common level, bisected so that
        the op spikes at a rate near a random target in [0.1, 0.5] on input
        `x`, plus a fixed random offset per threshold. Returns that rate."""
        drawn = node.attrs["threshold"]
        if node.op == "threshold":
            level = x
        else:  # the membrane trace: lif -> li, cuba_lif -> cuba_li
            membrane = dataclasses.replace(node, op=node.op[:-1], tensors={})
            level = OPS[membrane.op](membrane, [x])
        target = self.values_rng.uniform(0.1, 0.5)
        offsets = self.values_rng.uniform(-0.1, 0.1, drawn.size)
        low, high, q = 0.0, 1.0, 1.0 - target
        best, best_miss, best_rate = drawn, (True, math.inf), 0.0
        for _ in range(CALIBRATION_STEPS):
            theta = np.quantile(level, np.clip(q + offsets, 0.0, 1.0), method="lower")
            theta = theta.astype(np.float64)
            if node.op == "threshold":  # integer inputs: keep the drawn fractions (.0, .5)
                theta += 0.0 if dtypes.is_float(node.inputs[0].dtype) else drawn % 1
            else:  # positive, an integer of the state type
                theta = np.maximum(theta, 1.0 if dtypes.is_int(node.attrs["state_type"])
                                   else MIN_FLOAT_THRESHOLD)
            node.attrs["threshold"] = np.where(np.isfinite(theta), theta, drawn)
            rate = float(OPS[node.op](node, [x]).mean())
            miss = (not 0.05 <= rate <= 0.6, abs(rate - target))  # out of range first
            if miss < best_miss:
                best, best_miss, best_rate = node.attrs["threshold"], miss, rate
            if miss < (False, 0.1):  # in range and near the target
                break
            low, high = (q, high) if rate > target else (low, q)
            q = (low + high) / 2
        node.attrs["threshold"] = best
        return best_rate


#: The share of networks with wide values (`_Generator.wide`).
WIDE = 0.5
#: The share of networks whose integer neurons draw rounding and overflow
#: modes and biases (`_Generator.arithmetic`).
MODES = 0.3
#: The share of networks whose spiking neurons draw refractory periods and
#: adaptive thresholds (`_Generator.spiking_features`).
FEATURES = 0.3
#: The share of networks with a loop across time steps (`_Generator.loop`).
LOOPS = 0.25
#: Bisection steps of a threshold's calibration (`_Generator.set_threshold`).
CALIBRATION_STEPS = 8
#: What `_Generator.mirror` negates.
MIRRORED = ("gain", "syn_gain", "v_leak", "v_init", "i_init", "bias")
#: The smallest calibrated threshold of a float neuron (thresholds are positive).
MIN_FLOAT_THRESHOLD = 2.0 ** -20


def generate(seed: int, *, kind: str = "any", memoryless: float = 0.0,
             slack: float = 0.0) -> Tuple[Network, Dict[str, np.ndarray]]:
    """A random network and inputs for it (by input name), the same for the
    same seed. `kind` is 'int', 'float' or 'any' (int, float or mixed);
    `memoryless` the chance that a spiking neuron has no decay, recurrence
    or delayed reset (a neuron whose state never matters); `slack` the
    chance that another integer spiking neuron's state type is 8 bits wider
    than its parameters were drawn for (room for state narrowing).

    A network whose every output is one constant (once its thresholds are
    calibrated) could only catch crashes: it is drawn again, from the next
    random stream of the same seed, up to MAX_DRAWS times (networks that
    vary keep their first draw)."""
    for draw in range(MAX_DRAWS):
        stream = seed if draw == 0 else [seed, 3, draw]
        generator = _Generator(stream, kind, memoryless, slack)
        net, inputs = generator.build()
        values = generator.calibrate()
        if not all(is_constant(values[output.name]) for output in net.outputs):
            break
    return net, inputs


#: How often `generate` draws a network whose outputs are all constant.
MAX_DRAWS = 8


def is_constant(array: np.ndarray) -> bool:
    """True if every element of `array` equals the first (NaN equals NaN)."""
    flat = np.asarray(array).reshape(-1)
    if flat.size == 0:
        return True
    first = flat[0]
    if isinstance(first, (np.floating, float)) and np.isnan(first):
        return bool(np.all(np.isnan(flat)))
    return bool(np.all(flat == first))


# -- schedules --------------------------------------------------------------------

_AXIS_DIM = {"channels": 0, "rows": 1, "cols": 2}


def escaping_values(net: Network, nodes: List[Node]) -> List[Value]:
    """Results of `nodes` used outside them (by other nodes or as outputs)."""
    inside = {id(node) for node in nodes}
    used_outside = {v for node in net.nodes if id(node) not in inside for v in node.inputs}
    used_outside.update(net.outputs)
    return [node.result for node in nodes if node.result in used_outside]


def legal_tile_axes(net: Network, nodes: List[Node]) -> List[str]:
    """The tile axes a fusion group of `nodes` may use. Any spatial tiling
    needs the last node's result to be the only value used outside the group
    and every other result to be used inside it; rows/cols need 3-D per-step
    results everywhere and no flatten/reshape/dense; channels needs no
    flatten/reshape, no recurrent neuron and no grouped convolution."""
    ops = {node.op for node in nodes}
    axes = ["none"]
    inside = {v for node in nodes for v in node.inputs}
    if escaping_values(net, nodes) != [nodes[-1].result] or any(
            node.result not in inside for node in nodes[:-1]):
        return axes
    if not ops & {"flatten", "reshape"}:
        if not any("recurrent" in node.tensors or node.attrs.get("groups", 1) > 1
                   for node in nodes):
            axes.append("channels")
        if "dense" not in ops and all(len(node.result.shape) == 3 for node in nodes):
            axes += ["rows", "cols"]
    return axes


def _runs(n: int, rng: np.random.Generator) -> List[Tuple[int, int]]:
    """[start, end) runs covering range(n): all in one, all single, or random cuts."""
    how = rng.choice(["whole", "single", "random", "random"])
    if how == "whole":
        return [(0, n)]
    if how == "single":
        return [(i, i + 1) for i in range(n)]
    cuts = [0] + [i for i in range(1, n) if rng.random() < 0.4] + [n]
    return list(zip(cuts[:-1], cuts[1:]))


def _schedulable_runs(net: Network, rng: np.random.Generator) -> List[Tuple[int, int]]:
    """`_runs` of each stretch of nodes between loops (members of an
    snn.cycle take no schedule)."""
    in_loop = {node.result.name for nodes in net.components() if is_loop(nodes)
               for node in nodes}
    stretches, start = [], None
    for k, node in enumerate(net.nodes + [None]):
        free = node is not None and node.result.name not in in_loop
        if free and start is None:
            start = k
        elif not free and start is not None:
            stretches.append((start, k))
            start = None
    return [(begin + a, begin + b) for begin, end in stretches
            for a, b in _runs(end - begin, rng)]


def random_schedule(net: Network, rng: np.random.Generator) -> None:
    """Gives every node a random legal `Schedule`: runs of consecutive nodes
    form fusion groups (distinct ids, -1 sometimes for a lone node) sharing
    one time tile (0, 1, T or in between), tile axis and size, and placement."""
    time_steps = net.time_steps
    next_group = 0
    for start, end in _schedulable_runs(net, rng):
        nodes = net.nodes[start:end]
        if end - start == 1 and rng.random() < 0.5:
            group = -1
        else:
            group, next_group = next_group, next_group + 1
        time_tile = int(rng.choice([0, 1, time_steps, rng.integers(1, time_steps + 1)]))
        axis = str(rng.choice(legal_tile_axes(net, nodes)))
        tile_size = 0
        if axis != "none":
            extent = nodes[-1].result.shape[_AXIS_DIM[axis]]
            tile_size = int(rng.choice([1, extent, rng.integers(1, extent + 1)]))
        schedule = Schedule(group, time_tile, axis, tile_size, str(rng.choice(["onchip", "spill"])))
        for node in nodes:
            node.schedule = schedule


def schedule_rng(seed: int) -> np.random.Generator:
    """The generator of the schedule of network `seed` (independent of the
    network's own random stream)."""
    return np.random.default_rng([seed, 1])


# -- command line ---------------------------------------------------------------

def write_case(net: Network, inputs: Dict[str, np.ndarray], directory: str, stem: str) -> None:
    """DIR/STEM.mlir, the inputs DIR/STEM.in<k>.npy and the reference outputs
    DIR/STEM.ref<k>.npy."""
    with open(os.path.join(directory, f"{stem}.mlir"), "w") as f:
        f.write(net.to_mlir())
    arrays = [inputs[v.name] for v in net.inputs]
    for k, array in enumerate(arrays):
        np.save(os.path.join(directory, f"{stem}.in{k}.npy"), array)
    for k, array in enumerate(simulate(net, arrays)):
        np.save(os.path.join(directory, f"{stem}.ref{k}.npy"), array)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--count", type=int, default=1, help="number of networks")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--kind", choices=KINDS, default="any")
    parser.add_argument("--schedule", action="store_true", help="add random schedules")
    parser.add_argument("--memoryless", type=float, default=0.0,
                        help="chance that a spiking neuron is memoryless")
    parser.add_argument("--slack", type=float, default=0.0,
                        help="chance that an integer state type is wider than needed")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for seed in range(args.seed, args.seed + args.count):
        net, inputs = generate(seed, kind=args.kind, memoryless=args.memoryless,
                               slack=args.slack)
        if args.schedule:
            random_schedule(net, schedule_rng(seed))
        write_case(net, inputs, args.out, f"net_{seed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
