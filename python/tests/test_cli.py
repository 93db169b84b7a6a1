"""The command line (`python3 -m snn_mlir`) end to end: every real NIR file
of data/nir is imported with its framework's preset, run by `run` on a
random input and compared exactly with the reference simulator; the Norse
and snnTorch models spike as the update rules of Norse's LIFBoxCell and
snnTorch's (R)Synaptic, re-implemented in NumPy in test_nir_import.py (the
frameworks themselves are not installed); `report` and `plot` work on a
small network; errors are one `error: ...` line. The NIR paper's published
spike steps are reproduced through the command line in test_golden.py."""

from __future__ import annotations

import json

import numpy as np
import pytest

from snn_mlir.__main__ import main
from snn_mlir.testing.differential import compare_outputs
from snn_mlir.nir_import import import_nir, read_nir
from snn_mlir.reference import simulate
from test_compiler import hardware_file, small_network, tools_or_skip
from test_nir_import import linear, nir_file, norse_lif_box, snntorch_synaptic

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def random_spikes(shape, density: float, dtype=np.uint8, seed: int = 0) -> np.ndarray:
    return (np.random.default_rng(seed).random(shape) < density).astype(dtype)


# file -> (import-nir options, import_nir keywords, time steps, input of shape (T, ...))
NIR_FILES = {
    "lif_norse.nir": (["--preset", "norse", "--dt", "1e-4"], dict(preset="norse", dt=1e-4),
                      300, lambda t: np.linspace(0, 2, t, dtype=np.float32)[:, None]),
    "cnn_sinabs.nir": (["--preset", "sinabs", "--input-dtype", "i1"],
                       dict(preset="sinabs", input_dtype="i1"),
                       10, lambda t: random_spikes((t, 2, 34, 34), 0.3)),  # N-MNIST shape
    "braille_noDelay_bias_zero.nir": (["--preset", "snntorch", "--reset", "zero"],
                                      dict(preset="snntorch", reset="zero"),
                                      150, lambda t: random_spikes((t, 12), 0.5, np.float32)),
    "braille_noDelay_noBias_subtract.nir": (
        ["--preset", "snntorch", "--reset", "subtract"], dict(preset="snntorch",
                                                             reset="subtract"),
        150, lambda t: random_spikes((t, 12), 0.5, np.float32)),
}


def import_and_run(tmp_path, name: str, *run_options: str):
    """import-nir then run through the command line: (imported network, input,
    outputs of the compiled code)."""
    options, keywords, steps, make_input = NIR_FILES[name]
    mlir, x, y = (str(tmp_path / f) for f in ("net.mlir", "x.npy", "y.npy"))
    assert main(["import-nir", str(nir_file(name)), "-o", mlir, "--time-steps", str(steps),
                 *options]) == 0
    np.save(x, make_input(steps))
    assert main(["run", mlir, "--input", x, "--output", y, *run_options]) == 0
    net = import_nir(nir_file(name), time_steps=steps, **keywords)
    return net, np.load(x), [np.load(y)]


@pytest.mark.parametrize("name", list(NIR_FILES))
def test_nir_files_run_like_the_reference(tmp_path, name):
    tools_or_skip()
    net, x, got = import_and_run(tmp_path, name)
    assert compare_outputs(net, simulate(net, [x]), got) is None
    assert got[0].sum() > 0


# Fused modes keep blocks with a flatten or dense layer whole (no column tiles).
@pytest.mark.parametrize("schedule", ["st-lbl", "tb-lbl", "auto", "st-f", "tb-f"])
def test_sinabs_cnn_under_schedules(tmp_path, schedule):
    tools_or_skip()
    net, x, got = import_and_run(tmp_path, "cnn_sinabs.nir", "--schedule", schedule,
                                 "--hardware", hardware_file())
    assert compare_outputs(net, simulate(net, [x]), got) is None


def test_norse_model_reproduces_norse(tmp_path):
    """Norse's LIFBoxCell update rule, as test_nir_import.norse_lif_box
    re-implements it (NumPy, float32, Norse's order of operations)."""
    tools_or_skip()
    _, x, (got,) = import_and_run(tmp_path, "lif_norse.nir")
    assert 20 < got.sum()
    np.testing.assert_array_equal(got, norse_lif_box(x, 0.0025, 0.1, 1e-4).astype(np.uint8))


@pytest.mark.parametrize("name, reset", [("braille_noDelay_bias_zero.nir", "zero"),
                                         ("braille_noDelay_noBias_subtract.nir", "subtract")])
def test_snntorch_models_reproduce_snntorch(tmp_path, name, reset):
    """snnTorch's own discretisation (alpha = 1 - dt/tau_syn, beta = 1 - dt/tau_mem,
    dt = 1e-4), recomputed by test_nir_import's independent re-implementation."""
    tools_or_skip()
    _, x, (got,) = import_and_run(tmp_path, name)
    g = read_nir(nir_file(name))["nodes"]
    dt, rec = 1e-4, g["lif1.w_rec"]
    s1 = snntorch_synaptic(linear(x, g["fc1"]["weight"], g["fc1"].get("bias")),
                           1 - dt / g["lif1.lif"]["tau_syn"], 1 - dt / g["lif1.lif"]["tau_mem"],
                           1.0, reset, rec["weight"], rec.get("bias"))
    s2 = snntorch_synaptic(linear(s1, g["fc2"]["weight"], g["fc2"].get("bias")),
                           1 - dt / g["lif2"]["tau_syn"], 1 - dt / g["lif2"]["tau_mem"], 1.0, reset)
    assert 5 < got.sum()
    np.testing.assert_array_equal(got, s2.astype(np.uint8))


@pytest.fixture
def small_mlir(tmp_path):
    tools_or_skip()
    path = tmp_path / "small.mlir"
    path.write_text(small_network()[0].to_mlir())
    return str(path)


def test_report_table_and_json(small_mlir, capsys):
    hardware = hardware_file()
    assert main(["report", small_mlir, "--hardware", hardware]) == 0
    table = capsys.readouterr().out
    assert "cost of @small on meta-proto-1MB" in table and "off-chip traffic:" in table
    assert main(["report", small_mlir, "--hardware", hardware, "--json", "--schedule", "tb-f",
                 "--accounting", "stems"]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    assert (report["network"], report["accounting"]) == ("small", "stems")
    assert {"energy_pj", "offchip_bytes", "groups", "layers"} <= set(report)


def test_plot_writes_four_pngs(small_mlir, tmp_path, capsys):
    out = tmp_path / "plots"
    assert main(["plot", small_mlir, "--hardware", hardware_file(), "--out", str(out),
                 "--schedule", "tb-f", "--baseline", "st-lbl", "--baseline", "tb-lbl"]) == 0
    paths = capsys.readouterr().out.split()
    kinds = ["energy", "traffic", "comparison", "footprint"]
    assert paths == [str(out / f"small-tb-f-{kind}.png") for kind in kinds]
    for path in paths:
        with open(path, "rb") as png:
            data = png.read()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000, path


def test_errors_are_one_line(small_mlir, tmp_path, capsys):
    x = str(tmp_path / "x.npy")
    np.save(x, np.zeros((8, 3), np.uint8))
    assert main(["run", small_mlir, "--entry", "small", "--input", x, "--output",
                 str(tmp_path / "y.npy"), "--output", str(tmp_path / "z.npy")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: input #0 ('{x}'): expected shape")
    assert err.count("\n") == 1
    assert main(["report", small_mlir, "--hardware", str(tmp_path / "none.json")]) == 1
    assert "cannot read hardware description" in capsys.readouterr().err

