//===- TranslateRegistration.cpp - snn-translate's NIR translations -------===//
//
// --import-nir reads a NIR file (the input buffer, binary) into snn IR;
// --export-nir writes the input module as a NIR file. Both take the preset
// and time step the neurons are discretised with. Errors are one line
// (`error: ...`) and the tool exits with status 1.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/Target/NIR/Isolation.h"
#include "snn/Target/NIR/NIRPresets.h"
#include "snn/Target/NIR/NIRTranslation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace ::snn::nir;

namespace {
/// The options of both translations. Created on registration only, so that
/// a program linking the library without calling registerNIRTranslations
/// gets no global options.
struct Options {
  llvm::cl::OptionCategory category{"NIR translation options"};
  llvm::cl::opt<std::string> preset{
      "preset", llvm::cl::desc("the exporting framework's discretisation (docs/NIR.md)"),
      llvm::cl::init(kDefaultPreset.str()), llvm::cl::cat(category)};
  llvm::cl::opt<double> dt{"dt", llvm::cl::desc("time step in seconds (default: the preset's)"),
                           llvm::cl::cat(category)};
  llvm::cl::opt<int64_t> timeSteps{"time-steps",
                                   llvm::cl::desc("the leading (time) dimension of every tensor"),
                                   llvm::cl::init(100), llvm::cl::cat(category)};
  llvm::cl::opt<std::string> reset{
      "reset", llvm::cl::desc("override the preset's reset: subtract, zero, to_value, none"),
      llvm::cl::cat(category)};
  llvm::cl::opt<std::string> resetTiming{
      "reset-timing", llvm::cl::desc("override the preset's reset timing: same, next"),
      llvm::cl::cat(category)};
  llvm::cl::opt<std::string> inputType{
      "input-type", llvm::cl::desc("element type of the inputs: f32 or i1 (spikes)"),
      llvm::cl::cat(category)};
  llvm::cl::opt<std::string> isolate{
      "isolate",
      llvm::cl::ValueOptional,
      llvm::cl::value_desc("seconds"),
      llvm::cl::desc("import in a child process with this time limit (default 60; "
                     "0: in this process)"),
      llvm::cl::init("60"),
      llvm::cl::cat(category)};

  template <typename T> std::optional<T> given(const llvm::cl::opt<T> &option) const {
    return option.getNumOccurrences() ? std::optional<T>(option.getValue()) : std::nullopt;
  }
};
} // namespace

static Options &getOptions() {
  static Options options;
  return options;
}

/// Prints a one-line `error: ...` (a NIR file has no source locations to
/// show), as LLVM's tools print their errors. Control characters (from a
/// node name, say) are escaped so that the error stays on one line.
static void report(llvm::Error err) {
  std::string message;
  for (char c : llvm::toString(std::move(err))) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      message += llvm::formatv("\\x{0:x-2}", static_cast<unsigned char>(c)).str();
    else
      message += c;
  }
  llvm::WithColor::error(llvm::errs()) << message << "\n";
}

static OwningOpRef<Operation *> importTranslation(const std::shared_ptr<llvm::SourceMgr> &sources,
                                                  MLIRContext *context) {
  const Options &cl = getOptions();
  ImportOptions options;
  options.preset = cl.preset;
  options.dt = cl.given(cl.dt);
  options.timeSteps = cl.timeSteps;
  options.reset = cl.given(cl.reset);
  options.resetTiming = cl.given(cl.resetTiming);
  options.inputType = cl.given(cl.inputType);
  unsigned seconds = 0;
  llvm::StringRef isolate = cl.isolate.getValue();
  if (isolate.empty())
    isolate = "60"; // a bare --isolate
  if (isolate.getAsInteger(10, seconds)) {
    report(llvm::createStringError("--isolate takes whole seconds, got '" + isolate + "'"));
    return nullptr;
  }
  const llvm::MemoryBuffer *input = sources->getMemoryBuffer(sources->getMainFileID());
  llvm::StringRef bytes = input->getBuffer();
  llvm::StringRef name = input->getBufferIdentifier();
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      seconds
          ? importNIRBytesIsolated({bytes.data(), bytes.size()}, name, options, *context, seconds)
          : importNIRBytes({bytes.data(), bytes.size()}, name, options, *context);
  if (!module) {
    report(module.takeError());
    return nullptr;
  }
  return OwningOpRef<Operation *>(module->release());
}

static LogicalResult exportTranslation(Operation *op, llvm::raw_ostream &output) {
  const Options &cl = getOptions();
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    return op->emitError("--export-nir translates a module");
  ExportOptions options;
  options.preset = cl.preset;
  options.dt = cl.given(cl.dt);
  options.reset = cl.given(cl.reset);
  options.resetTiming = cl.given(cl.resetTiming);
  llvm::Expected<Graph> graph = exportNIR(module, options);
  llvm::Expected<std::string> bytes =
      graph ? writeNIR(*graph) : llvm::Expected<std::string>(graph.takeError());
  if (!bytes) {
    report(bytes.takeError());
    return failure();
  }
  output << *bytes;
  return success();
}

void ::snn::nir::registerNIRTranslations() {
  getOptions();
  static TranslateToMLIRRegistration importNIR(
      "import-nir", "NIR file (HDF5) to snn IR", importTranslation, [](DialectRegistry &registry) {
        registry.insert<mlir::snn::SNNDialect, arith::ArithDialect, func::FuncDialect>();
      });
  static TranslateFromMLIRRegistration exportNIR(
      "export-nir", "snn IR to a NIR file (HDF5)", exportTranslation,
      [](DialectRegistry &registry) {
        registry.insert<mlir::snn::SNNDialect, arith::ArithDialect, func::FuncDialect>();
      });
}
