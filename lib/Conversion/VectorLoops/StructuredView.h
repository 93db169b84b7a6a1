//===- StructuredView.h - linalg and snn_kernel ops seen alike --*- C++ -*-===//
//
// The emitter treats a linalg op and an snn_kernel.generic on buffers the
// same way: operands read through affine maps of the loops, an iteration
// space, a scalar body. StructuredView is that common picture.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_CONVERSION_VECTORLOOPS_STRUCTUREDVIEW_H
#define SNN_LIB_CONVERSION_VECTORLOOPS_STRUCTUREDVIEW_H

#include "snn/Dialect/Kernel/IR/KernelDialect.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir::snn {

struct OperandView {
  /// The buffer, or the value of a scalar input (whose `type` is null).
  Value buffer;
  MemRefType type;
  /// (loops)[symbols] -> indices of `buffer`.
  AffineMap map;
  bool isOutput = false;
  /// Reads outside `buffer` skip the iteration (snn_kernel.generic).
  bool windowed = false;
};

struct StructuredView {
  Operation *op = nullptr;
  /// Inputs, then outputs; the body's arguments in the same order.
  SmallVector<OperandView> operands;
  SmallVector<utils::IteratorType> iterators;
  /// The values of the maps' symbols.
  SmallVector<Value> symbols;
  Block *body = nullptr;
  std::optional<kernel::VectorizeAttr> hint;

  /// A structured op on buffers, or failure (with the reason in `why`).
  static FailureOr<StructuredView> get(Operation *op, std::string &why);

  unsigned numLoops() const { return iterators.size(); }
  bool isReduction(unsigned loop) const {
    return iterators[loop] == utils::IteratorType::reduction;
  }
  bool hasReductions() const;
  /// The trip count of every loop: a constant, or a memref.dim built at `b`.
  SmallVector<OpFoldResult> tripCounts(OpBuilder &b) const;
  /// The trip counts known at compile time.
  SmallVector<std::optional<int64_t>> staticTripCounts() const;
  /// True if operand `operand` reads or writes through loop `loop`.
  bool uses(unsigned operand, unsigned loop) const;
  /// True if the buffer's last index moves by one element per step of
  /// `loop` and no other index moves with it.
  bool isContiguousAlong(unsigned operand, unsigned loop) const;
};

/// Merges adjacent parallel loops that every operand indexes as two adjacent,
/// contiguous dimensions (or not at all) into one loop, viewing those
/// operands through memref.collapse_shape built at `b`: a neuron's update
/// over a [channels, rows, columns] tile becomes one long loop of full
/// vectors instead of short rows. Only loops of static trip counts, not
/// windowed, not read by linalg.index, are merged, never into the outermost
/// loop of several iterations (which threads share); hint loops are
/// renumbered.
void coalesceLoops(OpBuilder &b, StructuredView &view);

/// The coefficient of every loop in `expr` if it is linear in the loops and
/// symbols of `map` (with a constant term), failure otherwise.
FailureOr<SmallVector<int64_t>> loopCoefficients(AffineExpr expr, AffineMap map);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_VECTORLOOPS_STRUCTUREDVIEW_H
