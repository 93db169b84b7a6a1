/*===- snn-c/Dialects.h - The snn dialects in MLIR's C API --------*- C -*-===*/
/*
 * Registration of the snn dialects and passes in the style of MLIR's C API
 * (mlir-c/IR.h): a client creates an MlirContext and either registers the snn
 * dialect alone through its dialect handle,
 *
 *   mlirDialectHandleRegisterDialect(mlirGetDialectHandle__snn__(), ctx);
 *
 * or, to parse whole networks and lower them, appends the registry of
 * snnRegisterAllDialects to the context.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SNN_C_DIALECTS_H
#define SNN_C_DIALECTS_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(SNN, snn);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(SNNKernel, snn_kernel);

/** Inserts into `registry` the snn dialects, the upstream dialects that snn
 *  modules use and their lowering produces (func, arith, tensor, linalg,
 *  ..., llvm), and the interfaces those need (bufferization, translation to
 *  LLVM IR): what a context needs to parse, lower and JIT-compile any snn
 *  module. */
MLIR_CAPI_EXPORTED void snnRegisterAllDialects(MlirDialectRegistry registry);

/** Registers the snn passes, conversions and named pipelines, and the
 *  upstream passes they are combined with, in MLIR's process-wide pass
 *  registry (what `snn-opt --help` lists). Idempotent and thread-safe; the
 *  functions of snn-c/SNN.h that parse pipelines call it themselves. */
MLIR_CAPI_EXPORTED void snnRegisterAllPasses(void);

#ifdef __cplusplus
}
#endif

#endif /* SNN_C_DIALECTS_H */
