//===- ElementTypes.h - Numeric meaning of SNN element types ----*- C++ -*-===//
//
// `i1` is a spike (0 or 1), other signless integers are two's complement,
// floats are IEEE. These helpers keep that rule in one place.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_DIALECT_SNN_IR_ELEMENTTYPES_H
#define SNN_DIALECT_SNN_IR_ELEMENTTYPES_H

#include "mlir/IR/BuiltinTypes.h"

namespace mlir::snn {

inline bool isSpikeType(Type type) { return type.isInteger(1); }
inline bool isIntType(Type type) {
  auto i = dyn_cast<IntegerType>(type);
  return i && i.isSignless();
}
/// Integers wider than one bit (signed values).
inline bool isSignedIntType(Type type) { return isIntType(type) && !isSpikeType(type); }

/// Bits one element occupies in memory for the cost model (floats and
/// integers alike: their width).
inline int64_t getElementBits(Type type) { return type.getIntOrFloatBitWidth(); }

/// Bits the emitted code stores an element of `type` in (snn-legalize-storage):
/// integers of up to 64 bits in the narrowest of 8, 16, 32 and 64 bits that
/// holds them (spikes before snn-pack-spikes packs them), everything else
/// in its own width.
inline int64_t getStorageBits(Type type) {
  int64_t bits = getElementBits(type);
  if (!isa<IntegerType>(type) || bits > 64)
    return bits;
  return bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : 64;
}

/// Number of bits of magnitude of the largest absolute value a value of
/// `type` can hold: 0 for `i1` (at most 1), N-1 for `iN` (|min| = 2^(N-1)).
inline int64_t getMagnitudeBits(Type type) {
  return isSpikeType(type) ? 0 : type.getIntOrFloatBitWidth() - 1;
}

inline int64_t getNumElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// Per-step shape of a graph-level value (its shape without dimension 0).
inline ArrayRef<int64_t> getStepShape(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape().drop_front();
}
inline Type getElementType(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_IR_ELEMENTTYPES_H
