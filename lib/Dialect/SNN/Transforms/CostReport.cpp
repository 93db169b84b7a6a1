//===- CostReport.cpp - The snn-cost-report pass ---------------------------===//

#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCOSTREPORT
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {
struct SNNCostReportPass : public snn::impl::SNNCostReportBase<SNNCostReportPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    HardwareAttr hw = getModuleHardware(module);
    if (!hardware.empty()) {
      FailureOr<HardwareAttr> loaded = loadHardwareFile(hardware, module);
      if (failed(loaded))
        return signalPassFailure();
      hw = *loaded;
    }
    if (!hw) {
      module.emitError() << "snn-cost-report needs a hardware description: give "
                            "hardware=<file.json> or attach one with snn-set-hardware";
      return signalPassFailure();
    }
    std::optional<Accounting> mode = symbolizeAccounting(accounting);
    if (!mode) {
      module.emitError() << "snn-cost-report: unknown accounting '" << accounting
                         << "' (expected default or stems)";
      return signalPassFailure();
    }

    llvm::json::Array reports;
    for (func::FuncOp func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      FailureOr<CostModel> model = CostModel::create(func, hw, *mode);
      if (failed(model))
        return signalPassFailure();
      if (model->getLayers().empty())
        continue;
      FailureOr<CostReport> report = model->evaluate(model->getWrittenSchedule());
      if (failed(report))
        return signalPassFailure();
      if (table)
        report->print(llvm::outs());
      reports.push_back(report->toJSON());
    }
    if (json.empty())
      return;
    std::error_code ec;
    llvm::raw_fd_ostream os(json == "-" ? StringRef("-") : StringRef(json), ec,
                            llvm::sys::fs::OF_Text);
    if (ec) {
      module.emitError() << "cannot write '" << json << "': " << ec.message();
      return signalPassFailure();
    }
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(reports))) << "\n";
  }
};
} // namespace
