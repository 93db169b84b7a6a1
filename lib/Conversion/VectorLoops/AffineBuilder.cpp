//===- AffineBuilder.cpp - Affine loops and accesses where they are valid --===//

#include "AffineBuilder.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::snn;

bool AffineBuilder::canonicalAffine(AffineMap &map, SmallVectorImpl<Value> &operands) {
  affine::canonicalizeMapAndOperands(&map, &operands);
  // The verifiers judge dimensions and symbols in the enclosing affine scope
  // (the function), not in the region the op sits in.
  Region *region = affine::getAffineScope(b.getInsertionBlock()->getParentOp());
  for (auto [i, value] : llvm::enumerate(operands)) {
    bool valid = i < map.getNumDims() ? affine::isValidDim(value, region)
                                      : affine::isValidSymbol(value, region);
    if (!valid)
      return false;
  }
  return true;
}

SmallVector<Value> AffineBuilder::applyEach(AffineMap map, ArrayRef<Value> operands) {
  SmallVector<OpFoldResult> foldable(operands.begin(), operands.end());
  SmallVector<Value> values;
  for (unsigned i = 0; i < map.getNumResults(); ++i)
    values.push_back(getValueOrCreateConstantIndexOp(
        b, loc, affine::makeComposedFoldedAffineApply(b, loc, map.getSubMap({i}), foldable)));
  return values;
}

OpFoldResult AffineBuilder::foldedMin(ArrayRef<AffineExpr> exprs) {
  SmallVector<Value> operands = envOperands();
  return affine::makeComposedFoldedAffineMin(
      b, loc, mapOf(exprs), SmallVector<OpFoldResult>(operands.begin(), operands.end()));
}

OpFoldResult AffineBuilder::foldedMax(ArrayRef<AffineExpr> exprs) {
  SmallVector<Value> operands = envOperands();
  return affine::makeComposedFoldedAffineMax(
      b, loc, mapOf(exprs), SmallVector<OpFoldResult>(operands.begin(), operands.end()));
}

Value AffineBuilder::loadAt(Value memref, ArrayRef<AffineExpr> indices, VectorType vectorType) {
  AffineMap map = mapOf(indices);
  SmallVector<Value> operands = envOperands();
  if (canonicalAffine(map, operands)) {
    if (vectorType)
      return affine::AffineVectorLoadOp::create(b, loc, vectorType, memref, map, operands);
    return affine::AffineLoadOp::create(b, loc, memref, map, operands);
  }
  SmallVector<Value> at = applyEach(map, operands);
  if (vectorType)
    return vector::LoadOp::create(b, loc, vectorType, memref, at);
  return memref::LoadOp::create(b, loc, memref, at);
}

void AffineBuilder::storeAt(Value value, Value memref, ArrayRef<AffineExpr> indices) {
  AffineMap map = mapOf(indices);
  SmallVector<Value> operands = envOperands();
  bool isVector = isa<VectorType>(value.getType());
  if (canonicalAffine(map, operands)) {
    if (isVector)
      affine::AffineVectorStoreOp::create(b, loc, value, memref, map, operands);
    else
      affine::AffineStoreOp::create(b, loc, value, memref, map, operands);
    return;
  }
  SmallVector<Value> at = applyEach(map, operands);
  if (isVector)
    vector::StoreOp::create(b, loc, value, memref, at);
  else
    memref::StoreOp::create(b, loc, value, memref, at);
}

std::pair<Value, Value> AffineBuilder::boundValues(AffineMap lbMap, ValueRange lbOperands,
                                                  AffineMap ubMap, ValueRange ubOperands) {
  SmallVector<OpFoldResult> lbFold(lbOperands.begin(), lbOperands.end()),
      ubFold(ubOperands.begin(), ubOperands.end());
  Value lb = getValueOrCreateConstantIndexOp(
      b, loc, affine::makeComposedFoldedAffineMax(b, loc, lbMap, lbFold));
  Value ub = getValueOrCreateConstantIndexOp(
      b, loc, affine::makeComposedFoldedAffineMin(b, loc, ubMap, ubFold));
  return {lb, ub};
}

void AffineBuilder::forEach(ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs, int64_t step,
                            function_ref<void(AffineExpr iv)> body, bool allowAffine) {
  forLoop(
      lbs, ubs, step, {},
      [&](AffineExpr iv, ValueRange) -> SmallVector<Value> {
        body(iv);
        return {};
      },
      allowAffine);
}

SmallVector<Value> AffineBuilder::forLoop(ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs,
                                          int64_t step, ValueRange inits, LoopBody body,
                                          bool allowAffine) {
  AffineMap lbMap = mapOf(lbs), ubMap = mapOf(ubs);
  SmallVector<Value> lbOperands = envOperands(), ubOperands = envOperands();
  bool affineLoop = allowAffine && canonicalAffine(lbMap, lbOperands) &&
                    canonicalAffine(ubMap, ubOperands);
  // The body is built once the loop exists: the validity of affine
  // operands inside it depends on the loop's place in the IR.
  Operation *loop;
  Block *block;
  Value iv;
  if (affineLoop) {
    auto forOp = affine::AffineForOp::create(b, loc, lbOperands, lbMap, ubOperands, ubMap,
                                             step, inits);
    loop = forOp;
    block = forOp.getBody();
    iv = forOp.getInductionVar();
  } else {
    auto [lb, ub] = boundValues(lbMap, lbOperands, ubMap, ubOperands);
    Value stepValue = arith::ConstantIndexOp::create(b, loc, step);
    auto forOp = scf::ForOp::create(b, loc, lb, ub, stepValue, inits);
    loop = forOp;
    block = forOp.getBody();
    iv = forOp.getInductionVar();
  }
  OpBuilder::InsertionGuard guard(b);
  // Without iteration arguments the builders add the (empty) terminator.
  Operation *terminator = inits.empty() ? block->getTerminator() : nullptr;
  if (terminator)
    b.setInsertionPoint(terminator);
  else
    b.setInsertionPointToEnd(block);
  AffineExpr expr = pushDim(iv);
  SmallVector<Value> yielded = body(expr, block->getArguments().drop_front());
  popDim();
  if (!terminator) {
    if (affineLoop)
      affine::AffineYieldOp::create(b, loc, yielded);
    else
      scf::YieldOp::create(b, loc, yielded);
  }
  return SmallVector<Value>(loop->getResults());
}
