//===- HostOptimizer.h - LLVM optimization of the JIT-compiled code -*- C++ -*-===//

#ifndef SNN_LIB_RUNNER_HOSTOPTIMIZER_H
#define SNN_LIB_RUNNER_HOSTOPTIMIZER_H

#include "llvm/Support/Error.h"

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir::snn::runner {

/// Optimizes `module` for `machine` with LLVM's -O1 pipeline less
/// IndVarSimplify. The loops arrive vectorized, unrolled and with canonical
/// induction variables; IndVarSimplify found nothing to improve in them but
/// took half of the optimization time (its cost grows with the size of the
/// one function a network becomes: SEW-ResNet-18 prefix in fused bands,
/// 2.3 s of 3.5 s; run time unchanged).
llvm::Error optimizeForHost(llvm::Module &module, llvm::TargetMachine *machine);

} // namespace mlir::snn::runner

#endif // SNN_LIB_RUNNER_HOSTOPTIMIZER_H
