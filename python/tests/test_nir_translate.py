"""`snn-translate --import-nir` against the Python package's `import_nir`.

Written as the migration check of the C++ importer: for every file of
data/nir under every preset (and the reset, timing and input variants the
tests use), for the small files of test_nir_import.py (every node type in
both layouts, nested graphs, fan-in, recurrence, the fixed point) and for
the errors test_nir_import.py expects, the module `snn-translate` prints and
the one `network_to_mlir` prints are the same text once both are printed by
`snn-opt`, and a refused graph gets the same one-line message. It passed
against the original h5py importer of the Python package (commit 65aac9e)
before that became a call into the C++ one. Now it checks that the
package's path (C API, isolated child, module rebuilt as a `Network`,
printed again) and the tool's path build the same module.
"""

from __future__ import annotations

import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from snn_mlir import compiler, presets
from snn_mlir.__main__ import main
from snn_mlir.nir_import import NIRImportError, import_nir

import test_nir_import as nir_tests

ROOT = Path(__file__).resolve().parents[2]
NIR_FILES = sorted((ROOT / "data" / "nir").glob("*.nir"))
STEPS = 8

try:
    SNN_OPT, SNN_TRANSLATE = compiler.tool_path("snn-opt"), compiler.tool_path("snn-translate")
except compiler.ToolError as missing:
    pytest.skip(str(missing), allow_module_level=True)


def translate(path: Path, **options) -> subprocess.CompletedProcess:
    args = [SNN_TRANSLATE, "--import-nir", str(path), f"--time-steps={STEPS}"]
    for key, value in options.items():
        if value is not None:
            args.append(f"--{key.replace('_', '-')}={value}")
    return subprocess.run(args, capture_output=True, text=True)


def python_import(path: Path, **options):
    """The Python importer's MLIR text, or its error message."""
    kw = dict(options)
    kw["input_dtype"] = kw.pop("input_type", None)
    try:
        return import_nir(path, time_steps=STEPS, **kw).to_mlir(), None
    except NIRImportError as error:
        return None, str(error)


def normalise(texts: list) -> list:
    """Each module as snn-opt prints it (one snn-opt run for all)."""
    joined = "\n// -----\n".join(texts)
    done = subprocess.run([SNN_OPT, "-", "--split-input-file"], input=joined,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("// -----\n")


def compare(cases: list) -> None:
    """cases: (label, path, options). Same IR, or the same error."""
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        translated = list(pool.map(lambda case: translate(case[1], **case[2]), cases))
    python_texts, cpp_texts, labels = [], [], []
    for (label, path, options), done in zip(cases, translated):
        text, error = python_import(path, **options)
        if error is not None:
            assert done.returncode == 1, f"{label}: Python refuses ({error}), C++ does not"
            assert done.stderr == f"error: {error}\n", label
            continue
        assert done.returncode == 0, f"{label}: {done.stderr}"
        python_texts.append(text)
        cpp_texts.append(done.stdout)
        labels.append(label)
    if not labels:
        return
    for label, want, got in zip(labels, normalise(python_texts), normalise(cpp_texts)):
        assert got == want, f"{label}: the C++ import differs from the Python one"


def preset_cases(path: Path) -> list:
    """Every preset; the presets' own time steps (or their refusal) and the
    option variants on one file each."""
    cases = []
    for preset in presets.PRESETS:
        for dt in (None, 1e-4) if path.name == "lif_norse.nir" else (1e-4,):
            cases.append((f"{path.name} {preset} dt={dt}", path, dict(preset=preset, dt=dt)))
    if path.name.startswith("braille"):
        cases += [(f"{path.name} reset={reset}", path, dict(preset="snntorch", reset=reset))
                  for reset in presets.RESET_MODES]
        cases.append((f"{path.name} timing", path, dict(preset="snntorch",
                                                         reset_timing="same")))
    cases += [(f"{path.name} spikes", path, dict(preset="norse", input_type="i1")),
              (f"{path.name} lava spikes", path, dict(preset="lava-fixed", dt=1e-4,
                                                     input_type="i1"))]
    return cases


@pytest.mark.parametrize("path", NIR_FILES, ids=lambda p: p.name)
def test_data_files_import_alike(path):
    compare(preset_cases(path))


# Every decay, gain and integrator rule, reset timing, comparison, delay and
# the fixed point.
RULE_PRESETS = ["exact", "snntorch", "sinabs", "rockpool", "spyx", "lava", "lava-fixed"]


def test_node_types_import_alike(tmp_path):
    cases = []
    for layout in ("0.2", "1.0"):
        for kind, (in_shape, node, _) in nir_tests.SYNAPSES.items():
            nodes, edges = nir_tests.chain({"type": "Input", "shape": np.array(in_shape)}, node,
                                           {"type": "Output"})
            path = nir_tests.write_nir(tmp_path / f"{kind}-{layout}.nir", nodes, edges, layout)
            cases.append((f"{kind} {layout}", path, dict(dt=nir_tests.DT)))
        for kind, (node, _) in nir_tests.NEURONS.items():
            nodes, edges = nir_tests.chain({"type": "Input", "shape": np.array([3])}, node,
                                           {"type": "Output", "shape": np.array([3])})
            path = nir_tests.write_nir(tmp_path / f"{kind}-{layout}.nir", nodes, edges, layout)
            # The layout is the reader's business, the presets the neurons':
            # one preset per rule of the table (the data files take them all).
            for preset in RULE_PRESETS if layout == "1.0" else ["exact"]:
                cases.append((f"{kind} {layout} {preset}", path,
                              dict(preset=preset, dt=nir_tests.DT)))
    compare(cases)


def test_graphs_import_alike(tmp_path):
    cases = []
    for nested, target in ((True, "rnn"), (True, "rnn.input"), (False, None)):
        nodes, edges = nir_tests.recurrent_graph(nested, target)
        path = nir_tests.write_nir(tmp_path / f"rnn-{nested}-{target}.nir", nodes, edges, "1.0")
        cases += [(f"recurrent {nested} {target} {preset}", path, dict(preset=preset, dt=1e-3))
                  for preset in ("exact", "lava", "spyx")]
    fan = {"a": {"type": "Input", "shape": np.array([3])},
           "b": {"type": "Input", "shape": np.array([3])},
           "li": nir_tests.NEURONS["LI"][0], "out": {"type": "Output", "shape": np.array([3])}}
    path = nir_tests.write_nir(tmp_path / "fan.nir", fan, [("a", "li"), ("b", "li"),
                                                           ("li", "out")])
    cases.append(("fan-in", path, dict(dt=1e-3)))
    cases.append(("fan-in lava-fixed", path, dict(preset="lava-fixed", dt=1e-3)))
    for weight, tau in ((np.array([[1.0, 0.5, 0.01, 9.0]]), 4e-4),
                        (np.array([[1.0, -0.5, -9.0, 0.03]]), 4e-4)):
        path = nir_tests.lava_chain(tmp_path, weight, tau, 0.5, v_leak=0.1)
        renamed = path.rename(tmp_path / f"lava-{weight[0, 1]}.nir")
        cases.append((f"lava-fixed {weight}", renamed, dict(preset="lava-fixed", dt=1e-4)))
    compare(cases)


ERROR_CASES = [(middle, in_shape) for middle, in_shape, _ in
               nir_tests.test_errors_name_the_node.pytestmark[0].args[1]]


LAVA_ERROR_CASES = [(nodes, kw) for nodes, kw, _ in
                    nir_tests.test_lava_fixed_errors.pytestmark[0].args[1]]


def folder(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def test_errors_alike(tmp_path):
    """The errors test_nir_import.py expects, with the same messages."""
    cases = []
    for index, (middle, in_shape) in enumerate(ERROR_CASES):
        path = nir_tests.write_chain(folder(tmp_path, f"e{index}"), middle, in_shape=in_shape)
        cases.append((f"error {index}", path, dict(preset="norse", dt=nir_tests.DT)))
    for index, (nodes, kw) in enumerate(LAVA_ERROR_CASES):
        path = nir_tests.write_chain(folder(tmp_path, f"l{index}"), *nodes, in_shape=(1,))
        options = dict(preset="lava-fixed", dt=1e-4, reset=kw.get("reset"),
                       input_type=kw.get("input_dtype"))
        cases.append((f"lava-fixed error {index}", path, options))
    scale = {"type": "Scale", "scale": np.ones(3)}
    li = {"type": "LI", "tau": np.ones(3), "r": np.ones(3), "v_leak": np.zeros(3)}
    nodes = {"input": {"type": "Input", "shape": np.array([3])}, "s1": scale, "s2": scale,
             "li": li, "w": {"type": "Linear", "weight": np.eye(3)},
             "output": {"type": "Output", "shape": np.array([3])}}
    for index, edges in enumerate([[("s1", "s2"), ("s2", "s1"), ("s2", "output")],
                                   [("s1", "li"), ("li", "w"), ("w", "li"), ("li", "output")]]):
        path = nir_tests.write_nir(tmp_path / f"cycle{index}.nir", nodes,
                                   [("input", "s1")] + edges)
        cases.append((f"cycle {index}", path, dict(dt=nir_tests.DT)))
    cases.append(("rockpool gain", ROOT / "data" / "nir" / "lif_norse.nir",
                  dict(preset="rockpool", dt=1.0)))
    compare(cases)


def test_import_is_fast():
    """Every data file imports (isolated, the default) in well under a second."""
    for path in NIR_FILES:
        start = time.perf_counter()
        done = translate(path, preset="snntorch", dt=1e-4)
        assert done.returncode == 0, done.stderr
        assert time.perf_counter() - start < 1.0, path.name


def test_norse_lif_runs_like_the_python_path(tmp_path):
    """snn-translate --import-nir lif_norse.nir --preset norse | snn-run gives
    the spikes of the Python path (import-nir, then run), on the NIR paper's
    published input column."""
    table = np.loadtxt(ROOT / "data" / "nir" / "golden" / "lif_spinnaker2.csv", delimiter=",",
                       dtype=np.float32)
    x, inputs = table[:, :1], tmp_path / "x.npy"
    np.save(inputs, x)
    args = ["--preset", "norse", "--dt", "1e-4", "--time-steps", str(len(x))]
    path = ROOT / "data" / "nir" / "lif_norse.nir"
    mlir = subprocess.run([SNN_TRANSLATE, "--import-nir", str(path)] + args,
                          capture_output=True, text=True, check=True).stdout
    cpp_out, python_out, python_mlir = (tmp_path / n for n in ("c.npy", "p.npy", "p.mlir"))
    subprocess.run([compiler.tool_path("snn-run"), "-", "--input", str(inputs), "--output",
                    str(cpp_out)], input=mlir, text=True, check=True)
    assert main(["import-nir", str(path), "-o", str(python_mlir)] + args) == 0
    assert main(["run", str(python_mlir), "--input", str(inputs), "--output",
                 str(python_out)]) == 0
    spikes = np.load(cpp_out)
    assert spikes.sum() > 0
    np.testing.assert_array_equal(spikes, np.load(python_out))
