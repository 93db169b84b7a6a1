"""Cycles of NIR graphs (docs/NIR.md, "Cycles"): the C++ importer closes each
loop with a delay of one step on the edge out of the node met again, which
then carries that node's previous step, and the loop's ops become an
snn.cycle.

The check is differential, on random graphs with loops: a NumPy simulator
written here from NIR's equations (float64, preset 'exact') computes the
graph step by step, every node after the nodes it reads in the same step,
an edge from a node not yet computed in this step reading its value of the
step before; the imported network must match it (the reference simulator,
float32), and the compiled network the reference exactly.
"""

from __future__ import annotations

import numpy as np
import pytest

from snn_mlir import compiler, reference
from snn_mlir.graph import is_loop
from snn_mlir.nir_import import NIRImportError, import_nir

from test_nir_import import DT, write_nir
from test_nir_roundtrip import export, import_text, options

N = 3  # neurons per node


def random_node(rng: np.random.Generator) -> dict:
    kind = rng.choice(["Affine", "Linear", "Scale", "LI"])
    if kind in ("Affine", "Linear"):
        node = {"type": str(kind), "weight": rng.normal(0, 0.4, (N, N))}
        if kind == "Affine":
            node["bias"] = rng.normal(0, 0.2, N)
        return node
    if kind == "Scale":
        return {"type": "Scale", "scale": rng.uniform(-0.9, 0.9, N)}
    return {"type": "LI", "tau": rng.uniform(2e-3, 2e-2, N), "r": rng.uniform(0.5, 2, N),
            "v_leak": rng.normal(0, 0.1, N)}


def random_cyclic_graph(seed: int):
    """input -> a0 -> ... -> a(k-1) -> output, plus one to three edges
    backwards (a node may feed itself) and now and then one forwards."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 6))
    names = [f"a{i}" for i in range(k)]
    nodes = {"input": {"type": "Input", "shape": np.array([N])},
             "output": {"type": "Output", "shape": np.array([N])}}
    nodes.update({name: random_node(rng) for name in names})
    edges = [("input", names[0])] + list(zip(names, names[1:])) + [(names[-1], "output")]
    for _ in range(int(rng.integers(1, 4))):
        j = int(rng.integers(k))
        edges.append((names[j], names[int(rng.integers(j + 1))]))
    if k > 2 and rng.random() < 0.4:
        edges.append((names[0], names[int(rng.integers(2, k))]))
    return nodes, edges


def simulate_nir(nodes: dict, edges, x: np.ndarray) -> np.ndarray:
    """The output of the graph for input x of shape (T, N), step by step."""
    preds = {name: [] for name in nodes}
    for src, dst in edges:
        preds[dst].append(src)
    order, visiting = [], set()

    def visit(name):  # every node after the ones it reads, from the output back
        if name in order or name in visiting:
            return
        visiting.add(name)
        for src in preds[name]:
            visit(src)
        order.append(name)

    visit("output")
    previous = {name: np.zeros(N) for name in nodes}
    state = {name: np.zeros(N) for name in nodes}
    out = []
    for t in range(len(x)):
        now = {"input": x[t].astype(np.float64)}
        for name in order:
            node = nodes[name]
            if node["type"] == "Input":
                continue
            drive = sum(now[src] if src in now else previous[src] for src in preds[name])
            if node["type"] == "Affine":
                y = node["weight"] @ drive + node["bias"]
            elif node["type"] == "Linear":
                y = node["weight"] @ drive
            elif node["type"] == "Scale":
                y = node["scale"] * drive
            elif node["type"] == "LI":  # zero-order hold
                beta = np.exp(-DT / node["tau"])
                v = state[name]
                state[name] = beta * (v - node["v_leak"]) + node["v_leak"] + \
                    node["r"] * (1 - beta) * drive
                y = state[name]
            else:
                y = drive
            now[name] = y
        out.append(now["output"])
        previous = now
    return np.array(out)


@pytest.mark.parametrize("seed", range(40))
def test_random_cyclic_graphs(tmp_path, seed):
    nodes, edges = random_cyclic_graph(seed)
    path = write_nir(tmp_path / "loop.nir", nodes, edges, "1.0")
    steps = 7
    net = import_nir(path, time_steps=steps, dt=DT, preset="exact")
    assert any(is_loop(nodes) for nodes in net.components())
    x = np.random.default_rng(seed + 1000).normal(0, 1, (steps, N)).astype(np.float32)
    (expected,) = reference.simulate(net, [x])
    np.testing.assert_allclose(expected, simulate_nir(nodes, edges, x), rtol=1e-4, atol=1e-5)
    (compiled,) = compiler.compile_and_run(net.to_mlir(), [x])
    assert np.array_equal(compiled, expected)


def test_lif_li_loop(tmp_path):
    """The issue's example: LIF -> Affine -> LI -> Affine -> back into the
    LIF; the LI's output is the network's. Built from the output, the LI is
    met again while building the LIF's drive: the edge out of the LI closes
    the loop."""
    lif = {"type": "LIF", "tau": np.full(2, 5e-3), "r": np.ones(2), "v_leak": np.zeros(2),
           "v_threshold": np.full(2, 0.1), "v_reset": np.zeros(2)}
    li = {"type": "LI", "tau": np.full(2, 1e-2), "r": np.ones(2), "v_leak": np.zeros(2)}
    nodes = {"input": {"type": "Input", "shape": np.array([2])},
             "lif": lif, "w1": {"type": "Affine", "weight": np.eye(2), "bias": np.zeros(2)},
             "li": li, "w2": {"type": "Linear", "weight": np.array([[0.0, 3.0], [3.0, 0.0]])},
             "output": {"type": "Output", "shape": np.array([2])}}
    edges = [("input", "lif"), ("lif", "w1"), ("w1", "li"), ("li", "w2"), ("w2", "lif"),
             ("li", "output")]
    net = import_nir(write_nir(tmp_path / "lif_li.nir", nodes, edges, "1.0"),
                     time_steps=12, dt=DT, preset="exact")
    ops = {node.result.name: node for node in net.nodes}
    assert ops["li_feedback"].op == "delay" and ops["li_feedback"].inputs[0].name == "li"
    # Only the first neuron is driven: it fires, and through the LI and w2
    # the second one fires later, which it never would without the loop.
    x = np.zeros((12, 2), np.float32)
    x[:, 0] = 0.5
    (li_out,) = reference.simulate(net, [x])
    spikes = reference.simulate_all(net, [x])["lif"]
    assert spikes[:, 0].any() and spikes[:, 1].any()
    assert not spikes[: int(np.argmax(spikes[:, 0])) + 2, 1].any()
    (compiled,) = compiler.compile_and_run(net.to_mlir(), [x])
    assert np.array_equal(compiled, li_out)


def test_loop_closed_where_the_shape_is_unknown(tmp_path):
    """A loop met again at a node whose parameters do not give its shape
    (an Identity of a nested graph, a Conv2d, ...) is refused by name."""
    scale = {"type": "Scale", "scale": np.ones(3)}
    nodes = {"input": {"type": "Input", "shape": np.array([3])}, "s": scale,
             "f": {"type": "Flatten", "start_dim": 0, "end_dim": -1},
             "output": {"type": "Output", "shape": np.array([3])}}
    edges = [("input", "s"), ("s", "f"), ("f", "s"), ("f", "output")]
    path = write_nir(tmp_path / "flat.nir", nodes, edges, "1.0")
    with pytest.raises(NIRImportError, match="cycle f -> s -> f: the loop is closed on the "
                                             "edge out of 'f' \\(Flatten\\)"):
        import_nir(path, time_steps=2, dt=DT)


@pytest.mark.parametrize("preset", ["exact", "snntorch"])
@pytest.mark.parametrize("seed", range(0, 40, 3))
def test_random_cyclic_graphs_round_trip(tmp_path, seed, preset):
    """import(export(import(f))) prints exactly import(f): the feedback
    delays go back to plain edges, which the importer closes the same way."""
    nodes, edges = random_cyclic_graph(seed)
    path = write_nir(tmp_path / "loop.nir", nodes, edges, "1.0")
    args = options(preset, DT)
    first = import_text(path, args)
    assert "snn.cycle" in first
    (tmp_path / "net.mlir").write_text(first)
    export(tmp_path / "net.mlir", tmp_path / "net.nir", args)
    assert import_text(tmp_path / "net.nir", args) == first


def test_loop_without_a_feedback_delay_is_not_exported(tmp_path):
    """A loop closed by a delay of another name would come back from the
    importer with one more step of delay: refused."""
    (tmp_path / "loop.mlir").write_text("""
func.func @main(%x: tensor<4x3xf32> loc("x")) -> tensor<4x3xf32> {
  %0 = snn.cycle -> (tensor<4x3xf32>) {
    %d = snn.delay %s {steps = 1} : (tensor<4x3xf32>) -> tensor<4x3xf32> loc("d")
    %y = snn.add %x, %d : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32> loc("y_sum")
    %s = snn.scale %y {factor = 0.5} : tensor<4x3xf32> -> tensor<4x3xf32> loc("s")
    snn.yield %s : tensor<4x3xf32>
  }
  return %0 : tensor<4x3xf32>
}
""")
    result = export(tmp_path / "loop.mlir", tmp_path / "loop.nir", options("exact", DT),
                    check=False)
    assert result.returncode == 1
    assert "'snn.cycle' cannot be exported to NIR: NIR closes a loop with an edge carrying " \
        "the previous step" in result.stderr
