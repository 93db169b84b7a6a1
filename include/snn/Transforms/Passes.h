//===- Passes.h - Passes on the bufferized program --------------*- C++ -*-===//

#ifndef SNN_TRANSFORMS_PASSES_H
#define SNN_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "snn/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "snn/Transforms/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_TRANSFORMS_PASSES_H
