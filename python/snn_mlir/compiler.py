"""Compiling, running and costing networks with the snn-mlir tools from Python.

The tools do the work: `snn-run` JIT-compiles and runs a function, `snn-opt`
prints the cost report. This module locates them, writes their inputs,
builds their pass pipelines (the schedule) and turns their failures into
`ToolError` carrying the tool's own message.

    from snn_mlir import Network
    from snn_mlir.compiler import compile_and_run, cost_report
    outputs = compile_and_run(net, {"x": x}, schedule="tb-f")
    (report,) = cost_report(net, hardware="meta-proto-1MB.hw.json", schedule="tb-f")

A network is given as a `graph.Network`, as MLIR text, or as the path of a
`.mlir` file. Arrays have a leading time dimension, shape (T, *step shape),
in the storage types of `dtypes.py` (spikes as uint8).
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

import numpy as np

from .graph import Network
from .reference import Inputs, input_arrays

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 300

# `layer`: no schedule attributes, the plain layer-by-layer lowering; `auto`:
# the auto-scheduler; the others: the STEMS modes of snn-set-schedule, the
# fused ones also banding rows or channels instead of columns (`tb-f-rows`).
STEMS_MODES = ("st-lbl", "tb-lbl", "st-f", "tb-f")
TILE_AXES = ("rows", "channels")
FUSED_VARIANTS = tuple(f"{mode}-{axis}" for mode in ("st-f", "tb-f") for axis in TILE_AXES)
SCHEDULES = ("layer", "auto") + STEMS_MODES + FUSED_VARIANTS
OBJECTIVES = ("energy", "traffic", "latency", "mix")
ACCOUNTINGS = ("default", "stems")

Source = Union[Network, str, os.PathLike]


class ToolError(Exception):
    """snn-run or snn-opt is missing, failed, or wrote unreadable results;
    the message is the tool's own (its standard error)."""


# -- the tools -------------------------------------------------------------------------

def build_dir() -> Path:
    """The build directory: $SNN_MLIR_BUILD, else `<repo>/build`."""
    return Path(os.environ.get("SNN_MLIR_BUILD", REPO_ROOT / "build"))


def tool_path(name: str) -> str:
    """The path of the built tool `name` ('snn-run', 'snn-opt')."""
    path = build_dir() / "bin" / name
    if not os.access(path, os.X_OK):
        raise ToolError(f"{path} not found: build the project (scripts/setup.sh) or set "
                        f"SNN_MLIR_BUILD to the build directory")
    return str(path)


def invoke(command: Sequence[str], stdin: Optional[str] = None,
           timeout: float = TIMEOUT_S) -> str:
    """Runs a tool and returns its standard output; ToolError with the tail of
    its standard error when it cannot start, times out or fails."""
    tool = os.path.basename(command[0])
    try:
        done = subprocess.run(list(command), input=stdin, capture_output=True, text=True,
                              timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ToolError(f"{tool} did not complete: {error}") from error
    if done.returncode != 0:
        message = _without_ir_dumps(done.stderr or done.stdout).strip()
        raise ToolError(f"{tool} exited with {done.returncode}: {message[-2000:]}")
    return done.stdout


def _without_ir_dumps(text: str) -> str:
    """The diagnostics of a tool without the IR that MLIR prints after
    'see current operation:' (for a module pass: the whole module, which
    would bury the one line that matters)."""
    kept, dumping = [], False
    for line in text.splitlines():
        if re.search(r"\b(error|warning|note|remark): ", line):
            dumping = "see current operation:" in line
        if not dumping:
            kept.append(line)
    return "\n".join(kept)


# -- schedules as pass pipelines -------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _runs_on_functions(snn_opt: str, name: str) -> bool:
    """Whether pass `name` is anchored on func.func. A textual pipeline nests
    explicitly and the tools do not print anchors, so ask snn-opt to parse
    `func.func(name)`: that fails for a module pass, and on an empty module
    nothing runs."""
    try:
        invoke([snn_opt, "-", f"--pass-pipeline=builtin.module(func.func({name}))",
                "-o", os.devnull], stdin="module {}")
    except ToolError:
        return False
    return True


def _nested(name: str, options: Dict[str, object]) -> str:
    """`name{options}`, wrapped in func.func(...) when the pass runs on functions."""
    text = name
    if options:
        text += "{" + " ".join(f"{k}={v}" for k, v in options.items()) + "}"
    return f"func.func({text})" if _runs_on_functions(tool_path("snn-opt"), name) else text


def schedule_passes(schedule: str, hardware: Optional[str] = None,
                    objective: Optional[str] = None,
                    accounting: Optional[str] = None) -> List[str]:
    """The passes (a module-level list, each nested as its anchor requires)
    that write the `#snn.schedule` attributes of `schedule`. `hardware` (a
    JSON file) is attached to the module first, where the auto-scheduler and
    the cost report read it; `objective` and `accounting` are the
    auto-scheduler's (so that it searches under the accounting a report will
    use)."""
    if schedule not in SCHEDULES:
        raise ValueError(f"unknown schedule {schedule!r} (expected one of {SCHEDULES})")
    passes = [f"snn-set-hardware{{file={hardware}}}"] if hardware else []
    if schedule in STEMS_MODES:
        passes.append(_nested("snn-set-schedule", {"mode": schedule}))
    elif schedule in FUSED_VARIANTS:
        mode, axis = schedule.rsplit("-", 1)
        passes.append(_nested("snn-set-schedule", {"mode": mode, "tile-axis": axis}))
    elif schedule == "auto":
        options = {"objective": objective, "accounting": accounting}
        passes.append(_nested("snn-auto-schedule",
                              {k: v for k, v in options.items() if v is not None}))
    return passes


def module_pipeline(passes: Sequence[str]) -> str:
    """snn-opt's --pass-pipeline text: `passes` anchored on the module."""
    return "builtin.module(" + ",".join(passes) + ")"


def snn_run_pipeline(passes: Sequence[str]) -> Optional[str]:
    """snn-run's --pass-pipeline text, None when there are no passes: the
    bare list (snn-run also takes it anchored, `builtin.module(...)`)."""
    return ",".join(passes) or None


# -- running ---------------------------------------------------------------------------

def run_files(mlir_path: str, input_paths: Sequence[str], output_paths: Sequence[str], *,
              entry: str = "main", pass_pipeline: Optional[str] = None,
              snn_run: Optional[str] = None, timeout: float = TIMEOUT_S) -> None:
    """snn-run on .npy files: function `entry` of `mlir_path`, arguments and
    results in order, `pass_pipeline` (a schedule) before the lowering."""
    command = [snn_run or tool_path("snn-run"), str(mlir_path), "--entry", entry]
    for path in input_paths:
        command += ["--input", str(path)]
    for path in output_paths:
        command += ["--output", str(path)]
    if pass_pipeline:
        command.append(f"--pass-pipeline={pass_pipeline}")
    invoke(command, timeout=timeout)


def run_arrays(mlir_path: str, arrays: Sequence[np.ndarray], num_outputs: int,
               directory: str, **options) -> List[np.ndarray]:
    """`run_files` on arrays, through .npy files in `directory`; options as
    for `run_files`."""
    inputs = [os.path.join(directory, f"in{k}.npy") for k in range(len(arrays))]
    for path, array in zip(inputs, arrays):
        np.save(path, array)
    outputs = [os.path.join(directory, f"out{k}.npy") for k in range(num_outputs)]
    run_files(mlir_path, inputs, outputs, **options)
    try:
        return [np.load(path) for path in outputs]
    except (OSError, ValueError) as error:
        raise ToolError(f"cannot read the outputs of snn-run: {error}") from error


def _is_path(source: Source) -> bool:
    """A string holding a function is MLIR text; any other string a path."""
    return isinstance(source, os.PathLike) or (isinstance(source, str)
                                               and "func.func" not in source)


def _mlir_text(source: Source) -> str:
    if isinstance(source, Network):
        return source.to_mlir()
    if _is_path(source):
        return Path(source).read_text()
    return source


def result_count(mlir: str, entry: str) -> int:
    """Number of results of function `@entry` in MLIR text (every result is a
    tensor), so that snn-run gets one --output per result."""
    match = re.search(rf"func\.func\s+(?:\w+\s+)?@{re.escape(entry)}\s*\(", mlir)
    if not match:
        raise ToolError(f"no function @{entry} in the MLIR")
    body = mlir.find("{", mlir.find(")", match.end()))
    signature = mlir[match.end():body]
    results = signature.split("->", 1)[1] if "->" in signature else ""
    return results.count("tensor<")


def compile_and_run(source: Source, inputs: Union[Inputs, Sequence[np.ndarray]], *,
                    schedule: str = "layer", entry: Optional[str] = None,
                    hardware: Optional[str] = None, objective: Optional[str] = None,
                    timeout: float = TIMEOUT_S) -> List[np.ndarray]:
    """Compiles `source` under `schedule` with snn-run, runs it on `inputs` and
    returns its results in order.

    For a `Network`, `inputs` may be a dict by input name and is checked as
    the reference simulator checks it; `entry` defaults to its name. For MLIR
    text or a file, `inputs` are the arrays of the function's arguments in
    order and `entry` defaults to "main". `hardware` (a JSON file) and
    `objective` serve `schedule="auto"`.
    """
    if isinstance(source, Network):
        arrays = input_arrays(source, inputs)
        entry = entry or source.name
    else:
        arrays = [np.asarray(a) for a in inputs]
        entry = entry or "main"
    passes = snn_run_pipeline(schedule_passes(schedule, hardware, objective))
    text = _mlir_text(source)
    with tempfile.TemporaryDirectory(prefix="snn-run-") as directory:
        mlir_path = os.path.join(directory, "net.mlir")
        Path(mlir_path).write_text(text)
        return run_arrays(mlir_path, arrays, result_count(text, entry), directory,
                          entry=entry, pass_pipeline=passes, timeout=timeout)


# -- the cost report -------------------------------------------------------------------

def _snn_opt_report(source: Source, hardware: str, accounting: str, schedule: str,
                    objective: Optional[str], as_json: bool) -> str:
    """snn-opt with the schedule passes then snn-cost-report (which reads the
    hardware that the pipeline attached); its standard output."""
    if accounting not in ACCOUNTINGS:
        raise ValueError(f"unknown accounting {accounting!r} (expected one of {ACCOUNTINGS})")
    options = f"accounting={accounting}" + (" table=false json=-" if as_json else "")
    passes = (schedule_passes(schedule, hardware, objective, accounting)
              + [f"snn-cost-report{{{options}}}"])
    command = [tool_path("snn-opt"), str(source) if _is_path(source) else "-",
               f"--pass-pipeline={module_pipeline(passes)}", "-o", os.devnull]
    return invoke(command, stdin=None if _is_path(source) else _mlir_text(source))


def cost_report(source: Source, hardware: str, *, accounting: str = "default",
                schedule: str = "layer", objective: Optional[str] = None) -> List[dict]:
    """The cost report of every function of `source` under `schedule` on the
    hardware described by the JSON file `hardware`: one dict per function
    (keys as printed by snn-cost-report's JSON: offchip_bytes, energy_pj,
    groups, layers, ...)."""
    text = _snn_opt_report(source, hardware, accounting, schedule, objective, as_json=True)
    try:
        return json.loads(text)
    except ValueError as error:
        raise ToolError(f"snn-opt printed no JSON report: {error}") from error


def cost_table(source: Source, hardware: str, *, accounting: str = "default",
               schedule: str = "layer", objective: Optional[str] = None) -> str:
    """The cost report as snn-opt's text table."""
    return _snn_opt_report(source, hardware, accounting, schedule, objective, as_json=False)
