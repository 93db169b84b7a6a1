//===- Hardware.cpp - The memory hierarchy the cost model uses -------------===//

#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"

using namespace mlir;
using namespace mlir::snn;

/// An SRAM or a cache: a level that holds tiles between the array and DRAM.
static bool isOnChipBuffer(MemoryLevelAttr level) {
  return level.getKind() == MemoryKind::SRAM || level.getKind() == MemoryKind::Cache;
}

FailureOr<HardwareModel>
HardwareModel::get(HardwareAttr attr, function_ref<InFlightDiagnostic()> emitError) {
  HardwareModel m;
  m.attr = attr;
  ArrayRef<MemoryLevelAttr> levels = attr.getLevels();
  m.dram = levels.back();
  for (MemoryLevelAttr level : levels.drop_back()) {
    if (!isOnChipBuffer(level))
      continue;
    bool servesAll = llvm::all_of(StringRef("WIOV"),
                                  [&](char c) { return level.servesOperand(c); });
    if (servesAll && (!m.globalBuffer || level.getBytes() > m.globalBuffer.getBytes()))
      m.globalBuffer = level;
  }
  if (!m.globalBuffer)
    return emitError() << "hardware '" << attr.getName()
                       << "' has no on-chip SRAM or cache serving all of W, I, O and V (a "
                          "global buffer)";
  if (m.globalBuffer.getBytes() <= 0)
    return emitError() << "hardware '" << attr.getName() << "': global buffer '"
                       << m.globalBuffer.getName() << "' needs a positive size";
  for (char operand : StringRef("WIOV"))
    for (MemoryLevelAttr level : levels.drop_back())
      if (level != m.globalBuffer && isOnChipBuffer(level) && level.servesOperand(operand)) {
        m.localBuffers.push_back({operand, level});
        break;
      }
  return m;
}

MemoryLevelAttr HardwareModel::getLocalBuffer(char letter) const {
  for (auto [operand, level] : localBuffers)
    if (operand == letter)
      return level;
  return {};
}

bool HardwareModel::hasEnergies() const {
  if (!attr.getPjPerOp().isZero() || !attr.getPjPerOpMultibit().isZero())
    return true;
  return llvm::any_of(attr.getLevels(), [](MemoryLevelAttr level) {
    return !level.getReadPj().isZero() || !level.getWritePj().isZero();
  });
}

double HardwareModel::readPj(MemoryLevelAttr level) const {
  return level.getReadPj().convertToDouble();
}

double HardwareModel::writePj(MemoryLevelAttr level) const {
  return level.getWritePj().convertToDouble();
}

double HardwareModel::opPj(bool spikeInputs) const {
  return (spikeInputs ? attr.getPjPerOp() : attr.getPjPerOpMultibit()).convertToDouble();
}

HardwareAttr mlir::snn::getModuleHardware(ModuleOp module) {
  return SNNDialect::HardwareAttrHelper(module.getContext()).getAttr(module);
}

FailureOr<HardwareAttr> mlir::snn::getHardware(ModuleOp module, StringRef path,
                                               StringRef passName) {
  if (!path.empty())
    return resolveHardware(path, module);
  if (HardwareAttr hw = getModuleHardware(module))
    return hw;
  return module.emitError() << passName
                            << " needs a hardware description: give hardware=<file.json> or hardware=host, or "
                               "attach one with snn-set-hardware";
}
