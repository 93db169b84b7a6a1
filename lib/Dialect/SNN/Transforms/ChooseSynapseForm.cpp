//===- ChooseSynapseForm.cpp - Dense or event-driven synapses --------------===//

#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/SynapseForm.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCHOOSESYNAPSEFORM
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

/// `value` as %g prints it (0.1, not 1.000000e-01).
static std::string shortest(double value) {
  return llvm::formatv("{0}", llvm::format("%g", value)).str();
}

namespace {
struct SNNChooseSynapseFormPass
    : public snn::impl::SNNChooseSynapseFormBase<SNNChooseSynapseFormPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation()->walk([&](Operation *op) {
      if (!hasEventForm(op))
        return;
      FloatAttr activity = getActivity(op);
      if (!activity && assumeActivity < 0)
        return;
      double rate = activity ? activity.getValueAsDouble() : assumeActivity;
      double below = isa<DenseOp>(op) ? denseCrossover : crossover;
      SynapseForm form = rate < below ? SynapseForm::Event : SynapseForm::Dense;
      std::string why;
      if (form == SynapseForm::Event && failed(checkEventFormExact(op, why))) {
        op->emitRemark() << llvm::formatv(
            "stays dense although its activity {0} is below the crossover {1}: {2}",
            shortest(rate), shortest(below), why);
        form = SynapseForm::Dense;
      }
      setSynapseForm(op, form);
    });
  }
};
} // namespace
