"""Tests of bench/gen_networks.py, the STEMS benchmark networks.

* The full networks reproduce the weight and state bit totals of
  bench/stems/README.md, carry a block and a layer location on every op,
  and parse with snn-opt.
* bench/networks/ holds exactly what `gen_networks.py --all` writes now.
* The reduced networks are active in every spiking layer (neither silent nor
  saturated) and `snn-run` reproduces the reference simulator exactly.
* Inconsistent facts and inputs too small for the architecture stop the
  generation with a clear error.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from snn_mlir import reference
from snn_mlir.testing import differential

ROOT = Path(__file__).resolve().parents[2]
SNN_OPT = ROOT / "build" / "bin" / "snn-opt"
SNN_RUN = ROOT / "build" / "bin" / "snn-run"


def _load_generator():
    """bench/gen_networks.py is a script, not a package module."""
    spec = importlib.util.spec_from_file_location("gen_networks",
                                                  ROOT / "bench" / "gen_networks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()

# (weight bits, state bits) from bench/stems/README.md. The README gives
# 5PLIF's state only; its convolutions, hence its weights, are 7PLIF's.
README_FIGURES = {
    "sew-resnet18-7plif": (4_751_872, 46_362_624),
    "sew-resnet18-5plif": (4_751_872, 2_322_432),
    "red-lif": (12_423_936, 14_853_120),
}


def source(name: str) -> Path:
    """The network's JSON facts (bench/stems)."""
    return Path(gen.STEMS_DIR) / f"{name}.json"


def load_spec(name: str) -> dict:
    return gen.load_spec(str(source(name)))


@functools.lru_cache(maxsize=None)
def network(name: str, reduced: bool):
    """The network as `--all` generates it (built once per session)."""
    return gen.build_network(load_spec(name), gen.REDUCTIONS[name] if reduced else None)


@functools.lru_cache(maxsize=None)
def reduced_run(name: str):
    """(inputs, every value) of the reduced network on a random input."""
    net = network(name, True)
    inputs = reference.input_arrays(net, gen.random_input(net, seed=1))
    return inputs, reference.simulate_all(net, inputs)


@pytest.mark.parametrize("name", gen.NETWORKS)
def test_full_networks_match_readme_figures(name):
    net = network(name, False)
    assert (gen.weight_bits(net), gen.state_bits(net)) == README_FIGURES[name]


@pytest.mark.parametrize("name", gen.NETWORKS)
def test_every_op_carries_its_block_and_layer(name):
    spec = load_spec(name)
    blocks = {layer["name"]: layer["block"] for layer in spec["layers"]}
    ops = [line for line in network(name, False).to_mlir(weights="args").splitlines()
           if " = snn." in line]
    convs = sum(layer["op"] == "conv2d" for layer in spec["layers"])
    assert len(ops) == len(spec["layers"]) + convs  # a conv2d and its neuron per conv layer
    for line in ops:
        match = re.search(r'snn\.block = (\d+) : i64\}.* loc\("(\w+?)(_neuron)?"\)$', line)
        assert match, line
        assert int(match.group(1)) == blocks[match.group(2)], line


@pytest.mark.skipif(not SNN_OPT.exists(), reason="snn-opt is not built")
@pytest.mark.parametrize("name", gen.NETWORKS)
def test_full_networks_parse(name):
    text = network(name, False).to_mlir(weights="args")
    result = subprocess.run([str(SNN_OPT)], input=text, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_committed_networks_are_current(tmp_path, capsys):
    assert gen.main(["--all", str(tmp_path)]) == 0
    assert "weights 4,751,872 bits, state 46,362,624 bits" in capsys.readouterr().out
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in (ROOT / "bench" / "networks").glob("*.mlir"))
    for file in written:
        assert (tmp_path / file).read_text() == (ROOT / "bench" / "networks" / file).read_text(), \
            f"bench/networks/{file} is stale: run bench/gen_networks.py --all bench/networks"


@pytest.mark.parametrize("name", gen.NETWORKS)
def test_reduced_networks_spike_in_every_layer(name):
    net = network(name, True)
    _, values = reduced_run(name)
    for node in net.nodes:
        if node.op in ("lif", "threshold"):
            rate = values[node.result.name].mean()
            assert 0.01 < rate < 0.99, f"{node.result.name} fires at rate {rate}"
    (out,) = [values[v.name] for v in net.outputs]
    assert 0 < out.mean() < 1


@pytest.mark.skipif(not SNN_RUN.exists(), reason="snn-run is not built")
@pytest.mark.parametrize("name", gen.NETWORKS)
def test_reduced_networks_run_like_the_reference(name, tmp_path):
    net = network(name, True)
    inputs, values = reduced_run(name)
    expected = [values[v.name] for v in net.outputs]
    got = differential.run_compiled(net.to_mlir(), net, inputs, str(SNN_RUN), None, str(tmp_path))
    assert differential.compare_outputs(net, expected, got) is None


def test_input_too_small_for_seven_poolings_stops():
    spec = load_spec("sew-resnet18-7plif")
    with pytest.raises(gen.GenerationError, match=r"b5_pool: .*2x2 window.*1x1 input"):
        gen.build_network(spec, gen.Reduction((32, 32), 4))


def test_out_hw_disagreeing_with_the_formula_stops():
    spec = load_spec("red-lif")
    spec["layers"][0]["out_hw"] = [181, 320]
    with pytest.raises(gen.GenerationError, match=r"b0_conv0: out_hw is \[180, 320\]"):
        gen.build_network(spec)


def test_command_line_reduced(tmp_path, capsys):
    out = tmp_path / "net.mlir"
    sizes = ["--reduced", "--time-steps", "2", "--max-channels", "4", "--input-hw"]
    red = [str(source("red-lif")), "-o", str(out)] + sizes
    assert gen.main(red + ["48", "80"]) == 0
    text = out.read_text()
    assert "arith.constant" in text and "%input: tensor<2x4x48x80xi4>" in text
    sew = [str(source("sew-resnet18-7plif")), "-o", str(out)] + sizes
    assert gen.main(sew + ["64", "64"]) == 1
    assert "error: b6_pool:" in capsys.readouterr().err
