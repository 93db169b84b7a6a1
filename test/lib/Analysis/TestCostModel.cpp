//===- TestCostModel.cpp - Cost model figures as remarks -------------------===//
//
// test-snn-cost evaluates the written schedule like snn-cost-report and
// attaches every figure as a remark: per layer on the layer op, per group and
// in total on the function, so that lit tests check them with
// -verify-diagnostics.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/CostModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::snn;

namespace {

std::string operands(const OperandBits &bits) {
  return llvm::formatv("W {0} I {1} O {2} V {3}", bits.w, bits.i, bits.o, bits.v).str();
}

struct TestCostModelPass
    : public PassWrapper<TestCostModelPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestCostModelPass)

  TestCostModelPass() = default;
  TestCostModelPass(const TestCostModelPass &other) : PassWrapper(other) {}

  StringRef getArgument() const final { return "test-snn-cost"; }
  StringRef getDescription() const final {
    return "Attach the cost model's figures to the IR as remarks";
  }

  Option<std::string> accounting{*this, "accounting", llvm::cl::init("default"),
                                 llvm::cl::desc("default or stems")};

  void runOnOperation() override {
    ModuleOp module = getOperation();
    HardwareAttr hw = getModuleHardware(module);
    std::optional<Accounting> mode = symbolizeAccounting(accounting);
    if (!hw || !mode) {
      module.emitError() << "test-snn-cost needs snn.hardware and accounting=default|stems";
      return signalPassFailure();
    }
    for (func::FuncOp func : module.getOps<func::FuncOp>()) {
      FailureOr<CostModel> model = CostModel::create(func, hw, *mode);
      if (failed(model))
        return signalPassFailure();
      FailureOr<CostReport> report = model->evaluate(model->getWrittenSchedule());
      if (failed(report))
        return signalPassFailure();
      for (const LayerCost &l : report->layers)
        l.op->emitRemark() << "group " << l.group << ", ops " << l.ops << ", off-chip read bits "
                           << operands(l.dramRead) << ", written " << operands(l.dramWrite)
                           << ", buffer read " << operands(l.bufferRead) << ", written "
                           << operands(l.bufferWrite) << ", local W " << l.localWeightBits
                           << " I " << l.localInputBits;
      for (auto [i, g] : llvm::enumerate(report->groups))
        func.emitRemark() << "group " << i << ": " << g.numTimeTiles << " time tiles of "
                          << g.timeTile << " steps, " << g.numBands << " bands, working set "
                          << g.workingSetBits << " bits, resident state "
                          << g.residentStateBits << ", weights " << g.residentWeightBits
                          << ", live tensors " << g.liveTensorBits
                          << (g.feasible ? ", fits" : ", does not fit");
      Energy e = report->energy();
      func.emitRemark() << "off-chip " << report->dramBits().total() << " bits, lower bound "
                        << report->lowerBoundBits << " bits, energy "
                        << llvm::formatv("{0:f4}", e.total()) << " pJ (off-chip "
                        << llvm::formatv("{0:f4}", e.dram) << ", buffer "
                        << llvm::formatv("{0:f4}", e.globalBuffer) << ", local "
                        << llvm::formatv("{0:f4}", e.localBuffers) << ", compute "
                        << llvm::formatv("{0:f4}", e.compute) << ")";
    }
  }
};

} // namespace

namespace mlir::snn::test {
void registerTestCostModelPass() { PassRegistration<TestCostModelPass>(); }
} // namespace mlir::snn::test
