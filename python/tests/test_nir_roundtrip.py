"""NIR export (`snn-translate --export-nir`, lib/Target/NIR/NIRExport*.cpp).

* Round trip of every file of data/nir under every preset: importing the
  exported file prints exactly what importing the original printed, with
  snn-translate, and also with the Python importer (`read_nir` and
  `import_nir` read the exported file with h5py: an independent reader).
* Every NIR node type, in the small files test_nir_import.py writes, under
  several presets.
* Random float networks (snn_mlir.testing.random_net): each is either
  exported, and then the re-imported network computes exactly the same
  outputs (reference simulator) and round-trips as above, or refused with
  one line naming the op.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from snn_mlir import compiler, presets, reference
from snn_mlir.nir_import import import_nir
from snn_mlir.testing.random_net import generate
from test_nir_import import NEURONS, SYNAPSES, chain, write_nir

ROOT = Path(__file__).resolve().parents[2]
NIR_FILES = sorted((ROOT / "data" / "nir").glob("*.nir"))
TRANSLATE = compiler.build_dir() / "bin" / "snn-translate"
TIME_STEPS = 8
# Sinabs counts tau in steps (dt = 1); every other preset at snnTorch's
# 1e-4, a step that every file's time constants allow under forward Euler.
PRESET_DT = {"sinabs": 1.0}
EXPORTABLE = [name for name, preset in presets.PRESETS.items() if preset.fixed_point is None]

pytestmark = pytest.mark.skipif(not os.access(TRANSLATE, os.X_OK),
                                reason=f"{TRANSLATE} is not built")


def translate(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(TRANSLATE), *args], capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def options(preset: str, dt: float, reset=None, timing=None) -> list:
    args = ["--preset", preset, "--dt", repr(dt)]
    if reset:
        args += ["--reset", reset]
    if timing:
        args += ["--reset-timing", timing]
    return args


def import_text(path: Path, args: list, *extra: str) -> str:
    """The imported module with its name locations, which the export turns
    back into node names (without them, nodes are named after their ops)."""
    return translate("--import-nir", str(path), *args, "--time-steps", str(TIME_STEPS),
                     "--isolate=0", "--mlir-print-debuginfo", *extra).stdout


def without_locations(mlir: str) -> str:
    return re.sub(r' loc\("[^"]*"\)', "", mlir)


def export(mlir: Path, nir: Path, args: list, check: bool = True):
    return translate("--export-nir", str(mlir), *args, "-o", str(nir), check=check)


@pytest.mark.parametrize("preset", EXPORTABLE)
@pytest.mark.parametrize("path", NIR_FILES, ids=lambda p: p.stem)
def test_roundtrip(path: Path, preset: str, tmp_path: Path):
    dt = PRESET_DT.get(preset, 1e-4)
    args = options(preset, dt)
    first = import_text(path, args)
    (tmp_path / "net.mlir").write_text(first)
    export(tmp_path / "net.mlir", tmp_path / "net.nir", args)
    assert import_text(tmp_path / "net.nir", args) == first
    # The Python importer reads the exported file with h5py, as any NIR
    # reader would, and builds what it builds from the original (node names
    # aside: the C++ importer names '0' 'v0', 'lif1.lif' 'lif1_lif').
    python = import_nir(path, time_steps=TIME_STEPS, preset=preset, dt=dt).to_mlir()
    again = import_nir(tmp_path / "net.nir", time_steps=TIME_STEPS, preset=preset, dt=dt)
    assert without_locations(again.to_mlir()) == without_locations(python)


# node type -> (input shape, NIR node), from test_nir_import.py.
NODES = {**{kind: (shape, node) for kind, (shape, node, _) in SYNAPSES.items()},
         **{kind: ((3,), node) for kind, (node, _) in NEURONS.items()}}


@pytest.mark.parametrize("preset", ["exact", "snntorch", "rockpool", "lava"])
@pytest.mark.parametrize("kind", list(NODES))
def test_node_roundtrip(kind: str, preset: str, tmp_path: Path):
    shape, node = NODES[kind]
    nodes, edges = chain({"type": "Input", "shape": np.array(shape)}, node, {"type": "Output"})
    path = write_nir(tmp_path / "chain.nir", nodes, edges, "1.0")
    args = options(preset, 1e-3)
    first = import_text(path, args)
    (tmp_path / "net.mlir").write_text(first)
    export(tmp_path / "net.mlir", tmp_path / "net.nir", args)
    assert import_text(tmp_path / "net.nir", args) == first


def test_export_is_deterministic(tmp_path: Path):
    args = options("snntorch", 1e-4)
    (tmp_path / "net.mlir").write_text(import_text(NIR_FILES[0], args))
    export(tmp_path / "net.mlir", tmp_path / "a.nir", args)
    export(tmp_path / "net.mlir", tmp_path / "b.nir", args)
    assert (tmp_path / "a.nir").read_bytes() == (tmp_path / "b.nir").read_bytes()


def test_lava_fixed_is_refused(tmp_path: Path):
    (tmp_path / "net.mlir").write_text(
        "func.func @main(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {\n"
        "  return %x : tensor<4x2xf32>\n}\n")
    args = ["--preset", "lava-fixed", "--dt", "1e-4"]
    result = export(tmp_path / "net.mlir", tmp_path / "net.nir", args, check=False)
    assert result.returncode == 1
    assert "the lava-fixed preset cannot be exported" in result.stderr


# -- random networks ----------------------------------------------------------------

def _export_options(net) -> tuple:
    """A preset and reset under which the network's first spiking neuron is
    what an import makes (the export refuses the other neurons that differ)."""
    for node in net.nodes:
        if node.op in ("lif", "cuba_lif"):
            attrs = node.attrs
            preset = "snntorch" if attrs.get("compare", "gt") == "gt" else "spikingjelly"
            return preset, attrs.get("reset", "subtract"), attrs.get("reset_timing", "same")
    return "snntorch", None, None


@pytest.mark.parametrize("first_seed", range(0, 200, 50))
def test_random_networks(first_seed: int, tmp_path: Path):
    exported = 0
    for seed in range(first_seed, first_seed + 50):
        net, inputs = generate(seed, kind="float")
        if len({v.dtype for v in net.inputs}) > 1:
            continue  # the importer gives every input one element type
        preset, reset, timing = _export_options(net)
        args = options(preset, 1e-4, reset, timing)
        mlir, nir = tmp_path / f"net{seed}.mlir", tmp_path / f"net{seed}.nir"
        mlir.write_text(net.to_mlir())
        result = export(mlir, nir, args, check=False)
        if result.returncode:
            message = result.stderr.strip()
            assert result.returncode == 1 and message.startswith("error: "), message
            assert "\n" not in message and "cannot be exported" in message, message
            continue
        exported += 1
        dtype = net.inputs[0].dtype
        back = import_nir(nir, time_steps=net.time_steps, preset=preset, dt=1e-4, reset=reset,
                          reset_timing=timing, input_dtype=dtype)
        arrays = [inputs[v.name] for v in net.inputs]
        for want, got in zip(reference.simulate(net, arrays), reference.simulate(back, arrays)):
            assert np.array_equal(want, got), f"seed {seed}"
        # The imported form round-trips exactly.
        first = import_text(nir, args, "--input-type", dtype)
        mlir.write_text(first)
        export(mlir, nir, args)
        assert import_text(nir, args, "--input-type", dtype) == first, f"seed {seed}"
    assert exported > 0
