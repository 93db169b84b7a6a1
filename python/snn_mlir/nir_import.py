"""Importing NIR (Neuromorphic Intermediate Representation) files.

`read_nir` reads a `.nir` file (HDF5, optionally gzip-compressed as a whole)
of any layout from NIR 0.1 to 1.0 into a plain description: nested dicts
with NumPy arrays, one canonical form whatever the file's age.
`import_nir` turns that description into a `graph.Network` of `snn` ops
with a leading time dimension, discretising the neurons with a preset of
`presets.py`. docs/NIR.md explains the mapping; every unsupported construct
raises `NIRImportError` naming the node.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import h5py
import numpy as np

from . import dtypes, presets
from .graph import Network, Value


class NIRImportError(Exception):
    """A NIR file that cannot be read or expressed with `snn` ops; the message
    names the node and what is unsupported."""


# -- reading ------------------------------------------------------------------------

_REQUIRED = object()


def _text(value) -> str:
    """A string dataset as `str` (h5py returns bytes, or 0-d object arrays)."""
    if isinstance(value, np.ndarray):
        value = value.item()
    return value.decode("utf8") if isinstance(value, bytes) else str(value)


def _floats(value) -> np.ndarray:
    array = np.asarray(value)
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise ValueError(f"expected numbers, got {array.dtype}")
    array = array.astype(np.float64)
    # The network computes in f32: a value beyond its range would become inf.
    bad = array[~(np.abs(array) <= np.finfo(np.float32).max)]
    if bad.size:
        raise ValueError(f"expected finite numbers within the range of f32, got {bad[0]}")
    return array


def _int(value) -> int:
    values = _shape(value)
    if len(values) != 1:
        raise ValueError(f"expected one integer, got {len(values)} values")
    return values[0]


def _shape(value) -> Tuple[int, ...]:
    return tuple(int(d) for d in np.atleast_1d(np.asarray(value)).reshape(-1))


def _positive(convert: Callable, least: int = 1) -> Callable:
    """`convert`, checking that every integer it returns is at least `least`
    and below 2^31 (sizes beyond that make tensor types nothing can hold)."""
    def checked(value):
        result = convert(value)
        values = result if isinstance(result, tuple) else (result,)
        if any(v < least or v >= 2**31 for v in values):
            raise ValueError(f"expected integers in [{least}, 2^31), got {result}")
        return result
    return checked


def _ints(rank: int, least: int = 1) -> Callable:
    """Stride, dilation, kernel size (>= 1), padding (>= 0): an int or a
    `rank`-tuple, as a `rank`-tuple."""
    def convert(value) -> Tuple[int, ...]:
        values = _shape(value)
        if len(values) == 1:
            values = values * rank
        if len(values) != rank:
            raise ValueError(f"expected 1 or {rank} values, got {len(values)}")
        return values
    return _positive(convert, least)


def _padding(rank: int) -> Callable:
    """Padding: an int, a `rank`-tuple, or the strings 'same' / 'valid'."""
    def convert(value):
        if isinstance(value, (bytes, str)) or np.asarray(value).dtype.kind in "OSU":
            text = _text(value).lower()
            if text not in ("same", "valid"):
                raise ValueError(f"padding must be 'same', 'valid' or integers, got '{text}'")
            return text
        return _ints(rank, least=0)(value)
    return convert


def _spec(convert: Callable, default=_REQUIRED, names: Sequence[str] = ()):
    return convert, default, tuple(names)


_NEURON = {"r": _spec(_floats), "v_leak": _spec(_floats)}
_SPIKING = {"v_threshold": _spec(_floats), "v_reset": _spec(_floats, 0.0)}
_CURRENT = {"tau_mem": _spec(_floats), "tau_syn": _spec(_floats), "w_in": _spec(_floats, 1.0)}


def _conv(rank: int) -> Dict[str, tuple]:
    return {"weight": _spec(_floats), "bias": _spec(_floats, None),
            "stride": _spec(_ints(rank), 1), "padding": _spec(_padding(rank), 0),
            "dilation": _spec(_ints(rank), 1), "groups": _spec(_positive(_int), 1)}


_POOL = {"kernel_size": _spec(_ints(2)), "stride": _spec(_ints(2), None),
         "padding": _spec(_ints(2, least=0), 0)}

# Parameters of every NIR 1.0 node type: name -> (converter, default, other
# names in older or newer layouts). Missing parameters with a default are
# filled in, so that the description has one form for every file version.
NODE_PARAMS: Dict[str, Dict[str, tuple]] = {
    "Input": {"shape": _spec(_positive(_shape), names=("input_type",))},
    "Output": {"shape": _spec(_positive(_shape), None, names=("output_type",))},
    "Identity": {},  # newer NIR libraries; also what nested Input/Output become
    "Affine": {"weight": _spec(_floats), "bias": _spec(_floats)},
    "Linear": {"weight": _spec(_floats)},
    "Scale": {"scale": _spec(_floats)},
    "Conv1d": _conv(1),
    "Conv2d": _conv(2),
    "SumPool2d": _POOL,
    "AvgPool2d": _POOL,
    "Flatten": {"start_dim": _spec(_int, 1), "end_dim": _spec(_int, -1),
                "input_type": _spec(_positive(_shape), None)},
    "Delay": {"delay": _spec(_floats)},
    "Threshold": {"threshold": _spec(_floats)},
    "I": {"r": _spec(_floats)},
    "IF": {"r": _spec(_floats), **_SPIKING},
    "LI": {"tau": _spec(_floats), **_NEURON},
    "LIF": {"tau": _spec(_floats), **_NEURON, **_SPIKING},
    "CubaLI": {**_CURRENT, **_NEURON},
    "CubaLIF": {**_CURRENT, **_NEURON, **_SPIKING},
}


def _raw(item):
    """A dataset's value; a group (NIR 1.0 writes input_type = {'input': shape})
    stands for its only member."""
    if isinstance(item, h5py.Group):
        if len(item) != 1:
            raise ValueError(f"expected one member in group '{item.name}', got {list(item)}")
        return _raw(next(iter(item.values())))
    return item[()]


def _read_edges(group, name: str) -> List[Tuple[str, str]]:
    if "edges" not in group:
        return []
    edges = np.asarray(group["edges"][()], dtype=object)
    if edges.size % 2:
        raise NIRImportError(f"graph '{name or '<root>'}': edges must be pairs, "
                             f"got an array of shape {edges.shape}")
    return [(_text(a), _text(b)) for a, b in edges.reshape(-1, 2)]


def _read_node(group, name: str) -> dict:
    if "type" not in group:
        raise NIRImportError(f"node '{name}' has no 'type' dataset")
    node_type = _text(group["type"][()])
    if node_type == "NIRGraph":
        members = group["nodes"] if "nodes" in group else {}
        for key in members:
            if not isinstance(key, str):  # a corrupted name h5py cannot decode
                raise NIRImportError(f"graph '{name or '<root>'}': node name {key!r} is not text")
        return {"type": "NIRGraph",
                "nodes": {key: _read_node(members[key], f"{name}.{key}" if name else key)
                          for key in members},
                "edges": _read_edges(group, name)}
    if node_type not in NODE_PARAMS:
        raise NIRImportError(f"node '{name}': unsupported NIR node type '{node_type}' "
                             f"(supported: {', '.join(NODE_PARAMS)}, NIRGraph)")
    node = {"type": node_type}
    for param, (convert, default, names) in NODE_PARAMS[node_type].items():
        found = next((key for key in (param,) + names if key in group), None)
        if found is None and default is _REQUIRED:
            raise NIRImportError(f"node '{name}' ({node_type}) lacks the parameter '{param}'")
        try:
            if found is not None:
                node[param] = convert(_raw(group[found]))
            else:
                node[param] = None if default is None else convert(default)
        except (TypeError, ValueError, OverflowError) as error:
            raise NIRImportError(f"node '{name}' ({node_type}): bad '{param}': {error}") \
                from None
    return node


def _open(path: Path) -> h5py.File:
    """The HDF5 file at `path`, decompressing a whole-file gzip stream first."""
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    if gzipped:
        return h5py.File(io.BytesIO(gzip.decompress(path.read_bytes())), "r")
    return h5py.File(path, "r")


def read_nir(path: Union[str, Path]) -> dict:
    """The graph of a `.nir` file as a plain description.

    The result is `{"type": "NIRGraph", "version": str, "nodes": {name: node},
    "edges": [(src, dst), ...]}`; a node is `{"type": ..., <parameter>: value}`
    with the parameters of `NODE_PARAMS` (float64 arrays, int tuples, 'same' /
    'valid' strings, None where absent) or again a NIRGraph (without
    "version"). Edges keep the file's (possibly dotted) names.
    """
    path = Path(path)
    try:
        with _open(path) as file:
            if "node" not in file:
                raise NIRImportError(f"'{path}' has no 'node' group: not a NIR file")
            graph = _read_node(file["node"], "")
            version = _text(file["version"][()]) if "version" in file else "unknown"
    except (OSError, gzip.BadGzipFile) as error:
        raise NIRImportError(f"cannot read '{path}' as a NIR (HDF5) file: {error}") from None
    except (KeyError, RuntimeError, TypeError, ValueError, MemoryError,
            UnicodeDecodeError) as error:
        # What h5py raises on a corrupted file (found by fuzz/nir_fuzz.py).
        raise NIRImportError(f"'{path}' is a corrupted HDF5 file: "
                             f"{type(error).__name__}: {error}") from None
    if graph["type"] != "NIRGraph":
        raise NIRImportError(f"'{path}': the root node is a {graph['type']}, not a NIRGraph")
    graph["version"] = version
    return graph


# -- nested graphs --------------------------------------------------------------------

def _endpoint(graph: dict, ref: str, prefix: str, port: str) -> str:
    """The flat name of edge end `ref` of `graph`: a node, a node inside a
    subgraph ('sub.node'), or a subgraph itself, which stands for its only
    `port` ('Input' for an edge's target, 'Output' for its source)."""
    node = graph["nodes"].get(ref)
    if node is None:
        for cut in (i for i, c in enumerate(ref) if c == "."):
            sub = graph["nodes"].get(ref[:cut])
            if sub is not None and sub["type"] == "NIRGraph":
                return _endpoint(sub, ref[cut + 1:], f"{prefix}{ref[:cut]}.", port)
        raise NIRImportError(f"an edge names the unknown node '{prefix}{ref}'")
    if node["type"] != "NIRGraph":
        return prefix + ref
    ports = [key for key, inner in node["nodes"].items() if inner["type"] == port]
    if len(ports) != 1:
        raise NIRImportError(f"subgraph '{prefix}{ref}' has {len(ports)} {port} nodes "
                             f"{ports}; an edge must name one as '{prefix}{ref}.<name>'")
    return prefix + ref + "." + ports[0]


def flatten_graph(graph: dict, prefix: str = "") -> Tuple[Dict[str, dict], List[Tuple[str, str]]]:
    """Nodes and edges of `graph` with nested NIRGraphs expanded: inner nodes
    are named 'sub.inner', the inner Input and Output nodes become pass-through
    'Identity' nodes."""
    nodes: Dict[str, dict] = {}
    edges: List[Tuple[str, str]] = []
    for key, node in graph["nodes"].items():
        if node["type"] == "NIRGraph":
            inner_nodes, inner_edges = flatten_graph(node, f"{prefix}{key}.")
            nodes.update(inner_nodes)
            edges.extend(inner_edges)
        elif prefix and node["type"] in ("Input", "Output"):
            nodes[prefix + key] = {"type": "Identity"}
        else:
            nodes[prefix + key] = node
    for src, dst in graph["edges"]:
        edges.append((_endpoint(graph, src, prefix, "Output"),
                      _endpoint(graph, dst, prefix, "Input")))
    return nodes, edges


# -- building the network -------------------------------------------------------------

def compact_param(values, shape: Tuple[int, ...], what: str):
    """A parameter in the smallest form the snn ops accept: a scalar if all
    values agree, one per channel (dimension 0) if that suffices, else one per
    neuron. NIR stores neuron parameters with the layer's full shape."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    if flat.size == 0:
        raise ValueError(f"'{what}' is empty")
    if np.all(flat == flat[0]):
        return float(flat[0])
    neurons = int(np.prod(shape))
    if len(shape) > 1 and flat.size == shape[0]:
        return flat
    if flat.size != neurons:
        raise ValueError(f"'{what}' has {flat.size} values for a layer of shape {shape}")
    per_channel = flat.reshape(shape[0], -1)
    if len(shape) > 1 and np.all(per_channel == per_channel[:, :1]):
        return per_channel[:, 0]
    return flat


def _same_padding(padding, kernel: Sequence[int], dilation: Sequence[int],
                  stride: Sequence[int]) -> Tuple[int, ...]:
    """Symmetric padding for NIR's 'same'/'valid' strings (snn ops pad both
    sides equally, so 'same' needs an odd kernel extent and stride 1)."""
    if padding == "valid":
        return (0,) * len(kernel)
    if padding != "same":
        return padding
    extents = [d * (k - 1) for k, d in zip(kernel, dilation)]
    if any(s != 1 for s in stride):
        raise ValueError(f"padding 'same' needs stride 1, got {tuple(stride)}")
    if any(e % 2 for e in extents):
        raise ValueError(f"padding 'same' with kernel {tuple(kernel)} and dilation "
                         f"{tuple(dilation)} needs uneven padding, which snn.conv2d cannot "
                         "express; use an odd kernel")
    return tuple(e // 2 for e in extents)


def _expect_rank(what: str, shape: Sequence[int], rank: int, layout: str) -> None:
    if len(shape) != rank:
        raise ValueError(f"expects a {rank}-D {what} {layout}, got shape {tuple(shape)}")


class _Importer:
    """Builds the Network from flat nodes and edges, demand-driven from the
    Output nodes (so every node is built after its inputs and unused nodes are
    dropped); a node reached again while being built closes a cycle."""

    def __init__(self, nodes: Dict[str, dict], edges: List[Tuple[str, str]], net: Network,
                 preset: presets.Preset, dt: float, reset: Optional[str],
                 reset_timing: Optional[str], input_dtype: str):
        self.nodes, self.net = nodes, net
        self.preset, self.dt, self.input_dtype = preset, dt, input_dtype
        self.reset, self.reset_timing = reset, reset_timing
        self.preds: Dict[str, List[str]] = {name: [] for name in nodes}
        for src, dst in edges:
            self.preds[dst].append(src)
        self.recurrent = self._find_recurrent()
        self.values: Dict[str, Value] = {}
        self.stack: List[str] = []

    def _find_recurrent(self) -> Dict[str, str]:
        """Spiking neuron -> the Affine/Linear node that feeds its own spikes
        back to it (its only input is the neuron); that edge leaves the graph
        and becomes the neuron's recurrent weight."""
        found: Dict[str, str] = {}
        for weight, srcs in self.preds.items():
            if self.nodes[weight]["type"] not in ("Affine", "Linear") or len(srcs) != 1:
                continue
            neuron = srcs[0]
            kind = presets.NEURON_TYPES.get(self.nodes[neuron]["type"])
            if kind and kind[1] and weight in self.preds[neuron]:
                if neuron in found:
                    raise NIRImportError(f"node '{neuron}' has two recurrent weights, "
                                         f"'{found[neuron]}' and '{weight}'")
                found[neuron] = weight
        for neuron, weight in found.items():
            self.preds[neuron].remove(weight)
        return found

    def run(self) -> Network:
        for name, node in self.nodes.items():
            if node["type"] == "Input":
                self.values[name] = self.net.input(node["shape"], self.input_dtype, name)
        outputs = [name for name, node in self.nodes.items() if node["type"] == "Output"]
        if not outputs:
            raise NIRImportError("the graph has no Output node")
        for name in outputs:
            self.net.output(self.value(name))
        return self.net

    def value(self, name: str) -> Value:
        if name in self.values:
            return self.values[name]
        if name in self.stack:
            cycle = " -> ".join(self.stack[self.stack.index(name):] + [name])
            raise NIRImportError(
                f"cycle {cycle} is not supported: the only cycle allowed is a spiking "
                "neuron's output fed back to it through one Affine or Linear node "
                "(its recurrent weight)")
        node = self.nodes[name]
        if self.preset.fixed_point is not None and node["type"] not in _FIXED_POINT_NODES:
            raise NIRImportError(
                f"node '{name}' ({node['type']}): the {self.preset.name} preset maps "
                f"{', '.join(_FIXED_POINT_NODES)} nodes only (Lava's bit-accurate Dense and "
                "LIF, as the NIR paper's fixed-point converter)")
        self.stack.append(name)
        x = self._drive(name)
        try:
            value = _LOWER[node["type"]](self, name, node, x)
        except ValueError as error:
            raise NIRImportError(f"node '{name}' ({node['type']}): {error}") from None
        self.stack.pop()
        self.values[name] = value
        return value

    def _drive(self, name: str) -> Value:
        """The input of a node: its one source, or the float sum of several."""
        srcs = self.preds[name]
        if not srcs:
            raise NIRImportError(f"node '{name}' ({self.nodes[name]['type']}) has no "
                                 "incoming edge")
        xs = [self.value(src) for src in srcs]
        if len(xs) == 1:
            return xs[0]
        if self.preset.fixed_point is not None:
            raise NIRImportError(f"node '{name}' has {len(xs)} inputs: the "
                                 f"{self.preset.name} preset does not sum inputs")
        if any(x.shape != xs[0].shape for x in xs):
            shapes = ", ".join(f"'{s}' {x.shape}" for s, x in zip(srcs, xs))
            raise NIRImportError(f"node '{name}': its inputs cannot be summed, their "
                                 f"shapes differ ({shapes})")
        return self.net.add(*xs, out_dtype="f32", name=f"{name}_sum")

    # -- one function per NIR node type ---------------------------------------------
    def _identity(self, name, node, x):
        return x

    def _output(self, name, node, x):
        declared = node["shape"]
        if declared is None or declared == x.shape:
            return x
        if int(np.prod(declared)) != x.size:
            raise ValueError(f"declares shape {declared}, but receives {x.shape}")
        return self.net.reshape(x, declared, name=name)

    def _dense(self, name, node, x):
        _expect_rank("weight", node["weight"].shape, 2, "(out, in)")
        _expect_rank("input", x.shape, 1, "(insert a Flatten before it)")
        if self.preset.fixed_point is not None:
            return self._fixed_dense(name, node, x)
        return self.net.dense(x, node["weight"], node.get("bias"), out_dtype="f32", name=name)

    def _fixed_dense(self, name, node, x):
        """Lava's Dense in front of the one LIF this node feeds, with that
        LIF's input weight r dt/tau folded into its integer weights
        (presets.LoihiFixedPoint)."""
        consumers = [dst for dst, srcs in self.preds.items() if name in srcs]
        lif = consumers[0] if len(consumers) == 1 else None
        if lif is None or self.nodes[lif]["type"] != "LIF" or len(self.preds[lif]) != 1:
            raise ValueError(f"the {self.preset.name} preset needs an {node['type']} node to "
                             "feed exactly one LIF, and nothing else (it becomes that LIF's "
                             "Dense)")
        if x.dtype != "i1":
            raise ValueError(f"Lava's Dense reads spikes, not {x.dtype} (give spike inputs, "
                             "--input-dtype i1)")
        bias = node.get("bias")
        if bias is not None and np.any(bias != 0):
            raise ValueError("Lava's Dense has no bias")
        params = self.nodes[lif]
        gain = np.broadcast_to(params["r"] * self.dt / params["tau"],
                               (node["weight"].shape[0],)).reshape(-1, 1)
        weight = self.preset.fixed_point.dense_weights(node["weight"] * gain)
        return self.net.dense(x, weight, None, out_dtype="i32", weight_dtype="i16", name=name)

    def _scale(self, name, node, x):
        factor = compact_param(node["scale"], x.shape, "scale")
        return self.net.scale(x, factor, out_dtype="f32", name=name)

    def _conv2d(self, name, node, x):
        weight = node["weight"]
        _expect_rank("weight", weight.shape, 4, "(out, in/groups, kh, kw)")
        _expect_rank("input", x.shape, 3, "(C, H, W)")
        padding = _same_padding(node["padding"], weight.shape[2:], node["dilation"],
                                node["stride"])
        return self.net.conv2d(x, weight, node["bias"], stride=node["stride"],
                               padding=padding, dilation=node["dilation"],
                               groups=node["groups"], out_dtype="f32", name=name)

    def _conv1d(self, name, node, x):
        """(C, L) -> (C, 1, L), a conv2d with kernel (1, K), -> (K, L')."""
        weight = node["weight"]
        _expect_rank("weight", weight.shape, 3, "(out, in/groups, k)")
        _expect_rank("input", x.shape, 2, "(C, L)")
        (padding,) = _same_padding(node["padding"], weight.shape[2:], node["dilation"],
                                   node["stride"])
        rows = self.net.reshape(x, (x.shape[0], 1, x.shape[1]), name=f"{name}_2d")
        y = self.net.conv2d(rows, weight[:, :, None, :], node["bias"],
                            stride=(1, node["stride"][0]), padding=(0, padding),
                            dilation=(1, node["dilation"][0]), groups=node["groups"],
                            out_dtype="f32", name=name)
        return self.net.reshape(y, (y.shape[0], y.shape[2]), name=f"{name}_1d")

    def _pool(self, name, node, x):
        _expect_rank("input", x.shape, 3, "(C, H, W)")
        build = self.net.sumpool2d if node["type"] == "SumPool2d" else self.net.avgpool2d
        return build(x, node["kernel_size"], node["stride"], node["padding"],
                     out_dtype="f32", name=name)

    def _flatten(self, name, node, x):
        """NIR's dims count from the per-sample shape; files whose input_type
        has one dimension more counted a batch dimension: shift them back."""
        start, end = node["start_dim"], node["end_dim"]
        declared = node["input_type"]
        if declared is not None and len(declared) == len(x.shape) + 1:
            start, end = (d - 1 if d > 0 else d for d in (start, end))
        return self.net.flatten(x, start, end, name=name)

    def _delay(self, name, node, x):
        steps = np.round(node["delay"] / self.dt).reshape(-1)
        if steps.size == 0 or np.any(steps != steps[0]):
            raise ValueError(f"delays of {sorted(set(steps.tolist()))} steps (dt = "
                             f"{self.dt:g}) differ across neurons; snn.delay takes one")
        if steps[0] < 0:
            raise ValueError(f"negative delay {node['delay'].min():g}")
        if steps[0] == 0:
            return x
        return self.net.delay(x, int(steps[0]), name=name)

    def _threshold(self, name, node, x):
        theta = compact_param(node["threshold"], x.shape, "threshold")
        return self.net.threshold(x, theta, self.preset.compare, name=name)

    def _neuron(self, name, node, x):
        params = {key: value for key, value in node.items() if key != "type"}
        folded = self.preset.fixed_point is not None and \
            self.nodes[self.preds[name][0]]["type"] in ("Affine", "Linear")
        if self.preset.fixed_point is not None:
            if name in self.recurrent:
                raise ValueError(f"the {self.preset.name} preset has no recurrence")
            if not dtypes.is_int(x.dtype):
                raise ValueError(f"Lava's LIF takes integer activations or spikes, not "
                                 f"{x.dtype} (give spike inputs, --input-dtype i1)")
            params = {key: np.broadcast_to(value, x.shape) if isinstance(value, np.ndarray)
                      else value for key, value in params.items()}
        op, attrs = presets.neuron(self.preset, node["type"], params, self.dt, self.reset,
                                   self.reset_timing, folded=folded)
        kwargs = {key: compact_param(value, x.shape, key) if isinstance(value, np.ndarray)
                  else value for key, value in attrs.items()}
        if name in self.recurrent:
            kwargs.update(self._recurrent(self.recurrent[name], x))
        if self.preset.synapse_delay:
            x = self.net.delay(x, self.preset.synapse_delay, name=f"{name}_synapse_delay")
        y = getattr(self.net, op)(x, name=name, **kwargs)
        if self.preset.spike_delay and y.dtype == "i1":
            y = self.net.delay(y, self.preset.spike_delay, name=f"{name}_spike_delay")
        return y

    def _recurrent(self, weight_name: str, x: Value) -> dict:
        weight = self.nodes[weight_name]
        _expect_rank("layer", x.shape, 1, f"for the recurrent weight '{weight_name}'")
        if weight["weight"].shape != (x.size, x.size):
            raise ValueError(f"recurrent weight '{weight_name}' has shape "
                             f"{weight['weight'].shape}, expected {(x.size, x.size)}")
        return {"recurrent": weight["weight"], "recurrent_bias": weight.get("bias")}


_LOWER: Dict[str, Callable] = {
    "Identity": _Importer._identity, "Output": _Importer._output,
    "Affine": _Importer._dense, "Linear": _Importer._dense, "Scale": _Importer._scale,
    "Conv1d": _Importer._conv1d, "Conv2d": _Importer._conv2d,
    "SumPool2d": _Importer._pool, "AvgPool2d": _Importer._pool,
    "Flatten": _Importer._flatten, "Delay": _Importer._delay,
    "Threshold": _Importer._threshold,
    **{kind: _Importer._neuron for kind in presets.NEURON_TYPES},
}

INPUT_DTYPES = ("f32", "i1")

# The nodes a fixed-point preset maps (presets.LoihiFixedPoint).
_FIXED_POINT_NODES = ("Input", "Output", "Identity", "Affine", "Linear", "LIF")


def import_nir(source: Union[str, Path, Mapping], *, time_steps: int,
               dt: Optional[float] = None, preset: str = presets.DEFAULT_PRESET,
               reset: Optional[str] = None, reset_timing: Optional[str] = None,
               input_dtype: Optional[str] = None, name: str = "main") -> Network:
    """A `Network` of `time_steps` steps from a `.nir` file (or a description
    from `read_nir`).

    `preset` names the discretisation (presets.PRESETS), `dt` the time step in
    seconds (default: the preset's), `reset` overrides the preset's reset mode
    (subtract, zero, to_value, none) and `reset_timing` its reset timing
    (same, next), `input_dtype` is 'f32' (any values) or
    'i1' (the inputs are spikes; the default and the only choice of the
    fixed-point preset lava-fixed, else 'f32' is). Raises NIRImportError.
    """
    graph = source if isinstance(source, Mapping) else read_nir(source)
    fixed = preset in presets.PRESETS and presets.PRESETS[preset].fixed_point is not None
    if input_dtype is None:
        input_dtype = "i1" if fixed else "f32"
    elif fixed and input_dtype != "i1":
        raise NIRImportError(f"the {preset} preset takes spikes (input dtype i1), not "
                             f"{input_dtype}: Lava's fixed-point Dense reads spikes")
    if input_dtype not in INPUT_DTYPES:
        raise NIRImportError(f"input dtype must be one of {', '.join(INPUT_DTYPES)}, "
                             f"got '{input_dtype}'")
    try:
        chosen = presets.get(preset)
        step = presets.resolve_dt(chosen, dt)
        presets.reset_mode(chosen, reset)
        if reset_timing is not None:
            presets.check_reset_timing(reset_timing)
        net = Network(time_steps, name)
    except ValueError as error:
        raise NIRImportError(str(error)) from None
    nodes, edges = flatten_graph(graph)
    return _Importer(nodes, edges, net, chosen, step, reset, reset_timing, input_dtype).run()
