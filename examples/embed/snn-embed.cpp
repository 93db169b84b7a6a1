//===- snn-embed.cpp - A compiler embedding snn-mlir ------------------------===//
//
// What a neuromorphic compiler does with the installed snn-mlir package:
// loads an snn module, describes its own hardware in code, lets the
// auto-scheduler choose a schedule for it, prints the cost of that schedule
// (and of the layer-by-layer one it replaces) and lowers the module to the
// LLVM dialect.
//
//   snn-embed network.mlir
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/CostModel.h"
#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/InitAll.h"
#include "snn/Pipelines/Pipelines.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

/// The compiler's target: a small edge core with 4,096 MACs, a 2 KiB input
/// buffer and a 4 KiB global buffer in front of LPDDR. Levels go from the
/// innermost (registers) to the off-chip memory; `serves` says which operands
/// (W weights, I inputs, O outputs, V neuron state) a level holds.
static snn::HardwareAttr describeHardware(MLIRContext *context) {
  auto level = [&](StringRef name, snn::MemoryKind kind, StringRef serves, int64_t bytes,
                   int64_t bitsPerCycle, double readPj, double writePj) {
    return snn::MemoryLevelAttr::get(context, name, kind, serves, bytes, bitsPerCycle,
                                     llvm::APFloat(readPj), llvm::APFloat(writePj));
  };
  SmallVector<snn::MemoryLevelAttr> levels = {
      level("regs", snn::MemoryKind::Register, "WOV", 0, 0, 0.0, 0.0),
      level("ibuf", snn::MemoryKind::SRAM, "I", 2048, 256, 0.05, 0.06),
      level("gbuf", snn::MemoryKind::SRAM, "WIOV", 4096, 512, 0.2, 0.25),
      level("lpddr", snn::MemoryKind::DRAM, "WIOV", 0, 32, 8.0, 9.0)};
  // getChecked runs the attribute's verifier and reports through emitError.
  return snn::HardwareAttr::getChecked(
      [&] { return emitError(UnknownLoc::get(context)); }, context, "edge-core",
      /*mac_units=*/4096, /*mac_array K, C, OY, OX=*/{16, 4, 8, 8},
      /*pj_per_op=*/llvm::APFloat(0.05), /*pj_per_op_multibit=*/llvm::APFloat(0.12), levels);
}

/// Evaluates the schedule written in every function of `module` (none: layer
/// by layer over all time steps) on `hardware` and hands the report to `use`.
static LogicalResult forEachCostReport(ModuleOp module, snn::HardwareAttr hardware,
                                       function_ref<void(const snn::CostReport &)> use) {
  for (func::FuncOp func : module.getOps<func::FuncOp>()) {
    FailureOr<snn::CostModel> model =
        snn::CostModel::create(func, hardware, snn::Accounting::Default);
    if (failed(model))
      return failure();
    if (model->getLayers().empty())
      continue;
    FailureOr<snn::CostReport> report = model->evaluate(model->getWrittenSchedule());
    if (failed(report))
      return failure();
    use(*report);
  }
  return success();
}

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: snn-embed network.mlir\n";
    return 2;
  }

  // Everything snn-mlir provides: its dialect and the ones its lowering
  // produces, and its passes and pipelines for textual pipelines.
  DialectRegistry registry;
  snn::registerAllSNNDialects(registry);
  snn::registerAllSNNPasses();
  MLIRContext context(registry);

  // Diagnostics quote the lines of the input they point at.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(argv[1], sourceMgr, ParserConfig(&context));
  if (!module)
    return 1;

  snn::HardwareAttr hardware = describeHardware(&context);
  if (!hardware)
    return 1;
  snn::SNNDialect::HardwareAttrHelper(&context).setAttr(*module, hardware);

  // What running it layer by layer would cost: no schedule is written yet.
  auto printSummary = [](const snn::CostReport &report) {
    llvm::outs() << llvm::format(
        "@%s layer by layer: %lld B off chip, %.3f uJ\n\n", report.network.c_str(),
        (long long)(report.dramBits().total() + 7) / 8, report.energy().total() * 1e-6);
  };
  if (failed(forEachCostReport(*module, hardware, printSummary)))
    return 1;

  // The auto-scheduler writes #snn.schedule attributes for the module's
  // snn.hardware. Built from text, so that a build without it says so.
  PassManager schedule(&context);
  std::string pipelineError;
  llvm::raw_string_ostream pipelineOs(pipelineError);
  if (failed(parsePassPipeline("snn-auto-schedule", schedule, pipelineOs))) {
    llvm::errs() << "snn-embed: this snn-mlir has no snn-auto-schedule pass:\n" << pipelineError;
    return 1;
  }
  if (failed(schedule.run(*module)))
    return 1;
  auto printTable = [](const snn::CostReport &report) { report.print(llvm::outs()); };
  if (failed(forEachCostReport(*module, hardware, printTable)))
    return 1;

  // The standard lowering (include/snn/Pipelines/Pipelines.h) applies the
  // schedule and produces the LLVM dialect.
  PassManager lower(&context);
  snn::buildSNNToLLVMPipeline(lower);
  if (failed(lower.run(*module)))
    return 1;
  for (auto func : module->getOps<LLVM::LLVMFuncOp>())
    if (!func.isExternal())
      llvm::outs() << "\nlowered @" << func.getName() << " to the LLVM dialect ("
                   << func.getNumArguments() << " arguments)\n";
  return 0;
}
