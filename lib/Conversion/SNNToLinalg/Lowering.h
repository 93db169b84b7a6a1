//===- Lowering.h - Pattern lists of the snn-to-linalg lowering -*- C++ -*-===//

#ifndef SNN_LIB_CONVERSION_SNNTOLINALG_LOWERING_H
#define SNN_LIB_CONVERSION_SNNTOLINALG_LOWERING_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

/// conv2d, dense and pooling: reductions over windows.
void populateReductionLoweringPatterns(RewritePatternSet &patterns);
/// add, scale, threshold, relu, delay, flatten, reshape.
void populateElementwiseLoweringPatterns(RewritePatternSet &patterns);
/// lif, cuba_lif, li, cuba_li: time loops over state.
void populateNeuronLoweringPatterns(RewritePatternSet &patterns);

/// `value` padded with `padValue` by `pad[i]` elements on both sides of
/// dimension i (no op when every pad is zero).
Value padBothSides(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> pad,
                   Value padValue);

/// The zero of `type` (integer or float).
Value zeroOf(OpBuilder &b, Location loc, Type type);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_SNNTOLINALG_LOWERING_H
