//===- Pipelines.cpp - Named pass pipelines of snn-mlir --------------------===//

#include "snn/Pipelines/Pipelines.h"
#include "snn/Conversion/Passes.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Affine/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::snn::buildSNNToLoopsPipeline(OpPassManager &pm,
                                        const SNNPipelineOptions &options) {
  pm.addPass(createSNNStepCycles());
  pm.addPass(createSNNFuseLayers());
  pm.addPass(createSNNBatchTime());
  pm.addPass(createSNNTileSpatial());
  pm.addPass(createConvertSNNToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createSNNFuseElementwise());
  pm.addPass(createCSEPass());
  // Weights packed inside a time or tile loop are the same at every
  // iteration: pack them once.
  pm.addPass(createLoopInvariantCodeMotionPass());
  pm.addPass(createSNNDropEmptySlices());

  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // Loops carrying a state whose new value is a fresh buffer (a delay line's
  // history) yield it instead of copying back into the old one.
  bufferize.allowReturnAllocsFromLoops = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addNestedPass<func::FuncOp>(createSNNHoistBuffers());
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createSNNCopiesToLinalg());
  pm.addPass(createSNNOrderGlobals());

  SNNEmitVectorLoopsOptions emit;
  emit.vectorBits = options.vectorBits;
  emit.threads = options.parallel;
  pm.addPass(createSNNEmitVectorLoops(emit));
  if (options.packSpikes)
    pm.addNestedPass<func::FuncOp>(createSNNPackSpikes());
  pm.addPass(createSNNLegalizeStorage());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // The emitter keeps accumulators in registers and loads each value once
  // per loop body, which leaves affine-scalrep (quadratic in the accesses of
  // a function) nothing worth its time; invariant code still moves out.
  pm.addNestedPass<func::FuncOp>(affine::createAffineLoopInvariantCodeMotionPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::snn::buildSNNToLLVMPipeline(OpPassManager &pm,
                                       const SNNPipelineOptions &options) {
  buildSNNToLoopsPipeline(pm, options);
  pm.addPass(createLowerAffinePass());
  if (options.parallel) {
    pm.addPass(createConvertSCFToOpenMPPass());
    // The bodies are wrapped in memref.alloca_scope, which allocate nothing
    // here: the canonicalizer inlines them before the loops become blocks.
    pm.addPass(createCanonicalizerPass());
  }
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (options.parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::snn::registerSNNPipelines() {
  PassPipelineRegistration<SNNPipelineOptions>(
      "snn-to-llvm", "Lower an snn module to the LLVM dialect (see Pipelines.h)",
      buildSNNToLLVMPipeline);
  PassPipelineRegistration<SNNPipelineOptions>(
      "snn-to-loops", "Lower an snn module to bufferized affine loops of vector ops",
      buildSNNToLoopsPipeline);
}

LogicalResult mlir::snn::parseModulePassPipeline(StringRef text, OpPassManager &pm,
                                                 raw_ostream &errorStream) {
  text = text.trim();
  if (!text.starts_with((pm.getOpAnchorName() + "(").str()))
    return parsePassPipeline(text, pm, errorStream);
  FailureOr<OpPassManager> anchored = parsePassPipeline(text, errorStream);
  if (failed(anchored))
    return failure();
  // `pm` has no passes yet: take the parsed ones (keeping the
  // instrumentation of a PassManager).
  pm = std::move(*anchored);
  return success();
}
