"""Compiling, running and costing networks with snn-mlir from Python.

Everything happens in this process, through the C API of the built library
`lib/libSNNCAPI.so` (`_capi.py`): the module is parsed, scheduled (the pass
pipeline this module builds from a schedule's name), lowered, JIT-compiled
and called on the NumPy arrays themselves, or costed by the cost model.
Failures raise `ToolError` carrying the compiler's own message.

    from snn_mlir import Network
    from snn_mlir.compiler import compile_and_run, cost_report
    outputs = compile_and_run(net, {"x": x}, schedule="tb-f")
    (report,) = cost_report(net, hardware="meta-proto-1MB.hw.json", schedule="tb-f")

A network is given as a `graph.Network`, as MLIR text, or as the path of a
`.mlir` file. Arrays have a leading time dimension, shape (T, *step shape),
in the storage types of `dtypes.py` (spikes as uint8).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Union

import numpy as np

from . import _capi
from ._capi import ToolError
from .graph import Network
from .reference import Inputs, input_arrays

REPO_ROOT = Path(__file__).resolve().parents[2]
#: A limit for the tools that other modules run as processes (exhaustive.py).
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


# -- the build -------------------------------------------------------------------------

def build_dir() -> Path:
    """The build directory: $SNN_MLIR_BUILD, else the one recorded when the
    package was installed (`pip install ./python`), else `<repo>/build`."""
    if "SNN_MLIR_BUILD" in os.environ:
        return Path(os.environ["SNN_MLIR_BUILD"])
    try:
        from ._build import BUILD_DIR  # written by python/setup.py
    except ImportError:
        return REPO_ROOT / "build"
    return Path(BUILD_DIR)


def _missing(path: Path) -> ToolError:
    return ToolError(f"{path} not found: build the project (scripts/setup.sh) or set "
                     f"SNN_MLIR_BUILD to the build directory")


def tool_path(name: str) -> str:
    """The path of the built tool `name` ('snn-run', 'snn-opt'), for those who
    run the tools themselves (this module does not)."""
    path = build_dir() / "bin" / name
    if not os.access(path, os.X_OK):
        raise _missing(path)
    return str(path)


def library():
    """The C API of the build (`lib/libSNNCAPI.so`), loaded into this process."""
    path = build_dir() / "lib" / _capi.LIBRARY
    if not path.is_file():
        raise _missing(path)
    return _capi.load(str(path))


# -- schedules as pass pipelines -------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _runs_on_functions(name: str) -> bool:
    """Whether pass `name` is anchored on func.func, where a pipeline on the
    module must nest it."""
    return _capi.pass_anchor(library(), name) == "func.func"


def _nested(name: str, options: Dict[str, object]) -> str:
    """`name{options}`, wrapped in func.func(...) when the pass runs on functions."""
    text = name
    if options:
        text += "{" + " ".join(f"{k}={v}" for k, v in options.items()) + "}"
    return f"func.func({text})" if _runs_on_functions(name) else text


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
    """A pipeline anchored on the module (snn-opt's --pass-pipeline text)."""
    return "builtin.module(" + ",".join(passes) + ")"


def snn_run_pipeline(passes: Sequence[str]) -> Optional[str]:
    """snn-run's --pass-pipeline text, None when there are no passes: the
    bare list (snn-run also takes it anchored, `builtin.module(...)`)."""
    return ",".join(passes) or None


# -- in this process, through the C API ------------------------------------------------

@contextlib.contextmanager
def _module(source: Source, passes: Sequence[str] = (),
            pass_pipeline: Optional[str] = None) -> Iterator[_capi.Module]:
    """`source` parsed in a fresh context, after `passes` (a module-level
    list) or the textual `pass_pipeline`. Messages name a file by its path."""
    with _capi.Context(library()) as context:
        module = context.parse(_mlir_text(source),
                               str(source) if _is_path(source) else "<input>")
        for pipeline in (module_pipeline(passes) if passes else None, pass_pipeline):
            if pipeline:
                module.run_pipeline(pipeline)
        yield module


def run_passes(source: Source, passes: Sequence[str]) -> str:
    """`source` after `passes` (a module-level list, e.g. `schedule_passes`),
    as MLIR text."""
    with _module(source, passes) as module:
        return str(module)


def run_mlir(source: Source, arrays: Sequence[np.ndarray], *, entry: str = "main",
             pass_pipeline: Optional[str] = None, names: Optional[Sequence[str]] = None
             ) -> List[np.ndarray]:
    """Function `entry` of `source` (MLIR text, a path, a `Network`) after
    `pass_pipeline` (a schedule; anchored on the module or a bare list),
    lowered, JIT-compiled and called on `arrays` (its arguments in order,
    passed without copies); its results as new arrays. `names` (files, say)
    name the arrays in messages."""
    with _module(source, pass_pipeline=pass_pipeline) as module:
        with module.compile(entry) as function:
            return function(arrays, names)


def run_files(mlir_path: str, input_paths: Sequence[str], output_paths: Sequence[str], *,
              entry: str = "main", pass_pipeline: Optional[str] = None) -> None:
    """`run_mlir` on .npy files (what snn-run does): function `entry` of
    `mlir_path`, arguments and results in order, `pass_pipeline` (a schedule)
    before the lowering."""
    arrays = []
    for path in input_paths:
        try:
            arrays.append(np.load(path, allow_pickle=False))
        except (OSError, ValueError) as error:
            raise ToolError(f"cannot read '{path}': {error}") from error
    outputs = run_mlir(Path(mlir_path), arrays, entry=entry, pass_pipeline=pass_pipeline,
                       names=[str(p) for p in input_paths])
    if len(outputs) != len(output_paths):
        raise ToolError(f"@{entry} returns {len(outputs)} results but {len(output_paths)} "
                        f"output files were given")
    for path, array in zip(output_paths, outputs):
        try:
            np.save(path, array)
        except OSError as error:
            raise ToolError(f"cannot write '{path}': {error}") from error


def run_arrays(mlir_path: str, arrays: Sequence[np.ndarray], num_outputs: int,
               directory: Optional[str] = None, *, entry: str = "main",
               pass_pipeline: Optional[str] = None) -> List[np.ndarray]:
    """`run_mlir` on the .mlir file `mlir_path`, checking that the function
    has `num_outputs` results (`directory` is not used: nothing is written)."""
    outputs = run_mlir(Path(mlir_path), arrays, entry=entry, pass_pipeline=pass_pipeline)
    if len(outputs) != num_outputs:
        raise ToolError(f"@{entry} returns {len(outputs)} results, not {num_outputs}")
    return outputs


def _is_path(source: Source) -> bool:
    """A string holding a function or a line break is MLIR text; any other
    string a path."""
    return isinstance(source, os.PathLike) or (
        isinstance(source, str) and "func.func" not in source and "\n" not in source)


def _mlir_text(source: Source) -> str:
    if isinstance(source, Network):
        return source.to_mlir()
    if _is_path(source):
        try:
            return Path(source).read_text()
        except OSError as error:
            raise ToolError(f"cannot read '{source}': {error.strerror}") from error
    return source


def result_count(mlir: str, entry: str) -> int:
    """Number of results of function `@entry` in MLIR text (every result is a
    tensor), read from the text without parsing it."""
    match = re.search(rf"func\.func\s+(?:\w+\s+)?@{re.escape(entry)}\s*\(", mlir)
    if not match:
        raise ToolError(f"no function @{entry} in the MLIR")
    body = mlir.find("{", mlir.find(")", match.end()))
    signature = mlir[match.end():body]
    results = signature.split("->", 1)[1] if "->" in signature else ""
    return results.count("tensor<")


def compile_and_run(source: Source, inputs: Union[Inputs, Sequence[np.ndarray]], *,
                    schedule: str = "layer", entry: Optional[str] = None,
                    hardware: Optional[str] = None,
                    objective: Optional[str] = None) -> List[np.ndarray]:
    """Compiles `source` under `schedule` in this process, runs it on
    `inputs` (the compiled code reads their arrays in place) and returns its
    results in order.

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
    return run_mlir(source, arrays, entry=entry, pass_pipeline=passes)


# -- the cost report -------------------------------------------------------------------

def _report(source: Source, hardware: str, accounting: str, schedule: str,
            objective: Optional[str], as_json: bool) -> str:
    """The cost report (JSON or tables) of `source` after the schedule passes,
    which attach the hardware and search, for `auto`, under `accounting`."""
    if accounting not in ACCOUNTINGS:
        raise ValueError(f"unknown accounting {accounting!r} (expected one of {ACCOUNTINGS})")
    with _module(source, schedule_passes(schedule, hardware, objective, accounting)) as module:
        return module.cost_report(accounting, as_json)


def cost_report(source: Source, hardware: str, *, accounting: str = "default",
                schedule: str = "layer", objective: Optional[str] = None) -> List[dict]:
    """The cost report of every function of `source` under `schedule` on the
    hardware described by the JSON file `hardware`: one dict per function
    (keys as printed by snn-cost-report's JSON: offchip_bytes, energy_pj,
    groups, layers, ...)."""
    return json.loads(_report(source, hardware, accounting, schedule, objective, as_json=True))


def cost_table(source: Source, hardware: str, *, accounting: str = "default",
               schedule: str = "layer", objective: Optional[str] = None) -> str:
    """The cost report as snn-cost-report's text tables."""
    return _report(source, hardware, accounting, schedule, objective, as_json=False)
