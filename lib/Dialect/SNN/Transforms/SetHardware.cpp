//===- SetHardware.cpp - Attach a hardware description --------------------===//

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
      getOperation().emitError() << "snn-set-hardware needs file=<hardware.json> or file=host";
      return signalPassFailure();
    }
    FailureOr<HardwareAttr> hw = resolveHardware(file, getOperation());
    if (failed(hw))
      return signalPassFailure();
    SNNDialect::HardwareAttrHelper(&getContext()).setAttr(getOperation(), *hw);
  }
};
} // namespace
