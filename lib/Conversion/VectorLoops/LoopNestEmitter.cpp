//===- LoopNestEmitter.cpp - A structured op as vector loops ---------------===//

#include "LoopNestEmitter.h"
#include "AffineBuilder.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/Support/SaveAndRestore.h"


using namespace mlir;
using namespace mlir::snn;

/// Ops with fewer points run on one thread: starting and joining a parallel
/// region costs a few microseconds, a sizeable part of what an op of fewer
/// points takes (a million multiply-accumulates: ~25 us on one AVX2 core).
static constexpr int64_t kParallelWork = 1 << 20;

/// The parallel loop to run inside the lanes when `view` is a transpose: an
/// op without reductions that gathers an input along the lanes whose
/// contiguous (last) index moves with another parallel loop, as a neuron
/// update laid out channels-first reads channels-last accumulators. With
/// that loop innermost, the lines one vector gathers serve all its
/// iterations before they leave the cache; outside, every one of its
/// iterations gathers every line again. -1 if there is none.
static int transposeLoop(const StructuredView &view, const LanePlan &plan) {
  if (plan.isScalar() || plan.block >= 0 || view.hasReductions())
    return -1;
  for (auto [i, operand] : llvm::enumerate(view.operands)) {
    if (operand.isOutput || !operand.type || operand.type.getRank() == 0 ||
        !view.uses(i, plan.lanes) || view.isContiguousAlong(i, plan.lanes))
      continue;
    AffineExpr last = operand.map.getResults().back();
    for (unsigned loop = 0; loop < view.numLoops(); ++loop)
      if (static_cast<int>(loop) != plan.lanes && last.isFunctionOfDim(loop))
        return loop;
  }
  return -1;
}

namespace {

/// How the current point of the nest is vectorized: `unroll` positions of
/// the block loop times `vectors` vectors of `width` lanes. An interior flag
/// says no window can clip the positions of that loop.
struct Shape {
  int64_t unroll = 1, width = 1, vectors = 1;
  bool blockInterior = false, lanesInterior = false;
};

/// A windowed index: operand `operand`'s result `result`, which moves with
/// reduction loop `reduction` by `step` per iteration.
struct WindowIndex {
  unsigned operand, result;
  unsigned reduction;
  int64_t step;
  SmallVector<int64_t> coefficients;
};

/// True if every output of `view` is updated as `out = out op f(inputs)`
/// with an associative and commutative integer `op`: the reduction loops may
/// then run in any order and give the same bits.
static bool isOrderFree(const StructuredView &view) {
  Operation *yield = view.body->getTerminator();
  unsigned firstOutput = view.body->getNumArguments() - yield->getNumOperands();
  for (auto [k, result] : llvm::enumerate(yield->getOperands())) {
    BlockArgument acc = view.body->getArgument(firstOutput + k);
    if (!acc.hasOneUse())
      return false;
    Operation *update = *acc.user_begin();
    if (!isa<arith::AddIOp, arith::OrIOp, arith::AndIOp, arith::XOrIOp, arith::MaxSIOp,
             arith::MinSIOp, arith::MaxUIOp, arith::MinUIOp>(update) ||
        update->getResult(0) != result || !result.hasOneUse())
      return false;
  }
  return true;
}

/// Reduction loops with at most this many iterations, coupled with the
/// block loop through a window, are unrolled so that the positions they
/// share with the block's are loaded and broadcast once.
static constexpr int64_t kMaxUnrolledReduction = 4;

/// Values loaded or broadcast in one block, reused there and never outside.
struct ValueCache {
  llvm::DenseMap<std::tuple<unsigned, AffineMap, int64_t>, Value> loads;
  llvm::DenseMap<std::pair<Value, int64_t>, Value> broadcasts;
};

/// A new, empty cache for the block being emitted, the old one restored
/// after it.
struct LoadScope {
  LoadScope(ValueCache &cache) : cache(cache) { std::swap(saved, cache); }
  ~LoadScope() { std::swap(saved, cache); }
  ValueCache &cache;
  ValueCache saved;
};


class Emitter : AffineBuilder {
public:
  Emitter(RewriterBase &b, const StructuredView &view, const LanePlan &plan, bool threads)
      : AffineBuilder(b, view.op->getLoc()), view(view), plan(plan), threads(threads) {}

  LogicalResult run();

private:
  //===--- Positions and memory accesses -----------------------------------===//
  /// The indices of `operand` at loop positions `positions`.
  SmallVector<AffineExpr> indicesAt(unsigned operand, ArrayRef<AffineExpr> positions) const;
  /// `expr` (over the op's loops and symbols) at `positions`.
  AffineExpr exprAt(AffineExpr expr, ArrayRef<AffineExpr> positions) const;
  Value load(unsigned operand, ArrayRef<AffineExpr> positions, int64_t width);
  void store(unsigned operand, ArrayRef<AffineExpr> positions, Value value, int64_t width);
  SmallVector<AffineExpr> comboPositions(int64_t j, int64_t vi) const;

  //===--- Loops -----------------------------------------------------------===//
  /// A loop whose iterations may run on different threads.
  void parallelLoop(ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs,
                    function_ref<void(AffineExpr iv)> body);
  /// True if the op does enough work for threads to pay: its iteration
  /// space has at least kParallelWork points.
  bool worthThreads() const;
  void emitParallel(unsigned index);
  void emitSegments(unsigned index, int loop, bool isBlock);
  void emitRange(unsigned index, int loop, AffineExpr from, AffineExpr to, int64_t step,
                 Shape shape);
  void emitPoint();
  SmallVector<Value> emitReductions(unsigned index, ValueRange accumulators);
  bool clipped(const WindowIndex &window) const;

  //===--- The body --------------------------------------------------------===//
  Value vectorOf(Value value, int64_t width);
  FailureOr<SmallVector<Value>> emitBody(ArrayRef<Value> args,
                                         ArrayRef<AffineExpr> positions, int64_t width);

  const StructuredView &view;
  const LanePlan &plan;
  /// Still to place: the parallel loop threads share (the outermost one of
  /// more than one iteration).
  bool threads;
  SmallVector<AffineExpr> pos, viewSyms, trips;
  /// The size of every index of every operand, as an expression.
  SmallVector<SmallVector<AffineExpr>> sizes;
  SmallVector<unsigned> parallelOrder, reductions, outputs;
  SmallVector<WindowIndex> windows;
  /// The reduction loop a window couples with the block loop (a kernel
  /// row for a block of output rows), or -1.
  int coupled = -1;
  Shape shape;
  ValueCache cache;
  /// Set while the coupled loop is unrolled: its iterations share one cache.
  bool unrolling = false;
  std::string failureMessage;
};

} // namespace

//===----------------------------------------------------------------------===//
// Accesses
//===----------------------------------------------------------------------===//

AffineExpr Emitter::exprAt(AffineExpr expr, ArrayRef<AffineExpr> positions) const {
  return expr.replaceDimsAndSymbols(positions, viewSyms);
}

SmallVector<AffineExpr> Emitter::indicesAt(unsigned operand,
                                           ArrayRef<AffineExpr> positions) const {
  return llvm::map_to_vector(view.operands[operand].map.getResults(), [&](AffineExpr e) {
    return exprAt(e, positions);
  });
}

Value Emitter::load(unsigned operand, ArrayRef<AffineExpr> positions, int64_t width) {
  const OperandView &o = view.operands[operand];
  if (!o.type)
    return o.buffer;
  bool alongLanes = width > 1 && view.uses(operand, plan.lanes);
  bool contiguous = alongLanes && view.isContiguousAlong(operand, plan.lanes);
  int64_t kind = !alongLanes ? 1 : contiguous ? width : -width;
  SmallVector<AffineExpr> indices = indicesAt(operand, positions);
  auto key = std::make_tuple(operand, mapOf(indices), kind);
  if (auto it = cache.loads.find(key); it != cache.loads.end())
    return it->second;
  Type elt = o.type.getElementType();
  Value value;
  if (!alongLanes) {
    value = loadAt(o.buffer, indices, nullptr);
  } else if (contiguous) {
    value = loadAt(o.buffer, indices, VectorType::get({width}, elt));
  } else {
    // A gather: one load per lane.
    SmallVector<Value> lanes;
    SmallVector<AffineExpr> at(positions);
    for (int64_t lane = 0; lane < width; ++lane) {
      at[plan.lanes] = positions[plan.lanes] + lane;
      lanes.push_back(loadAt(o.buffer, indicesAt(operand, at), nullptr));
    }
    value = vector::FromElementsOp::create(b, loc, VectorType::get({width}, elt), lanes);
  }
  cache.loads[key] = value;
  return value;
}

void Emitter::store(unsigned operand, ArrayRef<AffineExpr> positions, Value value,
                    int64_t width) {
  const OperandView &o = view.operands[operand];
  value = vectorOf(value, width);
  if (width == 1 || view.isContiguousAlong(operand, plan.lanes)) {
    storeAt(value, o.buffer, indicesAt(operand, positions));
    return;
  }
  // A scatter: one store per lane.
  SmallVector<AffineExpr> at(positions);
  for (int64_t lane = 0; lane < width; ++lane) {
    at[plan.lanes] = positions[plan.lanes] + lane;
    Value element = vector::ExtractOp::create(b, loc, value, ArrayRef<int64_t>{lane});
    storeAt(element, o.buffer, indicesAt(operand, at));
  }
}

SmallVector<AffineExpr> Emitter::comboPositions(int64_t j, int64_t vi) const {
  SmallVector<AffineExpr> at(pos);
  if (plan.block >= 0)
    at[plan.block] = pos[plan.block] + j;
  if (plan.lanes >= 0)
    at[plan.lanes] = pos[plan.lanes] + vi * shape.width;
  return at;
}

//===----------------------------------------------------------------------===//
// Loops
//===----------------------------------------------------------------------===//

void Emitter::parallelLoop(ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs,
                           function_ref<void(AffineExpr iv)> body) {
  AffineMap lbMap = mapOf(lbs), ubMap = mapOf(ubs);
  SmallVector<Value> lbOperands = envOperands(), ubOperands = envOperands();
  bool affineLoop = canonicalAffine(lbMap, lbOperands) && canonicalAffine(ubMap, ubOperands);
  Block *block;
  Value iv;
  if (affineLoop) {
    auto loop = affine::AffineParallelOp::create(b, loc, TypeRange(),
                                                 ArrayRef<arith::AtomicRMWKind>(), {lbMap},
                                                 lbOperands, {ubMap}, ubOperands, {1});
    block = loop.getBody();
    iv = loop.getIVs().front();
  } else {
    auto [lb, ub] = boundValues(lbMap, lbOperands, ubMap, ubOperands);
    auto loop = scf::ParallelOp::create(b, loc, ValueRange{lb}, ValueRange{ub},
                                        ValueRange{arith::ConstantIndexOp::create(b, loc, 1)});
    block = loop.getBody();
    iv = loop.getInductionVars().front();
  }
  OpBuilder::InsertionGuard guard(b);
  if (block->empty() || !block->back().hasTrait<OpTrait::IsTerminator>()) {
    b.setInsertionPointToEnd(block);
    affine::AffineYieldOp::create(b, loc);
  }
  b.setInsertionPoint(block->getTerminator());
  AffineExpr expr = pushDim(iv);
  body(expr);
  popDim();
}

bool Emitter::worthThreads() const {
  int64_t points = 1;
  for (AffineExpr trip : trips)
    if (auto c = dyn_cast<AffineConstantExpr>(trip))
      points *= c.getValue();
    else
      return true;
  return points >= kParallelWork;
}

LogicalResult Emitter::run() {
  unsigned numLoops = view.numLoops();
  for (OpFoldResult trip : view.tripCounts(b))
    trips.push_back(exprOf(trip));
  for (Value symbol : view.symbols)
    viewSyms.push_back(symOf(symbol));
  for (const OperandView &operand : view.operands) {
    SmallVector<AffineExpr> shape;
    for (int64_t d = 0, e = operand.type ? operand.type.getRank() : 0; d < e; ++d)
      shape.push_back(operand.type.isDynamicDim(d)
                          ? symOf(memref::DimOp::create(b, loc, operand.buffer, d))
                          : getAffineConstantExpr(operand.type.getDimSize(d), ctx));
    sizes.push_back(shape);
  }
  pos.assign(numLoops, getAffineConstantExpr(0, ctx));

  for (unsigned loop = 0; loop < numLoops; ++loop) {
    if (view.isReduction(loop))
      reductions.push_back(loop);
    else if (static_cast<int>(loop) != plan.block && static_cast<int>(loop) != plan.lanes)
      parallelOrder.push_back(loop);
  }
  if (plan.block >= 0)
    parallelOrder.push_back(plan.block);
  if (plan.lanes >= 0)
    parallelOrder.push_back(plan.lanes);
  if (int inner = transposeLoop(view, plan); inner >= 0) {
    llvm::erase(parallelOrder, static_cast<unsigned>(inner));
    parallelOrder.push_back(inner);
  }
  for (auto [i, operand] : llvm::enumerate(view.operands)) {
    if (operand.isOutput)
      outputs.push_back(i);
    if (!operand.windowed)
      continue;
    for (auto [r, result] : llvm::enumerate(operand.map.getResults())) {
      FailureOr<SmallVector<int64_t>> coefficients = loopCoefficients(result, operand.map);
      if (failed(coefficients))
        return view.op->emitOpError() << "has a windowed index that is not linear";
      for (unsigned red : reductions)
        if ((*coefficients)[red] > 0)
          windows.push_back({static_cast<unsigned>(i), static_cast<unsigned>(r), red,
                             (*coefficients)[red], *coefficients});
    }
  }
  // The innermost reduction loop is the one coupled with the block loop,
  // when the order of the reductions does not matter (or it is innermost
  // already): unrolled, its positions overlap the block's.
  for (const WindowIndex &w : windows)
    if (plan.block >= 0 && w.coefficients[plan.block] != 0)
      coupled = w.reduction;
  if (coupled >= 0 && coupled != static_cast<int>(reductions.back())) {
    if (isOrderFree(view)) {
      llvm::erase(reductions, static_cast<unsigned>(coupled));
      reductions.push_back(coupled);
    } else {
      coupled = -1;
    }
  }
  shape.width = plan.isScalar() ? 1 : plan.width;
  shape.vectors = plan.isScalar() ? 1 : plan.vectors;
  shape.unroll = plan.block >= 0 ? plan.unroll : 1;
  emitParallel(0);
  if (!failureMessage.empty())
    return view.op->emitOpError() << failureMessage;
  return success();
}

void Emitter::emitParallel(unsigned index) {
  if (!failureMessage.empty())
    return;
  if (index == parallelOrder.size())
    return emitPoint();
  int loop = parallelOrder[index];
  if (loop == plan.block || loop == plan.lanes)
    return emitSegments(index, loop, loop == plan.block);
  if (auto trip = dyn_cast<AffineConstantExpr>(trips[loop]); trip && trip.getValue() == 1) {
    pos[loop] = getAffineConstantExpr(0, ctx);
    return emitParallel(index + 1);
  }
  if (threads && worthThreads()) {
    threads = false;
    parallelLoop({getAffineConstantExpr(0, ctx)}, {trips[loop]}, [&](AffineExpr iv) {
      pos[loop] = iv;
      emitParallel(index + 1);
    });
    return;
  }
  forLoop({getAffineConstantExpr(0, ctx)}, {trips[loop]}, 1, {},
          [&](AffineExpr iv, ValueRange) -> SmallVector<Value> {
            pos[loop] = iv;
            emitParallel(index + 1);
            return {};
          });
}

/// Runs the rest of the nest for `loop` over [from, to) in steps of `step`,
/// at vector shape `at`.
void Emitter::emitRange(unsigned index, int loop, AffineExpr from, AffineExpr to,
                        int64_t step, Shape at) {
  auto length = dyn_cast<AffineConstantExpr>(to - from);
  if (length && length.getValue() <= 0)
    return;
  Shape saved = shape;
  shape = at;
  if (length && length.getValue() == step) {
    pos[loop] = from;
    emitParallel(index + 1);
  } else {
    forLoop({from}, {to}, step, {}, [&](AffineExpr iv, ValueRange) -> SmallVector<Value> {
      pos[loop] = iv;
      emitParallel(index + 1);
      return {};
    });
  }
  shape = saved;
}

void Emitter::emitSegments(unsigned index, int loop, bool isBlock) {
  int64_t step = isBlock ? shape.unroll : shape.width * shape.vectors;
  AffineExpr zero = getAffineConstantExpr(0, ctx);
  AffineExpr trip = trips[loop];
  // The interior: positions at which no window moving with `loop` clips,
  // whatever the reduction loops do.
  SmallVector<AffineExpr> los{zero}, his{trip};
  bool clips = false;
  for (const WindowIndex &w : windows) {
    int64_t a = w.coefficients[loop];
    if (a == 0)
      continue;
    clips = true;
    SmallVector<AffineExpr> at(pos);
    at[loop] = zero;
    at[w.reduction] = zero;
    AffineExpr rest =
        exprAt(view.operands[w.operand].map.getResult(w.result), at);
    AffineExpr size = sizes[w.operand][w.result];
    AffineExpr reach = (trips[w.reduction] - 1) * w.step;
    if (a > 0) {
      los.push_back((-rest).ceilDiv(a));
      his.push_back((size - 1 - rest - reach).floorDiv(a) + 1);
    } else {
      los.push_back((rest + reach - size + 1).ceilDiv(-a));
      his.push_back(rest.floorDiv(-a) + 1);
    }
  }
  OpFoldResult lo = foldedMax(los);
  AffineExpr loExpr = exprOf(lo);
  OpFoldResult hi = foldedMin(his);
  AffineExpr hiExpr = exprOf(hi);
  // An empty interior: borders meet.
  hiExpr = exprOf(foldedMax({hiExpr, loExpr}));

  Shape border = shape, interior = shape;
  (isBlock ? border.unroll : border.width) = 1;
  if (!isBlock)
    border.vectors = 1;
  (isBlock ? interior.blockInterior : interior.lanesInterior) = true;

  if (clips)
    emitRange(index, loop, zero, loExpr, 1, border);
  auto loC = dyn_cast<AffineConstantExpr>(loExpr);
  auto hiC = dyn_cast<AffineConstantExpr>(hiExpr);
  if (loC && hiC) {
    int64_t start = loC.getValue(), end = hiC.getValue();
    int64_t mainEnd = start + (end - start) / step * step;
    emitRange(index, loop, loExpr, getAffineConstantExpr(mainEnd, ctx), step, interior);
    int64_t tail = end - mainEnd;
    start = mainEnd;
    auto piece = [&](int64_t length, Shape at) {
      emitRange(index, loop, getAffineConstantExpr(start, ctx),
                getAffineConstantExpr(start + length, ctx), length, at);
      start += length;
      tail -= length;
    };
    if (isBlock && tail > 0) {
      Shape at = interior;
      at.unroll = tail;
      piece(tail, at);
    } else if (!isBlock) {
      if (int64_t whole = tail / shape.width) {
        Shape at = interior;
        at.vectors = whole;
        piece(whole * shape.width, at);
      }
      for (int64_t width = shape.width / 2; width >= 1; width /= 2)
        if (tail >= width) {
          Shape at = interior;
          at.width = width;
          at.vectors = 1;
          piece(width, at);
        }
    }
  } else {
    AffineExpr mainEnd = loExpr + (hiExpr - loExpr).floorDiv(step) * step;
    emitRange(index, loop, loExpr, mainEnd, step, interior);
    Shape scalarInterior = border;
    (isBlock ? scalarInterior.blockInterior : scalarInterior.lanesInterior) = true;
    emitRange(index, loop, mainEnd, hiExpr, 1, scalarInterior);
  }
  if (clips)
    emitRange(index, loop, hiExpr, trip, 1, border);
}

bool Emitter::clipped(const WindowIndex &w) const {
  if (plan.block >= 0 && shape.blockInterior && w.coefficients[plan.block] != 0)
    return false;
  if (plan.lanes >= 0 && shape.lanesInterior && w.coefficients[plan.lanes] != 0)
    return false;
  return true;
}

void Emitter::emitPoint() {
  int64_t unroll = plan.block >= 0 ? shape.unroll : 1;
  int64_t width = plan.isScalar() ? 1 : shape.width;
  int64_t vectors = plan.isScalar() ? 1 : shape.vectors;
  LoadScope scope(cache);
  if (!view.hasReductions()) {
    for (int64_t j = 0; j < unroll; ++j)
      for (int64_t vi = 0; vi < vectors; ++vi) {
        SmallVector<AffineExpr> at = comboPositions(j, vi);
        SmallVector<Value> args;
        for (auto [i, operand] : llvm::enumerate(view.operands))
          args.push_back(view.body->getArgument(i).use_empty() ? Value()
                                                               : load(i, at, width));
        FailureOr<SmallVector<Value>> results = emitBody(args, at, width);
        if (failed(results))
          return;
        for (auto [k, out] : llvm::enumerate(outputs))
          store(out, at, (*results)[k], width);
      }
    return;
  }
  SmallVector<Value> accumulators;
  for (int64_t j = 0; j < unroll; ++j)
    for (int64_t vi = 0; vi < vectors; ++vi)
      for (unsigned out : outputs)
        accumulators.push_back(vectorOf(load(out, comboPositions(j, vi), width), width));
  SmallVector<Value> finals = emitReductions(0, accumulators);
  if (!failureMessage.empty())
    return;
  unsigned k = 0;
  for (int64_t j = 0; j < unroll; ++j)
    for (int64_t vi = 0; vi < vectors; ++vi)
      for (unsigned out : outputs)
        store(out, comboPositions(j, vi), finals[k++], width);
}

SmallVector<Value> Emitter::emitReductions(unsigned index, ValueRange accumulators) {
  int64_t unroll = plan.block >= 0 ? shape.unroll : 1;
  int64_t width = plan.isScalar() ? 1 : shape.width;
  int64_t vectors = plan.isScalar() ? 1 : shape.vectors;
  if (index == reductions.size()) {
    std::optional<LoadScope> scope;
    if (!unrolling)
      scope.emplace(cache);
    SmallVector<Value> results;
    unsigned k = 0;
    for (int64_t j = 0; j < unroll; ++j)
      for (int64_t vi = 0; vi < vectors; ++vi) {
        SmallVector<AffineExpr> at = comboPositions(j, vi);
        SmallVector<Value> args;
        for (auto [i, operand] : llvm::enumerate(view.operands)) {
          if (operand.isOutput)
            args.push_back(accumulators[k++]);
          else
            args.push_back(view.body->getArgument(i).use_empty() ? Value()
                                                                 : load(i, at, width));
        }
        FailureOr<SmallVector<Value>> body = emitBody(args, at, width);
        if (failed(body))
          return SmallVector<Value>(accumulators);
        for (Value v : *body)
          results.push_back(vectorOf(v, width));
      }
    return results;
  }
  unsigned loop = reductions[index];
  SmallVector<AffineExpr> lbs{getAffineConstantExpr(0, ctx)}, ubs{trips[loop]};
  for (const WindowIndex &w : windows) {
    if (w.reduction != loop || !clipped(w))
      continue;
    SmallVector<AffineExpr> at(pos);
    at[loop] = getAffineConstantExpr(0, ctx);
    AffineExpr rest = exprAt(view.operands[w.operand].map.getResult(w.result), at);
    lbs.push_back((-rest).ceilDiv(w.step));
    ubs.push_back((sizes[w.operand][w.result] - 1 - rest).floorDiv(w.step) + 1);
  }
  if (static_cast<int>(loop) == coupled) {
    // Constant bounds (the block's interior): unrolled within one cache.
    auto constant = [](AffineExpr e) { return dyn_cast<AffineConstantExpr>(e); };
    if (llvm::all_of(lbs, constant) && llvm::all_of(ubs, constant)) {
      int64_t lb = 0, ub = std::numeric_limits<int64_t>::max();
      for (AffineExpr e : lbs)
        lb = std::max(lb, cast<AffineConstantExpr>(e).getValue());
      for (AffineExpr e : ubs)
        ub = std::min(ub, cast<AffineConstantExpr>(e).getValue());
      if (ub - lb <= kMaxUnrolledReduction) {
        LoadScope scope(cache);
        llvm::SaveAndRestore<bool> inside(unrolling, true);
        SmallVector<Value> values(accumulators);
        for (int64_t i = lb; i < ub; ++i) {
          pos[loop] = getAffineConstantExpr(i, ctx);
          values = emitReductions(index + 1, values);
        }
        pos[loop] = getAffineConstantExpr(0, ctx);
        return values;
      }
    }
  }
  return forLoop(lbs, ubs, 1, accumulators,
                 [&](AffineExpr iv, ValueRange args) -> SmallVector<Value> {
                   pos[loop] = iv;
                   SmallVector<Value> next = emitReductions(index + 1, args);
                   pos[loop] = getAffineConstantExpr(0, ctx);
                   return next;
                 });
}

//===----------------------------------------------------------------------===//
// The body
//===----------------------------------------------------------------------===//

Value Emitter::vectorOf(Value value, int64_t width) {
  if (width == 1 || isa<VectorType>(value.getType()))
    return value;
  Value &splat = cache.broadcasts[{value, width}];
  if (!splat)
    splat = vector::BroadcastOp::create(b, loc, VectorType::get({width}, value.getType()),
                                        value);
  return splat;
}

FailureOr<SmallVector<Value>> Emitter::emitBody(ArrayRef<Value> args,
                                                ArrayRef<AffineExpr> positions,
                                                int64_t width) {
  IRMapping mapping;
  for (auto [arg, value] : llvm::zip(view.body->getArguments(), args))
    if (value)
      mapping.map(arg, value);
  for (Operation &op : view.body->without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(op)) {
      unsigned loop = index.getDim();
      SmallVector<Value> at = applyEach(mapOf({positions[loop]}), envOperands());
      Value scalar = at.front();
      if (width > 1 && static_cast<int>(loop) == plan.lanes) {
        auto type = VectorType::get({width}, b.getIndexType());
        scalar = arith::AddIOp::create(b, loc, vectorOf(scalar, width),
                                       vector::StepOp::create(b, loc, type));
      }
      mapping.map(index.getResult(), scalar);
      continue;
    }
    SmallVector<Value> operands =
        llvm::map_to_vector(op.getOperands(), [&](Value v) { return mapping.lookupOrDefault(v); });
    bool anyVector = llvm::any_of(operands, [](Value v) { return isa<VectorType>(v.getType()); });
    if (!anyVector) {
      b.clone(op, mapping);
      continue;
    }
    if (!op.hasTrait<OpTrait::Elementwise>() || op.getNumRegions() != 0) {
      failureMessage = "cannot vectorize the body op '" + op.getName().getStringRef().str() + "'";
      return failure();
    }
    for (Value &v : operands)
      v = vectorOf(v, width);
    SmallVector<Type> types = llvm::map_to_vector(op.getResultTypes(), [&](Type t) -> Type {
      return VectorType::get({width}, t);
    });
    OperationState state(loc, op.getName(), operands, types, op.getAttrs());
    Operation *vectorized = b.create(state);
    for (auto [from, to] : llvm::zip(op.getResults(), vectorized->getResults()))
      mapping.map(from, to);
  }
  return llvm::map_to_vector(view.body->getTerminator()->getOperands(),
                             [&](Value v) { return mapping.lookupOrDefault(v); });
}

LogicalResult mlir::snn::emitLoopNest(RewriterBase &rewriter, const StructuredView &view,
                                      const LanePlan &plan, bool threads) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(view.op);
  return Emitter(rewriter, view, plan, threads).run();
}
