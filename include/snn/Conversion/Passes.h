//===- Passes.h - SNN conversion passes -------------------------*- C++ -*-===//

#ifndef SNN_CONVERSION_PASSES_H
#define SNN_CONVERSION_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"
#include "snn/Dialect/Kernel/IR/KernelDialect.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "snn/Conversion/Passes.h.inc"

/// Adds the patterns lowering snn compute ops to linalg/tensor/scf.
void populateSNNToLinalgPatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "snn/Conversion/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_CONVERSION_PASSES_H
