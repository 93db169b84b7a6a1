# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SNN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
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
# Building a consumer of the installed package (test/Embed): cmake, and the
# arguments that configure it with the compiler, launcher and linker of this
# build.
config.substitutions.append(("%snn_obj", config.snn_obj_root))
config.substitutions.append(("%cmake", config.cmake))
consumer_args = ["-G", '"%s"' % config.cmake_generator,
                 "-DCMAKE_MAKE_PROGRAM=" + config.cmake_make_program,
                 "-DCMAKE_BUILD_TYPE=Release",
                 "-DCMAKE_CXX_COMPILER=" + config.cxx_compiler]
if config.cxx_compiler_launcher:
    consumer_args.append("-DCMAKE_CXX_COMPILER_LAUNCHER=" + config.cxx_compiler_launcher)
if config.llvm_use_linker:
    consumer_args.append("-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=" + config.llvm_use_linker)
config.substitutions.append(("%consumer_cmake_args", " ".join(consumer_args)))
config.environment["PYTHONPATH"] = os.path.join(config.snn_src_root, "python")
config.environment["SNN_MLIR_BUILD"] = config.snn_obj_root

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.snn_tools_dir, config.llvm_tools_dir]
tools = ["snn-opt", "snn-run", "snn-capi-test", "mlir-opt", "mlir-runner", "FileCheck", "not",
         "count", "split-file"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
