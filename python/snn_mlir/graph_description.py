"""A `graph.Network` rebuilt from the JSON description of a graph-level
function that the C API gives (`snnModuleDescribeGraph`, include/snn-c/SNN.h):
how a module built in C++ (the NIR importer's) reaches the reference
simulator, which runs `Network`s. Every op goes through the builder of
`Network` that the printer inverts, so `network_to_mlir` prints the same
function back.
"""

from __future__ import annotations

import base64
import re
from typing import Callable, Dict, List, Mapping

import numpy as np

from .graph import Network, Schedule, Value


class DescriptionError(ValueError):
    """A description `Network` cannot express; the message names the op."""


def _tensor(param: Mapping) -> np.ndarray:
    """A parameter's elements, in their NumPy storage, with their shape."""
    raw = base64.b64decode(param["data"])
    return np.frombuffer(raw, dtype=np.dtype(param["storage"])).reshape(param["shape"])


def _schedule(attr) -> Schedule:
    """`#snn.schedule<group = 0, tile_axis = rows, ...>` as a `Schedule`."""
    text = attr["mlir"] if isinstance(attr, Mapping) else ""
    match = re.fullmatch(r"#snn\.schedule<(.*)>", text)
    if match is None:
        raise ValueError(f"not a schedule: {text!r}")
    fields = dict(item.split(" = ", 1) for item in match.group(1).split(", ") if item)
    return Schedule(**{key: value if key in ("tile_axis", "state") else int(value)
                       for key, value in fields.items()})


def _synapse(build: Callable):
    """conv2d and dense: the weight's element type may differ from the
    result's, the bias's may not (the builder gives it the result's)."""
    def call(net: Network, xs: List[Value], params, attrs, dtype, name):
        bias = params.pop("bias", None)
        if bias is not None and bias["dtype"] != dtype:
            raise ValueError(f"a bias of {bias['dtype']} for a result of {dtype}")
        weight = params.pop("weight")
        return build(net, xs[0], _tensor(weight), None if bias is None else _tensor(bias),
                     out_dtype=dtype, weight_dtype=weight["dtype"], name=name, **attrs)
    return call


def _neuron(op: str):
    def call(net: Network, xs: List[Value], params, attrs, dtype, name):
        for key in ("recurrent", "recurrent_bias"):
            if key in params:
                attrs[key] = _tensor(params.pop(key))
        return getattr(net, op)(xs[0], name=name, **attrs)
    return call


def _unary(op: str, with_dtype: bool = False):
    def call(net: Network, xs: List[Value], params, attrs, dtype, name):
        extra = {"out_dtype": dtype} if with_dtype else {}
        return getattr(net, op)(xs[0], name=name, **attrs, **extra)
    return call


def _add(net: Network, xs, params, attrs, dtype, name):
    return net.add(*xs, out_dtype=dtype, name=name, **attrs)


def _reshape(shape):
    def call(net: Network, xs, params, attrs, dtype, name):
        return net.reshape(xs[0], shape, name=name, **attrs)
    return call


_BUILDERS: Dict[str, Callable] = {
    "conv2d": _synapse(Network.conv2d),
    "dense": _synapse(Network.dense),
    "add": _add,
    "maxpool2d": _unary("maxpool2d"),
    "sumpool2d": _unary("sumpool2d", with_dtype=True),
    "avgpool2d": _unary("avgpool2d", with_dtype=True),
    "flatten": _unary("flatten"),
    "scale": _unary("scale", with_dtype=True),
    "delay": _unary("delay"),
    "threshold": _unary("threshold"),
    "relu": _unary("relu", with_dtype=True),
    **{op: _neuron(op) for op in ("lif", "cuba_lif", "li", "cuba_li")},
}

_POOLS = ("maxpool2d", "sumpool2d", "avgpool2d")


def _arguments(op: str, attrs: Mapping) -> dict:
    """The builder's keyword arguments for the attributes of an `op`."""
    kwargs = dict(attrs)
    if "schedule" in kwargs:
        kwargs["schedule"] = _schedule(kwargs["schedule"])
    if op in _POOLS and "stride" not in kwargs:
        kwargs["stride"] = None  # the kernel's
    for key, value in kwargs.items():
        if isinstance(value, Mapping):
            raise ValueError(f"attribute '{key}' = {value['mlir']} is not supported")
    return kwargs


def network_from_description(description: Mapping) -> Network:
    """The `Network` of a graph description (see the module's docstring).
    Raises DescriptionError naming the op it cannot rebuild."""
    net = Network(description["time_steps"], description["name"])
    values: Dict[str, Value] = {}
    for entry in description["inputs"]:
        values[entry["name"]] = net.input(entry["shape"], entry["dtype"], entry["name"])
    feedback: List[tuple] = []  # (delay's value, the name of its later input)
    for entry in description["ops"]:
        op, name, result = entry["op"], entry["name"], entry["result"]
        try:
            later = [n for n in entry["operands"] if n not in values]
            if op == "delay" and later:
                # The edge that closes a loop across time steps.
                value = net.feedback(result["shape"], result["dtype"],
                                     entry["attrs"]["steps"], name=name)
                feedback.append((value, later[0]))
            elif later:
                raise ValueError(f"reads '{later[0]}' before it is defined, not through a "
                                 "delay")
            else:
                value = _build(net, entry, [values[n] for n in entry["operands"]])
        except (KeyError, TypeError, ValueError) as error:
            raise DescriptionError(f"op '{name}' (snn.{op}): {error}") from None
        if (list(value.shape), value.dtype) != (list(result["shape"]), result["dtype"]):
            raise DescriptionError(f"op '{name}' (snn.{op}): rebuilt as {value.shape} "
                                   f"{value.dtype}, described as {tuple(result['shape'])} "
                                   f"{result['dtype']}")
        values[name] = value
    for value, source in feedback:
        net.close_feedback(value, values[source])
    net.output(*[values[name] for name in description["outputs"]])
    return net


def _build(net: Network, entry: Mapping, xs: List[Value]) -> Value:
    op = entry["op"]
    if op == "reshape":
        build = _reshape(entry["result"]["shape"])
    elif op in _BUILDERS:
        build = _BUILDERS[op]
    else:
        raise ValueError("graph.Network has no such op")
    params = dict(entry["params"])
    value = build(net, xs, params, _arguments(op, entry["attrs"]), entry["result"]["dtype"],
                  entry["name"])
    if params:
        raise ValueError(f"parameters {sorted(params)} are not supported")
    return value
