//===- IntRanges.h - Bounds of integer values and membranes -----*- C++ -*-===//
//
// Integer neurons keep their membrane in a state type chosen by the model's
// author, often wider than the values it can take: bounded inputs, a decay
// and a reset keep the membrane in a range that the analysis below proves,
// so that snn-eliminate-state can narrow the state type without changing a
// single value.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_DIALECT_SNN_UTILS_INTRANGES_H
#define SNN_DIALECT_SNN_UTILS_INTRANGES_H

#include "snn/Dialect/SNN/IR/NeuronModel.h"

#include "mlir/IR/Value.h"

#include <optional>

namespace mlir::snn {

/// A closed interval of integers.
struct IntRange {
  int64_t lo = 0, hi = 0;

  IntRange join(IntRange other) const {
    return {std::min(lo, other.lo), std::max(hi, other.hi)};
  }
  bool operator==(const IntRange &other) const { return lo == other.lo && hi == other.hi; }
  /// Width of the smallest signed integer type (at least 2 bits) holding it.
  unsigned bitsNeeded() const;
};

/// The values of integer type `type` (i1: [0, 1]).
IntRange getTypeRange(Type type);

/// The hull of a parameter's values as integers, in Q16 when `q16`.
IntRange getParamRange(const Param &param, bool q16);

/// floor(a * q / 2^16) over intervals of a and of the Q16 factor q (the
/// `mulq` of docs/Semantics.md), or the quotient rounded by `rounding`
/// (every rounding is monotone: the corners bound it exactly).
IntRange mulq(IntRange a, IntRange q16, Rounding rounding = Rounding::Floor);

/// The values an integer state of `type` holds under `overflow`: the
/// type's range, without its lowest value for `saturate_symmetric`.
IntRange getStateRange(Type type, Overflow overflow);

/// Bounds of the elements of an integer activation: from the weights for a
/// convolution or dense layer with constant weights, from the operands for
/// sums and pooling, [0, 1] for spikes, else the element type's range.
IntRange getActivationRange(Value value);

/// Bounds of every partial sum an integer `snn.conv2d` or `snn.dense`
/// accumulates (its bias and each single product included), or nullopt for
/// other ops and beyond 64 bits. The lowering sizes its accumulators by it.
std::optional<IntRange> getAccumulatorRange(Operation *op);

/// The width of the integer accumulators of an `snn.conv2d` or `snn.dense`:
/// the narrowest of 16, 32 and 64 bits that holds getAccumulatorRange (64
/// without a bound). The lowering and the cost model of caches use it.
unsigned getAccumulatorBits(Operation *op);

/// The element type the lowering accumulates an `snn.conv2d`, `snn.dense`,
/// `snn.sum_pool2d` or `snn.avg_pool2d` in: the result's for floats, else
/// the accumulators of getAccumulatorBits (`i64` for pools).
Type getAccumulatorType(Operation *op);

/// Bounds of every value the membrane of an integer `snn.lif`, `snn.li`,
/// `snn.cuba_lif` or `snn.cuba_li` takes (before overflow, before and after
/// reset), or nullopt if the analysis finds no bound within its state type
/// (the values its `overflow` mode keeps: then that mode acts), e.g. an
/// integrator without reset and with a one-signed input.
std::optional<IntRange> getMembraneRange(Operation *neuron);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_INTRANGES_H
