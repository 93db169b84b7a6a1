//===- AffineBuilder.h - Affine loops and accesses where valid ---*- C++ -*-===//
//
// Builds loops and memory accesses from affine expressions over an
// environment of values: the induction variables of the loops built so far
// (dimensions) and other index values (symbols). Each loop or access is
// affine when its operands are valid affine dimensions and symbols where it
// is inserted, else scf.for and memref/vector ops with affine.apply indices.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_CONVERSION_VECTORLOOPS_AFFINEBUILDER_H
#define SNN_LIB_CONVERSION_VECTORLOOPS_AFFINEBUILDER_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {

class AffineBuilder {
public:
  AffineBuilder(RewriterBase &b, Location loc)
      : b(b), loc(loc), ctx(b.getContext()) {}

  /// Adds a loop's induction variable to the environment: its expression.
  AffineExpr pushDim(Value iv) {
    dims.push_back(iv);
    return getAffineDimExpr(dims.size() - 1, ctx);
  }
  void popDim() { dims.pop_back(); }
  /// The symbol expression of `value`, added to the environment if new.
  AffineExpr symOf(Value value) {
    auto it = llvm::find(syms, value);
    if (it != syms.end())
      return getAffineSymbolExpr(it - syms.begin(), ctx);
    syms.push_back(value);
    return getAffineSymbolExpr(syms.size() - 1, ctx);
  }
  /// Removes the symbol added last (a value that does not outlive the
  /// region being built).
  void popSym() { syms.pop_back(); }
  AffineExpr exprOf(OpFoldResult ofr) {
    if (std::optional<int64_t> c = getConstantIntValue(ofr))
      return getAffineConstantExpr(*c, ctx);
    return symOf(cast<Value>(ofr));
  }
  AffineMap mapOf(ArrayRef<AffineExpr> exprs) const {
    return AffineMap::get(dims.size(), syms.size(), exprs, ctx);
  }
  SmallVector<Value> envOperands() const {
    SmallVector<Value> operands(dims);
    llvm::append_range(operands, syms);
    return operands;
  }
  /// Canonicalizes `map` over the environment; true if its operands are
  /// valid affine dimensions and symbols where ops are being inserted.
  bool canonicalAffine(AffineMap &map, SmallVectorImpl<Value> &operands);
  SmallVector<Value> applyEach(AffineMap map, ArrayRef<Value> operands);
  OpFoldResult foldedMin(ArrayRef<AffineExpr> exprs);
  OpFoldResult foldedMax(ArrayRef<AffineExpr> exprs);

  /// A scalar (null `vectorType`) or contiguous vector load at `indices`.
  Value loadAt(Value memref, ArrayRef<AffineExpr> indices, VectorType vectorType);
  void storeAt(Value value, Value memref, ArrayRef<AffineExpr> indices);

  /// The bounds of a non-affine loop: the largest of `lbMap`'s results
  /// and the smallest of `ubMap`'s, as index values.
  std::pair<Value, Value> boundValues(AffineMap lbMap, ValueRange lbOperands, AffineMap ubMap,
                                      ValueRange ubOperands);

  using LoopBody = function_ref<SmallVector<Value>(AffineExpr iv, ValueRange args)>;
  /// A loop from the largest of `lbs` to the smallest of `ubs`, carrying
  /// `inits`; `body` returns what each iteration yields. Without
  /// `allowAffine`, an scf.for even where the bounds are affine.
  SmallVector<Value> forLoop(ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs,
                             int64_t step, ValueRange inits, LoopBody body,
                             bool allowAffine = true);
  /// forLoop without iteration arguments.
  void forEach(ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs, int64_t step,
               function_ref<void(AffineExpr iv)> body, bool allowAffine = true);

protected:
  RewriterBase &b;
  Location loc;
  MLIRContext *ctx;
  SmallVector<Value> dims, syms;
};

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_VECTORLOOPS_AFFINEBUILDER_H
