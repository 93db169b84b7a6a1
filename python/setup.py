"""Builds the snn_mlir package (metadata in pyproject.toml) and records the
build directory whose lib/libSNNCAPI.so the installed package loads:
$SNN_MLIR_BUILD when set, else the checkout's build/ (next to python/).
At run time $SNN_MLIR_BUILD still takes precedence (compiler.build_dir)."""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildPy(build_py):
    """build_py that also writes snn_mlir/_build.py: BUILD_DIR."""

    def run(self):
        super().run()
        build = os.path.abspath(os.environ.get("SNN_MLIR_BUILD")
                                or os.path.join(HERE, os.pardir, "build"))
        if not os.path.isfile(os.path.join(build, "lib", "libSNNCAPI.so")):
            self.warn(f"{build}/lib/libSNNCAPI.so does not exist (yet): build the "
                      f"project, or set SNN_MLIR_BUILD when using the package")
        target = os.path.join(self.build_lib, "snn_mlir", "_build.py")
        with open(target, "w") as f:
            f.write('"""Written by setup.py: the build whose C API this package '
                    'loads."""\n\n'
                    f"BUILD_DIR = {build!r}\n")


setup(cmdclass={"build_py": BuildPy})
