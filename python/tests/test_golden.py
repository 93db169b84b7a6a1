"""Conformance with the NIR paper's published spike trains
(../shared/nir/golden/lif_<platform>.csv): the single-LIF experiment
(lif_norse.nir, dt = 1e-4, 1000 steps, each platform's own input column),
imported with the platform's preset, must spike at exactly the platform's
steps, in the reference simulator and compiled by snn-run. Only spike steps
are compared: the membrane columns are in each platform's own units (Lava's
fixed point among them), which snn.lif does not output."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from snn_mlir import compiler, reference
from snn_mlir.nir_import import import_nir

SHARED = Path(os.environ.get("SNN_SHARED", Path(__file__).resolve().parents[3] / "shared"))
GOLDEN = SHARED / "nir" / "golden"

# platform -> preset. SpiNNaker2 and Nengo (steps 460, 510, 710, 760) have no
# preset of their own yet.
PLATFORMS = {"sinabs": "sinabs", "spyx": "spyx", "lava_cpu_fixed": "lava",
             "lava_loihi_fixed": "lava"}


def golden(platform: str):
    path = GOLDEN / f"lif_{platform}.csv"
    if not path.exists():
        pytest.skip(f"{path} not found (set SNN_SHARED)")
    table = np.loadtxt(path, delimiter=",", dtype=np.float32)
    return table[:, :1], np.nonzero(table[:, 2])[0]


@pytest.mark.parametrize("platform, preset", sorted(PLATFORMS.items()))
def test_spike_steps(platform, preset, tmp_path):
    x, steps = golden(platform)
    net = import_nir(GOLDEN.parent / "lif_norse.nir", time_steps=len(x), preset=preset,
                     dt=1e-4)
    (simulated,) = reference.simulate(net, {net.inputs[0].name: x})
    np.testing.assert_array_equal(np.nonzero(simulated.ravel())[0], steps)
    try:
        compiler.tool_path("snn-run")
    except compiler.ToolError as error:
        pytest.skip(str(error))
    mlir = tmp_path / "lif.mlir"
    mlir.write_text(net.to_mlir())
    (compiled,) = compiler.run_arrays(str(mlir), [x], 1, str(tmp_path), entry=net.name)
    np.testing.assert_array_equal(np.nonzero(compiled.ravel())[0], steps)


def test_timing_matters():
    """Without Lava's synapse latency every spike would come a step early."""
    x, steps = golden("lava_cpu_fixed")
    net = import_nir(GOLDEN.parent / "lif_norse.nir", time_steps=len(x), preset="snntorch",
                     dt=1e-4)
    (simulated,) = reference.simulate(net, {net.inputs[0].name: x})
    np.testing.assert_array_equal(np.nonzero(simulated.ravel())[0], steps - 1)
