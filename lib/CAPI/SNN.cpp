//===- SNN.cpp - C API of snn-mlir -----------------------------------------===//

#include "snn-c/SNN.h"
#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/InitAll.h"
#include "snn/Pipelines/Pipelines.h"
#include "snn/Runner/Runner.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
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

/// Registers the passes and pipelines in the process-wide registry, once.
static void registerPassesOnce() {
  static std::once_flag registered;
  std::call_once(registered, registerAllSNNPasses);
}

SNNContext snnContextCreate(void) {
  registerPassesOnce();
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
  std::string parseError;
  llvm::raw_string_ostream parseOs(parseError);
  DiagnosticCapture diagnostics(*module);
  if (failed(parseModulePassPipeline(pipeline, pm, parseOs))) {
    // The diagnostics of the parser (a pass on the wrong operation, say),
    // then what it printed.
    std::string message = diagnostics.str().str();
    StringRef printed = StringRef(parseError).rtrim();
    if (!message.empty() && !printed.empty())
      message += "\n";
    setError(error, message + printed.str(), "invalid pass pipeline");
    return false;
  }
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

char *snnPassAnchor(const char *pass, char **error) {
  clearError(error);
  registerPassesOnce();
  const PassInfo *info = PassInfo::lookup(pass);
  if (!info) {
    setError(error, llvm::formatv("'{0}' is not a registered pass", pass).str());
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

//===----------------------------------------------------------------------===//
// Executables
//===----------------------------------------------------------------------===//

namespace runner = mlir::snn::runner;

struct SNNExecutableImpl {
  std::unique_ptr<runner::JitFunction> function;
  int threads;
};

SNNExecutable snnExecutableCreate(SNNModule module, const char *entry, int threads,
                                  char **error) {
  clearError(error);
  ModuleOp op = *module->module;
  llvm::Expected<runner::Signature> signature = runner::getSignature(op, entry);
  if (!signature) {
    setError(error, llvm::toString(signature.takeError()));
    return nullptr;
  }
  DiagnosticCapture diagnostics(*module);
  PassManager pm(module->getContext(), ModuleOp::getOperationName());
  SNNPipelineOptions lowering;
  lowering.parallel = threads != 1;
  runner::addLowering(op, entry, pm, lowering);
  if (failed(pm.run(op))) {
    setError(error, diagnostics.str(), "the lowering failed");
    return nullptr;
  }
  auto function = runner::JitFunction::create(op, entry, std::move(*signature));
  if (!function) {
    setError(error, llvm::toString(function.takeError()));
    return nullptr;
  }
  return new SNNExecutableImpl{std::move(*function), threads};
}

void snnExecutableDestroy(SNNExecutable executable) { delete executable; }

size_t snnExecutableGetNumArguments(SNNExecutable executable) {
  return executable->function->getSignature().arguments.size();
}

size_t snnExecutableGetNumResults(SNNExecutable executable) {
  return executable->function->getSignature().results.size();
}

static SNNArray describeSpec(const runner::TensorSpec &spec) {
  return SNNArray{nullptr, spec.layout.descr.c_str(), spec.shape.size(), spec.shape.data(),
                  nullptr};
}

SNNArray snnExecutableGetArgumentType(SNNExecutable executable, size_t index) {
  return describeSpec(executable->function->getSignature().arguments[index]);
}

SNNArray snnExecutableGetResultType(SNNExecutable executable, size_t index) {
  return describeSpec(executable->function->getSignature().results[index]);
}

/// Views of the caller's `arrays`, each checked by `check` against its spec.
static llvm::Error viewArrays(ArrayRef<SNNArray> arrays, ArrayRef<runner::TensorSpec> specs,
                              decltype(&runner::checkInput) check,
                              SmallVectorImpl<runner::ArrayView> &views) {
  for (auto [i, array] : llvm::enumerate(arrays)) {
    views.push_back({array.typestr ? array.typestr : "",
                     ArrayRef<int64_t>(array.shape, array.rank), array.data});
    if (llvm::Error failure = check(views.back(), specs[i], i, array.name ? array.name : ""))
      return failure;
  }
  return llvm::Error::success();
}

bool snnExecutableRun(SNNExecutable executable, const SNNArray *arguments,
                      size_t numArguments, const SNNArray *results, size_t numResults,
                      char **error) {
  clearError(error);
  const runner::Signature &signature = executable->function->getSignature();
  if (numArguments != signature.arguments.size() || numResults != signature.results.size()) {
    setError(error, llvm::formatv("the function takes {0} arguments and returns {1} results, "
                                  "but {2} and {3} arrays were given",
                                  signature.arguments.size(), signature.results.size(),
                                  numArguments, numResults)
                        .str());
    return false;
  }
  auto run = [&]() -> llvm::Error {
    SmallVector<runner::ArrayView> inputs, outputs;
    if (llvm::Error failure = viewArrays(ArrayRef(arguments, numArguments),
                                         signature.arguments, runner::checkInput, inputs))
      return failure;
    if (llvm::Error failure = viewArrays(ArrayRef(results, numResults), signature.results,
                                         runner::checkOutput, outputs))
      return failure;
    if (executable->threads > 1)
      runner::setThreads(executable->threads);
    return executable->function->call(inputs, outputs);
  };
  if (llvm::Error failure = run()) {
    setError(error, llvm::toString(std::move(failure)));
    return false;
  }
  return true;
}

void snnStringFree(char *string) { std::free(string); }
