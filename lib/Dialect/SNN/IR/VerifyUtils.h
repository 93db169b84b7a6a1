//===- VerifyUtils.h - Shared checks of SNN op verifiers --------*- C++ -*-===//

#ifndef SNN_LIB_DIALECT_SNN_IR_VERIFYUTILS_H
#define SNN_LIB_DIALECT_SNN_IR_VERIFYUTILS_H

#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

namespace mlir::snn::checks {

/// Checks that `value` is a statically shaped, non-empty tensor whose size in
/// bits fits in int64_t.
LogicalResult verifyTensorSize(Operation *op, Value value, StringRef what);

/// Checks `verifyTensorSize` and that `value` is a tensor with a time dimension
/// and, if `rank` is not -1, exactly `rank` dimensions (`layout` names them
/// in the message).
LogicalResult verifyTimeTensor(Operation *op, Value value, StringRef what,
                               int64_t rank = -1, StringRef layout = "");

/// Checks that `value` has the same number of time steps as `result`.
LogicalResult verifySameTime(Operation *op, Value value, StringRef what,
                             Value result);

/// Checks that `actual` equals `expected`, naming `what` in the message.
LogicalResult verifyShape(Operation *op, StringRef what, ArrayRef<int64_t> actual,
                          ArrayRef<int64_t> expected);

/// Checks a 2-value window attribute (kernel, stride, padding, dilation):
/// values >= `minValue`.
LogicalResult verifyPair(Operation *op, StringRef name, ArrayRef<int64_t> values,
                         int64_t minValue);

/// Output extent of a sliding window: (in + 2 pad - dil (k - 1) - 1) / s + 1,
/// or failure (with a message) if the kernel does not fit.
FailureOr<int64_t> windowOutputSize(Operation *op, int64_t in, int64_t kernel,
                                    int64_t stride, int64_t pad, int64_t dilation);

/// Checks the element types of a multiply-accumulate op (conv, dense):
/// integer x integer -> integer, or (float | i1) x float -> the same float.
/// `count` is the number of products per output, for the 64-bit overflow
/// bound on integer accumulation.
LogicalResult verifyMacTypes(Operation *op, Type input, Type weight, Type bias,
                             Type result, int64_t count);

/// Checks a synapse's optional expected `activity`: a fraction in [0, 1].
LogicalResult verifyActivity(Operation *op, FloatAttr activity);

/// Checks the tile placement of an op with per-neuron parameters: `at`
/// offsets and `layer_shape` are both absent, or one offset per per-step
/// dimension and a layer shape that contains the op's per-step `shape`.
LogicalResult verifyTilePlacement(Operation *op, ValueRange at,
                                  std::optional<ArrayRef<int64_t>> layerShape,
                                  ArrayRef<int64_t> shape);

} // namespace mlir::snn::checks

#endif // SNN_LIB_DIALECT_SNN_IR_VERIFYUTILS_H
