/*===- snn-c/SNN.h - C API of snn-mlir ----------------------------*- C -*-===*/
/*
 * A C interface to the snn dialect, its pass pipelines and its cost model, for
 * compilers and tools that embed snn-mlir without its C++ API (link
 * SNNMLIR::SNNCAPI from the installed package; see docs/Embedding.md).
 *
 * Conventions:
 *  - Handles are opaque pointers. A module belongs to the context it was
 *    parsed in and must be destroyed before it. A context and its modules may
 *    be used by one thread at a time.
 *  - Strings returned by the API are NUL-terminated, allocated with malloc and
 *    owned by the caller, who releases them with snnStringFree.
 *  - Functions that can fail take a `char **error`. On failure they store
 *    there a message holding MLIR's diagnostics (with locations and source
 *    lines, e.g. "<input>:3:7: error: ...") that the caller frees with
 *    snnStringFree; on success they store NULL. `error` may be NULL to ignore
 *    messages.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SNN_C_SNN_H
#define SNN_C_SNN_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An MLIR context with the snn dialect, the dialects its lowering produces
 *  and every snn pass and pipeline registered. */
typedef struct SNNContextImpl *SNNContext;

/** A `builtin.module` owned by the caller, with the source text it was parsed
 *  from (for the source lines quoted in diagnostics). */
typedef struct SNNModuleImpl *SNNModule;

/** Creates a context. Registers the snn passes and pipelines (the
 *  process-wide pass registry) on first use. Never returns NULL. */
SNNContext snnContextCreate(void);

/** Destroys a context. Its modules must have been destroyed already.
 *  NULL is ignored. */
void snnContextDestroy(SNNContext context);

/** Parses and verifies `length` bytes of MLIR text (which need not be
 *  NUL-terminated) into a module. Ops outside a `module { ... }` are wrapped
 *  in one. Diagnostics name the source `<input>`. Returns NULL on failure,
 *  with the parser's or the verifier's message in `*error`. */
SNNModule snnModuleParse(SNNContext context, const char *text, size_t length, char **error);

/** Destroys a module. NULL is ignored. */
void snnModuleDestroy(SNNModule module);

/** The module in MLIR's textual form (the caller frees it). */
char *snnModulePrint(SNNModule module);

/** Runs a textual pass pipeline on the module, which it changes in place, and
 *  verifies the result. `pipeline` is either anchored on the module,
 *  `builtin.module(snn-fuse-layers,canonicalize)`, or a comma-separated list
 *  of passes and pipelines run on it: `snn-to-llvm`, `snn-auto-schedule`,
 *  `func.func(snn-set-schedule{mode=tb-f}),snn-to-loops`. Every pass that
 *  `snn-opt --help` lists is available. Returns false on failure, with the
 *  pipeline parser's message or the diagnostics of the failing pass in
 *  `*error`; the module may then be partly transformed. */
bool snnRunPipeline(SNNModule module, const char *pipeline, char **error);

/** Parses a hardware description in the JSON form of the bench/ hardware files (see
 *  docs/CostModel.md) and attaches it to the module as its `snn.hardware`,
 *  which the cost report and the auto-scheduler use. Returns false if the
 *  text is not valid JSON or a field is missing or wrong (the message names
 *  it); the module is then unchanged. */
bool snnSetHardwareJSON(SNNModule module, const char *json, char **error);

/** Attaches the hardware description of the machine running this code (its
 *  data caches, read from Linux's sysfs; see `snn-set-hardware{file=host}`)
 *  to the module as its `snn.hardware`. Returns false, with the reason in
 *  `*error`, if the caches cannot be read; the module is then unchanged. */
bool snnSetHostHardware(SNNModule module, char **error);

/** Evaluates the schedule written in every function of the module (its
 *  `#snn.schedule` attributes or `snn.group` ops) on the module's
 *  `snn.hardware` and returns the cost reports as a JSON array, one object per
 *  function with layer ops, in the schema of `snn-cost-report json=-`
 *  (docs/CostModel.md). `accounting` is "default", "stems" or NULL (default).
 *  Returns NULL on failure: no hardware attached, unknown accounting, or a
 *  schedule the cost model cannot evaluate. The module is unchanged. */
char *snnCostReportJSON(SNNModule module, const char *accounting, char **error);

/** As snnCostReportJSON, but the human-readable tables `snn-cost-report`
 *  prints, one after another. */
char *snnCostReportTable(SNNModule module, const char *accounting, char **error);

/** Frees a string returned by this API. NULL is ignored. */
void snnStringFree(char *string);

#ifdef __cplusplus
}
#endif

#endif /* SNN_C_SNN_H */
