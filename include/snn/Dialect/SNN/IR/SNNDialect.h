//===- SNNDialect.h - SNN dialect -------------------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_IR_SNNDIALECT_H
#define SNN_DIALECT_SNN_IR_SNNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "snn/Dialect/SNN/IR/SNNDialect.h.inc"

#endif // SNN_DIALECT_SNN_IR_SNNDIALECT_H
