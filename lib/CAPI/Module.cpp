//===- Module.cpp - Parsing, transforming and costing modules --------------===//

#include "Diagnostics.h"

#include "snn-c/SNN.h"
#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/Pipelines/Pipelines.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::capi;

MlirModule snnModuleParse(MlirContext context, MlirStringRef text, MlirStringRef sourceName,
                          char **error) {
  clearError(error);
  MLIRContext *ctx = unwrap(context);
  StringRef name = sourceName.length ? unwrap(sourceName) : StringRef("<input>");
  auto source = llvm::MemoryBuffer::getMemBufferCopy(unwrap(text), name);
  StringRef kept = source->getBuffer();
  keepSource(ctx, std::move(source));
  DiagnosticCapture diagnostics(ctx);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kept, ParserConfig(ctx), name);
  if (!module) {
    setError(error, diagnostics.str(), "cannot parse the module");
    return MlirModule{nullptr};
  }
  return wrap(module.release());
}

bool snnRunPipeline(MlirModule module, MlirStringRef pipeline, char **error) {
  clearError(error);
  snnRegisterAllPasses();
  ModuleOp op = unwrap(module);
  PassManager pm(op.getContext(), ModuleOp::getOperationName());
  std::string parseError;
  llvm::raw_string_ostream parseOs(parseError);
  DiagnosticCapture diagnostics(op.getContext());
  if (failed(parseModulePassPipeline(unwrap(pipeline), pm, parseOs))) {
    // The diagnostics of the parser (a pass on the wrong operation, say),
    // then what it printed.
    std::string message = diagnostics.str().str();
    StringRef printed = StringRef(parseError).rtrim();
    if (!message.empty() && !printed.empty())
      message += "\n";
    setError(error, message + printed.str(), "invalid pass pipeline");
    return false;
  }
  if (failed(pm.run(op))) {
    setError(error, diagnostics.str(), "the pass pipeline failed");
    return false;
  }
  return true;
}

/// Attaches `hardware` to `module`, or stores why it could not be built.
static bool attachHardware(ModuleOp module, FailureOr<HardwareAttr> hardware,
                           StringRef prefix, StringRef message, char **error) {
  if (failed(hardware)) {
    setError(error, (prefix + message).str());
    return false;
  }
  SNNDialect::HardwareAttrHelper(module.getContext()).setAttr(module, *hardware);
  return true;
}

bool snnSetHardwareJSON(MlirModule module, MlirStringRef json, char **error) {
  clearError(error);
  ModuleOp op = unwrap(module);
  std::string message;
  FailureOr<HardwareAttr> hardware = parseHardwareJSON(unwrap(json), op.getContext(), message);
  return attachHardware(op, hardware, "invalid hardware description: ", message, error);
}

bool snnSetHostHardware(MlirModule module, char **error) {
  clearError(error);
  ModuleOp op = unwrap(module);
  std::string message;
  FailureOr<HardwareAttr> hardware = getHostHardware(op.getContext(), message);
  return attachHardware(op, hardware, "hardware=host: ", message, error);
}

/// Evaluates the written schedule of every function with layer ops and hands
/// each report to `consume`.
static bool evaluateCost(MlirModule module, MlirStringRef accounting, char **error,
                         function_ref<void(const CostReport &)> consume) {
  clearError(error);
  ModuleOp op = unwrap(module);
  HardwareAttr hardware = getModuleHardware(op);
  if (!hardware) {
    setError(error, "the module has no snn.hardware: attach one with snnSetHardwareJSON "
                    "or the snn-set-hardware pass");
    return false;
  }
  StringRef name = accounting.length ? unwrap(accounting) : StringRef("default");
  std::optional<Accounting> mode = symbolizeAccounting(name);
  if (!mode) {
    setError(error,
             llvm::formatv("unknown accounting '{0}' (expected default or stems)", name).str());
    return false;
  }
  DiagnosticCapture diagnostics(op.getContext());
  FailureOr<std::vector<CostReport>> reports = evaluateWrittenSchedules(op, hardware, *mode);
  if (failed(reports)) {
    setError(error, diagnostics.str(), "the cost model cannot evaluate the module");
    return false;
  }
  for (const CostReport &report : *reports)
    consume(report);
  return true;
}

char *snnCostReportJSON(MlirModule module, MlirStringRef accounting, char **error) {
  llvm::json::Array reports;
  if (!evaluateCost(module, accounting, error,
                    [&](const CostReport &report) { reports.push_back(report.toJSON()); }))
    return nullptr;
  return copyString(llvm::formatv("{0:2}", llvm::json::Value(std::move(reports))).str());
}

char *snnCostReportTable(MlirModule module, MlirStringRef accounting, char **error) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (!evaluateCost(module, accounting, error, [&](const CostReport &report) {
        if (!text.empty())
          os << "\n";
        report.print(os);
      }))
    return nullptr;
  return copyString(text);
}

char *snnPassAnchor(MlirStringRef pass, char **error) {
  clearError(error);
  snnRegisterAllPasses();
  const PassInfo *info = PassInfo::lookup(unwrap(pass));
  if (!info) {
    setError(error, llvm::formatv("'{0}' is not a registered pass", unwrap(pass)).str());
    return nullptr;
  }
  // A pass manager on any operation takes the pass as it is: its anchor.
  OpPassManager pm;
  std::string message;
  if (failed(info->addToPipeline(pm, "", [&](const llvm::Twine &why) {
        message = why.str();
        return failure();
      })) ||
      pm.size() != 1) {
    setError(error, message, "cannot create the pass");
    return nullptr;
  }
  return copyString((*pm.getPasses().begin()).getOpName().value_or(""));
}

void snnStringFree(char *string) { std::free(string); }
