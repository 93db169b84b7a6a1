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
# The data the product reads, in the repository: the STEMS networks and
# hardware (bench/stems) and the real NIR files (data/nir).
config.substitutions.append(("%stems_dir", os.path.join(config.snn_src_root, "bench", "stems")))
config.substitutions.append(("%nir_dir", os.path.join(config.snn_src_root, "data", "nir")))
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
# A sanitizer build (scripts/sanitize.sh) compiles every library with
# -fsanitize=...: a consumer linking them needs the same flags.
sanitized = "-fsanitize=" in config.cxx_flags
if sanitized:
    config.available_features.add("sanitizers")
    consumer_args.append('-DCMAKE_CXX_FLAGS="%s"' % config.cxx_flags)
linker_flags = config.exe_linker_flags if sanitized else ""
if config.llvm_use_linker:
    linker_flags = ("-fuse-ld=" + config.llvm_use_linker + " " + linker_flags).strip()
if linker_flags:
    consumer_args.append('-DCMAKE_EXE_LINKER_FLAGS="%s"' % linker_flags)
config.substitutions.append(("%consumer_cmake_args", " ".join(consumer_args)))
config.environment["PYTHONPATH"] = os.path.join(config.snn_src_root, "python")
config.environment["SNN_MLIR_BUILD"] = config.snn_obj_root

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP",
                                     "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"])
if sanitized:
    # LLVM's headers poison allocator slabs in our ASan-instrumented code,
    # which Debian's uninstrumented libMLIR.so then uses: manual poisoning
    # must be off (docs/Reliability.md).
    asan_options = config.environment.get("ASAN_OPTIONS", "")
    if "allow_user_poisoning" not in asan_options:
        config.environment["ASAN_OPTIONS"] = (
            asan_options + ":" if asan_options else "") + "allow_user_poisoning=0"
llvm_config.use_default_substitutions()

tool_dirs = [config.snn_tools_dir, config.llvm_tools_dir]
tools = ["snn-opt", "snn-run", "snn-translate", "snn-capi-test", "snn-capi-run-test",
         "snn-capi-nir-test",
         "mlir-opt", "mlir-runner", "FileCheck", "not", "count", "split-file"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Fuzz targets (fuzz/, test/Fuzz): the corpus replay executables are always
# built; the libFuzzer binaries only with -DSNN_ENABLE_FUZZERS=ON.
fuzz_targets = ["parse-verify", "passes", "hardware-json"]
llvm_config.add_tool_substitutions(
    ["snn-fuzz-%s-replay" % t for t in fuzz_targets], [config.snn_tools_dir])
if config.snn_enable_fuzzers:
    config.available_features.add("snn-fuzzers")
    llvm_config.add_tool_substitutions(
        ["snn-fuzz-%s" % t for t in fuzz_targets], [config.snn_tools_dir])
config.substitutions.append(("%fuzz_src", os.path.join(config.snn_src_root, "fuzz")))
