//===- SNNAttrs.h - SNN attributes and enums --------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_IR_SNNATTRS_H
#define SNN_DIALECT_SNN_IR_SNNATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

#include "snn/Dialect/SNN/IR/SNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "snn/Dialect/SNN/IR/SNNAttrs.h.inc"

#endif // SNN_DIALECT_SNN_IR_SNNATTRS_H
