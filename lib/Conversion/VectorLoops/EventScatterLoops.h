//===- EventScatterLoops.h - snn_kernel.event_scatter as loops ---*- C++ -*-===//

#ifndef SNN_LIB_CONVERSION_VECTORLOOPS_EVENTSCATTERLOOPS_H
#define SNN_LIB_CONVERSION_VECTORLOOPS_EVENTSCATTERLOOPS_H

#include "snn/Conversion/VectorLoops/TargetInfo.h"
#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

/// Emits the loops of `op` (on buffers) before it; the caller erases it.
/// Vectors along the output channels are as wide as `target`'s registers.
LogicalResult emitEventScatter(RewriterBase &rewriter, kernel::EventScatterOp op,
                               const TargetInfo &target);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_VECTORLOOPS_EVENTSCATTERLOOPS_H
