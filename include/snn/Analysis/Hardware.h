//===- Hardware.h - The memory hierarchy the cost model uses ----*- C++ -*-===//

#ifndef SNN_ANALYSIS_HARDWARE_H
#define SNN_ANALYSIS_HARDWARE_H

#include "snn/Dialect/SNN/IR/SNNAttrs.h"

#include "mlir/IR/BuiltinOps.h"

namespace mlir::snn {

/// The roles the cost model gives the levels of a `#snn.hardware`: the
/// off-chip memory (the outermost level), the global buffer (the largest
/// on-chip SRAM or cache that serves every operand; its capacity limits
/// fusion) and, per operand, the local buffer between the global buffer and
/// the array (the innermost SRAM or cache serving it, if any besides the
/// global buffer). The cost model and the search read the hardware only
/// through this class.
class HardwareModel {
public:
  static FailureOr<HardwareModel> get(HardwareAttr attr,
                                      function_ref<InFlightDiagnostic()> emitError);

  /// The hardware's name, as reports print it.
  StringRef getName() const { return attr.getName(); }
  /// The units of the compute array, and their unrolling over output
  /// channels, input channels, output rows and output columns (K, C, OY, OX).
  int64_t getMacUnits() const { return attr.getMacUnits(); }
  ArrayRef<int64_t> getMacArray() const { return attr.getMacArray(); }
  MemoryLevelAttr getDRAM() const { return dram; }
  MemoryLevelAttr getGlobalBuffer() const { return globalBuffer; }
  /// The local buffer of operand `letter` (W, I, O, V), or null.
  MemoryLevelAttr getLocalBuffer(char letter) const;
  int64_t getGlobalBufferBits() const { return globalBuffer.getBytes() * 8; }
  /// The bits schedules may plan to keep in the global buffer: all of an
  /// SRAM, half of a cache. A cache chooses what it evicts by address, not by
  /// plan: a working set filling it conflicts in its sets and loses lines to
  /// everything else the code touches (docs/CostModel.md, "Caches").
  int64_t getUsableBits() const {
    return isCache() ? getGlobalBufferBits() / 2 : getGlobalBufferBits();
  }
  /// True if the global buffer is a cache: the model then counts the
  /// emitted code's buffers as it stores them (docs/CostModel.md, "Caches").
  bool isCache() const { return globalBuffer.getKind() == MemoryKind::Cache; }
  /// False if every energy figure is 0, as for hardware=host.
  bool hasEnergies() const;
  double readPj(MemoryLevelAttr level) const;
  double writePj(MemoryLevelAttr level) const;
  /// The energy of one operation with 1-bit (spike) inputs, or with
  /// multi-bit inputs.
  double opPj(bool spikeInputs) const;

private:
  HardwareAttr attr;
  MemoryLevelAttr dram, globalBuffer;
  SmallVector<std::pair<char, MemoryLevelAttr>> localBuffers;
};

/// Parses a hardware description in the JSON form of bench/*.hw.json. On a
/// problem returns failure and a message naming the offending field.
FailureOr<HardwareAttr> parseHardwareJSON(StringRef text, MLIRContext *context,
                                          std::string &error);

/// Reads and parses a hardware JSON file, reporting problems on `diagOp`.
FailureOr<HardwareAttr> loadHardwareFile(StringRef path, Operation *diagOp);

/// The hardware option value that names the machine running the compiler.
inline constexpr StringLiteral kHostHardware = "host";
/// The environment variable that, when set, replaces the sysfs directory
/// the host's caches are read from (tests describe machines with it).
inline constexpr StringLiteral kHostCacheDirEnv = "SNN_HOST_CACHE_DIR";

/// The host's data caches as a hardware description (HostHardware.cpp); on
/// failure `error` says what could not be read.
FailureOr<HardwareAttr> getHostHardware(MLIRContext *context, std::string &error);

/// The hardware `spec` names: the host for "host", else a JSON file path.
/// Problems are reported on `diagOp`.
FailureOr<HardwareAttr> resolveHardware(StringRef spec, Operation *diagOp);

/// The `snn.hardware` attribute of `module`, or null.
HardwareAttr getModuleHardware(ModuleOp module);

/// The hardware a pass works with: `path` (a JSON file, or "host") when it
/// is not empty, else the module's `snn.hardware`; fails with a diagnostic
/// naming `passName` when there is neither.
FailureOr<HardwareAttr> getHardware(ModuleOp module, StringRef path, StringRef passName);

} // namespace mlir::snn

#endif // SNN_ANALYSIS_HARDWARE_H
