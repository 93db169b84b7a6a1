"""The main job's Python part (scripts/demo.sh runs it after the build):
imports a real NIR model, compiles it under the auto-scheduler's schedule,
runs it, checks the spikes against the reference simulator, and plots where
its energy goes. Writes into the directory given as the first argument."""

import sys
import time
from pathlib import Path

import numpy as np

from snn_mlir import plots
from snn_mlir.compiler import compile_and_run, cost_report
from snn_mlir.nir_import import import_nir
from snn_mlir.reference import simulate

REPO = Path(__file__).resolve().parents[1]


def main(out: Path) -> int:
    hardware = str(REPO / "bench" / "stems" / "meta-proto-1MB.hw.json")
    net = import_nir(REPO / "data" / "nir" / "cnn_sinabs.nir", time_steps=100, preset="sinabs",
                     input_dtype="i1")
    (out / "cnn_sinabs.mlir").write_text(net.to_mlir())
    rng = np.random.default_rng(0)
    events = rng.random((100, 2, 34, 34)) < 0.1  # N-MNIST-shaped: (T, polarity, 34, 34)
    [name] = [value.name for value in net.inputs]

    start = time.perf_counter()
    (spikes,) = compile_and_run(net, {name: events}, schedule="auto", hardware=hardware)
    compiled = time.perf_counter() - start
    start = time.perf_counter()
    (expected,) = simulate(net, {name: events})
    simulated = time.perf_counter() - start
    same = spikes.shape == expected.shape and bool((spikes == expected).all())
    print(f"Sinabs CNN, 100 steps: compiled and run under the auto schedule in {compiled:.1f} s,"
          f" reference simulator {simulated:.1f} s; spikes per class "
          f"{spikes.sum(axis=0).tolist()}; identical to the reference: {same}")
    if not same:
        return 1

    reports = {schedule: cost_report(net, hardware, schedule=schedule)[0]
               for schedule in ("st-lbl", "tb-lbl", "auto")}
    auto = reports["auto"]
    print(f"cost on the 1 MB core: {auto['offchip_bytes']:,} B off chip "
          f"({auto['ratio_to_lower_bound']:.2f}x the lower bound), "
          f"{auto['energy_pj'] / 1e6:.1f} uJ; layer by layer step by step (ST-LBL): "
          f"{reports['st-lbl']['offchip_bytes']:,} B, "
          f"{reports['st-lbl']['energy_pj'] / 1e6:.1f} uJ")
    for path in plots.plot_report(auto, reports, str(out), "cnn_sinabs-auto"):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
