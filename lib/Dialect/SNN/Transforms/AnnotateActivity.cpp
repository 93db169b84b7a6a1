//===- AnnotateActivity.cpp - Synapse activity from a measured profile -----===//

#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/SynapseForm.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNANNOTATEACTIVITY
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {
struct SNNAnnotateActivityPass
    : public snn::impl::SNNAnnotateActivityBase<SNNAnnotateActivityPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (profile.empty()) {
      module.emitError() << "snn-annotate-activity needs profile=<activity.json>";
      return signalPassFailure();
    }
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
        llvm::MemoryBuffer::getFile(profile);
    if (!file) {
      module.emitError() << "cannot read " << profile << ": " << file.getError().message();
      return signalPassFailure();
    }
    llvm::Expected<llvm::json::Value> json = llvm::json::parse((*file)->getBuffer());
    if (!json) {
      module.emitError() << profile << ": " << llvm::toString(json.takeError());
      return signalPassFailure();
    }
    const llvm::json::Object *rates = json->getAsObject();
    if (!rates) {
      module.emitError() << profile << ": expected an object of layer name -> activity";
      return signalPassFailure();
    }
    // A layer copied into tiles keeps its name: every copy is annotated.
    llvm::StringMap<SmallVector<Operation *, 1>> layers;
    module.walk([&](Operation *op) {
      if (auto name = dyn_cast<NameLoc>(op->getLoc()); name && hasEventForm(op))
        layers[name.getName().strref()].push_back(op);
    });
    // Sorted, so that the first error is the same on every run.
    SmallVector<StringRef> names;
    for (const auto &entry : *rates)
      names.push_back(entry.first);
    llvm::sort(names);
    for (StringRef name : names) {
      std::optional<double> rate = rates->getNumber(name);
      if (!rate || !(*rate >= 0.0 && *rate <= 1.0)) {
        module.emitError() << profile << ": \"" << name
                           << "\" must be an activity in [0, 1]";
        return signalPassFailure();
      }
      auto layer = layers.find(name);
      if (layer == layers.end()) {
        module.emitError() << profile << ": no conv2d or dense layer is named \""
                           << name << "\"";
        return signalPassFailure();
      }
      for (Operation *op : layer->second)
        setActivity(op, *rate);
    }
  }
};
} // namespace
