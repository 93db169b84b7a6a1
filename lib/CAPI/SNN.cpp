//===- SNN.cpp - C API of snn-mlir -----------------------------------------===//

#include "snn-c/SNN.h"
#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/InitAll.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace mlir;
using namespace mlir::snn;

struct SNNContextImpl {
  MLIRContext context;

  explicit SNNContextImpl(const DialectRegistry &registry) : context(registry) {
    // Messages carry the location and source line, not a dump of the op.
    context.printOpOnDiagnostic(false);
  }
};

struct SNNModuleImpl {
  SNNContextImpl *owner;
  /// Holds the parsed text, so that diagnostics quote its lines.
  llvm::SourceMgr sourceMgr;
  OwningOpRef<ModuleOp> module;

  MLIRContext *getContext() { return &owner->context; }
};

/// A malloc'd copy of `text`.
static char *copyString(StringRef text) {
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  if (!copy)
    return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

/// Stores `message` (or `fallback` when it is empty: no diagnostic was
/// emitted) into `*error` if the caller asked for it.
static void setError(char **error, StringRef message, StringRef fallback = "") {
  if (error)
    *error = copyString(message.empty() ? fallback : message);
}

static void clearError(char **error) {
  if (error)
    *error = nullptr;
}

namespace {
/// Collects the diagnostics emitted in `module`'s context while in scope,
/// with source lines from the module's text.
class DiagnosticCapture {
public:
  DiagnosticCapture(SNNModuleImpl &module)
      : os(text), handler(module.sourceMgr, module.getContext(), os) {}

  StringRef str() { return StringRef(text).rtrim(); }

private:
  std::string text;
  llvm::raw_string_ostream os;
  SourceMgrDiagnosticHandler handler;
};
} // namespace

SNNContext snnContextCreate(void) {
  static std::once_flag registered;
  std::call_once(registered, registerAllSNNPasses);
  DialectRegistry registry;
  registerAllSNNDialects(registry);
  return new SNNContextImpl(registry);
}

void snnContextDestroy(SNNContext context) { delete context; }

SNNModule snnModuleParse(SNNContext context, const char *text, size_t length, char **error) {
  clearError(error);
  auto module = std::make_unique<SNNModuleImpl>();
  module->owner = context;
  module->sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(StringRef(text, length), "<input>"), llvm::SMLoc());
  {
    DiagnosticCapture diagnostics(*module);
    module->module = parseSourceFile<ModuleOp>(module->sourceMgr, ParserConfig(&context->context));
    if (!module->module) {
      setError(error, diagnostics.str(), "cannot parse the module");
      return nullptr;
    }
  }
  return module.release();
}

void snnModuleDestroy(SNNModule module) { delete module; }

char *snnModulePrint(SNNModule module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module->module->print(os);
  return copyString(text);
}

bool snnRunPipeline(SNNModule module, const char *pipeline, char **error) {
  clearError(error);
  MLIRContext *context = module->getContext();
  PassManager pm(context, ModuleOp::getOperationName());
  StringRef text = StringRef(pipeline).trim();
  std::string parseError;
  llvm::raw_string_ostream parseOs(parseError);
  if (text.starts_with(ModuleOp::getOperationName().str() + "(")) {
    FailureOr<OpPassManager> parsed = parsePassPipeline(text, parseOs);
    if (failed(parsed)) {
      setError(error, StringRef(parseError).rtrim(), "invalid pass pipeline");
      return false;
    }
    static_cast<OpPassManager &>(pm) = std::move(*parsed);
  } else if (failed(parsePassPipeline(text, pm, parseOs))) {
    setError(error, StringRef(parseError).rtrim(), "invalid pass pipeline");
    return false;
  }

  DiagnosticCapture diagnostics(*module);
  if (failed(pm.run(*module->module))) {
    setError(error, diagnostics.str(), "the pass pipeline failed");
    return false;
  }
  return true;
}

bool snnSetHardwareJSON(SNNModule module, const char *json, char **error) {
  clearError(error);
  std::string message;
  FailureOr<HardwareAttr> hardware = parseHardwareJSON(json, module->getContext(), message);
  if (failed(hardware)) {
    setError(error, "invalid hardware description: " + message);
    return false;
  }
  SNNDialect::HardwareAttrHelper(module->getContext()).setAttr(*module->module, *hardware);
  return true;
}

bool snnSetHostHardware(SNNModule module, char **error) {
  clearError(error);
  std::string message;
  FailureOr<HardwareAttr> hardware = getHostHardware(module->getContext(), message);
  if (failed(hardware)) {
    setError(error, "hardware=host: " + message);
    return false;
  }
  SNNDialect::HardwareAttrHelper(module->getContext()).setAttr(*module->module, *hardware);
  return true;
}

/// Evaluates the written schedule of every function with layer ops and hands
/// each report to `consume`.
static bool evaluateCost(SNNModule module, const char *accounting, char **error,
                         function_ref<void(const CostReport &)> consume) {
  clearError(error);
  ModuleOp op = *module->module;
  HardwareAttr hardware = getModuleHardware(op);
  if (!hardware) {
    setError(error, "the module has no snn.hardware: attach one with snnSetHardwareJSON "
                    "or the snn-set-hardware pass");
    return false;
  }
  std::optional<Accounting> mode = symbolizeAccounting(accounting ? accounting : "default");
  if (!mode) {
    setError(
        error,
        llvm::formatv("unknown accounting '{0}' (expected default or stems)", accounting).str());
    return false;
  }
  DiagnosticCapture diagnostics(*module);
  FailureOr<std::vector<CostReport>> reports = evaluateWrittenSchedules(op, hardware, *mode);
  if (failed(reports)) {
    setError(error, diagnostics.str(), "the cost model cannot evaluate the module");
    return false;
  }
  for (const CostReport &report : *reports)
    consume(report);
  return true;
}

char *snnCostReportJSON(SNNModule module, const char *accounting, char **error) {
  llvm::json::Array reports;
  if (!evaluateCost(module, accounting, error,
                    [&](const CostReport &report) { reports.push_back(report.toJSON()); }))
    return nullptr;
  return copyString(llvm::formatv("{0:2}", llvm::json::Value(std::move(reports))).str());
}

char *snnCostReportTable(SNNModule module, const char *accounting, char **error) {
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

void snnStringFree(char *string) { std::free(string); }
