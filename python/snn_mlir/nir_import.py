"""Importing NIR (Neuromorphic Intermediate Representation) files.

A thin layer over the C++ importer (include/snn/Target/NIR, through the C
API of snn-c/NIR.h), the one importer of the project: `import_nir` imports a
`.nir` file into an snn module and rebuilds it as a `graph.Network` (for the
reference simulator and the tools of this package); `read_nir` gives the
file's graph in the canonical form the importer works on. docs/NIR.md
explains the mapping and the presets.

Debian's HDF5 can crash or hang on a corrupted file, so both read the file
in a child process with a time limit (`isolate_seconds`): a bad file raises
NIRImportError instead of taking the interpreter down.
"""

from __future__ import annotations

import os
from typing import Optional, Union

import numpy as np

from . import _capi, compiler
from .graph import Network

#: Seconds the child process that reads a file has to finish.
ISOLATE_SECONDS = 60

PathLike = Union[str, os.PathLike]


class NIRImportError(Exception):
    """A NIR file that cannot be read or expressed with `snn` ops; the message
    (the C++ importer's, one line) names the node or the file and what is
    unsupported."""


def _param(param: dict):
    """A parameter of the JSON graph: its text, or its values as a float64
    array of its shape."""
    if "text" in param:
        return param["text"]
    return np.array(param["values"], dtype=np.float64).reshape(param["shape"])


def _node(node: dict) -> dict:
    result = {}
    for key, value in node.items():
        if key == "nodes":
            result[key] = {name: _node(inner) for name, inner in value.items()}
        elif key == "edges":
            result[key] = [tuple(edge) for edge in value]
        elif isinstance(value, dict):
            result[key] = _param(value)
        else:
            result[key] = value
    return result


def read_nir(path: PathLike, *, isolate_seconds: int = ISOLATE_SECONDS) -> dict:
    """The graph of a `.nir` file (HDF5, optionally gzip-compressed as a
    whole, any layout from NIR 0.1 to 1.0) in canonical form: NIR 1.0
    parameter names, defaults filled in.

    The result is `{"type": "NIRGraph", "version": str, "nodes": {name:
    node}, "edges": [(src, dst), ...]}`; a node is `{"type": ..., <parameter>:
    value}` with float64 arrays (of shape () for scalars) or strings
    ('same' / 'valid' paddings), or again a NIRGraph (without "version").
    Edges keep the file's (possibly dotted) names. `isolate_seconds = 0`
    reads the file in this process. Raises NIRImportError."""
    try:
        graph = _capi.read_nir_json(compiler.library(), os.fspath(path), isolate_seconds)
    except _capi.ToolError as error:
        raise NIRImportError(str(error)) from None
    return _node(graph)


def import_nir(path: PathLike, *, time_steps: int, dt: Optional[float] = None,
               preset: Optional[str] = None, reset: Optional[str] = None,
               reset_timing: Optional[str] = None, input_dtype: Optional[str] = None,
               name: str = "main", isolate_seconds: int = ISOLATE_SECONDS) -> Network:
    """A `Network` of `time_steps` steps from a `.nir` file.

    `preset` names the discretisation (`presets.PRESETS`; default exact),
    `dt` the time step in seconds (default: the preset's), `reset` overrides
    the preset's reset mode (subtract, zero, to_value, none) and
    `reset_timing` its reset timing (same, next), `input_dtype` is 'f32' (any
    values) or 'i1' (the inputs are spikes; the default and the only choice
    of the fixed-point preset lava-fixed, else 'f32' is). `isolate_seconds
    = 0` reads the file in this process. Raises NIRImportError (a
    `graph_description.DescriptionError` would be a bug: the C++ module and
    `Network` disagree).
    """
    with _capi.Context(compiler.library()) as context:
        try:
            module = context.import_nir(
                os.fspath(path), time_steps=time_steps, preset=preset or "", dt=dt,
                reset=reset or "", reset_timing=reset_timing or "",
                input_type=input_dtype or "", name=name, isolate_seconds=isolate_seconds)
            description = module.describe_graph()
        except _capi.ToolError as error:
            raise NIRImportError(str(error)) from None
    return Network.from_description(description)
