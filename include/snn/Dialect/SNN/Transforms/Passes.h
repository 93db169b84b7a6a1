//===- Passes.h - SNN dialect transformations -------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_TRANSFORMS_PASSES_H
#define SNN_DIALECT_SNN_TRANSFORMS_PASSES_H

#include "snn/Analysis/AnalysisEnums.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::snn {

/// The hand-set schedule modes of the STEMS study, the values of
/// snn-set-schedule's `mode` (Passes.td spells them): step by step or
/// time-batched, layer by layer or fused.
enum class ScheduleMode { StLbl, TbLbl, StF, TbF };

#define GEN_PASS_DECL
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_TRANSFORMS_PASSES_H
