//===- LoopNestEmitter.h - A structured op as vector loops ------*- C++ -*-===//
//
// Emits the loop nest of one structured op on buffers following a LanePlan:
//
//   parallel loops (the op's order, then `block`, then `lanes`; the first
//   of them shared by threads when the op is large enough)
//     accumulators of the unroll x vectors positions <- outputs
//     reduction loops (the op's order; their bounds clipped to the windows)
//       loads: vectors along the lanes, scalars broadcast, gathers
//       the body, on vectors
//     outputs <- accumulators
//
// A vectorized loop whose positions a window may clip is split into an
// interior, where no clipping can happen and vectors run, and borders,
// computed one position at a time with the clipped reduction bounds. Loops
// and accesses are affine wherever their bounds and indices are affine in
// valid dimensions and symbols; elsewhere scf.for and memref/vector
// accesses with affine.apply indices.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_CONVERSION_VECTORLOOPS_LOOPNESTEMITTER_H
#define SNN_LIB_CONVERSION_VECTORLOOPS_LOOPNESTEMITTER_H

#include "LanePlan.h"
#include "StructuredView.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

/// Emits the loops of `view` before its op (which the caller erases). With
/// `threads`, the outermost parallel loop of an op with enough work is an
/// affine.parallel (scf.parallel where its bounds are not affine).
/// Fails, with a message on the op, for a body it cannot vectorize.
LogicalResult emitLoopNest(RewriterBase &rewriter, const StructuredView &view,
                           const LanePlan &plan, bool threads);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_VECTORLOOPS_LOOPNESTEMITTER_H
