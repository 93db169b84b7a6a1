//===- ScalarMath.cpp - The semantics page on scalars ----------------------===//

#include "ScalarMath.h"

#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;

int64_t mlir::snn::toQ16(double factor) {
  return static_cast<int64_t>(std::nearbyint(factor * 65536.0));
}

Value ScalarMath::i64Const(int64_t value) {
  return arith::ConstantIntOp::create(b, loc, value, 64);
}

Value ScalarMath::floatConst(double value, Type floatType) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
}

Value ScalarMath::boolConst(bool value) {
  return arith::ConstantIntOp::create(b, loc, value ? 1 : 0, 1);
}

Value ScalarMath::widen(Value value) {
  unsigned width = value.getType().getIntOrFloatBitWidth();
  if (width == 64)
    return value;
  if (width == 1)
    return arith::ExtUIOp::create(b, loc, i64(), value);
  return arith::ExtSIOp::create(b, loc, i64(), value);
}

Value ScalarMath::toFloat(Value value, Type floatType) {
  Type type = value.getType();
  if (type == floatType)
    return value;
  if (type.isInteger(1))
    return arith::UIToFPOp::create(b, loc, floatType, value);
  if (isa<IntegerType>(type))
    return arith::SIToFPOp::create(b, loc, floatType, value);
  if (type.getIntOrFloatBitWidth() < floatType.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, floatType, value);
  return arith::TruncFOp::create(b, loc, floatType, value);
}

Value ScalarMath::resize(Value value, Type intType) {
  unsigned from = value.getType().getIntOrFloatBitWidth();
  unsigned to = intType.getIntOrFloatBitWidth();
  if (from == to)
    return value;
  if (from > to)
    return arith::TruncIOp::create(b, loc, intType, value);
  if (from == 1)
    return arith::ExtUIOp::create(b, loc, intType, value);
  return arith::ExtSIOp::create(b, loc, intType, value);
}

Value ScalarMath::clampTo(Value wide, Type intType, bool symmetric) {
  unsigned width = intType.getIntOrFloatBitWidth();
  int64_t lo = width == 1 ? 0 : -(int64_t(1) << (width - 1)) + (symmetric ? 1 : 0);
  int64_t hi = width == 1 ? 1 : (int64_t(1) << (width - 1)) - 1;
  Type type = wide.getType();
  auto constant = [&](int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, v));
  };
  Value clamped = arith::MaxSIOp::create(b, loc, wide, constant(lo));
  return arith::MinSIOp::create(b, loc, clamped, constant(hi));
}

Value ScalarMath::saturate(Value wide, Type intType) {
  unsigned from = wide.getType().getIntOrFloatBitWidth();
  unsigned to = intType.getIntOrFloatBitWidth();
  // A narrower signed value always fits.
  if (from <= to && to > 1)
    return resize(wide, intType);
  return arith::TruncIOp::create(b, loc, intType, clampTo(wide, intType));
}

Value ScalarMath::mulq(Value a, Value q, Rounding rounding) {
  // a * 2^16 / 2^16 = a, whatever the rounding: unit factors (gains, IF
  // decays) cost nothing.
  APInt factor;
  if (matchPattern(q, m_ConstantInt(&factor)) && factor == 65536)
    return a;
  Value product = arith::MulIOp::create(b, loc, a, q);
  switch (rounding) {
  case Rounding::Floor:
    return arith::ShRSIOp::create(b, loc, product, i64Const(16));
  case Rounding::TowardZero:
    // Signed division truncates toward zero.
    return arith::DivSIOp::create(b, loc, product, i64Const(65536));
  case Rounding::NearestEven: {
    // floor + 1 where the remainder passes one half, or equals it and the
    // floor is odd: floor + (rem + (floor & 1) > 2^15).
    Value down = arith::ShRSIOp::create(b, loc, product, i64Const(16));
    Value rem = arith::AndIOp::create(b, loc, product, i64Const(65535));
    Value odd = arith::AndIOp::create(b, loc, down, i64Const(1));
    Value up = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                     arith::AddIOp::create(b, loc, rem, odd), i64Const(32768));
    return arith::AddIOp::create(b, loc, down, arith::ExtUIOp::create(b, loc, i64(), up));
  }
  }
  llvm_unreachable("unknown rounding mode");
}

Value ScalarMath::overflowTo(Value wide, Type intType, Overflow overflow) {
  switch (overflow) {
  case Overflow::Saturate:
    return clampTo(wide, intType);
  case Overflow::SaturateSymmetric:
    return clampTo(wide, intType, /*symmetric=*/true);
  case Overflow::Wrap:
    // The low N bits, sign-extended back: z mod 2^N in [-2^(N-1), 2^(N-1)).
    return arith::ExtSIOp::create(b, loc, wide.getType(),
                                  arith::TruncIOp::create(b, loc, intType, wide));
  }
  llvm_unreachable("unknown overflow mode");
}

Value ScalarMath::add(Value a, Value c) {
  if (isa<FloatType>(a.getType()))
    return arith::AddFOp::create(b, loc, a, c);
  return arith::AddIOp::create(b, loc, a, c);
}

Value ScalarMath::sub(Value a, Value c) {
  if (isa<FloatType>(a.getType()))
    return arith::SubFOp::create(b, loc, a, c);
  return arith::SubIOp::create(b, loc, a, c);
}

Value ScalarMath::mul(Value a, Value c) {
  if (isa<FloatType>(a.getType()))
    return arith::MulFOp::create(b, loc, a, c);
  return arith::MulIOp::create(b, loc, a, c);
}
