"""A network of `snn` dialect ops in Python, and its MLIR text.

`Network` mirrors the graph level of the dialect: every value has a leading
time dimension (kept implicit here: `Value.shape` is the per-step shape), ops
are appended in topological order, parameters are NumPy arrays. The random
network generator and the benchmark generator build networks with it, and
`from_description` rebuilds one from a module made in C++ (the NIR
importer's); `reference.simulate` runs them; `to_mlir` prints them for
`snn-opt`/`snn-run`.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import numpy as np

from . import dtypes

ParamLike = Union[float, Sequence[float], np.ndarray]


@dataclasses.dataclass(frozen=True)
class Value:
    """A tensor of the graph: per-step `shape` and element `dtype` ('i1', 'i8', 'f32', ...)."""

    name: str
    shape: Tuple[int, ...]
    dtype: str

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))


@dataclasses.dataclass(frozen=True)
class Schedule:
    """The `#snn.schedule` attribute (see SNNAttrs.td)."""

    group: int = -1
    time_tile: int = 0
    tile_axis: str = "none"
    tile_size: int = 0
    state: str = "onchip"

    def to_mlir(self) -> str:
        fields = []
        defaults = Schedule()
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value != getattr(defaults, field.name):
                fields.append(f"{field.name} = {value}")
        return "#snn.schedule<" + ", ".join(fields) + ">"


@dataclasses.dataclass
class Node:
    """One op: `op` is the mnemonic without `snn.` ('conv2d', 'lif', ...).

    `inputs` are the activation operands, `tensors` the parameter operands
    (weights, biases, recurrent weights) by name with their element types in
    `tensor_dtypes`, `attrs` the attributes in Python form (see the builders
    of `Network`). `extra_attrs` are discardable attributes printed as they
    are (`{"snn.block": 0}` -> `snn.block = 0 : i64`): annotations for tools,
    set on the node after building it (`net.nodes[-1].extra_attrs[...]`).
    """

    op: str
    inputs: List[Value]
    result: Value
    attrs: Dict[str, object] = dataclasses.field(default_factory=dict)
    tensors: Dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    tensor_dtypes: Dict[str, str] = dataclasses.field(default_factory=dict)
    schedule: Optional[Schedule] = None
    extra_attrs: Dict[str, Union[int, float, str]] = dataclasses.field(default_factory=dict)


def _pair(v) -> Tuple[int, int]:
    if isinstance(v, (int, np.integer)):
        return (int(v), int(v))
    a, b = v
    return (int(a), int(b))


def _window_size(size: int, kernel: int, stride: int, pad: int, dilation: int) -> int:
    span = size + 2 * pad - dilation * (kernel - 1) - 1
    if span < 0:
        raise ValueError(f"kernel of extent {dilation * (kernel - 1) + 1} does not fit "
                         f"the padded input extent {size + 2 * pad}")
    return span // stride + 1


#: The real-valued parameters of neuron ops, in the order they are printed.
NEURON_PARAMS = ("beta", "tau", "gain", "v_leak", "v_init", "bias", "alpha", "tau_syn",
                 "syn_gain", "i_init", "threshold", "v_reset", "adapt", "adapt_decay",
                 "tau_adapt")
#: Neuron attributes only spiking neurons have (besides the threshold's).
SPIKING_ONLY = ("refractory", "adapt", "adapt_decay", "tau_adapt")
#: Integer neurons' rounding of products with real factors and their overflow
#: modes (docs/Semantics.md), the default first.
ROUNDING_MODES = ("floor", "toward_zero", "nearest_even")
OVERFLOW_MODES = ("saturate", "wrap", "saturate_symmetric")


def param_array(value: ParamLike) -> np.ndarray:
    """A neuron parameter as a flat float64 array (length 1 for scalars)."""
    return np.atleast_1d(np.asarray(value, dtype=np.float64)).reshape(-1)


def _components(preds: List[List[int]]) -> List[List[int]]:
    """Strongly connected components of the graph whose node k reads the
    nodes preds[k] (Tarjan's algorithm, iterative), in dependence order:
    a component comes after every component it reads; among independent
    ones, the one with the smallest node first. Nodes sorted within."""
    n = len(preds)
    order, low, comp_of = [None] * n, [0] * n, [None] * n
    stack, on_stack, comps, counter = [], [False] * n, [], 0
    for root in range(n):
        if order[root] is not None:
            continue
        work = [(root, 0)]
        while work:
            k, i = work.pop()
            if i == 0:
                order[k] = low[k] = counter
                counter += 1
                stack.append(k)
                on_stack[k] = True
            if i < len(preds[k]):
                work.append((k, i + 1))
                p = preds[k][i]
                if order[p] is None:
                    work.append((p, 0))
                elif on_stack[p]:
                    low[k] = min(low[k], order[p])
                continue
            for p in preds[k]:
                if on_stack[p] or comp_of[p] is None:
                    low[k] = min(low[k], low[p])
            if low[k] == order[k]:
                comp = []
                while True:
                    p = stack.pop()
                    on_stack[p] = False
                    comp_of[p] = len(comps)
                    comp.append(p)
                    if p == k:
                        break
                comps.append(sorted(comp))
    # Tarjan emits a component after all it reads; reorder by the smallest
    # ready node for a deterministic order that follows the node list.
    reads = [{comp_of[p] for k in comp for p in preds[k]} - {c} for c, comp in enumerate(comps)]
    done, result = set(), []
    while len(result) < len(comps):
        ready = [c for c in range(len(comps)) if c not in done and reads[c] <= done]
        c = min(ready, key=lambda c: comps[c][0])
        done.add(c)
        result.append(comps[c])
    return result


def is_loop(nodes: List[Node]) -> bool:
    """True if a component of `Network.components` is a loop across time
    steps: several nodes, or one that reads its own result."""
    return len(nodes) > 1 or any(v.name == nodes[0].result.name for v in nodes[0].inputs)


class Network:
    """A graph-level SNN: inputs, ops in topological order, outputs."""

    def __init__(self, time_steps: int, name: str = "main"):
        if time_steps < 1:
            raise ValueError("a network needs at least one time step")
        self.time_steps = int(time_steps)
        self.name = name
        self.inputs: List[Value] = []
        self.nodes: List[Node] = []
        self.outputs: List[Value] = []
        self._names: Dict[str, int] = {}
        self._open_feedback: Dict[str, Node] = {}
        #: Names of the results of `feedback` delays, closed or not.
        self.feedbacks: Set[str] = set()

    # -- naming -------------------------------------------------------------
    def _fresh(self, hint: str) -> str:
        base = "".join(c if c.isalnum() or c == "_" else "_" for c in hint) or "v"
        if base[0].isdigit():
            base = "v" + base
        n = self._names.get(base, 0)
        self._names[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def _add(self, op, inputs, shape, dtype, name, attrs=None, tensors=None,
             schedule=None) -> Value:
        """Appends a node; `tensors` maps a parameter name to (array, dtype)."""
        dtypes.check(dtype)
        result = Value(self._fresh(name or op), tuple(int(d) for d in shape), dtype)
        tensors = tensors or {}
        self.nodes.append(Node(op, list(inputs), result, dict(attrs or {}),
                               {k: dtypes.as_array(a, t) for k, (a, t) in tensors.items()},
                               {k: t for k, (a, t) in tensors.items()}, schedule))
        return result

    def producer(self, value: Value) -> Optional[Node]:
        for node in self.nodes:
            if node.result == value:
                return node
        return None

    # -- graph building -----------------------------------------------------
    def input(self, shape: Sequence[int], dtype: str = "i1", name: str = "input") -> Value:
        dtypes.check(dtype)
        value = Value(self._fresh(name), tuple(int(d) for d in shape), dtype)
        self.inputs.append(value)
        return value

    def output(self, *values: Value) -> None:
        self.outputs.extend(values)

    def conv2d(self, x: Value, weight: np.ndarray, bias: Optional[np.ndarray] = None, *,
               stride=1, padding=0, dilation=1, groups: int = 1, out_dtype: str,
               weight_dtype: Optional[str] = None, name: Optional[str] = None,
               schedule: Optional[Schedule] = None) -> Value:
        c, h, w = x.shape
        k, cg, kh, kw = weight.shape
        stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
        if c % groups or k % groups or cg != c // groups:
            raise ValueError(f"conv2d: {c} input channels, {k} outputs, groups {groups} "
                             f"and weight {weight.shape} do not fit together")
        oh = _window_size(h, kh, stride[0], padding[0], dilation[0])
        ow = _window_size(w, kw, stride[1], padding[1], dilation[1])
        tensors = {"weight": (weight, weight_dtype or out_dtype)}
        if bias is not None:
            tensors["bias"] = (np.reshape(bias, (k,)), out_dtype)
        attrs = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups}
        return self._add("conv2d", [x], (k, oh, ow), out_dtype, name, attrs, tensors, schedule)

    def dense(self, x: Value, weight: np.ndarray, bias: Optional[np.ndarray] = None, *,
              out_dtype: str, weight_dtype: Optional[str] = None,
              name: Optional[str] = None, schedule: Optional[Schedule] = None) -> Value:
        (n,) = x.shape
        m, n2 = weight.shape
        if n2 != n:
            raise ValueError(f"dense: weight {weight.shape} does not take {n} inputs")
        tensors = {"weight": (weight, weight_dtype or out_dtype)}
        if bias is not None:
            tensors["bias"] = (np.reshape(bias, (m,)), out_dtype)
        return self._add("dense", [x], (m,), out_dtype, name, {}, tensors, schedule)

    def add(self, *xs: Value, mode: str = "sum", out_dtype: Optional[str] = None,
            name: Optional[str] = None, schedule: Optional[Schedule] = None) -> Value:
        if len(xs) < 2:
            raise ValueError("add needs at least two operands")
        if any(x.shape != xs[0].shape for x in xs):
            raise ValueError("add: operand shapes differ")
        out = out_dtype or ("i1" if mode == "or" else xs[0].dtype)
        return self._add("add", xs, xs[0].shape, out, name, {"mode": mode}, None, schedule)

    def _pool(self, op, x, kernel, stride, padding, out_dtype, name, schedule):
        c, h, w = x.shape
        kernel = _pair(kernel)
        stride = _pair(stride) if stride is not None else kernel
        padding = _pair(padding)
        oh = _window_size(h, kernel[0], stride[0], padding[0], 1)
        ow = _window_size(w, kernel[1], stride[1], padding[1], 1)
        attrs = {"kernel": kernel, "stride": stride, "padding": padding}
        return self._add(op, [x], (c, oh, ow), out_dtype, name, attrs, None, schedule)

    def maxpool2d(self, x, kernel, stride=None, padding=0, *, name=None, schedule=None):
        return self._pool("maxpool2d", x, kernel, stride, padding, x.dtype, name, schedule)

    def sumpool2d(self, x, kernel, stride=None, padding=0, *, out_dtype, name=None,
                  schedule=None):
        return self._pool("sumpool2d", x, kernel, stride, padding, out_dtype, name, schedule)

    def avgpool2d(self, x, kernel, stride=None, padding=0, *, out_dtype, name=None,
                  schedule=None):
        return self._pool("avgpool2d", x, kernel, stride, padding, out_dtype, name, schedule)

    def flatten(self, x: Value, start_dim: int = 0, end_dim: int = -1, *, name=None,
                schedule=None) -> Value:
        rank = len(x.shape)
        s = start_dim + rank if start_dim < 0 else start_dim
        e = end_dim + rank if end_dim < 0 else end_dim
        if not 0 <= s <= e < rank:
            raise ValueError(f"flatten: bad dims {start_dim}..{end_dim} for rank {rank}")
        shape = x.shape[:s] + (int(np.prod(x.shape[s:e + 1])),) + x.shape[e + 1:]
        attrs = {"start_dim": start_dim, "end_dim": end_dim}
        return self._add("flatten", [x], shape, x.dtype, name, attrs, None, schedule)

    def reshape(self, x: Value, shape: Sequence[int], *, name=None, schedule=None) -> Value:
        if int(np.prod(shape)) != x.size:
            raise ValueError(f"reshape: {x.shape} -> {tuple(shape)} changes the size")
        return self._add("reshape", [x], tuple(shape), x.dtype, name, {}, None, schedule)

    def scale(self, x: Value, factor: ParamLike, *, out_dtype: Optional[str] = None,
              name=None, schedule=None) -> Value:
        return self._add("scale", [x], x.shape, out_dtype or x.dtype, name,
                         {"factor": param_array(factor)}, None, schedule)

    def delay(self, x: Value, steps: int, *, name=None, schedule=None) -> Value:
        return self._add("delay", [x], x.shape, x.dtype, name, {"steps": int(steps)},
                         None, schedule)

    def feedback(self, shape: Sequence[int], dtype: str, steps: int = 1, *,
                 name=None) -> Value:
        """The output of a delay of `steps` >= 1 whose input `close_feedback`
        names later: the edge that closes a loop across time steps (the
        printer puts the loop's ops into an `snn.cycle`)."""
        if steps < 1:
            raise ValueError(f"a feedback edge delays by at least one step, got {steps}")
        open_end = Value(f"<open feedback {name or 'feedback'}>",
                         tuple(int(d) for d in shape), dtype)
        value = self._add("delay", [open_end], shape, dtype, name or "feedback",
                          {"steps": int(steps)})
        self._open_feedback[value.name] = self.nodes[-1]
        self.feedbacks.add(value.name)
        return value

    def close_feedback(self, feedback: Value, source: Value) -> None:
        """Makes `source` the input of the feedback edge `feedback`."""
        node = self._open_feedback.get(feedback.name)
        if node is None:
            raise ValueError(f"'{feedback.name}' is not an open feedback edge")
        if (source.shape, source.dtype) != (feedback.shape, feedback.dtype):
            raise ValueError(f"feedback '{feedback.name}' carries {feedback.shape} "
                             f"{feedback.dtype}, not {source.shape} {source.dtype}")
        node.inputs[0] = source
        del self._open_feedback[feedback.name]

    def check_closed(self) -> None:
        if self._open_feedback:
            raise ValueError(f"feedback edges never closed: {sorted(self._open_feedback)}")

    def components(self) -> List[List[Node]]:
        """The nodes as strongly connected components in an order that
        computes every component after those it reads (ties in node order),
        each component's nodes in node order. A component of more than one
        node, or of a node reading itself, is a loop across time steps."""
        self.check_closed()
        index = {node.result.name: k for k, node in enumerate(self.nodes)}
        preds = [[index[v.name] for v in node.inputs if v.name in index]
                 for node in self.nodes]
        return [[self.nodes[k] for k in comp] for comp in _components(preds)]

    def threshold(self, x: Value, threshold: ParamLike, compare: str = "gt", *, name=None,
                  schedule=None) -> Value:
        attrs = {"threshold": param_array(threshold), "compare": compare}
        return self._add("threshold", [x], x.shape, "i1", name, attrs, None, schedule)

    def relu(self, x: Value, shift: int = 0, *, out_dtype: Optional[str] = None, name=None,
             schedule=None) -> Value:
        return self._add("relu", [x], x.shape, out_dtype or x.dtype, name,
                         {"shift": int(shift)}, None, schedule)

    def _neuron(self, op, x, spiking, current, kw, name, schedule, recurrent,
                recurrent_bias) -> Value:
        attrs: Dict[str, object] = {}
        state_type = kw.pop("state_type")
        dtypes.check(state_type)
        attrs["state_type"] = state_type
        for key in NEURON_PARAMS:
            if kw.get(key) is not None:
                attrs[key] = param_array(kw.pop(key))
            kw.pop(key, None)
        # Integer arithmetic modes, kept only where they differ from the
        # defaults (floor, saturate) so that the printed text stays the same.
        modes = (("rounding", ROUNDING_MODES), ("overflow", OVERFLOW_MODES))
        for prefix in ("", "syn_"):
            for key, choices in modes:
                value = kw.pop(prefix + key, None)
                if value is None or value == choices[0]:
                    continue
                if value not in choices:
                    raise ValueError(f"{op}: unknown {key} mode {value!r} (choose from "
                                     f"{', '.join(choices)})")
                if prefix and not current:
                    raise ValueError(f"{op}: {prefix}{key} needs a synaptic current")
                if not dtypes.is_int(state_type):
                    raise ValueError(f"{op}: {prefix}{key} applies to integer state only")
                attrs[prefix + key] = value
        if kw.get("dt") is not None:
            attrs["dt"] = float(kw.pop("dt"))
        kw.pop("dt", None)
        for key, default in (("compare", "gt"), ("reset", "subtract"),
                             ("reset_timing", "same")):
            value = kw.pop(key, default)
            if spiking:
                attrs[key] = value
        if kw.get("refractory") is not None:
            attrs["refractory"] = int(kw.pop("refractory"))
        kw.pop("refractory", None)
        for key in SPIKING_ONLY:
            if key in attrs and not spiking:
                raise ValueError(f"{op}: {key} needs a spiking neuron")
        if current and kw.get("syn_type"):
            attrs["syn_type"] = kw.pop("syn_type")
        kw.pop("syn_type", None)
        if kw:
            raise TypeError(f"{op}: unknown arguments {sorted(kw)}")
        if spiking and "threshold" not in attrs:
            raise ValueError(f"{op} needs a threshold")
        tensors = {}
        if recurrent is not None:
            n = x.size
            drive = attrs.get("syn_type", state_type) if current else state_type
            tensors["recurrent"] = (np.reshape(recurrent, (n, n)), drive)
            if recurrent_bias is not None:
                tensors["recurrent_bias"] = (np.reshape(recurrent_bias, (n,)), drive)
        out = "i1" if spiking else state_type
        return self._add(op, [x], x.shape, out, name, attrs, tensors, schedule)

    def lif(self, x: Value, *, threshold: ParamLike, state_type: str = "f32",
            recurrent=None, recurrent_bias=None, name=None, schedule=None, **kw) -> Value:
        """LIF neuron; keyword arguments as the attributes of `snn.lif`:
        beta | tau+dt, gain, v_leak, v_init, bias, compare, reset, reset_timing,
        v_reset, refractory (steps), adapt with adapt_decay | tau_adapt+dt, and
        for integer state rounding and overflow (ROUNDING_MODES,
        OVERFLOW_MODES)."""
        kw.update(threshold=threshold, state_type=state_type)
        return self._neuron("lif", x, True, False, kw, name, schedule, recurrent,
                            recurrent_bias)

    def cuba_lif(self, x: Value, *, threshold: ParamLike, state_type: str = "f32",
                 recurrent=None, recurrent_bias=None, name=None, schedule=None,
                 **kw) -> Value:
        """Current-based LIF; adds alpha | tau_syn, syn_gain, i_init, syn_type,
        syn_rounding, syn_overflow."""
        kw.update(threshold=threshold, state_type=state_type)
        return self._neuron("cuba_lif", x, True, True, kw, name, schedule, recurrent,
                            recurrent_bias)

    def li(self, x: Value, *, state_type: str = "f32", name=None, schedule=None,
           **kw) -> Value:
        kw.update(state_type=state_type)
        return self._neuron("li", x, False, False, kw, name, schedule, None, None)

    def cuba_li(self, x: Value, *, state_type: str = "f32", name=None, schedule=None,
                **kw) -> Value:
        kw.update(state_type=state_type)
        return self._neuron("cuba_li", x, False, True, kw, name, schedule, None, None)

    # -- printing -----------------------------------------------------------
    def to_mlir(self, weights: str = "const", hardware: Optional[str] = None) -> str:
        """MLIR text of the network as one function `@<name>`.

        `weights = "const"` materialises parameters as `arith.constant`s;
        `weights = "args"` makes them function arguments after the inputs
        (in `parameter_order()`), for large benchmark networks.
        `hardware` is an optional `#snn.hardware<...>` attribute for the module.
        """
        from .mlir_text import network_to_mlir
        return network_to_mlir(self, weights, hardware)

    @classmethod
    def from_description(cls, description) -> "Network":
        """The network of a graph-level function described by the C API
        (`snnModuleDescribeGraph`; `graph_description.py`): how a module built
        in C++, such as the NIR importer's, becomes a Network."""
        from .graph_description import network_from_description
        return network_from_description(description)

    def parameter_order(self) -> List[Tuple[Node, str]]:
        """(node, tensor name) of every parameter tensor, in argument order."""
        return [(node, key) for node in self.nodes for key in node.tensors]

    def tensor_type(self, value: Value) -> str:
        return dtypes.tensor_type((self.time_steps,) + value.shape, value.dtype)
