/*===- snn-c/NIR.h - NIR files in the C API ------------------------*- C -*-===*/
/*
 * Importing NIR (Neuromorphic Intermediate Representation) files into snn
 * modules, reading their graphs, and the presets that discretise their
 * neurons (docs/NIR.md). The conventions are those of snn-c/SNN.h.
 *
 * Debian's HDF5 can crash or hang on a byte-corrupted file. With a time
 * limit (`isolateSeconds` > 0) the file is read in a child process that has
 * that many seconds to finish: a crash or a hang of HDF5 becomes an error
 * ("the NIR reader crashed (signal 11) on 'f.nir'") instead of taking the
 * caller down. Use it for files from outside.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SNN_C_NIR_H
#define SNN_C_NIR_H

#include "snn-c/SNN.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How a NIR graph becomes snn ops. Empty strings take the defaults. */
typedef struct SNNNIRImportOptions {
  /** A preset's name (snnNIRPresetsJSON lists them); empty: "exact". */
  MlirStringRef preset;
  /** The time step in seconds, if `hasDt`; else the preset's. */
  bool hasDt;
  double dt;
  /** The number of time steps of the function, at least 1. */
  int64_t timeSteps;
  /** Overrides of the preset's reset mode (subtract, zero, to_value, none)
   *  and reset timing (same, next). */
  MlirStringRef reset;
  MlirStringRef resetTiming;
  /** The inputs' element type, f32 or i1 (spikes); empty: the preset's. */
  MlirStringRef inputType;
  /** The function's name; empty: "main". */
  MlirStringRef funcName;
  /** 0 reads the file in this process; N > 0 in a child process that has N
   *  seconds to finish. */
  unsigned isolateSeconds;
} SNNNIRImportOptions;

/** The options with every field at its default (no dt, no time steps). */
MLIR_CAPI_EXPORTED SNNNIRImportOptions snnNIRImportOptionsGetDefault(void);

/** Imports the NIR file at `path` (HDF5, or HDF5 gzip-compressed as a
 *  whole) into a module of `context` (which needs snnRegisterAllDialects'
 *  dialects) holding one function. Returns a null module on failure, with a
 *  one-line message in `*error` that names the node or the file. */
MLIR_CAPI_EXPORTED MlirModule snnImportNIRFile(MlirContext context, MlirStringRef path,
                                               const SNNNIRImportOptions *options,
                                               char **error);

/** The graph of the NIR file at `path` in its canonical form (NIR 1.0
 *  parameter names, defaults filled in, whatever the file's version) as JSON:
 *
 *    {"version": "1.0.0", "type": "NIRGraph",
 *     "nodes": {"fc": {"type": "Affine",
 *                      "weight": {"shape": [2, 3], "values": [...]}, ...},
 *               "sub": {"type": "NIRGraph", "nodes": {...}, "edges": [...]}},
 *     "edges": [["input", "fc"], ...]}
 *
 *  A parameter is {"shape", "values"} (a scalar has shape []; reals that
 *  JSON cannot carry are "inf", "-inf", "nan") or {"text": "same"}.
 *  `isolateSeconds` as in SNNNIRImportOptions. Returns NULL on failure,
 *  with the message in `*error`. */
MLIR_CAPI_EXPORTED char *snnReadNIRFileJSON(MlirStringRef path, unsigned isolateSeconds,
                                            char **error);

/** The presets as JSON, in the order of docs/NIR.md's table:
 *
 *    {"default": "exact",
 *     "presets": [{"name": "snntorch", "default_dt": 0.0001,
 *                  "not_modelled": "...", "fixed_point": null}, ...],
 *     "reset_modes": ["subtract", ...], "reset_timings": ["same", "next"],
 *     "input_types": ["f32", "i1"]}
 *
 *  `default_dt` is null where the user must give dt; `fixed_point` is null
 *  for float presets, else the integer arithmetic (LoihiFixedPoint of
 *  snn/Target/NIR/NIRPresets.h: "decay_bits", "state_bits", "shift",
 *  "weight_scale", "weight_bits", "threshold_bits", "bias_bits"). */
MLIR_CAPI_EXPORTED char *snnNIRPresetsJSON(void);

#ifdef __cplusplus
}
#endif

#endif /* SNN_C_NIR_H */
