"""ctypes bindings of snn-mlir's C API (include/snn-c/SNN.h) in the shared
library `lib/libSNNCAPI.so` of a build: MLIR parsed, transformed, costed,
JIT-compiled and called in this process, on NumPy arrays without copies.

    with Context(library) as context:
        module = context.parse(text)
        module.run_pipeline("snn-auto-schedule")
        with module.compile("main") as function:
            outputs = function(arrays)

Failures raise `ToolError` with the compiler's message (MLIR's diagnostics,
with the location and the quoted source line). A process loads one build's
library: the passes it registers are process-wide.
"""

from __future__ import annotations

import ctypes
import os
from typing import List, Optional, Sequence

import numpy as np

LIBRARY = "libSNNCAPI.so"


class ToolError(Exception):
    """The compiler failed (a pass, the lowering, the check of an array) or
    cannot be found; the message is its own diagnostic."""


class SNNArray(ctypes.Structure):
    """`SNNArray` of SNN.h: an array in memory, as NumPy's array interface
    describes it."""
    _fields_ = [("data", ctypes.c_void_p), ("typestr", ctypes.c_char_p),
                ("rank", ctypes.c_size_t), ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("name", ctypes.c_char_p)]


_P = ctypes.c_void_p  # handles, and strings the caller frees
_ERR = ctypes.POINTER(ctypes.c_void_p)
_SIGNATURES = {
    "snnContextCreate": (_P, []),
    "snnContextDestroy": (None, [_P]),
    "snnModuleParse": (_P, [_P, ctypes.c_char_p, ctypes.c_size_t, _ERR]),
    "snnModuleDestroy": (None, [_P]),
    "snnModulePrint": (_P, [_P]),
    "snnRunPipeline": (ctypes.c_bool, [_P, ctypes.c_char_p, _ERR]),
    "snnCostReportJSON": (_P, [_P, ctypes.c_char_p, _ERR]),
    "snnCostReportTable": (_P, [_P, ctypes.c_char_p, _ERR]),
    "snnPassAnchor": (_P, [ctypes.c_char_p, _ERR]),
    "snnExecutableCreate": (_P, [_P, ctypes.c_char_p, ctypes.c_int, _ERR]),
    "snnExecutableDestroy": (None, [_P]),
    "snnExecutableGetNumArguments": (ctypes.c_size_t, [_P]),
    "snnExecutableGetNumResults": (ctypes.c_size_t, [_P]),
    "snnExecutableGetArgumentType": (SNNArray, [_P, ctypes.c_size_t]),
    "snnExecutableGetResultType": (SNNArray, [_P, ctypes.c_size_t]),
    "snnExecutableRun": (ctypes.c_bool, [_P, ctypes.POINTER(SNNArray), ctypes.c_size_t,
                                         ctypes.POINTER(SNNArray), ctypes.c_size_t, _ERR]),
    "snnStringFree": (None, [_P]),
}

_loaded: Optional[ctypes.CDLL] = None


def load(path: str) -> ctypes.CDLL:
    """The library at `path`, loaded once per process (ToolError if it is
    missing, or if another build's library is loaded already)."""
    global _loaded
    path = os.path.realpath(path)
    if _loaded is not None:
        if _loaded._name != path:
            raise ToolError(f"cannot load {path}: this process uses {_loaded._name}")
        return _loaded
    try:
        library = ctypes.CDLL(path)
    except OSError as error:
        raise ToolError(f"cannot load {path}: {error}") from error
    for name, (restype, argtypes) in _SIGNATURES.items():
        function = getattr(library, name)
        function.restype, function.argtypes = restype, argtypes
    _loaded = library
    return library


def _take_string(library: ctypes.CDLL, pointer: Optional[int]) -> str:
    """The text of a string the library returned, which this frees."""
    try:
        return ctypes.string_at(pointer).decode("utf-8", "replace")
    finally:
        library.snnStringFree(pointer)


class _Error:
    """The `char **error` of a call: raises ToolError with its message."""

    def __init__(self, library: ctypes.CDLL):
        self.library, self.pointer = library, ctypes.c_void_p()

    def __call__(self):
        return ctypes.byref(self.pointer)

    def fail(self, fallback: str):
        message = (_take_string(self.library, self.pointer.value) if self.pointer.value
                   else fallback)
        raise ToolError(message)


def pass_anchor(library: ctypes.CDLL, name: str) -> str:
    """The operation pass `name` runs on ("func.func", "builtin.module"; ""
    for any)."""
    error = _Error(library)
    anchor = library.snnPassAnchor(name.encode(), error())
    if not anchor:
        error.fail(f"no pass {name}")
    return _take_string(library, anchor)


class _Handle:
    """An object of the library, destroyed by `close` or at the end of a
    `with` block."""
    _destroy = ""  # the library's function that destroys it

    def __init__(self, library: ctypes.CDLL, handle: int):
        self.library, self.handle = library, handle

    def close(self) -> None:
        if self.handle:
            getattr(self.library, self._destroy)(self.handle)
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Context(_Handle):
    """An MLIR context with the snn dialects, which destroys its modules
    with it."""
    _destroy = "snnContextDestroy"

    def __init__(self, library: ctypes.CDLL):
        super().__init__(library, library.snnContextCreate())
        self.modules: List[Module] = []

    def parse(self, text: str) -> "Module":
        """A module parsed (and verified) from MLIR text."""
        data = text.encode()
        error = _Error(self.library)
        handle = self.library.snnModuleParse(self.handle, data, len(data), error())
        if not handle:
            error.fail("cannot parse the module")
        self.modules.append(Module(self.library, handle))
        return self.modules[-1]

    def close(self) -> None:
        for module in self.modules:
            module.close()
        super().close()


class Module(_Handle):
    """A module of a context."""
    _destroy = "snnModuleDestroy"

    def run_pipeline(self, pipeline: str) -> None:
        """Runs a textual pass pipeline on the module (changed in place)."""
        error = _Error(self.library)
        if not self.library.snnRunPipeline(self.handle, pipeline.encode(), error()):
            error.fail("the pass pipeline failed")

    def cost_report(self, accounting: str, as_json: bool) -> str:
        """The cost reports of the written schedules: JSON, or the tables."""
        function = self.library.snnCostReportJSON if as_json else self.library.snnCostReportTable
        error = _Error(self.library)
        text = function(self.handle, accounting.encode(), error())
        if not text:
            error.fail("no cost report")
        return _take_string(self.library, text)

    def __str__(self) -> str:
        return _take_string(self.library, self.library.snnModulePrint(self.handle))

    def compile(self, entry: str, threads: int = 0) -> "Executable":
        """Lowers the module (in place) and JIT-compiles function `entry`."""
        error = _Error(self.library)
        handle = self.library.snnExecutableCreate(self.handle, entry.encode(), threads, error())
        if not handle:
            error.fail(f"cannot compile @{entry}")
        return Executable(self.library, handle)


def _array_type(array: SNNArray) -> tuple:
    """(dtype, shape) of an argument or result type."""
    return np.dtype(array.typestr.decode()), tuple(array.shape[d] for d in range(array.rank))


class Executable(_Handle):
    """A JIT-compiled function: called on NumPy arrays, it returns its
    results as new arrays."""
    _destroy = "snnExecutableDestroy"

    def __init__(self, library: ctypes.CDLL, handle: int):
        super().__init__(library, handle)
        self.arguments = [_array_type(library.snnExecutableGetArgumentType(handle, i))
                          for i in range(library.snnExecutableGetNumArguments(handle))]
        self.results = [_array_type(library.snnExecutableGetResultType(handle, i))
                        for i in range(library.snnExecutableGetNumResults(handle))]

    def __call__(self, arrays: Sequence[np.ndarray],
                 names: Optional[Sequence[str]] = None) -> List[np.ndarray]:
        """Calls the function on `arrays` (its arguments, in order; `names`,
        e.g. their files, appear in messages). An array that is C-contiguous
        and aligned, as NumPy's usually are, is passed as it is; others are
        copied first. The library checks shapes, dtypes and value ranges."""
        if len(arrays) != len(self.arguments):
            raise ToolError(f"the function takes {len(self.arguments)} arguments but "
                            f"{len(arrays)} arrays were given")
        inputs = [np.require(a, requirements="CA") for a in arrays]
        outputs = [np.zeros(shape, dtype) for dtype, shape in self.results]
        keep = []  # what the descriptors point to, alive during the call

        def describe(array: np.ndarray, name: Optional[str]) -> SNNArray:
            shape = (ctypes.c_int64 * max(1, array.ndim))(*array.shape)
            typestr, label = array.dtype.str.encode(), name.encode() if name else None
            keep.extend((shape, typestr, label))
            return SNNArray(array.ctypes.data, typestr, array.ndim, shape, label)

        names = list(names or []) + [None] * len(inputs)
        arguments = (SNNArray * max(1, len(inputs)))(
            *[describe(a, n) for a, n in zip(inputs, names)])
        results = (SNNArray * max(1, len(outputs)))(*[describe(a, None) for a in outputs])
        error = _Error(self.library)
        if not self.library.snnExecutableRun(self.handle, arguments, len(inputs), results,
                                             len(outputs), error()):
            error.fail("the call failed")
        return outputs
