"""`pip install ./python` (Debian's pip and setuptools, offline) installs a
package that finds the build's C API by itself and compiles with it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from snn_mlir import compiler

PYTHON = Path(__file__).resolve().parents[1]


def test_pip_install_records_the_build(tmp_path):
    # A copy of python/, so that the in-place build leaves the tree alone.
    source = tmp_path / "python"
    shutil.copytree(PYTHON, source, ignore=shutil.ignore_patterns(
        "tests", "build", "*.egg-info", "__pycache__"))
    build = str(compiler.build_dir().resolve())
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(site), str(source)],
                   check=True, env={**os.environ, "SNN_MLIR_BUILD": build})
    code = ("import numpy as np, snn_mlir; from snn_mlir import compiler\n"
            "net = snn_mlir.Network(3)\n"
            "net.output(net.relu(net.input((2,), 'i8', name='x')))\n"
            "(y,) = compiler.compile_and_run(net, {'x': np.array([[1, -1]] * 3, np.int8)})\n"
            "print(snn_mlir.__file__, compiler.library()._name, y.tolist())")
    env = {k: v for k, v in os.environ.items() if k != "SNN_MLIR_BUILD"}
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=tmp_path, env={**env, "PYTHONPATH": str(site)}).stdout
    module, library, outputs = out.split(" ", 2)
    assert Path(module).parent == site / "snn_mlir"
    assert library == os.path.realpath(os.path.join(build, "lib", "libSNNCAPI.so"))
    assert outputs.strip() == "[[1, 0], [1, 0], [1, 0]]"
