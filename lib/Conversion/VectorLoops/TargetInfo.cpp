//===- TargetInfo.cpp - The vector registers of the host -------------------===//

#include "snn/Conversion/VectorLoops/TargetInfo.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir::snn;

TargetInfo TargetInfo::host() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  auto has = [&](const char *name) { return features.lookup(name); };
  llvm::Triple triple(llvm::sys::getProcessTriple());
  TargetInfo info;
  if (triple.isX86()) {
    if (has("avx512f"))
      info = {512, 32};
    else if (has("avx"))
      info = {256, 16};
    else
      info = {128, 16};
  } else if (triple.isAArch64()) {
    info = {128, 32};
  }
  return info;
}

TargetInfo TargetInfo::fromOption(unsigned vectorBits) {
  if (vectorBits == 0)
    return host();
  TargetInfo info;
  info.vectorBits = vectorBits;
  info.vectorRegisters = vectorBits >= 512 ? 32 : 16;
  return info;
}

std::string TargetInfo::describe() const {
  return std::to_string(vectorBits) + "-bit vectors, " + std::to_string(vectorRegisters) +
         " registers";
}
