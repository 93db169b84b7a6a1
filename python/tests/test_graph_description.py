"""Tests of the graph description of the C API (`snnModuleDescribeGraph`) and
`Network.from_description` (python/snn_mlir/graph_description.py): a module
parsed in C++, described and rebuilt prints the same MLIR as the network it
was printed from."""

from __future__ import annotations

import numpy as np
import pytest
from snn_mlir import _capi, compiler
from snn_mlir.graph import Network
from snn_mlir.graph_description import DescriptionError
from snn_mlir.testing import random_net

try:
    LIBRARY = compiler.library()
except compiler.ToolError as missing:
    pytest.skip(str(missing), allow_module_level=True)


def describe(text: str, entry: str = "") -> dict:
    with _capi.Context(LIBRARY) as context:
        return context.parse(text).describe_graph(entry)


@pytest.mark.parametrize("seed", range(150))
def test_random_networks_round_trip(seed):
    """Every op and attribute the random networks use (integer, float and
    mixed networks, recurrence, loops across time steps in snn.cycle,
    schedules written by hand), exactly: parameters bit for bit."""
    net, _ = random_net.generate(seed)
    text = net.to_mlir()
    assert Network.from_description(describe(text)).to_mlir() == text


def test_description_names_values_and_encodes_parameters():
    net = Network(3, "f")
    x = net.input((2,), "f32", "x")
    y = net.dense(x, np.array([[1.5, -0.0], [2.0, 1e-45]]), np.array([0.25, -1.0]),
                  out_dtype="f32", name="fc")
    s = net.lif(y, threshold=0.5, v_leak=[0.5, -0.0], beta=0.75, compare="ge",
                name="spikes")
    net.output(s)
    # An argument is named after its location (the NIR importer gives the
    # Input node's name), as a value after its op's.
    text = net.to_mlir().replace("%x: tensor<3x2xf32>", '%x: tensor<3x2xf32> loc("x")')
    description = describe(text)
    assert description["name"] == "f" and description["time_steps"] == 3
    assert description["inputs"] == [{"name": "x", "shape": [2], "dtype": "f32"}]
    dense, lif = description["ops"]
    assert (dense["op"], dense["name"], dense["operands"]) == ("dense", "fc", ["x"])
    weight = dense["params"]["weight"]
    assert (weight["storage"], weight["shape"], weight["dtype"]) == ("<f4", [2, 2], "f32")
    assert set(dense["params"]) == {"weight", "bias"}
    assert (lif["name"], lif["operands"], lif["result"]) == \
        ("spikes", ["fc"], {"shape": [2], "dtype": "i1"})
    # -0.0 is no JSON number: a string float() reads.
    assert lif["attrs"]["v_leak"] == [0.5, "-0.0"] and lif["attrs"]["compare"] == "ge"
    assert lif["attrs"]["state_type"] == "f32" and lif["attrs"]["beta"] == 0.75
    assert description["outputs"] == ["spikes"]


def test_description_makes_names_unique():
    text = """
    func.func @f(%x: tensor<2x3xi8>, %y: tensor<2x3xi8>) -> tensor<2x3xi8> {
      %a = snn.relu %x : tensor<2x3xi8> -> tensor<2x3xi8> loc("r")
      %b = snn.relu %a : tensor<2x3xi8> -> tensor<2x3xi8> loc("r")
      %c = snn.add %b, %y : tensor<2x3xi8>, tensor<2x3xi8> -> tensor<2x3xi8>
      return %c : tensor<2x3xi8>
    }"""
    description = describe(text)
    assert [i["name"] for i in description["inputs"]] == ["input", "input_1"]
    assert [(op["name"], op["operands"]) for op in description["ops"]] == \
        [("r", ["input"]), ("r_1", ["r"]), ("v", ["r_1", "input_1"])]


FUNCTIONS = """
func.func @a(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
func.func @b(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  %y = snn.dense %x, %w : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32> loc("y")
  return %y : tensor<2x4xf32>
}
func.func @c(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = arith.addf %x, %x : tensor<2x3xf32> loc("sum")
  return %y : tensor<2x3xf32>
}
"""


@pytest.mark.parametrize("entry, message", [
    ("", "the module has 3 functions: name the one to describe"),
    ("nope", "no function @nope with a body"),
    ("b", "cannot describe 'snn.dense' 'y': its weight is not a constant tensor"),
    ("c", "cannot describe 'arith.addf' 'sum': not an snn op"),
])
def test_description_errors_name_the_op(entry, message):
    with pytest.raises(_capi.ToolError, match=f"^{message}$"):
        describe(FUNCTIONS, entry)
    assert describe(FUNCTIONS, "a")["outputs"] == ["input"]


def test_from_description_errors_name_the_op():
    net = Network(2)
    net.output(net.relu(net.input((3,), "i8"), shift=1, name="r"))
    description = describe(net.to_mlir())
    unknown = dict(description, ops=[dict(description["ops"][0], op="sigmoid")])
    with pytest.raises(DescriptionError, match=r"op 'r' \(snn.sigmoid\): graph.Network has no"):
        Network.from_description(unknown)
    odd = dict(description["ops"][0], attrs={"shift": 1, "form": {"mlir": "#snn.form<x>"}})
    with pytest.raises(DescriptionError, match="attribute 'form' = #snn.form<x> is not supported"):
        Network.from_description(dict(description, ops=[odd]))
    wrong = dict(description["ops"][0], result={"shape": [4], "dtype": "i8"})
    with pytest.raises(DescriptionError, match=r"rebuilt as \(3,\) i8, described as \(4,\) i8"):
        Network.from_description(dict(description, ops=[wrong]))
