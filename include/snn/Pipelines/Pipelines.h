//===- Pipelines.h - Named pass pipelines of snn-mlir -----------*- C++ -*-===//

#ifndef SNN_PIPELINES_PIPELINES_H
#define SNN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"

namespace mlir::snn {

/// Lowers a graph-level snn module whose functions take and return tensors
/// to the LLVM dialect: snn -> linalg/tensor/scf (convert-snn-to-linalg),
/// One-Shot Bufferize with results turned into caller-allocated out-params
/// (so a function `(tensor...) -> (tensor...)` becomes
/// `(memref inputs..., memref outputs...) -> ()`), buffer deallocation,
/// linalg -> scf loops -> cf, and memref/arith/cf/func -> llvm.
/// The schedule passes (fusion, time batching, tiling) run first when the
/// module carries `#snn.schedule` attributes.
void buildSNNToLLVMPipeline(OpPassManager &pm);

/// Bufferizes and lowers to loops, stopping before the LLVM dialect (for
/// lit tests of the loop structure).
void buildSNNToLoopsPipeline(OpPassManager &pm);

/// Registers `snn-to-llvm` and `snn-to-loops` for textual pipelines.
void registerSNNPipelines();

} // namespace mlir::snn

#endif // SNN_PIPELINES_PIPELINES_H
