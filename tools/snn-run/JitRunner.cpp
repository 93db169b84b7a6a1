//===- JitRunner.cpp - Calling a lowered snn function ----------------------===//

#include "JitRunner.h"

#include <cstring>

using namespace llvm;
using namespace snnrun;

FailureOr<ElementLayout> snnrun::getElementLayout(mlir::Type type) {
  if (type.isF32())
    return ElementLayout{"<f4", "float32", 4, 32, true, false};
  if (type.isF64())
    return ElementLayout{"<f8", "float64", 8, 64, true, false};
  auto intType = dyn_cast<mlir::IntegerType>(type);
  if (!intType || intType.getWidth() > 32)
    return failure();
  unsigned bits = intType.getWidth();
  if (bits == 1)
    return ElementLayout{"|u1", "uint8", 1, 1, false, true};
  if (bits <= 8)
    return ElementLayout{"|i1", "int8", 1, bits, false, false};
  if (bits <= 16)
    return ElementLayout{"<i2", "int16", 2, bits, false, false};
  return ElementLayout{"<i4", "int32", 4, bits, false, false};
}

/// The element at `index` of a little-endian signed container.
static int64_t loadSigned(const char *data, int64_t bytes, int64_t index) {
  switch (bytes) {
  case 1:
    return static_cast<int8_t>(data[index]);
  case 2: {
    int16_t v;
    std::memcpy(&v, data + 2 * index, 2);
    return v;
  }
  default: {
    int32_t v;
    std::memcpy(&v, data + 4 * index, 4);
    return v;
  }
  }
}

Error snnrun::checkInput(const NpyArray &array, mlir::RankedTensorType type,
                      unsigned index, StringRef path) {
  auto fail = [&](const Twine &why) {
    return createStringError(inconvertibleErrorCode(),
                             "input #" + Twine(index) + " ('" + path + "'): " + why);
  };
  std::vector<int64_t> expected(type.getShape().begin(), type.getShape().end());
  if (array.shape != expected) {
    NpyArray want;
    want.shape = expected;
    return fail("expected shape " + want.shapeString() + ", got " + array.shapeString());
  }
  ElementLayout layout = *getElementLayout(type.getElementType());
  bool spikeBytes = layout.isSpike && (array.descr == "|b1" || array.descr == "|i1");
  if (array.descr != layout.descr && !spikeBytes) {
    std::string elt;
    llvm::raw_string_ostream(elt) << type.getElementType();
    return fail("expected dtype " + layout.numpyName + " (storage of " + elt +
                "), got '" + array.descr + "'");
  }
  if (layout.isFloat)
    return Error::success();
  int64_t lo = layout.isSpike ? 0 : -(int64_t(1) << (layout.bits - 1));
  int64_t hi = layout.isSpike ? 1 : (int64_t(1) << (layout.bits - 1)) - 1;
  for (int64_t i = 0, e = array.numElements(); i < e; ++i) {
    int64_t v = layout.isSpike ? static_cast<unsigned char>(array.data[i])
                               : loadSigned(array.data.data(), layout.bytes, i);
    if (v < lo || v > hi)
      return fail("element " + Twine(i) + " is " + Twine(v) + ", outside [" + Twine(lo) +
                  ", " + Twine(hi) + "]");
  }
  return Error::success();
}

MemRefArg::MemRefArg(mlir::RankedTensorType type, const NpyArray *array)
    : layout(*getElementLayout(type.getElementType())),
      shape(type.getShape().begin(), type.getShape().end()) {
  int64_t n = type.getNumElements();
  storage.assign(n * layout.bytes, 0);
  // The compiled code keeps every iN in its container sign-extended and a
  // spike as a 0/1 byte (snn-legalize-storage): NumPy's own layout.
  if (array)
    std::memcpy(storage.data(), array->data.data(), storage.size());
  int64_t stride = 1;
  sizes.assign(shape.begin(), shape.end());
  strides.resize(shape.size());
  for (int64_t i = shape.size() - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= shape[i];
  }
}

void MemRefArg::appendPacked(SmallVectorImpl<void *> &args) {
  allocated = aligned = storage.data();
  args.push_back(&allocated);
  args.push_back(&aligned);
  args.push_back(&offset);
  for (int64_t &size : sizes)
    args.push_back(&size);
  for (int64_t &stride : strides)
    args.push_back(&stride);
}

NpyArray MemRefArg::toNpy() const {
  NpyArray array;
  array.descr = layout.descr;
  array.shape = shape;
  array.data = storage;
  return array;
}
