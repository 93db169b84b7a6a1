//===- StructuredView.cpp - linalg and snn_kernel ops seen alike -----------===//

#include "StructuredView.h"
#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/Analysis/FlatLinearValueConstraints.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::snn;

FailureOr<SmallVector<int64_t>> mlir::snn::loopCoefficients(AffineExpr expr,
                                                            AffineMap map) {
  SmallVector<int64_t> flat;
  if (failed(getFlattenedAffineExpr(expr, map.getNumDims(), map.getNumSymbols(), &flat)) ||
      flat.size() != map.getNumDims() + map.getNumSymbols() + 1)
    return failure();
  flat.resize(map.getNumDims());
  return flat;
}

FailureOr<StructuredView> StructuredView::get(Operation *op, std::string &why) {
  StructuredView view;
  view.op = op;
  SmallVector<AffineMap> maps;
  SmallVector<Value> inputs, outputs;
  SmallVector<bool> windowed;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (!isa<linalg::GenericOp>(op)) {
      why = "named linalg ops must be generalized first";
      return failure();
    }
    maps = linalgOp.getIndexingMapsArray();
    view.iterators = linalgOp.getIteratorTypesArray();
    inputs = linalgOp.getDpsInputs();
    outputs = linalgOp.getDpsInits();
    windowed.assign(inputs.size(), false);
    view.body = linalgOp.getBlock();
  } else if (auto generic = dyn_cast<kernel::GenericOp>(op)) {
    maps = generic.getIndexingMapsArray();
    view.iterators = generic.getIteratorTypesArray();
    inputs = generic.getInputs();
    outputs = generic.getOutputs();
    windowed.assign(generic.getWindowed().begin(), generic.getWindowed().end());
    view.symbols = generic.getSymbols();
    view.body = &generic.getBody().front();
  } else {
    why = "not a structured op";
    return failure();
  }
  if (auto hint = op->getAttrOfType<kernel::VectorizeAttr>(
          kernel::SNNKernelDialect::kVectorizeAttrName))
    view.hint = hint;
  SmallVector<Value> all(inputs);
  llvm::append_range(all, outputs);
  for (auto [i, value] : llvm::enumerate(all)) {
    auto type = dyn_cast<MemRefType>(value.getType());
    // A scalar input (a generalized linalg.fill's value) is read as is.
    bool scalar = i < inputs.size() && !isa<ShapedType>(value.getType());
    if (!type && !scalar) {
      why = "operands must be buffers (bufferize first)";
      return failure();
    }
    OperandView operand;
    operand.buffer = value;
    operand.type = type;
    operand.map = maps[i];
    operand.isOutput = i >= inputs.size();
    operand.windowed = !operand.isOutput && windowed[i];
    view.operands.push_back(operand);
  }
  if (view.body->getNumArguments() != all.size()) {
    why = "the body does not take one element per operand";
    return failure();
  }
  return view;
}

bool StructuredView::hasReductions() const {
  return llvm::any_of(iterators, [](utils::IteratorType t) {
    return t == utils::IteratorType::reduction;
  });
}

SmallVector<OpFoldResult> StructuredView::tripCounts(OpBuilder &b) const {
  SmallVector<OpFoldResult> counts(numLoops());
  // Prefer a static size; any operand not windowed that indexes by the bare
  // loop gives it (the verifiers guarantee one exists and that they agree).
  for (unsigned pass = 0; pass < 2; ++pass)
    for (const OperandView &operand : operands) {
      if (operand.windowed || !operand.type)
        continue;
      for (auto [d, result] : llvm::enumerate(operand.map.getResults())) {
        auto dim = dyn_cast<AffineDimExpr>(result);
        if (!dim || counts[dim.getPosition()])
          continue;
        int64_t size = operand.type.getDimSize(d);
        if (!ShapedType::isDynamic(size))
          counts[dim.getPosition()] = b.getIndexAttr(size);
        else if (pass == 1)
          counts[dim.getPosition()] =
              memref::DimOp::create(b, op->getLoc(), operand.buffer, d).getResult();
      }
    }
  return counts;
}

SmallVector<std::optional<int64_t>> StructuredView::staticTripCounts() const {
  SmallVector<std::optional<int64_t>> counts(numLoops());
  for (const OperandView &operand : operands) {
    if (operand.windowed || !operand.type)
      continue;
    for (auto [d, result] : llvm::enumerate(operand.map.getResults()))
      if (auto dim = dyn_cast<AffineDimExpr>(result);
          dim && !operand.type.isDynamicDim(d))
        counts[dim.getPosition()] = operand.type.getDimSize(d);
  }
  return counts;
}

bool StructuredView::uses(unsigned operand, unsigned loop) const {
  return operands[operand].type && operands[operand].map.isFunctionOfDim(loop);
}

bool StructuredView::isContiguousAlong(unsigned operand, unsigned loop) const {
  const OperandView &view = operands[operand];
  if (!view.type)
    return false;
  AffineMap map = view.map;
  unsigned rank = map.getNumResults();
  if (rank == 0)
    return false;
  for (unsigned i = 0; i + 1 < rank; ++i)
    if (map.getResult(i).isFunctionOfDim(loop))
      return false;
  FailureOr<SmallVector<int64_t>> last = loopCoefficients(map.getResult(rank - 1), map);
  if (failed(last) || (*last)[loop] != 1)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(view.type.getStridesAndOffset(strides, offset)))
    return false;
  return strides.back() == 1;
}

/// The position of the result of `map` that is exactly loop `loop`, if any,
/// and whether any other result reads the loop.
static std::pair<std::optional<unsigned>, bool> bareIndex(AffineMap map, unsigned loop) {
  std::optional<unsigned> bare;
  bool other = false;
  for (auto [i, result] : llvm::enumerate(map.getResults())) {
    if (auto dim = dyn_cast<AffineDimExpr>(result); dim && dim.getPosition() == loop)
      bare = i;
    else if (result.isFunctionOfDim(loop))
      other = true;
  }
  return {bare, other};
}

/// True if dimensions r and r + 1 of `type` are contiguous: stepping the
/// outer one skips exactly the inner one's extent.
static bool contiguousPair(MemRefType type, unsigned r) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  int64_t inner = type.getDimSize(r + 1);
  return !ShapedType::isDynamic(inner) && !ShapedType::isDynamic(strides[r]) &&
         !ShapedType::isDynamic(strides[r + 1]) && strides[r] == inner * strides[r + 1];
}

/// True if loops `a` and `a + 1` of `view` can become one loop.
static bool canMerge(const StructuredView &view, unsigned a,
                     ArrayRef<std::optional<int64_t>> trips) {
  unsigned b = a + 1;
  if (view.isReduction(a) || view.isReduction(b) || !trips[a] || !trips[b])
    return false;
  if (view.hint && (view.hint->getBlock() == static_cast<int64_t>(a) ||
                    view.hint->getBlock() == static_cast<int64_t>(b) ||
                    view.hint->getLanes() == static_cast<int64_t>(a)))
    return false;
  for (const OperandView &operand : view.operands) {
    if (!operand.type)
      continue;
    auto [bareA, otherA] = bareIndex(operand.map, a);
    auto [bareB, otherB] = bareIndex(operand.map, b);
    if (otherA || otherB || bareA.has_value() != bareB.has_value())
      return false;
    if (!bareA)
      continue;
    if (operand.windowed || *bareB != *bareA + 1 || !contiguousPair(operand.type, *bareA))
      return false;
  }
  return true;
}

void mlir::snn::coalesceLoops(OpBuilder &b, StructuredView &view) {
  if (!view.body->getOps<linalg::IndexOp>().empty())
    return;
  MLIRContext *ctx = b.getContext();
  for (int a = static_cast<int>(view.numLoops()) - 2; a >= 0; --a) {
    SmallVector<std::optional<int64_t>> trips = view.staticTripCounts();
    // The outermost loop of several iterations stays: threads share it.
    bool outermost = llvm::all_of(ArrayRef(trips).take_front(a), [](auto trip) {
      return trip && *trip == 1;
    });
    if (outermost || !canMerge(view, a, trips))
      continue;
    unsigned n = view.numLoops();
    // Loop a + 1 disappears: later loops move down by one.
    SmallVector<AffineExpr> renumber;
    for (unsigned d = 0; d < n; ++d)
      renumber.push_back(getAffineDimExpr(d <= static_cast<unsigned>(a) ? d : d - 1, ctx));
    for (OperandView &operand : view.operands) {
      if (!operand.type)
        continue;
      std::optional<unsigned> bare = bareIndex(operand.map, a).first;
      SmallVector<AffineExpr> results;
      for (auto [i, result] : llvm::enumerate(operand.map.getResults()))
        if (!bare || i != *bare + 1)
          results.push_back(result.replaceDims(renumber));
      operand.map = AffineMap::get(n - 1, operand.map.getNumSymbols(), results, ctx);
      if (!bare)
        continue;
      SmallVector<ReassociationIndices> groups;
      for (int64_t d = 0, e = operand.type.getRank(); d < e; ++d) {
        if (d == static_cast<int64_t>(*bare) + 1)
          groups.back().push_back(d);
        else
          groups.push_back({d});
      }
      auto collapsed =
          memref::CollapseShapeOp::create(b, view.op->getLoc(), operand.buffer, groups);
      operand.buffer = collapsed;
      operand.type = collapsed.getResultType();
    }
    view.iterators.erase(view.iterators.begin() + a + 1);
    if (view.hint) {
      auto renumbered = [&](int64_t loop) { return loop > a ? loop - 1 : loop; };
      view.hint = kernel::VectorizeAttr::get(ctx, renumbered(view.hint->getLanes()),
                                             renumbered(view.hint->getBlock()));
    }
  }
}
