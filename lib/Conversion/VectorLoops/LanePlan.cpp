//===- LanePlan.cpp - How a structured op is vectorized --------------------===//

#include "LanePlan.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"

#include "llvm/ADT/bit.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::snn;

std::string LanePlan::describe() const {
  if (isScalar())
    return "scalar";
  std::string text = "lanes d" + std::to_string(lanes) + " x" + std::to_string(width) +
                     " (" + std::to_string(vectors) + " vectors)";
  if (block >= 0)
    text += ", block d" + std::to_string(block) + " x" + std::to_string(unroll);
  return text;
}

/// True if some windowed index moves with both loops: the emitter clips a
/// window along one vectorized loop only.
static bool windowCouples(const StructuredView &view, int a, int b) {
  for (const OperandView &operand : view.operands)
    if (operand.windowed)
      for (AffineExpr result : operand.map.getResults())
        if (result.isFunctionOfDim(a) && result.isFunctionOfDim(b))
          return true;
  return false;
}

/// True if `loop` can run across lanes: parallel and indexing every output.
static bool canCarryLanes(const StructuredView &view, int loop) {
  if (loop < 0 || loop >= static_cast<int>(view.numLoops()) || view.isReduction(loop))
    return false;
  for (auto [i, operand] : llvm::enumerate(view.operands))
    if (operand.isOutput && !view.uses(i, loop))
      return false;
  return true;
}

LanePlan mlir::snn::planVectorization(const StructuredView &view,
                                      const TargetInfo &target) {
  LanePlan plan;
  SmallVector<std::optional<int64_t>> trips = view.staticTripCounts();
  int lanes = view.hint ? view.hint->getLanes() : -1;
  if (!canCarryLanes(view, lanes)) {
    lanes = -1;
    for (int loop = view.numLoops() - 1; loop >= 0 && lanes < 0; --loop) {
      if (!canCarryLanes(view, loop))
        continue;
      bool contiguous = true;
      for (auto [i, operand] : llvm::enumerate(view.operands))
        if (operand.isOutput && !view.isContiguousAlong(i, loop))
          contiguous = false;
      if (contiguous)
        lanes = loop;
    }
  }
  if (lanes < 0)
    return plan;

  // Lanes per register: the widest element that moves along the lanes.
  unsigned bits = 8;
  unsigned outputs = 0, laneInputs = 0;
  for (auto [i, operand] : llvm::enumerate(view.operands)) {
    if (operand.isOutput)
      ++outputs;
    if (!view.uses(i, lanes))
      continue;
    if (!operand.isOutput)
      ++laneInputs;
    bits = std::max<unsigned>(bits, getStorageBits(operand.type.getElementType()));
  }
  int64_t width = target.vectorBits / bits;
  std::optional<int64_t> trip = trips[lanes];
  if (trip)
    width = std::min<int64_t>(width, static_cast<int64_t>(llvm::bit_floor(static_cast<uint64_t>(*trip))));
  if (width < 2)
    return plan;
  plan.lanes = lanes;
  plan.width = width;
  int64_t fullVectors = trip ? std::max<int64_t>(1, *trip / width) : 2;

  if (!view.hasReductions()) {
    plan.vectors = std::min<int64_t>(2, fullVectors);
    return plan;
  }
  // Each step of the reduction loads the `vectors` vectors of every input
  // that moves along the lanes and broadcasts one value per block position,
  // then updates unroll x vectors accumulators: the more updates per load,
  // the better, as long as it all stays in registers. Registers: the
  // accumulators, the lane inputs' vectors (unless each is used once: then
  // the load folds into the arithmetic) and two temporaries (a broadcast and
  // a product); a quarter of the file stays free for what the backend keeps
  // live across its own unrolling. (Measured on a 64-channel 3x3 spike
  // convolution with AVX2: 2 vectors x 4 columns ran 1.8x faster than
  // 4 vectors x 1 column and 1.3x faster than 4 x 2, which spills.)
  int block = view.hint ? view.hint->getBlock() : -1;
  auto canBlock = [&](int loop) {
    return loop >= 0 && !view.isReduction(loop) && loop != lanes &&
           !windowCouples(view, loop, lanes);
  };
  if (!canBlock(block))
    block = -1;
  // A hinted block loop too short to unroll (a band one column wide) gives
  // way to the longest other loop the lane inputs do not move with (the
  // rows): those share the lane inputs' vectors just as well.
  if (block >= 0 && trips[block].value_or(8) < 4) {
    for (int loop = 0, e = view.numLoops(); loop < e; ++loop) {
      bool sharesLaneInputs = llvm::none_of(llvm::enumerate(view.operands), [&](auto o) {
        return !o.value().isOutput && view.uses(o.index(), lanes) &&
               view.uses(o.index(), loop);
      });
      if (canBlock(loop) && sharesLaneInputs &&
          trips[loop].value_or(0) > trips[block].value_or(8))
        block = loop;
    }
  }
  int64_t maxUnroll = block < 0 ? 1 : std::min<int64_t>(8, trips[block].value_or(8));
  int64_t budget = static_cast<int64_t>(target.vectorRegisters) * 3 / 4;
  auto registers = [&](int64_t vectors, int64_t unroll) {
    return unroll * vectors * outputs + (unroll > 1 ? vectors * laneInputs : 0) + 2;
  };
  double best = -1;
  for (int64_t vectors = 1; vectors <= std::min<int64_t>(fullVectors, 4); ++vectors)
    for (int64_t unroll = 1; unroll <= maxUnroll; ++unroll) {
      if (registers(vectors, unroll) > budget && (vectors > 1 || unroll > 1))
        continue;
      double updates = unroll * vectors;
      double reuse = updates / (unroll + vectors * std::max<unsigned>(laneInputs, 1));
      if (reuse > best || (reuse == best && updates > plan.unroll * plan.vectors)) {
        best = reuse;
        plan.vectors = vectors;
        plan.unroll = unroll;
      }
    }
  if (plan.unroll > 1)
    plan.block = block;
  return plan;
}
