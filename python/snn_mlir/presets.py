"""The NIR presets: how each framework that exports NIR discretises its
neurons (docs/NIR.md has the table and where each row comes from).

The rules live in C++ (include/snn/Target/NIR/NIRPresets.h), which the
importer applies. This module lists the presets and the choices of the
import's options as the built library gives them (snnNIRPresetsJSON), read
on first use of its names: PRESETS (by name, in the order of docs/NIR.md's
table), DEFAULT_PRESET, RESET_MODES, RESET_TIMINGS and INPUT_DTYPES. Without
a build, using them raises `compiler.ToolError`.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Dict, Optional

from . import _capi, compiler


@dataclasses.dataclass(frozen=True)
class Preset:
    """One framework's discretisation."""

    name: str
    default_dt: Optional[float]  # seconds; None: the user must give dt
    not_modelled: str            # what of the framework the snn ops cannot express
    # The integer arithmetic of a fixed-point platform (lava-fixed: the
    # fields of LoihiFixedPoint, NIRPresets.h); None: float32.
    fixed_point: Optional[Dict[str, float]]


@functools.lru_cache(maxsize=None)
def _table() -> dict:
    data = _capi.nir_presets(compiler.library())
    presets = {p["name"]: Preset(p["name"], p["default_dt"], p["not_modelled"],
                                 p["fixed_point"]) for p in data["presets"]}
    return {"PRESETS": presets, "DEFAULT_PRESET": data["default"],
            "RESET_MODES": tuple(data["reset_modes"]),
            "RESET_TIMINGS": tuple(data["reset_timings"]),
            "INPUT_DTYPES": tuple(data["input_types"])}


def __getattr__(name: str):
    table = _table()
    if name not in table:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return table[name]


def get(name: str) -> Preset:
    """The preset named `name` (KeyError naming the choices)."""
    presets = _table()["PRESETS"]
    if name not in presets:
        raise KeyError(f"unknown preset '{name}' (choose from {', '.join(presets)})")
    return presets[name]
