"""ctypes bindings of snn-mlir's C API (include/snn-c/) in the shared
library `lib/libSNNCAPI.so` of a build, with the part of MLIR's own C API
(mlir-c/IR.h) it uses: MLIR parsed, transformed, costed, JIT-compiled and
called in this process, on NumPy arrays without copies.

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
import json
import os
from typing import List, Optional, Sequence

import numpy as np

LIBRARY = "libSNNCAPI.so"


class ToolError(Exception):
    """The compiler failed (a pass, the lowering, the check of an array) or
    cannot be found; the message is its own diagnostic."""


class MlirStringRef(ctypes.Structure):
    """`MlirStringRef` of mlir-c/Support.h: bytes (not NUL-terminated) and
    their length."""
    _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t)]

    @classmethod
    def of(cls, text: str) -> "MlirStringRef":
        data = text.encode()
        ref = cls(ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p), len(data))
        ref.keep = data  # the bytes it points into, alive as long as it
        return ref

    def __bytes__(self) -> bytes:
        return ctypes.string_at(self.data, self.length) if self.length else b""


def _handle_type(name: str) -> type:
    """An MLIR C API handle (`MlirContext`, ...): a struct of one pointer."""
    return type(name, (ctypes.Structure,), {"_fields_": [("ptr", ctypes.c_void_p)]})


MlirContext = _handle_type("MlirContext")
MlirDialectRegistry = _handle_type("MlirDialectRegistry")
MlirModule = _handle_type("MlirModule")
MlirOperation = _handle_type("MlirOperation")
_StringCallback = ctypes.CFUNCTYPE(None, MlirStringRef, ctypes.c_void_p)


class SNNNIRImportOptions(ctypes.Structure):
    """`SNNNIRImportOptions` of snn-c/NIR.h."""
    _fields_ = [("preset", MlirStringRef), ("hasDt", ctypes.c_bool), ("dt", ctypes.c_double),
                ("timeSteps", ctypes.c_int64), ("reset", MlirStringRef),
                ("resetTiming", MlirStringRef), ("inputType", MlirStringRef),
                ("funcName", MlirStringRef), ("isolateSeconds", ctypes.c_uint)]


class SNNArray(ctypes.Structure):
    """`SNNArray` of SNN.h: an array in memory, as NumPy's array interface
    describes it."""
    _fields_ = [("data", ctypes.c_void_p), ("typestr", ctypes.c_char_p),
                ("rank", ctypes.c_size_t), ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("name", ctypes.c_char_p)]


_P = ctypes.c_void_p  # executables, and strings the caller frees
_S = MlirStringRef
_ERR = ctypes.POINTER(ctypes.c_void_p)
_SIGNATURES = {
    # MLIR's C API (mlir-c/IR.h), which the library carries.
    "mlirContextCreate": (MlirContext, []),
    "mlirContextDestroy": (None, [MlirContext]),
    "mlirContextAppendDialectRegistry": (None, [MlirContext, MlirDialectRegistry]),
    "mlirDialectRegistryCreate": (MlirDialectRegistry, []),
    "mlirDialectRegistryDestroy": (None, [MlirDialectRegistry]),
    "mlirModuleDestroy": (None, [MlirModule]),
    "mlirModuleGetOperation": (MlirOperation, [MlirModule]),
    "mlirOperationPrint": (None, [MlirOperation, _StringCallback, ctypes.c_void_p]),
    # snn-c/Dialects.h and snn-c/SNN.h.
    "snnRegisterAllDialects": (None, [MlirDialectRegistry]),
    "snnRegisterAllPasses": (None, []),
    "snnModuleParse": (MlirModule, [MlirContext, _S, _S, _ERR]),
    "snnRunPipeline": (ctypes.c_bool, [MlirModule, _S, _ERR]),
    "snnCostReportJSON": (_P, [MlirModule, _S, _ERR]),
    "snnCostReportTable": (_P, [MlirModule, _S, _ERR]),
    "snnPassAnchor": (_P, [_S, _ERR]),
    "snnModuleDescribeGraph": (_P, [MlirModule, _S, _ERR]),
    # snn-c/NIR.h.
    "snnImportNIRFile": (MlirModule, [MlirContext, _S, ctypes.POINTER(SNNNIRImportOptions),
                                      _ERR]),
    "snnReadNIRFileJSON": (_P, [_S, ctypes.c_uint, _ERR]),
    "snnNIRPresetsJSON": (_P, []),
    "snnExecutableCreate": (_P, [MlirModule, _S, ctypes.c_int, _ERR]),
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


def read_nir_json(library: ctypes.CDLL, path: str, isolate_seconds: int = 0) -> dict:
    """The canonical graph of the NIR file at `path` (snnReadNIRFileJSON)."""
    error = _Error(library)
    text = library.snnReadNIRFileJSON(_S.of(path), isolate_seconds, error())
    if not text:
        error.fail(f"cannot read '{path}'")
    return json.loads(_take_string(library, text))


def nir_presets(library: ctypes.CDLL) -> dict:
    """The NIR presets and the import's choices (snnNIRPresetsJSON)."""
    return json.loads(_take_string(library, library.snnNIRPresetsJSON()))


def pass_anchor(library: ctypes.CDLL, name: str) -> str:
    """The operation pass `name` runs on ("func.func", "builtin.module"; ""
    for any)."""
    error = _Error(library)
    anchor = library.snnPassAnchor(_S.of(name), error())
    if not anchor:
        error.fail(f"no pass {name}")
    return _take_string(library, anchor)


class _Handle:
    """An object of the library, destroyed by `close` or at the end of a
    `with` block."""

    def __init__(self, library: ctypes.CDLL, handle):
        self.library, self.handle = library, handle

    def _destroy(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self.handle is not None:
            self._destroy()
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Context(_Handle):
    """An MLIR context with every snn dialect, which destroys its modules
    with it."""

    def __init__(self, library: ctypes.CDLL):
        registry = library.mlirDialectRegistryCreate()
        library.snnRegisterAllDialects(registry)
        super().__init__(library, library.mlirContextCreate())
        library.mlirContextAppendDialectRegistry(self.handle, registry)
        library.mlirDialectRegistryDestroy(registry)
        self.modules: List[Module] = []

    def _destroy(self) -> None:
        for module in self.modules:
            module.close()
        self.library.mlirContextDestroy(self.handle)

    def parse(self, text: str, name: str = "<input>") -> "Module":
        """A module parsed (and verified) from MLIR text; messages call the
        text `name` and quote its lines."""
        error = _Error(self.library)
        handle = self.library.snnModuleParse(self.handle, _S.of(text), _S.of(name), error())
        if not handle.ptr:
            error.fail("cannot parse the module")
        return self._adopt(handle)

    def import_nir(self, path: str, *, time_steps: int, preset: str = "",
                   dt: Optional[float] = None, reset: str = "", reset_timing: str = "",
                   input_type: str = "", name: str = "", isolate_seconds: int = 0
                   ) -> "Module":
        """The module of the NIR file at `path` (snnImportNIRFile; empty
        strings take the defaults; `isolate_seconds` > 0 reads the file in a
        child process with that time limit)."""
        # The string references point into these bytes, alive until the call returns.
        texts = [_S.of(text) for text in (preset, reset, reset_timing, input_type, name)]
        options = SNNNIRImportOptions(texts[0], dt is not None, dt or 0.0, time_steps,
                                      *texts[1:], isolate_seconds)
        error = _Error(self.library)
        handle = self.library.snnImportNIRFile(self.handle, _S.of(path), ctypes.byref(options),
                                               error())
        if not handle.ptr:
            error.fail(f"cannot import '{path}'")
        return self._adopt(handle)

    def _adopt(self, handle) -> "Module":
        self.modules.append(Module(self.library, handle))
        return self.modules[-1]


class Module(_Handle):
    """A module of a context."""

    def _destroy(self) -> None:
        self.library.mlirModuleDestroy(self.handle)

    def run_pipeline(self, pipeline: str) -> None:
        """Runs a textual pass pipeline on the module (changed in place)."""
        error = _Error(self.library)
        if not self.library.snnRunPipeline(self.handle, _S.of(pipeline), error()):
            error.fail("the pass pipeline failed")

    def cost_report(self, accounting: str, as_json: bool) -> str:
        """The cost reports of the written schedules: JSON, or the tables."""
        function = self.library.snnCostReportJSON if as_json else self.library.snnCostReportTable
        error = _Error(self.library)
        text = function(self.handle, _S.of(accounting), error())
        if not text:
            error.fail("no cost report")
        return _take_string(self.library, text)

    def describe_graph(self, entry: str = "") -> dict:
        """The graph-level function `entry` (the only one when empty) as the
        description `graph_description.py` rebuilds a Network from."""
        error = _Error(self.library)
        text = self.library.snnModuleDescribeGraph(self.handle, _S.of(entry), error())
        if not text:
            error.fail("cannot describe the module")
        return json.loads(_take_string(self.library, text))

    def __str__(self) -> str:
        chunks: List[bytes] = []
        callback = _StringCallback(lambda text, _: chunks.append(bytes(text)))
        self.library.mlirOperationPrint(self.library.mlirModuleGetOperation(self.handle),
                                        callback, None)
        return b"".join(chunks).decode("utf-8", "replace")

    def compile(self, entry: str, threads: int = 0) -> "Executable":
        """Lowers the module (in place) and JIT-compiles function `entry`."""
        error = _Error(self.library)
        handle = self.library.snnExecutableCreate(self.handle, _S.of(entry), threads, error())
        if not handle:
            error.fail(f"cannot compile @{entry}")
        return Executable(self.library, handle)


def _array_type(array: SNNArray) -> tuple:
    """(dtype, shape) of an argument or result type."""
    return np.dtype(array.typestr.decode()), tuple(array.shape[d] for d in range(array.rank))


class Executable(_Handle):
    """A JIT-compiled function: called on NumPy arrays, it returns its
    results as new arrays."""

    def __init__(self, library: ctypes.CDLL, handle: int):
        super().__init__(library, handle)
        self.arguments = [_array_type(library.snnExecutableGetArgumentType(handle, i))
                          for i in range(library.snnExecutableGetNumArguments(handle))]
        self.results = [_array_type(library.snnExecutableGetResultType(handle, i))
                        for i in range(library.snnExecutableGetNumResults(handle))]

    def _destroy(self) -> None:
        self.library.snnExecutableDestroy(self.handle)

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
