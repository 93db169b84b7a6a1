"""Printing a `graph.Network` as `snn` dialect text."""

from __future__ import annotations

import math
from typing import Dict, List, Set, Tuple

import numpy as np

from . import dtypes
from .graph import NEURON_PARAMS, Network, Node, Value, is_loop


def float_literal(x: float) -> str:
    """An MLIR float literal that parses back to exactly `x` (as f64)."""
    x = float(x)
    if not math.isfinite(x):
        return "0x%016X" % np.array(x, dtype=np.float64).view(np.uint64)
    text = repr(x)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def param_attr(values: np.ndarray) -> str:
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    if values.size == 1:
        return f"{float_literal(values[0])} : f64"
    return "array<f64: " + ", ".join(float_literal(v) for v in values) + ">"


def pair_attr(values) -> str:
    return "array<i64: " + ", ".join(str(int(v)) for v in values) + ">"


def string_literal(text: str) -> str:
    """An MLIR string literal: printable ASCII as is, quotes, backslashes and
    every other byte of the UTF-8 encoding as `\\XX` hex escapes."""
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\{b:02X}"
                         for b in text.encode()) + '"'


def extra_attr(name: str, value) -> str:
    """A discardable attribute of `Node.extra_attrs`: integers as `i64`,
    floats as `f64`, strings quoted."""
    if isinstance(value, (int, np.integer)):
        return f"{name} = {int(value)} : i64"
    if isinstance(value, (float, np.floating)):
        return f"{name} = {float_literal(float(value))} : f64"
    if isinstance(value, str):
        return f"{name} = {string_literal(value)}"
    raise TypeError(f"attribute {name}: cannot print {value!r} (expected an int, a float "
                    "or a str)")


def dense_literal(array: np.ndarray, dtype: str) -> str:
    """`dense<...>` contents for a parameter tensor (hex for large ones)."""
    flat = np.asarray(array).reshape(-1)
    if flat.size and np.all(flat == flat[0]):
        body = _scalar(flat[0], dtype)
    elif flat.size > 64 and dtype != "i1":
        body = '"0x' + _raw_bytes(flat, dtype).hex().upper() + '"'
    else:
        body = _nested(np.asarray(array), dtype)
    return f"dense<{body}>"


def _scalar(v, dtype: str) -> str:
    if dtypes.is_float(dtype):
        with np.errstate(over="ignore"):
            single = np.float32(v)
        if dtype == "f32" and not math.isfinite(float(single)):
            # A non-finite literal is the bit pattern of the element type.
            return "0x%08X" % np.array(single).view(np.uint32)
        return float_literal(v)
    if dtype == "i1":
        return "true" if int(v) else "false"
    return str(int(v))


def _nested(array: np.ndarray, dtype: str) -> str:
    if array.ndim == 0:
        return _scalar(array.item(), dtype)
    return "[" + ", ".join(_nested(a, dtype) for a in array) + "]"


def _raw_bytes(flat: np.ndarray, dtype: str) -> bytes:
    """The byte layout MLIR's hex form of dense elements uses: little-endian
    elements of ceil(N/8) bytes for iN, IEEE for floats."""
    if dtypes.is_float(dtype):
        return flat.astype(dtypes.numpy_type(dtype).newbyteorder("<")).tobytes()
    width = (dtypes.bits(dtype) + 7) // 8
    storage = {1: np.uint8, 2: np.uint16, 4: np.uint32}[1 << (width - 1).bit_length()]
    raw = flat.astype(np.int64) & ((1 << (8 * width)) - 1)
    return b"".join(int(v).to_bytes(width, "little") for v in raw) if width == 3 else \
        raw.astype(np.dtype(storage).newbyteorder("<")).tobytes()


class _Printer:
    def __init__(self, net: Network, weights: str):
        self.net = net
        self.weights = weights
        self.lines: List[str] = []
        self.params: List[str] = []  # argument declarations for weights="args"
        self.counter = 0
        # How values are named where they are used: `%name`, or `%cycle#i`
        # for a result of an snn.cycle used after it.
        self.refs: Dict[str, str] = {}
        # Weights printed ahead of the op that reads them: (result, key) -> name.
        self.constants: Dict[Tuple[str, str], str] = {}
        self.indent = "    "

    def ref(self, value: Value) -> str:
        return self.refs.get(value.name, f"%{value.name}")

    def cycle(self, nodes: List[Node], used_after: Set[str]) -> None:
        """An snn.cycle of `nodes` (a loop across time steps) yielding the
        values used after it; their weight constants come before it (the
        body reads them from above)."""
        yielded = [node.result for node in nodes if node.result.name in used_after]
        for node in nodes:
            for key in node.tensors:
                self.constants[(node.result.name, key)] = self.tensor(node, key)
        name = f"%{nodes[0].result.name}_cycle"
        types = ", ".join(self.vtype(v) for v in yielded)
        results = f"{name}:{len(yielded)} = " if len(yielded) > 1 else \
            (f"{name} = " if yielded else "")
        header = f" -> ({types})" if yielded else ""
        self.lines.append(f"{self.indent}{results}snn.cycle{header} {{")
        self.indent += "  "
        for node in nodes:
            self.node(node)
        if yielded:
            self.lines.append(f"{self.indent}snn.yield {', '.join('%' + v.name for v in yielded)}"
                              f" : {types}")
        self.indent = self.indent[:-2]
        self.lines.append(f"{self.indent}}} loc({string_literal(nodes[0].result.name + '_cycle')})")
        for k, value in enumerate(yielded):
            self.refs[value.name] = name if len(yielded) == 1 else f"{name}#{k}"

    def ttype(self, shape, dtype) -> str:
        return dtypes.tensor_type(shape, dtype)

    def vtype(self, value: Value) -> str:
        return self.net.tensor_type(value)

    def tensor(self, node: Node, key: str) -> str:
        array = node.tensors[key]
        dtype = node.tensor_dtypes[key]
        ty = self.ttype(array.shape, dtype)
        name = f"%{node.result.name}_{key}"
        if self.weights == "args":
            self.params.append(f"{name}: {ty}")
        else:
            self.lines.append(f"{self.indent}{name} = arith.constant "
                              f"{dense_literal(array, dtype)} : {ty}")
        return name

    def node(self, node: Node) -> None:
        a = node.attrs
        res = f"%{node.result.name}"
        ins = [self.ref(v) for v in node.inputs]
        tensors = {k: self.constants.pop((node.result.name, k), None) or self.tensor(node, k)
                   for k in node.tensors}
        attrs: List[str] = []
        op = node.op
        if op in ("conv2d", "dense"):
            operands = ins + [tensors["weight"]] + ([tensors["bias"]] if "bias" in tensors else [])
            if op == "conv2d":
                if tuple(a["stride"]) != (1, 1):
                    attrs.append(f"stride = {pair_attr(a['stride'])}")
                if tuple(a["padding"]) != (0, 0):
                    attrs.append(f"padding = {pair_attr(a['padding'])}")
                if tuple(a["dilation"]) != (1, 1):
                    attrs.append(f"dilation = {pair_attr(a['dilation'])}")
                if a["groups"] != 1:
                    attrs.append(f"groups = {a['groups']} : i64")
            types = [self.vtype(node.inputs[0])] + [
                self.ttype(node.tensors[k].shape, node.tensor_dtypes[k])
                for k in ("weight", "bias") if k in node.tensors]
            sig = f"({', '.join(types)}) -> {self.vtype(node.result)}"
            body = f"snn.{op} {', '.join(operands)}"
        elif op == "add":
            if a["mode"] != "sum":
                attrs.append(f"mode = #snn.add_mode<{a['mode']}>")
            body = f"snn.add {', '.join(ins)}"
            sig = f"{', '.join(self.vtype(v) for v in node.inputs)} -> {self.vtype(node.result)}"
        elif op in ("maxpool2d", "sumpool2d", "avgpool2d"):
            attrs.append(f"kernel = {pair_attr(a['kernel'])}")
            if tuple(a["stride"]) != tuple(a["kernel"]):
                attrs.append(f"stride = {pair_attr(a['stride'])}")
            if tuple(a["padding"]) != (0, 0):
                attrs.append(f"padding = {pair_attr(a['padding'])}")
            body, sig = f"snn.{op} {ins[0]}", self.unary_sig(node)
        elif op == "flatten":
            if a["start_dim"] != 0:
                attrs.append(f"start_dim = {a['start_dim']} : i64")
            if a["end_dim"] != -1:
                attrs.append(f"end_dim = {a['end_dim']} : i64")
            body, sig = f"snn.flatten {ins[0]}", self.unary_sig(node)
        elif op == "reshape":
            body, sig = f"snn.reshape {ins[0]}", self.unary_sig(node)
        elif op == "scale":
            attrs.append(f"factor = {param_attr(a['factor'])}")
            body, sig = f"snn.scale {ins[0]}", self.unary_sig(node)
        elif op == "delay":
            attrs.append(f"steps = {a['steps']} : i64")
            body = f"snn.delay {ins[0]}"
            sig = f"({self.vtype(node.inputs[0])}) -> {self.vtype(node.result)}"
        elif op == "threshold":
            attrs.append(f"threshold = {param_attr(a['threshold'])}")
            if a["compare"] != "gt":
                attrs.append(f"compare = #snn.compare<{a['compare']}>")
            body, sig = f"snn.threshold {ins[0]}", self.unary_sig(node)
        elif op == "relu":
            if a["shift"]:
                attrs.append(f"shift = {a['shift']} : i64")
            body, sig = f"snn.relu {ins[0]}", self.unary_sig(node)
        elif op in ("lif", "cuba_lif", "li", "cuba_li"):
            body = f"snn.{op} {ins[0]}"
            types = [self.vtype(node.inputs[0])]
            if "recurrent" in tensors:
                rec = [tensors["recurrent"]] + ([tensors["recurrent_bias"]]
                                                if "recurrent_bias" in tensors else [])
                body += f" recurrent({', '.join(rec)})"
                types += [self.ttype(node.tensors[k].shape, node.tensor_dtypes[k])
                          for k in ("recurrent", "recurrent_bias") if k in node.tensors]
            for key in NEURON_PARAMS:
                if key in a:
                    attrs.append(f"{key} = {param_attr(a[key])}")
            for key, attr in (("rounding", "rounding"), ("overflow", "overflow"),
                              ("syn_rounding", "rounding"), ("syn_overflow", "overflow")):
                if key in a:
                    attrs.append(f"{key} = #snn.{attr}<{a[key]}>")
            if "dt" in a:
                attrs.append(f"dt = {float_literal(a['dt'])} : f64")
            for key, default, attr in (("compare", "gt", "compare"),
                                       ("reset", "subtract", "reset"),
                                       ("reset_timing", "same", "reset_timing")):
                if key in a and a[key] != default:
                    attrs.append(f"{key} = #snn.{attr}<{a[key]}>")
            if "refractory" in a:
                attrs.append(f"refractory = {a['refractory']} : i64")
            attrs.append(f"state_type = {a['state_type']}")
            if "syn_type" in a:
                attrs.append(f"syn_type = {a['syn_type']}")
            sig = f"({', '.join(types)}) -> {self.vtype(node.result)}"
        else:
            raise ValueError(f"cannot print op {op!r}")
        if node.schedule is not None:
            attrs.append(f"schedule = {node.schedule.to_mlir()}")
        attrs.extend(extra_attr(k, v) for k, v in node.extra_attrs.items())
        attr_text = (" {" + ", ".join(attrs) + "}") if attrs else ""
        # The result name doubles as the op's location: diagnostics and the
        # cost report name the layer with it.
        loc = f"loc({string_literal(node.result.name)})"
        self.lines.append(f"{self.indent}{res} = {body}{attr_text} : {sig} {loc}")

    def unary_sig(self, node: Node) -> str:
        return f"{self.vtype(node.inputs[0])} -> {self.vtype(node.result)}"


def network_to_mlir(net: Network, weights: str = "const", hardware=None) -> str:
    if weights not in ("const", "args"):
        raise ValueError("weights must be 'const' or 'args'")
    printer = _Printer(net, weights)
    components = net.components()
    for k, nodes in enumerate(components):
        if not is_loop(nodes):
            printer.node(nodes[0])
            continue
        inside = {node.result.name for node in nodes}
        used_after = {v.name for later in components[k + 1:] for node in later
                      for v in node.inputs} | {v.name for v in net.outputs}
        printer.cycle(nodes, inside & used_after)
    if not net.outputs:
        raise ValueError("the network has no outputs")
    args = [f"%{v.name}: {net.tensor_type(v)}" for v in net.inputs] + printer.params
    results = [net.tensor_type(v) for v in net.outputs]
    result_text = results[0] if len(results) == 1 else "(" + ", ".join(results) + ")"
    out = []
    module_attrs = f" attributes {{snn.hardware = {hardware}}}" if hardware else ""
    out.append(f"module{module_attrs} {{")
    out.append(f"  func.func @{net.name}({', '.join(args)}) -> {result_text} {{")
    out.extend(printer.lines)
    out.append(f"    return {', '.join(printer.ref(v) for v in net.outputs)} : "
               f"{', '.join(results)}")
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"
