//===- KernelOps.cpp - snn_kernel.generic ----------------------------------===//

#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/Analysis/FlatLinearValueConstraints.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::snn::kernel;

#define GET_OP_CLASSES
#include "snn/Dialect/Kernel/IR/KernelOps.cpp.inc"

SmallVector<utils::IteratorType> GenericOp::getIteratorTypesArray() {
  return llvm::map_to_vector(getIteratorTypes(), [](Attribute attr) {
    return cast<linalg::IteratorTypeAttr>(attr).getValue();
  });
}

AffineMap GenericOp::getMatchingIndexingMap(OpOperand *operand) {
  unsigned index = operand->getOperandNumber();
  assert(index < getInputs().size() + getOutputs().size() && "not a shaped operand");
  return getIndexingMapsArray()[index];
}

bool GenericOp::payloadUsesValueFromOperand(OpOperand *operand) {
  return !getBody().front().getArgument(operand->getOperandNumber()).use_empty();
}

void GenericOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  for (OpOperand &operand : getInputsMutable())
    if (isa<MemRefType>(operand.get().getType()))
      effects.emplace_back(MemoryEffects::Read::get(), &operand, /*stage=*/0,
                           /*effectOnFullRegion=*/true, SideEffects::DefaultResource::get());
  for (OpOperand &operand : getOutputsMutable()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    if (payloadUsesValueFromOperand(&operand))
      effects.emplace_back(MemoryEffects::Read::get(), &operand, /*stage=*/0,
                           /*effectOnFullRegion=*/true, SideEffects::DefaultResource::get());
    effects.emplace_back(MemoryEffects::Write::get(), &operand, /*stage=*/0,
                         /*effectOnFullRegion=*/true, SideEffects::DefaultResource::get());
  }
}

static std::string str(AffineExpr expr) {
  std::string text;
  llvm::raw_string_ostream(text) << expr;
  return text;
}

/// The coefficients of `expr` on the loops (dims) if it is linear in loops and
/// symbols, failure otherwise.
static FailureOr<SmallVector<int64_t>> loopCoefficients(AffineExpr expr, unsigned numDims,
                                                        unsigned numSymbols) {
  SmallVector<int64_t> flat;
  if (failed(getFlattenedAffineExpr(expr, numDims, numSymbols, &flat)) ||
      flat.size() != numDims + numSymbols + 1)
    return failure();
  flat.resize(numDims);
  return flat;
}

LogicalResult GenericOp::verify() {
  unsigned numInputs = getInputs().size(), numOutputs = getOutputs().size();
  unsigned numLoops = getNumLoops(), numSymbols = getSymbols().size();
  if (getWindowed().size() != numInputs)
    return emitOpError() << "has " << getWindowed().size() << " windowed flags for "
                         << numInputs << " inputs";
  SmallVector<AffineMap> maps = getIndexingMapsArray();
  if (maps.size() != numInputs + numOutputs)
    return emitOpError() << "has " << maps.size() << " indexing maps for "
                         << numInputs + numOutputs << " operands";
  bool onTensors = isa<RankedTensorType>(getOutputs().empty()
                                             ? Type()
                                             : getOutputs().front().getType());
  SmallVector<Value> shaped(getInputs());
  llvm::append_range(shaped, getOutputs());
  for (auto [i, value] : llvm::enumerate(shaped)) {
    auto type = dyn_cast<ShapedType>(value.getType());
    if (!type || !type.hasRank() || isa<RankedTensorType>(type) != onTensors)
      return emitOpError() << "operand #" << i
                           << " must be a ranked tensor or memref like every other operand";
    AffineMap map = maps[i];
    if (map.getNumDims() != numLoops || map.getNumSymbols() != numSymbols ||
        map.getNumResults() != type.getRank())
      return emitOpError() << "indexing map #" << i << " must map " << numLoops
                           << " loops and " << numSymbols << " symbols to "
                           << type.getRank() << " indices";
  }
  if (onTensors ? getResults().size() != numOutputs : !getResults().empty())
    return emitOpError() << "returns the new outputs on tensors and nothing on buffers";
  for (auto [result, output] : llvm::zip(getResults(), getOutputs()))
    if (result.getType() != output.getType())
      return emitOpError() << "result type " << result.getType()
                           << " differs from its output's " << output.getType();

  SmallVector<utils::IteratorType> iterators = getIteratorTypesArray();
  auto isReduction = [&](unsigned d) { return iterators[d] == utils::IteratorType::reduction; };
  for (unsigned i = numInputs; i < numInputs + numOutputs; ++i)
    for (AffineExpr result : maps[i].getResults()) {
      auto dim = dyn_cast<AffineDimExpr>(result);
      if (!dim || isReduction(dim.getPosition()))
        return emitOpError() << "output #" << i - numInputs
                             << " must be indexed by parallel loops, one per index";
    }

  // Trip counts: every loop is a bare index of a non-windowed operand.
  SmallVector<int64_t> tripCounts(numLoops, ShapedType::kDynamic);
  SmallVector<bool> bound(numLoops, false);
  for (auto [i, value] : llvm::enumerate(shaped)) {
    if (i < numInputs && isWindowed(i))
      continue;
    auto type = cast<ShapedType>(value.getType());
    for (auto [d, result] : llvm::enumerate(maps[i].getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(result);
      if (!dim)
        continue;
      unsigned loop = dim.getPosition();
      bound[loop] = true;
      int64_t size = type.getDimSize(d);
      if (ShapedType::isDynamic(size))
        continue;
      if (!ShapedType::isDynamic(tripCounts[loop]) && tripCounts[loop] != size)
        return emitOpError() << "loop " << loop << " runs " << tripCounts[loop]
                             << " times by one operand and " << size << " by operand #" << i;
      tripCounts[loop] = size;
    }
  }
  for (unsigned loop = 0; loop < numLoops; ++loop)
    if (!bound[loop])
      return emitOpError() << "loop " << loop
                           << " is not an index of any operand that is not windowed";

  for (unsigned i = 0; i < numInputs; ++i) {
    if (!isWindowed(i))
      continue;
    for (AffineExpr result : maps[i].getResults()) {
      FailureOr<SmallVector<int64_t>> coefficients =
          loopCoefficients(result, numLoops, numSymbols);
      if (failed(coefficients))
        return emitOpError() << "windowed input #" << i << " index " << str(result)
                             << " is not linear in the loops and symbols";
      unsigned reductions = 0;
      for (auto [loop, c] : llvm::enumerate(*coefficients)) {
        if (c == 0 || !isReduction(loop))
          continue;
        ++reductions;
        if (c < 0)
          return emitOpError() << "windowed input #" << i << " index " << str(result)
                               << " must grow with its reduction loop";
      }
      if (reductions > 1)
        return emitOpError() << "windowed input #" << i << " index " << str(result)
                             << " holds more than one reduction loop";
    }
  }

  Block &body = getBody().front();
  if (body.getNumArguments() != shaped.size())
    return emitOpError() << "body must take one element of each of the " << shaped.size()
                         << " operands";
  for (auto [arg, value] : llvm::zip(body.getArguments(), shaped))
    if (arg.getType() != getElementTypeOrSelf(value.getType()))
      return emitOpError() << "body argument of type " << arg.getType()
                           << " for an operand of " << value.getType();
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield || yield.getValues().size() != numOutputs)
    return emitOpError() << "body must yield one element per output";
  for (auto [value, output] : llvm::zip(yield.getValues(), getOutputs()))
    if (value.getType() != getElementTypeOrSelf(output.getType()))
      return emitOpError() << "yields " << value.getType() << " for an output of "
                           << output.getType();
  return success();
}
