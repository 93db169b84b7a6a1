//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//

#ifndef SNN_TOOLS_SNNRUN_NPY_H
#define SNN_TOOLS_SNNRUN_NPY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace snnrun {

/// A C-ordered array as stored in a .npy file.
struct NpyArray {
  /// NumPy type string, e.g. "<f4", "|u1", "<i2".
  std::string descr;
  std::vector<int64_t> shape;
  std::vector<char> data;

  int64_t numElements() const;
  /// Bytes per element, from `descr`.
  int64_t elementBytes() const;
  /// "(4, 2, 8)".
  std::string shapeString() const;
};

/// Reads a version 1-3 .npy file with a little-endian or byte type in C order.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Writes `array` as a version 1.0 .npy file.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

} // namespace snnrun

#endif // SNN_TOOLS_SNNRUN_NPY_H
