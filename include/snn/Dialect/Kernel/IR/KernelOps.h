//===- KernelOps.h - Operations of the snn_kernel dialect -------*- C++ -*-===//

#ifndef SNN_DIALECT_KERNEL_IR_KERNELOPS_H
#define SNN_DIALECT_KERNEL_IR_KERNELOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "snn/Dialect/Kernel/IR/KernelDialect.h"

#define GET_OP_CLASSES
#include "snn/Dialect/Kernel/IR/KernelOps.h.inc"

namespace mlir::snn::kernel {

/// Registers the BufferizableOpInterface of snn_kernel.generic.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);

} // namespace mlir::snn::kernel

#endif // SNN_DIALECT_KERNEL_IR_KERNELOPS_H
