//===- ScalarMath.h - The semantics page on scalars -------------*- C++ -*-===//
//
// The arithmetic rules of docs/Semantics.md as IR builders: integers widen to
// i64 (i1 zero-extends, others sign-extend), compute exactly and saturate
// once; real factors apply in Q16 fixed point; floats convert to the result
// type and round after each operation.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_CONVERSION_SNNTOLINALG_SCALARMATH_H
#define SNN_LIB_CONVERSION_SNNTOLINALG_SCALARMATH_H

#include "snn/Dialect/SNN/IR/SNNAttrs.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace mlir::snn {

/// Q16 fixed-point representation of a real factor: round-half-even(c * 2^16).
int64_t toQ16(double factor);

/// Builds scalar arithmetic at one location.
class ScalarMath {
public:
  ScalarMath(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Type i64() { return b.getI64Type(); }
  Value i64Const(int64_t value);
  Value floatConst(double value, Type floatType);
  Value boolConst(bool value);
  /// `value` (an integer of any width) as an exact i64.
  Value widen(Value value);
  /// `value` (i1, integer or float) converted to `floatType`.
  Value toFloat(Value value, Type floatType);
  /// `value` (an integer; i1 zero-extends) in `intType`, which must hold
  /// it: extended, or truncated when it is known to fit.
  Value resize(Value value, Type intType);
  /// An exact integer clamped to the range of `intType` and converted to it.
  Value saturate(Value wide, Type intType);
  /// An exact integer clamped to the range of `intType`, kept in its type;
  /// `symmetric` leaves out the lowest value -2^(N-1).
  Value clampTo(Value wide, Type intType, bool symmetric = false);
  /// floor(a * q / 2^16) for an exact i64 `a` and a Q16 factor `q` (i64);
  /// with `rounding`, the quotient rounded toward zero or to the nearest
  /// integer (ties to even) instead.
  Value mulq(Value a, Value q, Rounding rounding = Rounding::Floor);
  /// An exact integer (i64) brought into the range of `intType` by
  /// `overflow`: clamped (`saturate`, `saturate_symmetric` without the
  /// lowest value) or wrapped in two's complement; kept in its type.
  Value overflowTo(Value wide, Type intType, Overflow overflow);

  Value add(Value a, Value c);
  Value sub(Value a, Value c);
  Value mul(Value a, Value c);
  Value select(Value cond, Value a, Value c) {
    return arith::SelectOp::create(b, loc, cond, a, c);
  }

  OpBuilder &builder() { return b; }
  Location getLoc() { return loc; }

private:
  OpBuilder &b;
  Location loc;
};

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_SNNTOLINALG_SCALARMATH_H
