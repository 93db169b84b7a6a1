#!/usr/bin/python3
"""Small NIR files for the import tests: `make_nir.py CASE OUT`.

Each case is a graph in one of the layouts NIR files have had: 0.1/0.2
(plain datasets, `shape` of Input/Output, strings as fixed-length bytes,
integer parameters, defaults missing) or 1.0 (variable-length strings,
gzip-compressed arrays, `input_type`/`output_type` groups, metadata).
"""

import sys

import h5py
import numpy as np


def write(path, nodes, edges, layout="1.0"):
    with h5py.File(path, "w") as file:
        text(file, "version", "0.1.0" if layout == "0.1" else "1.0.0", layout)
        node(file.create_group("node"), {"type": "NIRGraph", "nodes": nodes, "edges": edges},
             layout)


def text(group, key, value, layout):
    if layout == "0.1":  # fixed-length bytes, as the first NIR releases wrote
        group.create_dataset(key, data=np.bytes_(value))
    else:
        group.create_dataset(key, data=value, dtype=h5py.string_dtype())


def node(group, spec, layout):
    for key, value in spec.items():
        if key == "nodes":
            members = group.create_group("nodes")
            for name, child in value.items():
                node(members.create_group(name), child, layout)
        elif key == "edges":
            group.create_dataset("edges", data=np.array(value, dtype=object).reshape(-1, 2),
                                 dtype=h5py.string_dtype())
        elif isinstance(value, str):
            text(group, key, value, layout)
        elif key == "shape" and layout == "1.0":
            port = spec["type"].lower()  # Input, Output
            group.create_group(f"{port}_type").create_dataset(port, data=np.asarray(value))
        else:
            array = np.asarray(value)
            group.create_dataset(key, data=array, **(
                {"compression": "gzip"} if layout == "1.0" and array.ndim else {}))
    if layout == "1.0":
        group.create_group("metadata").create_dataset("source", data="test")


def chain(*middle, shape=(3,)):
    names = ["input"] + [f"n{i}" for i in range(len(middle))] + ["output"]
    nodes = {"input": {"type": "Input", "shape": np.array(shape)},
             "output": {"type": "Output"}}
    nodes.update({f"n{i}": m for i, m in enumerate(middle)})
    return nodes, list(zip(names, names[1:]))


LIF = {"type": "LIF", "tau": np.full(3, 5e-3), "r": np.full(3, 2.0), "v_leak": np.zeros(3),
       "v_threshold": np.full(3, 0.5)}
W = np.arange(12, dtype=np.float32).reshape(3, 4) / 10


def case(name):
    """(nodes, edges, layout) of a named case."""
    if name == "old-layout":
        # NIR 0.1: int64 parameters, no v_reset (0) and no w_in (1).
        nodes, edges = chain(
            {"type": "LIF", "tau": np.array([5e-3, 1e-2, 1e-2]), "r": np.array([3, 2, 2]),
             "v_leak": np.zeros(3, dtype=np.int64), "v_threshold": np.ones(3, dtype=np.int64)},
            {"type": "CubaLIF", "tau_mem": np.full(3, 4e-3), "tau_syn": np.full(3, 2e-3),
             "r": np.full(3, 5), "v_leak": np.zeros(3), "v_threshold": np.full(3, 0.5)})
        nodes["output"]["shape"] = np.array([3])
        return nodes, edges, "0.1"
    if name == "nested":
        # A recurrent pair in a nested graph; edges name the subgraph.
        inner = {"input": {"type": "Input", "shape": np.array([3])}, "lif": LIF,
                 "w_rec": {"type": "Linear", "weight": np.eye(3) * 0.25},
                 "output": {"type": "Output", "shape": np.array([3])}}
        nodes = {"input": {"type": "Input", "shape": np.array([4])},
                 "fc": {"type": "Affine", "weight": W, "bias": np.ones(3)},
                 "rnn": {"type": "NIRGraph", "nodes": inner,
                         "edges": [("input", "lif"), ("lif", "w_rec"), ("w_rec", "lif"),
                                   ("lif", "output")]},
                 "output": {"type": "Output", "shape": np.array([3])}}
        return nodes, [("input", "fc"), ("fc", "rnn"), ("rnn", "output")], "1.0"
    if name == "conv1d-same":
        nodes, edges = chain({"type": "Conv1d", "weight": np.ones((4, 2, 3)),
                              "bias": np.zeros(4), "stride": 1, "padding": "same",
                              "dilation": 2, "groups": 1}, shape=(2, 9))
        return nodes, edges, "1.0"
    if name == "fan-in":
        nodes = {"a": {"type": "Input", "shape": np.array([3])},
                 "b": {"type": "Input", "shape": np.array([3])},
                 "li": {"type": "LI", "tau": np.full(3, 1e-2), "r": np.ones(3),
                        "v_leak": np.zeros(3)},
                 "out": {"type": "Output", "shape": np.array([3])}}
        return nodes, [("a", "li"), ("b", "li"), ("li", "out")], "1.0"
    if name == "per-channel":
        # Parameters of the layer's full shape, equal within each channel.
        tau = np.broadcast_to(np.array([1e-2, 2e-2])[:, None, None], (2, 2, 2))
        nodes, edges = chain({"type": "LIF", "tau": tau, "r": np.ones((2, 2, 2)),
                              "v_leak": np.zeros((2, 2, 2)),
                              "v_threshold": np.ones((2, 2, 2))}, shape=(2, 2, 2))
        return nodes, edges, "1.0"
    if name == "unknown-type":
        nodes, edges = chain({"type": "Sigmoid", "x": 1})
        return nodes, edges, "1.0"
    if name == "no-type":
        nodes, edges = chain({k: v for k, v in LIF.items() if k != "type"})
        return nodes, edges, "1.0"
    if name == "missing-param":
        nodes, edges = chain({k: v for k, v in LIF.items() if k != "v_threshold"})
        return nodes, edges, "0.1"
    if name == "bad-padding":
        nodes, edges = chain({"type": "Conv2d", "weight": np.ones((1, 1, 3, 3)),
                              "bias": np.zeros(1), "stride": 1, "padding": "full",
                              "dilation": 1, "groups": 1}, shape=(1, 4, 4))
        return nodes, edges, "1.0"
    if name == "infinite":
        nodes, edges = chain(dict(LIF, tau=np.array([5e-3, np.inf, 1e-2])))
        return nodes, edges, "1.0"
    if name == "cycle":
        scale = {"type": "Scale", "scale": np.ones(3)}
        nodes = {"input": {"type": "Input", "shape": np.array([3])}, "s1": scale, "s2": scale,
                 "output": {"type": "Output"}}
        return nodes, [("input", "s1"), ("s1", "s2"), ("s2", "s1"), ("s2", "output")], "1.0"
    if name == "cycle-unknown-shape":
        nodes = {"input": {"type": "Input", "shape": np.array([3])},
                 "s": {"type": "Scale", "scale": np.ones(3)},
                 "f": {"type": "Flatten", "start_dim": 0, "end_dim": -1},
                 "output": {"type": "Output"}}
        return nodes, [("input", "s"), ("s", "f"), ("f", "s"), ("f", "output")], "1.0"
    if name == "unknown-edge":
        nodes, edges = chain(LIF)
        return nodes, edges + [("n0", "ghost")], "1.0"
    if name == "no-output":
        nodes, edges = chain(LIF)
        del nodes["output"]
        return nodes, edges[:1], "1.0"
    if name == "delays-differ":
        nodes, edges = chain({"type": "Delay", "delay": np.array([1e-3, 2e-3, 2e-3])})
        return nodes, edges, "1.0"
    raise SystemExit(f"unknown case {name}")


if __name__ == "__main__":
    nodes, edges, layout = case(sys.argv[1])
    write(sys.argv[2], nodes, edges, layout)
