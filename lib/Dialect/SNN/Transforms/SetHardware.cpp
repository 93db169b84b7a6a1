//===- SetHardware.cpp - Attach a hardware description from JSON -----------===//

#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNSETHARDWARE
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {
struct SNNSetHardwarePass : public snn::impl::SNNSetHardwareBase<SNNSetHardwarePass> {
  using Base::Base;
  void runOnOperation() override {
    if (file.empty()) {
      getOperation().emitError() << "snn-set-hardware needs file=<hardware.json>";
      return signalPassFailure();
    }
    FailureOr<HardwareAttr> hw = loadHardwareFile(file, getOperation());
    if (failed(hw))
      return signalPassFailure();
    getOperation()->setAttr(kHardwareAttrName, *hw);
  }
};
} // namespace
