//===- Lowering.h - Pattern lists of the snn-to-linalg lowering -*- C++ -*-===//

#ifndef SNN_LIB_CONVERSION_SNNTOLINALG_LOWERING_H
#define SNN_LIB_CONVERSION_SNNTOLINALG_LOWERING_H

#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

/// conv2d, dense and pooling: reductions over windows.
void populateReductionLoweringPatterns(RewritePatternSet &patterns);
/// add, scale, threshold, relu, delay, flatten, reshape.
void populateElementwiseLoweringPatterns(RewritePatternSet &patterns);
/// lif, cuba_lif, li, cuba_li: time loops over state.
void populateNeuronLoweringPatterns(RewritePatternSet &patterns);

/// lif, cuba_lif, li, cuba_li, threshold and relu over an input computed one
/// step at a time (see isStepwiseInput): they must be lowered before the
/// synapses they absorb.
void populateStepwiseLoweringPatterns(RewritePatternSet &patterns);

/// True if `input` is produced by a time-parallel synapse read by nothing
/// else: the neuron or activation reading it then computes it one step at a
/// time inside its own loop over time, so that the synapse's (wide) result
/// never exists for all steps at once, as in hardware, where partial sums stay
/// in registers.
bool isStepwiseInput(Value input);

/// Step t of `input` as a tensor with a time dimension of one: computed by a
/// one-step copy of its producer for a step-wise input, sliced otherwise.
Value computeInputStep(OpBuilder &b, Location loc, Value input, Value t);

/// The zero of `type` (integer or float).
Value zeroOf(OpBuilder &b, Location loc, Type type);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_SNNTOLINALG_LOWERING_H
