/*===- snn-c/SNN.h - C API of snn-mlir ----------------------------*- C -*-===*/
/*
 * A C interface to snn-mlir's pass pipelines, its cost model and a JIT that
 * calls a compiled function on the caller's arrays, for compilers and tools
 * that embed snn-mlir without its C++ API (link SNNMLIR::SNNCAPI from the
 * installed package, or load the shared libSNNCAPI.so; see
 * docs/Embedding.md). It extends MLIR's own C API (mlir-c/IR.h, which the
 * library carries): contexts and modules are MlirContext and MlirModule,
 * created, printed and destroyed with MLIR's functions, and the dialects are
 * registered as snn-c/Dialects.h describes.
 *
 * Conventions:
 *  - A context and its modules may be used by one thread at a time.
 *  - Strings returned by the API are NUL-terminated, allocated with malloc and
 *    owned by the caller, who releases them with snnStringFree.
 *  - Functions that can fail take a `char **error`. On failure they store
 *    there a message holding MLIR's diagnostics (with locations and the
 *    source lines of modules parsed by snnModuleParse, e.g. "<input>:3:7:
 *    error: ...") that the caller frees with snnStringFree; on success they
 *    store NULL. `error` may be NULL to ignore messages. Diagnostics are
 *    captured only while such a function runs; at other times the context's
 *    own handlers see them.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SNN_C_SNN_H
#define SNN_C_SNN_H

#include "snn-c/Dialects.h"

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Parses and verifies MLIR text into a module of `context`, which needs the
 *  dialects of snnRegisterAllDialects (or those the text uses). Ops outside
 *  a `module { ... }` are wrapped in one. Diagnostics call the text
 *  `sourceName` (a file's path, say; "<input>" when empty), and the context
 *  keeps the text under that name until it is destroyed, so that the
 *  diagnostics of later calls on the module quote its lines (a text parsed
 *  later under the same name replaces it). Returns a null module
 *  (mlirModuleIsNull) on failure, with the parser's or the verifier's
 *  message in `*error`; destroy a module with mlirModuleDestroy. */
MLIR_CAPI_EXPORTED MlirModule snnModuleParse(MlirContext context, MlirStringRef text,
                                             MlirStringRef sourceName, char **error);

/** Runs a textual pass pipeline on the module, which it changes in place, and
 *  verifies the result. `pipeline` is either anchored on the module,
 *  `builtin.module(snn-fuse-layers,canonicalize)`, or a comma-separated list
 *  of passes and pipelines run on it: `snn-to-llvm`, `snn-auto-schedule`,
 *  `func.func(snn-set-schedule{mode=tb-f}),snn-to-loops`. Every pass that
 *  `snn-opt --help` lists is available. Returns false on failure, with the
 *  pipeline parser's message or the diagnostics of the failing pass in
 *  `*error`; the module may then be partly transformed. */
MLIR_CAPI_EXPORTED bool snnRunPipeline(MlirModule module, MlirStringRef pipeline,
                                       char **error);

/** Parses a hardware description in the JSON form of the bench/ hardware files (see
 *  docs/CostModel.md) and attaches it to the module as its `snn.hardware`,
 *  which the cost report and the auto-scheduler use. Returns false if the
 *  text is not valid JSON or a field is missing or wrong (the message names
 *  it); the module is then unchanged. */
MLIR_CAPI_EXPORTED bool snnSetHardwareJSON(MlirModule module, MlirStringRef json,
                                           char **error);

/** Attaches the hardware description of the machine running this code (its
 *  data caches, read from Linux's sysfs; see `snn-set-hardware{file=host}`)
 *  to the module as its `snn.hardware`. Returns false, with the reason in
 *  `*error`, if the caches cannot be read; the module is then unchanged. */
MLIR_CAPI_EXPORTED bool snnSetHostHardware(MlirModule module, char **error);

/** Evaluates the schedule written in every function of the module (its
 *  `#snn.schedule` attributes or `snn.group` ops) on the module's
 *  `snn.hardware` and returns the cost reports as a JSON array, one object per
 *  function with layer ops, in the schema of `snn-cost-report json=-`
 *  (docs/CostModel.md). `accounting` is "default", "stems" or empty
 *  (default). Returns NULL on failure: no hardware attached, unknown
 *  accounting, or a schedule the cost model cannot evaluate. The module is
 *  unchanged. */
MLIR_CAPI_EXPORTED char *snnCostReportJSON(MlirModule module, MlirStringRef accounting,
                                           char **error);

/** As snnCostReportJSON, but the human-readable tables `snn-cost-report`
 *  prints, one after another. */
MLIR_CAPI_EXPORTED char *snnCostReportTable(MlirModule module, MlirStringRef accounting,
                                            char **error);

/** The operation that the registered pass `pass` (e.g. "snn-set-schedule")
 *  runs on: "func.func", "builtin.module", ..., or "" for a pass that runs on
 *  any operation. In a pipeline on the module, a pass on functions is nested:
 *  `func.func(snn-set-schedule{mode=tb-f})`. Returns NULL if no pass of that
 *  name is registered (named pipelines such as `snn-to-llvm` are not passes),
 *  with the message in `*error`. */
MLIR_CAPI_EXPORTED char *snnPassAnchor(MlirStringRef pass, char **error);

/** The graph-level function `entry` of the module (its only function when
 *  `entry` is empty) as JSON, for clients that rebuild the network in their
 *  own terms (Python's `graph.Network.from_description`):
 *
 *    {"name": "main", "time_steps": T,
 *     "inputs": [{"name": "x", "shape": [per-step dims], "dtype": "f32"}],
 *     "ops": [{"op": "dense", "name": "fc", "operands": ["x"],
 *              "params": {"weight": {"shape": [...], "dtype": "f32",
 *                                    "storage": "<f4", "data": base64}},
 *              "attrs": {"stride": [1, 1], "compare": "ge", ...},
 *              "result": {"shape": [...], "dtype": "f32"}}, ...],
 *     "outputs": ["fc"]}
 *
 *  Values are named after their locations (`loc("fc")`), made unique.
 *  Parameter operands (roles weight, bias, recurrent, recurrent_bias) must
 *  be constants; their elements are little-endian NumPy `storage` ("<f4",
 *  "<f8", or "<i8" with integers sign-extended and spikes 0/1), base64
 *  encoded. Attributes are numbers, arrays, type names ("i8"), enum cases
 *  ("ge") or, for others, {"mlir": text}; a real a JSON number cannot carry
 *  exactly (negative zero, infinities, NaN) is a string: "-0.0", "inf",
 *  "-inf", "nan". The ops of an `snn.cycle` appear
 *  in place (they may name values defined after them); its results are the
 *  values it yields. Returns NULL, with the op that cannot be described in
 *  `*error`, for ops outside the snn dialect or in explicit-state form. */
MLIR_CAPI_EXPORTED char *snnModuleDescribeGraph(MlirModule module, MlirStringRef entry,
                                                char **error);

/*===-- Compiling and calling a function ----------------------------------===*/

/** An array in the caller's memory: an argument or a result of a compiled
 *  function, described as NumPy's array interface describes one. */
typedef struct SNNArray {
  /** The first element; the others follow in C (row-major) order, without
   *  gaps. */
  void *data;
  /** The element type as NumPy's type string (`typestr`): "|u1" for spikes
   *  (i1) as 0/1 bytes ("|b1" and "|i1" are accepted for arguments too),
   *  "|i1" for i2..i8, "<i2" for i9..i16 and "<i4" for i17..i32 (each
   *  sign-extended), "<f4" for f32, "<f8" for f64. */
  const char *typestr;
  /** The number of dimensions, and the size of each (time first). */
  size_t rank;
  const int64_t *shape;
  /** How error messages call the array (its file, say), or NULL. */
  const char *name;
} SNNArray;

/** A function JIT-compiled for this machine, ready to be called. */
typedef struct SNNExecutableImpl *SNNExecutable;

/** Lowers the module for this machine (the `snn-to-llvm` pipeline, which
 *  applies the schedule written in the module) and JIT-compiles it, ready to
 *  call function `entry`. Its arguments and results must be statically
 *  shaped tensors of i1..i32, f32 or f64; its arguments become read-only (the
 *  compiled code never writes into the caller's inputs). The module is
 *  lowered in place (to the LLVM dialect). `threads`: 0 runs the parallel
 *  loops on the OpenMP runtime's threads (OMP_NUM_THREADS, else one per
 *  hardware thread), 1 compiles sequential code that calls no OpenMP, N > 1
 *  runs them on N threads. Returns NULL on failure (no such function, an
 *  argument or result of another type, a lowering or JIT failure) with the
 *  message in `*error`. The executable does not depend on the module or the
 *  context afterwards: they may be destroyed first. */
MLIR_CAPI_EXPORTED SNNExecutable snnExecutableCreate(MlirModule module, MlirStringRef entry,
                                                     int threads, char **error);

/** Destroys an executable. NULL is ignored. */
MLIR_CAPI_EXPORTED void snnExecutableDestroy(SNNExecutable executable);

/** The number of arguments and of results of the function. */
MLIR_CAPI_EXPORTED size_t snnExecutableGetNumArguments(SNNExecutable executable);
MLIR_CAPI_EXPORTED size_t snnExecutableGetNumResults(SNNExecutable executable);

/** The type and shape of argument or result `index` as an array with no data
 *  (`data` and `name` NULL; `typestr` and `shape` live as long as the
 *  executable): what snnExecutableRun expects there. */
MLIR_CAPI_EXPORTED SNNArray snnExecutableGetArgumentType(SNNExecutable executable, size_t index);
MLIR_CAPI_EXPORTED SNNArray snnExecutableGetResultType(SNNExecutable executable, size_t index);

/** Calls the function on `arguments` and writes its results into `results`,
 *  arrays the caller allocated, as many of each as the function has. No
 *  array is copied: the compiled code reads and writes the caller's memory.
 *  First checks the shape and type of every array, and that the integers of
 *  the arguments lie in the range of their type (spikes 0 or 1); returns
 *  false on a mismatch or a failing call, with the message in `*error`
 *  ("input #0 ('x.npy'): expected shape (4, 3), got (4, 2)"). An executable
 *  may be called any number of times, by one thread at a time. */
MLIR_CAPI_EXPORTED bool snnExecutableRun(SNNExecutable executable, const SNNArray *arguments,
                                         size_t numArguments, const SNNArray *results,
                                         size_t numResults, char **error);

/** Frees a string returned by this API. NULL is ignored. */
MLIR_CAPI_EXPORTED void snnStringFree(char *string);

#ifdef __cplusplus
}
#endif

#endif /* SNN_C_SNN_H */
