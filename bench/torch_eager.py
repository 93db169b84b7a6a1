"""PyTorch eager baselines: a `graph.Network` run with torch ops, two ways.

* `time-batched`: every synapse op (conv2d, dense, pools, add, flatten,
  reshape, scale, delay, threshold, relu) acts on all T steps at once, time
  being the batch dimension; neurons step through time in a Python loop.
* `stepped` (snnTorch style): the whole network one time step at a time.

Both follow docs/Semantics.md as python/snn_mlir/reference.py does:

* integer values are carried as exact integers in float32 (types of up to
  24 bits) or float64; every integer conv/dense/pool/add computes in float32
  when the largest possible partial sum (from the types of the activations
  and the actual weights) is below 2^24, in float64 below 2^53, so that any
  summation order is exact, then saturates; integer neurons compute in int32
  (int64 where a bound needs it) with Q16 `mulq` as `(a * q) >> 16`;
* float networks use PyTorch's own summation order in conv/dense/pools, so
  float results may differ from the reference in their last bits (and,
  rarely, spikes that follow from them): callers report the agreement
  instead of demanding equality. Float neurons and elementwise ops are
  bit-identical to the reference.

Ops or attributes outside that (recurrent weights, float values feeding
integer ops, ...) raise `Unsupported` rather than computing something else.

    net = TorchNet(network, input_arrays)          # builds every tensor once
    outs = net.run("time-batched")                 # torch tensors
    arrays = net.to_numpy(outs)                    # storage types, as reference.simulate
"""

from __future__ import annotations

import math
import time
from collections import deque
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from snn_mlir import dtypes
from snn_mlir.graph import Network, Node, param_array

STYLES = ("time-batched", "stepped")
Q16 = 65536


class Unsupported(ValueError):
    """The network uses an op or attribute this baseline does not implement."""


# -- types and bounds ---------------------------------------------------------------

def magnitude(dtype: str) -> int:
    """The largest |value| of an integer type (a spike counts 1)."""
    return 1 if dtype == "i1" else 1 << (dtypes.bits(dtype) - 1)


def carrier(dtype: str) -> torch.dtype:
    """The torch type that holds values of `dtype` exactly."""
    if dtype == "f64":
        return torch.float64
    if dtype == "f32" or dtypes.bits(dtype) <= 24:
        return torch.float32
    return torch.float64


def _narrowest(bound: float, limits, error: str) -> torch.dtype:
    """The first type of the (limit, type) pairs `limits` whose limit exceeds
    `bound`; Unsupported(`error`) if none does."""
    for limit, dtype in limits:
        if bound < limit:
            return dtype
    raise Unsupported(error)


def exact_float(bound: float, what: str) -> torch.dtype:
    """A float type in which integer sums of magnitude <= bound are exact."""
    return _narrowest(bound, ((2 ** 24, torch.float32), (2 ** 53, torch.float64)),
                      f"{what}: partial sums up to {bound:.3g} are not exact in float64")


def exact_int(bound: float, what: str) -> torch.dtype:
    """An integer type that holds values of magnitude <= bound."""
    return _narrowest(bound, ((2 ** 31, torch.int32), (2 ** 62, torch.int64)),
                      f"{what}: intermediate values up to {bound:.3g} leave int64")


def param_tensor(values, step_shape, dtype: torch.dtype) -> torch.Tensor:
    """A scalar / per-channel / per-neuron parameter in a shape that
    broadcasts against (B, *step_shape) and (*step_shape), following
    reference.broadcast_param's order of interpretation."""
    values = param_array(values)
    channels = step_shape[0] if step_shape else 1
    if values.size == 1:
        array = values.reshape(())
    elif values.size == channels:
        array = values.reshape((channels,) + (1,) * (len(step_shape) - 1))
    elif values.size == int(np.prod(step_shape)):
        array = values.reshape(step_shape)
    else:
        raise Unsupported(f"a parameter of {values.size} values for shape {step_shape}")
    return torch.from_numpy(np.ascontiguousarray(array)).to(dtype)


def _check(node: Node, attrs: Sequence[str] = (), tensors: Sequence[str] = ()) -> None:
    """Refuses attributes and parameter tensors this module does not know."""
    unknown = sorted(set(node.attrs) - set(attrs)) + sorted(set(node.tensors) - set(tensors))
    if unknown:
        raise Unsupported(f"{node.op} '{node.result.name}': {', '.join(unknown)} not supported")


def _int_operands(node: Node) -> None:
    """Integer results of float operands truncate in the reference; not here."""
    if any(dtypes.is_float(v.dtype) for v in node.inputs):
        raise Unsupported(f"{node.op} '{node.result.name}': float operand, integer result")


def count_macs(net: Network) -> int:
    """Multiply-accumulates of conv2d and dense per inference (all T steps)."""
    total = 0
    for node in net.nodes:
        if node.op in ("conv2d", "dense"):
            per_output = int(np.prod(node.tensors["weight"].shape[1:]))
            total += node.result.size * per_output
    return total * net.time_steps


# -- synapses (stateless: act on a leading dimension of T or of 1 step) -----------

class _Synapse:
    stateful = False

    def __init__(self, node: Node):
        self.node = node
        self.out_dtype = carrier(node.result.dtype)
        self.is_int = dtypes.is_int(node.result.dtype)
        if self.is_int:
            self.lo, self.hi = dtypes.int_range(node.result.dtype)

    def finish(self, y: torch.Tensor) -> torch.Tensor:
        """Saturates an exact integer result; stores it in the result's carrier."""
        if self.is_int:
            y = y.clamp(self.lo, self.hi)
        return y.to(self.out_dtype)


class _Affine(_Synapse):
    """conv2d and dense: F.conv2d / F.linear in an exact float type."""

    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("stride", "padding", "dilation", "groups") if node.op == "conv2d" else (),
               ("weight", "bias"))
        w = node.tensors["weight"].astype(np.float64)
        b = node.tensors.get("bias")
        if self.is_int:
            _int_operands(node)
            # |partial sum| <= |bias| + max|x| * sum|w| over one output's weights.
            per_output = np.abs(w).reshape(w.shape[0], -1).sum(axis=1)
            bias = np.abs(b.astype(np.float64)) if b is not None else 0
            bound = float(np.max(magnitude(node.inputs[0].dtype) * per_output + bias))
            self.compute = exact_float(bound, f"{node.op} '{node.result.name}'")
        else:
            self.compute = carrier(node.result.dtype)
        self.weight = torch.from_numpy(w).to(self.compute)
        self.bias = None
        if b is not None:
            self.bias = torch.from_numpy(b.astype(np.float64)).to(self.compute)
        self.attrs = node.attrs

    def __call__(self, xs):
        x = xs[0].to(self.compute)
        if self.node.op == "dense":
            return self.finish(F.linear(x, self.weight, self.bias))
        a = self.attrs
        return self.finish(F.conv2d(x, self.weight, self.bias, a["stride"], a["padding"],
                                    a["dilation"], a["groups"]))


class _Add(_Synapse):
    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("mode",))
        self.mode = node.attrs["mode"]
        if self.mode == "or":
            return
        if self.is_int:
            _int_operands(node)
            bound = sum(magnitude(v.dtype) for v in node.inputs)
            self.compute = exact_float(bound, f"add '{node.result.name}'")
        else:
            self.compute = self.out_dtype

    def __call__(self, xs):
        if self.mode == "or":
            acc = xs[0] != 0
            for x in xs[1:]:
                acc = acc | (x != 0)
            return acc.to(self.out_dtype)
        acc = xs[0].to(self.compute)
        for x in xs[1:]:   # operand order, ((x0 + x1) + x2) + ...
            acc = acc + x.to(self.compute)
        return self.finish(acc)


class _Pool(_Synapse):
    """maxpool2d (padding never wins: F.max_pool2d pads with -inf),
    sumpool2d (a sum: avg_pool2d with divisor 1) and avgpool2d."""

    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("kernel", "stride", "padding"))
        a = node.attrs
        self.kernel, self.stride, self.padding = a["kernel"], a["stride"], a["padding"]
        # torch pools take at most half a kernel of padding; wider padding is
        # added explicitly (-inf never wins a max, zeros add nothing).
        self.pad_first = any(2 * p > k for p, k in zip(self.padding, self.kernel))
        if self.pad_first:
            ph, pw = self.padding
            self.pad_first, self.padding = (pw, pw, ph, ph), (0, 0)
        self.area = self.kernel[0] * self.kernel[1]
        if node.op == "maxpool2d":
            self.compute = carrier(node.inputs[0].dtype)
        elif self.is_int:
            _int_operands(node)
            self.compute = exact_float(magnitude(node.inputs[0].dtype) * self.area,
                                       f"{node.op} '{node.result.name}'")
        else:
            self.compute = self.out_dtype

    def __call__(self, xs):
        x = xs[0].to(self.compute)
        if self.pad_first:
            fill = -math.inf if self.node.op == "maxpool2d" else 0.0
            x = F.pad(x, self.pad_first, value=fill)
        if self.node.op == "maxpool2d":
            return self.finish(F.max_pool2d(x, self.kernel, self.stride, self.padding))
        total = F.avg_pool2d(x, self.kernel, self.stride, self.padding,
                             count_include_pad=True, divisor_override=1)
        if self.node.op == "sumpool2d":
            return self.finish(total)
        if self.is_int:   # floor of the exact sum, then saturation
            return self.finish(torch.div(total, self.area, rounding_mode="floor"))
        return self.finish(total / self.area)


class _Reshape(_Synapse):
    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("start_dim", "end_dim"))
        self.shape = node.result.shape

    def __call__(self, xs):
        return xs[0].reshape((xs[0].shape[0],) + self.shape)


class _Scale(_Synapse):
    """float: factor_F * x; integer: sat(floor(x * q / 2^16)), exact in float64."""

    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("factor",))
        factor = node.attrs["factor"]
        if self.is_int:
            _int_operands(node)
            q = np.rint(param_array(factor) * Q16)
            exact_float(magnitude(node.inputs[0].dtype) * float(np.max(np.abs(q))),
                        f"scale '{node.result.name}'")   # float64 at least
            self.factor = param_tensor(q, node.result.shape, torch.float64)
        else:
            self.factor = param_tensor(factor, node.result.shape, self.out_dtype)

    def __call__(self, xs):
        if self.is_int:
            return self.finish(torch.floor(xs[0].to(torch.float64) * self.factor / Q16))
        return self.factor * xs[0].to(self.out_dtype)


class _Threshold(_Synapse):
    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("threshold", "compare"))
        self.ge = node.attrs["compare"] == "ge"
        theta = param_array(node.attrs["threshold"])
        x_dtype = node.inputs[0].dtype
        if dtypes.is_int(x_dtype):
            # Exact against the real theta: x > theta <=> x > floor(theta),
            # x >= theta <=> x >= ceil(theta); clamped where the carrier is exact.
            theta = np.ceil(theta) if self.ge else np.floor(theta)
            lo, hi = dtypes.int_range(x_dtype)
            theta = np.clip(theta, lo - 1, hi + 1)
        self.theta = param_tensor(theta, node.result.shape, carrier(x_dtype))

    def __call__(self, xs):
        s = xs[0] >= self.theta if self.ge else xs[0] > self.theta
        return s.to(self.out_dtype)


class _Relu(_Synapse):
    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("shift",))
        x_dtype = node.inputs[0].dtype
        # Semantics.md: integer -> iN, or a float to the same float.
        if dtypes.is_float(x_dtype) != (not self.is_int) or (
                not self.is_int and x_dtype != node.result.dtype):
            raise Unsupported(f"relu '{node.result.name}': {x_dtype} -> {node.result.dtype}")
        self.scale = 2.0 ** -node.attrs["shift"]   # exact: a power of two

    def __call__(self, xs):
        x = xs[0]
        if not self.is_int:
            return torch.where(x > 0, x, torch.zeros((), dtype=x.dtype))
        return torch.floor(x * self.scale).clamp(0, self.hi).to(self.out_dtype)


class _Delay(_Synapse):
    """y[t] = x[t - steps]; stepped, it keeps the last `steps` inputs."""

    stateful = True

    def __init__(self, node: Node):
        super().__init__(node)
        _check(node, ("steps",))
        self.steps = node.attrs["steps"]

    def __call__(self, xs):
        x = xs[0]
        y = torch.zeros_like(x)
        if self.steps < x.shape[0]:
            y[self.steps:] = x[:x.shape[0] - self.steps]
        return y

    def start(self, like: torch.Tensor):
        return deque(torch.zeros_like(like) for _ in range(self.steps))

    def step(self, queue, x):
        if not self.steps:
            return queue, x
        queue.append(x)
        return queue, queue.popleft()


# -- neurons ------------------------------------------------------------------------

NEURON_ATTRS = ("state_type", "syn_type", "beta", "tau", "dt", "gain", "v_leak", "v_init",
                "alpha", "tau_syn", "syn_gain", "i_init", "threshold", "v_reset",
                "compare", "reset", "reset_timing")


class _Neuron:
    """lif, cuba_lif, li, cuba_li (Semantics.md "Neurons"), one step at a
    time. Identity factors (1.0) and zero offsets are skipped: exact for
    integers, and for floats they change at most the sign of a zero."""

    stateful = True

    def __init__(self, node: Node):
        _check(node, NEURON_ATTRS)
        a, shape = node.attrs, node.result.shape
        self.node = node
        self.spiking = node.op in ("lif", "cuba_lif")
        self.current = node.op in ("cuba_lif", "cuba_li")
        mem = a["state_type"]
        syn = a.get("syn_type", mem) if self.current else mem
        x_dtype = node.inputs[0].dtype
        self.is_int = dtypes.is_int(mem)
        if dtypes.is_int(syn) != self.is_int or (self.is_int and dtypes.is_float(x_dtype)):
            raise Unsupported(f"{node.op} '{node.result.name}': mixes float and integer "
                              f"({x_dtype} -> {syn} -> {mem})")
        self.out_dtype = carrier(node.result.dtype)
        self.reset = a.get("reset", "subtract")
        self.next = a.get("reset_timing", "same") == "next"
        self.ge = a.get("compare", "gt") == "ge"

        def p(key, default):
            return param_array(a.get(key, default))

        beta = 1.0 - a["dt"] / p("tau", 1.0) if "tau" in a else p("beta", 1.0)
        alpha = 1.0 - a["dt"] / p("tau_syn", 1.0) if "tau_syn" in a else p("alpha", 1.0)
        offsets = {k: p(k, 0.0) for k in ("v_leak", "v_init", "i_init", "threshold", "v_reset")}
        if self.is_int:
            self._int_setup(shape, x_dtype, syn, mem, beta, p("gain", 1.0), alpha,
                            p("syn_gain", 1.0), offsets)
        else:
            self._float_setup(shape, carrier(syn), carrier(mem), beta, p("gain", 1.0), alpha,
                              p("syn_gain", 1.0), offsets)

    # integer: exact ints, mulq(a, c) = (a * q(c)) >> 16 (an arithmetic shift = floor)
    def _int_setup(self, shape, x_dtype, syn, mem, beta, gain, alpha, syn_gain, offsets):
        for key, v in offsets.items():
            if not np.all(v == np.floor(v)):
                raise Unsupported(f"'{self.node.result.name}': non-integer {key}")
        q = {k: np.rint(c * Q16) for k, c in
             (("beta", beta), ("gain", gain), ("alpha", alpha), ("syn_gain", syn_gain))}
        big = lambda v: float(np.max(np.abs(v)))   # noqa: E731

        def product(a_bound, key):   # bound of a * q, and of mulq(a, c)
            if np.all(q[key] == Q16):
                return a_bound, a_bound
            return a_bound * big(q[key]), a_bound * big(q[key]) / Q16 + 1

        bounds = []
        drive = magnitude(x_dtype)
        if self.current:
            p1, r1 = product(magnitude(syn), "alpha")
            p2, r2 = product(drive, "syn_gain")
            bounds += [p1, p2, r1 + r2]
            drive = magnitude(syn)
        p3, r3 = product(magnitude(mem) + big(offsets["v_leak"]), "beta")
        p4, r4 = product(drive, "gain")
        bounds += [p3, p4, r3 + r4 + big(offsets["v_leak"]),
                   magnitude(mem) + big(offsets["threshold"])]
        self.compute = exact_int(max(bounds), f"{self.node.op} '{self.node.result.name}'")
        self.state_dtype = self.compute

        def tensor(v):
            return param_tensor(v, shape, self.compute)

        def factor(key):   # None for the identity factor
            return None if np.all(q[key] == Q16) else tensor(q[key])

        def offset(key):   # None for zero
            return None if not np.any(offsets[key]) else tensor(offsets[key])

        self.beta, self.gain = factor("beta"), factor("gain")
        self.alpha, self.syn_gain = factor("alpha"), factor("syn_gain")
        self.v_leak, self.theta, self.v_reset = offset("v_leak"), tensor(offsets["threshold"]), \
            tensor(offsets["v_reset"])
        self.v_init, self.i_init = tensor(offsets["v_init"]), tensor(offsets["i_init"])
        self.mem_range = dtypes.int_range(mem)
        self.syn_range = dtypes.int_range(syn)

    def _mul(self, a, factor):
        if factor is None:
            return a
        return (a * factor) >> 16 if self.is_int else factor * a

    def _sat(self, z, bounds):
        return z.clamp(*bounds) if self.is_int else z

    def _float_setup(self, shape, syn, mem, beta, gain, alpha, syn_gain, offsets):
        self.compute, self.state_dtype = syn, mem
        self.mem_range = self.syn_range = None

        def tensor(v, dtype=mem):
            return param_tensor(v, shape, dtype)

        self.beta = None if np.all(beta == 1.0) else tensor(beta)
        self.gain = None if np.all(gain == 1.0) else tensor(gain)
        self.alpha = None if np.all(alpha == 1.0) else tensor(alpha, syn)
        self.syn_gain = None if np.all(syn_gain == 1.0) else tensor(syn_gain, syn)
        self.v_leak = tensor(offsets["v_leak"]) if np.any(offsets["v_leak"]) else None
        self.theta, self.v_reset = tensor(offsets["threshold"]), tensor(offsets["v_reset"])
        self.v_init, self.i_init = tensor(offsets["v_init"]), tensor(offsets["i_init"], syn)

    def start(self, like: torch.Tensor):
        """(v, i, s) before step 0, broadcast to the shape of one input step."""
        v = self.v_init.expand(like.shape).clone()
        i = self.i_init.expand(like.shape).clone() if self.current else None
        return v, i, torch.zeros(like.shape, dtype=torch.bool)

    def _R(self, h, s):
        if self.reset == "subtract":
            return torch.where(s, self._sat(h - self.theta, self.mem_range), h)
        if self.reset == "zero":
            return torch.where(s, torch.zeros((), dtype=h.dtype), h)
        if self.reset == "to_value":
            return torch.where(s, self.v_reset, h)
        if self.reset == "none":
            return h
        raise Unsupported(f"reset mode {self.reset!r}")

    def step(self, state, x):
        """One step on the input `x` (already in self.compute); returns the new
        state and the step's output in the result's carrier."""
        v, i, s = state
        if self.current:
            x = i = self._sat(self._mul(i, self.alpha) + self._mul(x, self.syn_gain),
                              self.syn_range)
        if not self.is_int:
            x = x.to(self.state_dtype)
        h = v if self.v_leak is None else v - self.v_leak
        h = self._mul(h, self.beta)
        if self.v_leak is not None:
            h = h + self.v_leak
        h = self._sat(h + self._mul(x, self.gain), self.mem_range)
        if not self.spiking:
            return (h, i, s), h.to(self.out_dtype)
        if self.next:
            h = self._R(h, s)
        s = h >= self.theta if self.ge else h > self.theta
        v = h if self.next else self._R(h, s)
        return (v, i, s), s.to(self.out_dtype)

    def __call__(self, xs):
        """All T steps of the input: one conversion, a loop over time."""
        x = xs[0].to(self.compute)
        out = torch.empty(x.shape, dtype=self.out_dtype)
        state = self.start(x[0])
        for t in range(x.shape[0]):
            state, out[t] = self.step(state, x[t])
        return out


OPS = {"conv2d": _Affine, "dense": _Affine, "add": _Add, "maxpool2d": _Pool,
       "sumpool2d": _Pool, "avgpool2d": _Pool, "flatten": _Reshape, "reshape": _Reshape,
       "scale": _Scale, "threshold": _Threshold, "relu": _Relu, "delay": _Delay,
       "lif": _Neuron, "cuba_lif": _Neuron, "li": _Neuron, "cuba_li": _Neuron}


# -- the network ----------------------------------------------------------------------

class TorchNet:
    """A network's ops as torch callables, with its inputs as tensors (all
    built here, once, outside any timing)."""

    def __init__(self, net: Network, inputs: Sequence[np.ndarray]):
        self.net = net
        if net.feedbacks:
            raise Unsupported(f"the loop across time steps through '{min(net.feedbacks)}' "
                              "(an snn.cycle) is not supported")
        self.ops = []
        for node in net.nodes:
            if node.op not in OPS:
                raise Unsupported(f"op '{node.op}' ('{node.result.name}') not supported")
            self.ops.append(OPS[node.op](node))
        self.inputs = [torch.from_numpy(np.asarray(a).astype(np.float64)).to(carrier(v.dtype))
                       for v, a in zip(net.inputs, inputs)]

    def run(self, style: str) -> List[torch.Tensor]:
        if style == "time-batched":
            return self.run_batched()
        if style == "stepped":
            return self.run_stepped()
        raise ValueError(f"unknown style {style!r}; expected one of {STYLES}")

    def run_batched(self) -> List[torch.Tensor]:
        values = {v.name: x for v, x in zip(self.net.inputs, self.inputs)}
        for node, op in zip(self.net.nodes, self.ops):
            values[node.result.name] = op([values[v.name] for v in node.inputs])
        return [values[v.name] for v in self.net.outputs]

    def run_stepped(self) -> List[torch.Tensor]:
        """Every op on one step ([1, ...] tensors), state carried between steps."""
        steps = self.net.time_steps
        states: List[Optional[object]] = [None] * len(self.ops)
        outputs = [torch.empty((steps,) + v.shape, dtype=carrier(v.dtype))
                   for v in self.net.outputs]
        for t in range(steps):
            values = {v.name: x[t:t + 1] for v, x in zip(self.net.inputs, self.inputs)}
            for k, (node, op) in enumerate(zip(self.net.nodes, self.ops)):
                xs = [values[v.name] for v in node.inputs]
                if not op.stateful:
                    values[node.result.name] = op(xs)
                    continue
                x = xs[0].to(op.compute) if isinstance(op, _Neuron) else xs[0]
                if states[k] is None:
                    states[k] = op.start(x)
                states[k], values[node.result.name] = op.step(states[k], x)
            for out, v in zip(outputs, self.net.outputs):
                out[t] = values[v.name][0]
        return outputs

    def to_numpy(self, outputs: Sequence[torch.Tensor]) -> List[np.ndarray]:
        """The outputs in the storage types reference.simulate returns."""
        arrays = []
        for v, y in zip(self.net.outputs, outputs):
            storage = dtypes.numpy_type(v.dtype)
            arrays.append(y.numpy().astype(storage))
        return arrays


def time_runs(runner: TorchNet, style: str, threads: int, repeat: int) -> Dict[str, object]:
    """Warm-up once (its outputs are returned), then `repeat` timed runs:
    min and mean in ms, with torch limited to `threads` threads."""
    torch.set_num_threads(threads)
    with torch.no_grad():
        outputs = runner.to_numpy(runner.run(style))
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            runner.run(style)
            times.append((time.perf_counter() - start) * 1e3)
    return {"min_ms": min(times), "mean_ms": sum(times) / len(times), "outputs": outputs}


def agreement(got: Sequence[np.ndarray], want: Sequence[np.ndarray]) -> float:
    """The fraction of output elements that are equal."""
    equal = sum(int(np.sum(g == w)) for g, w in zip(got, want))
    total = sum(w.size for w in want)
    return equal / total if total else 1.0


