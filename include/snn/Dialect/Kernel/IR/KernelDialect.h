//===- KernelDialect.h - The snn_kernel dialect -----------------*- C++ -*-===//

#ifndef SNN_DIALECT_KERNEL_IR_KERNELDIALECT_H
#define SNN_DIALECT_KERNEL_IR_KERNELDIALECT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Dialect.h"

#include "snn/Dialect/Kernel/IR/KernelDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "snn/Dialect/Kernel/IR/KernelAttrs.h.inc"

#endif // SNN_DIALECT_KERNEL_IR_KERNELDIALECT_H
