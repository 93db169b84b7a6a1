//===- KernelDialect.cpp - The snn_kernel dialect and its attribute --------===//

#include "snn/Dialect/Kernel/IR/KernelDialect.h"
#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::snn::kernel;

#include "snn/Dialect/Kernel/IR/KernelDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "snn/Dialect/Kernel/IR/KernelAttrs.cpp.inc"

void SNNKernelDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "snn/Dialect/Kernel/IR/KernelAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "snn/Dialect/Kernel/IR/KernelOps.cpp.inc"
      >();
}

LogicalResult VectorizeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                    int64_t lanes, int64_t block) {
  if (lanes < 0)
    return emitError() << "vectorize lanes must be a loop index, got " << lanes;
  if (block < -1 || block == lanes)
    return emitError() << "vectorize block must be -1 (none) or a loop other than "
                          "the lanes, got "
                       << block;
  return success();
}

/// The iterator types of a structured op, or failure if `op` is not one.
static FailureOr<SmallVector<utils::IteratorType>> iteratorTypesOf(Operation *op) {
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return linalgOp.getIteratorTypesArray();
  if (auto generic = dyn_cast<GenericOp>(op))
    return generic.getIteratorTypesArray();
  return failure();
}

LogicalResult SNNKernelDialect::verifyOperationAttribute(Operation *op,
                                                         NamedAttribute attr) {
  if (attr.getName() != kVectorizeAttrName)
    return op->emitError() << "unknown snn_kernel attribute '" << attr.getName() << "'";
  auto hint = dyn_cast<VectorizeAttr>(attr.getValue());
  if (!hint)
    return op->emitError() << "'" << kVectorizeAttrName
                           << "' must be a #snn_kernel.vectorize attribute";
  FailureOr<SmallVector<utils::IteratorType>> iterators = iteratorTypesOf(op);
  if (failed(iterators))
    return op->emitError() << "'" << kVectorizeAttrName
                           << "' applies to linalg ops and snn_kernel.generic only";
  for (int64_t loop : {hint.getLanes(), hint.getBlock()}) {
    if (loop < 0)
      continue;
    if (loop >= static_cast<int64_t>(iterators->size()))
      return op->emitError() << "vectorize loop " << loop << " out of range: the op has "
                             << iterators->size() << " loops";
    if ((*iterators)[loop] != utils::IteratorType::parallel)
      return op->emitError() << "vectorize loop " << loop << " is not parallel";
  }
  return success();
}
