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
