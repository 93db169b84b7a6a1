//===- InitAll.h - Register everything snn-mlir provides --------*- C++ -*-===//

#ifndef SNN_INITALL_H
#define SNN_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::snn {

/// Adds the snn dialect, the upstream dialects its lowering produces, and the
/// interfaces (bufferization, LLVM translation) those need.
void registerAllSNNDialects(DialectRegistry &registry);

/// Registers the snn passes, conversions, named pipelines and the curated
/// upstream passes a user combines them with.
void registerAllSNNPasses();

} // namespace mlir::snn

#endif // SNN_INITALL_H
