//===- TargetInfo.h - The vector registers code is generated for -*- C++ -*-===//

#ifndef SNN_CONVERSION_VECTORLOOPS_TARGETINFO_H
#define SNN_CONVERSION_VECTORLOOPS_TARGETINFO_H

#include <string>

namespace mlir::snn {

/// What the vectorizing lowering needs to know of the machine: the width of
/// its vector registers and how many there are.
struct TargetInfo {
  unsigned vectorBits = 128;
  unsigned vectorRegisters = 16;

  /// The machine this process runs on, from the CPU features LLVM reads
  /// (cpuid on x86): 512-bit registers with AVX-512F, 256 with AVX, else 128.
  static TargetInfo host();
  /// `vectorBits` if non-zero (1 disables vectorization), else the host's.
  static TargetInfo fromOption(unsigned vectorBits);

  std::string describe() const;
};

} // namespace mlir::snn

#endif // SNN_CONVERSION_VECTORLOOPS_TARGETINFO_H
