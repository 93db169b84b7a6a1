# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SNN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.snn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
# Debian's packages are only visible to the system interpreter.
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%snn_src", config.snn_src_root))
config.substitutions.append(
    ("%npy", "/usr/bin/python3 " + os.path.join(config.snn_src_root, "utils", "npy.py")))
config.substitutions.append(("%shared", config.shared_dir))
config.substitutions.append(("%snn_run", os.path.join(config.snn_tools_dir, "snn-run")))
config.environment["PYTHONPATH"] = os.path.join(config.snn_src_root, "python")
config.environment["SNN_MLIR_BUILD"] = config.snn_obj_root

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.snn_tools_dir, config.llvm_tools_dir]
tools = ["snn-opt", "snn-run", "mlir-opt", "mlir-runner", "FileCheck", "not", "count",
         "split-file"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
