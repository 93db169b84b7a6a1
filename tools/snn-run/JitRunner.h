//===- JitRunner.h - Calling a lowered snn function -------------*- C++ -*-===//

#ifndef SNN_TOOLS_SNNRUN_JITRUNNER_H
#define SNN_TOOLS_SNNRUN_JITRUNNER_H

#include "Npy.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinTypes.h"

namespace snnrun {

/// How an element type is laid out in memory and in .npy files: the
/// smallest byte container (uint8 spikes, int8/16/32, float32/64).
struct ElementLayout {
  std::string descr;
  std::string numpyName;
  int64_t bytes;
  unsigned bits;
  bool isFloat;
  bool isSpike;
};

/// The layout of `type`, or failure for an element type snn-run cannot hold.
llvm::FailureOr<ElementLayout> getElementLayout(mlir::Type type);

/// Checks that `array` can be argument `index` of type `type` (shape, dtype,
/// integer range); the message names `path`.
llvm::Error checkInput(const NpyArray &array, mlir::RankedTensorType type,
                       unsigned index, llvm::StringRef path);

/// A memref argument of the lowered function: its buffer and descriptor.
class MemRefArg {
public:
  /// An argument holding a copy of `array` (or zeros of `type` when null).
  MemRefArg(mlir::RankedTensorType type, const NpyArray *array);

  /// Appends pointers to the descriptor fields (allocated and aligned
  /// pointer, offset, sizes, strides) to a packed argument list; they stay
  /// valid while this object is not moved.
  void appendPacked(llvm::SmallVectorImpl<void *> &args);

  /// The buffer as a .npy array.
  NpyArray toNpy() const;

private:
  ElementLayout layout;
  std::vector<int64_t> shape;
  std::vector<char> storage;
  void *allocated = nullptr, *aligned = nullptr;
  int64_t offset = 0;
  llvm::SmallVector<int64_t> sizes, strides;
};

} // namespace snnrun

#endif // SNN_TOOLS_SNNRUN_JITRUNNER_H
