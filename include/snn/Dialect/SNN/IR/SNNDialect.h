//===- SNNDialect.h - SNN dialect -------------------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_IR_SNNDIALECT_H
#define SNN_DIALECT_SNN_IR_SNNDIALECT_H

#include "mlir/IR/Dialect.h"
// The typed helpers of the dialect's discardable attributes name HardwareAttr.
#include "snn/Dialect/SNN/IR/SNNAttrs.h"

#include "snn/Dialect/SNN/IR/SNNDialect.h.inc"

#endif // SNN_DIALECT_SNN_IR_SNNDIALECT_H
