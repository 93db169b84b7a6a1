//===- Pipelines.h - Named pass pipelines of snn-mlir -----------*- C++ -*-===//

#ifndef SNN_PIPELINES_PIPELINES_H
#define SNN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::snn {

struct SNNPipelineOptions : public PassPipelineOptions<SNNPipelineOptions> {
  PassOptions::Option<unsigned> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Width of the target's vector registers in bits (0: the host's; "
                     "1: no vectors)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Share the outermost loop of every large op between threads "
                     "(OpenMP in snn-to-llvm: the code then calls the OpenMP runtime)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> packSpikes{
      *this, "pack-spikes",
      llvm::cl::desc("Store the spike buffers the function allocates one bit per spike "
                     "(snn-pack-spikes) rather than one byte"),
      llvm::cl::init(true)};
};

/// Lowers a graph-level snn module whose functions take and return tensors
/// to bufferized loops: the schedule passes (fusion, time batching, tiling)
/// when the module carries `#snn.schedule` attributes, snn -> linalg and
/// snn_kernel structured ops on tensors (convert-snn-to-linalg), One-Shot
/// Bufferize with results turned into caller-allocated out-params (so a
/// function `(tensor...) -> (tensor...)` becomes
/// `(memref inputs..., memref outputs...) -> ()`), the buffers of loop
/// bodies allocated once (snn-hoist-buffers), buffer deallocation, affine
/// loop nests of vector ops for the target (snn-emit-vector-loops), spike
/// buffers one bit per spike (snn-pack-spikes, unless `pack-spikes=false`),
/// byte containers for other i1 and odd-width integers in memory
/// (snn-legalize-storage),
/// and affine loop-invariant code motion. With `parallel`, the outermost loop
/// of every large op is an affine.parallel.
void buildSNNToLoopsPipeline(OpPassManager &pm, const SNNPipelineOptions &options = {});

/// The loops of buildSNNToLoopsPipeline, then affine/scf/vector/memref/
/// arith/cf/func -> the LLVM dialect, parallel loops through OpenMP (the
/// program then calls libomp, whose OMP_NUM_THREADS sets the threads).
void buildSNNToLLVMPipeline(OpPassManager &pm, const SNNPipelineOptions &options = {});

/// Registers `snn-to-llvm` and `snn-to-loops` for textual pipelines.
void registerSNNPipelines();

/// Adds the passes of the textual pipeline `text` to `pm`, a pass manager on
/// `builtin.module` that has none yet: either a pipeline anchored on the
/// module, `builtin.module(snn-fuse-layers,canonicalize)`, or a
/// comma-separated list of passes and pipelines run on it, such as
/// `snn-auto-schedule,func.func(snn-set-schedule{mode=tb-f})`. The
/// parser's messages go to `errorStream`. What snn-run's --pass-pipeline and
/// the C API's snnRunPipeline accept.
LogicalResult parseModulePassPipeline(StringRef text, OpPassManager &pm,
                                      raw_ostream &errorStream);

} // namespace mlir::snn

#endif // SNN_PIPELINES_PIPELINES_H
