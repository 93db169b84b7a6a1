//===- Passes.h - SNN dialect transformations -------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_TRANSFORMS_PASSES_H
#define SNN_DIALECT_SNN_TRANSFORMS_PASSES_H

#include "snn/Dialect/SNN/IR/SNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::snn {

#define GEN_PASS_DECL
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_TRANSFORMS_PASSES_H
