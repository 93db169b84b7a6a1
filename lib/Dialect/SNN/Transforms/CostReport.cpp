//===- CostReport.cpp - The snn-cost-report pass ---------------------------===//

#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"

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
    FailureOr<HardwareAttr> hw = getHardware(module, hardware, "snn-cost-report");
    if (failed(hw))
      return signalPassFailure();
    FailureOr<std::vector<CostReport>> reports =
        evaluateWrittenSchedules(module, *hw, accounting);
    if (failed(reports))
      return signalPassFailure();
    llvm::json::Array list;
    for (const CostReport &report : *reports) {
      if (table)
        report.print(llvm::outs());
      list.push_back(report.toJSON());
    }
    if (!json.empty() && failed(writeJSONFile(module, json, std::move(list))))
      return signalPassFailure();
  }
};
} // namespace
