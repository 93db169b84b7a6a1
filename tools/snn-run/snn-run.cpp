//===- snn-run.cpp - JIT-compile and run an snn function -------------------===//
//
// Reads an snn module, lowers it with the snn-to-llvm pipeline (after an
// optional user pipeline such as a schedule), JIT-compiles it with MLIR's
// ExecutionEngine and calls one function on .npy inputs, writing .npy
// outputs. Arguments and results of the function must be tensors. The
// runner itself (snn/Runner/Runner.h) is the C API's too: this tool adds the
// files, the command line and the timings.
//
//===----------------------------------------------------------------------===//

#include "Npy.h"
#include "snn/InitAll.h"
#include "snn/Pipelines/Pipelines.h"
#include "snn/Runner/Runner.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <thread>

using namespace mlir;
namespace runner = mlir::snn::runner;
using llvm::cl::opt;
using llvm::Error;
using llvm::Twine;
namespace cl = llvm::cl;

/// --help lists the options of these two categories (and --help itself):
/// snn-run's own and those of MLIR it applies, not the hundreds of back-end
/// options libLLVM registers (they stay usable).
static cl::OptionCategory runnerCategory("snn-run options");
static cl::OptionCategory mlirCategory("MLIR options");

static opt<std::string> inputFile(cl::Positional, cl::desc("<module.mlir>"), cl::Required,
                                  cl::cat(runnerCategory));
static opt<std::string> entry("entry", cl::desc("Function to run"), cl::init("main"),
                              cl::cat(runnerCategory));
static cl::list<std::string> inputs("input",
                                    cl::desc("A .npy file per function argument, in order"),
                                    cl::cat(runnerCategory));
static cl::list<std::string> outputs("output",
                                     cl::desc("A .npy file per function result, in order"),
                                     cl::cat(runnerCategory));
static opt<std::string> passPipeline(
    "pass-pipeline",
    cl::desc("Passes to run before lowering, e.g. "
             "'builtin.module(snn-auto-schedule{hardware=hw.json})' or "
             "'func.func(snn-set-schedule{mode=tb-f})'"),
    cl::cat(runnerCategory));
static opt<unsigned> repeat("repeat", cl::desc("Call the function N times"), cl::init(1),
                            cl::cat(runnerCategory));
static opt<bool> packSpikes(
    "pack-spikes",
    cl::desc("Store the spike buffers the code allocates one bit per spike (default; "
             "false: one byte per spike)"),
    cl::init(true), cl::cat(runnerCategory));
static opt<bool> printTiming("print-timing", cl::desc("Print compile and run times to stderr"),
                             cl::cat(runnerCategory));
static constexpr const char *kThreadsHelp =
    "Threads sharing the parallel loops (default 0: one per hardware thread); the "
    "results are the same for any number";

/// --threads. libLLVM 22 already registers an undocumented `int` option of
/// that name, which a second registration would collide with: document and
/// read that one, or register it where it does not exist.
static cl::opt<int> &threadsOption() {
  static cl::opt<int> *option = [] {
    auto &registered = cl::getRegisteredOptions();
    auto it = registered.find("threads");
    if (it == registered.end())
      return new cl::opt<int>("threads", cl::desc(kThreadsHelp), cl::init(0),
                              cl::cat(runnerCategory));
    auto *existing = static_cast<cl::opt<int> *>(it->second);
    existing->setDescription(kThreadsHelp);
    existing->setValueStr("N");
    existing->addCategory(runnerCategory);
    return existing;
  }();
  return *option;
}

namespace {
using Clock = std::chrono::steady_clock;
double millis(Clock::time_point from) {
  return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
}

/// Prints `message` as snn-run's one-line error and returns the exit code.
int fail(const Twine &message) {
  llvm::errs() << "snn-run: error: " << message << "\n";
  return 1;
}
int fail(Error error) { return fail(llvm::toString(std::move(error))); }
} // namespace

/// Registers the options of the MLIR context, the pass manager
/// (--mlir-print-ir-after-all, ...), its timing (--mlir-timing) and the IR
/// printer, and files them under mlirCategory: they have no category of
/// their own.
static void registerMLIROptions() {
  llvm::StringSet<> before;
  for (auto &option : cl::getRegisteredOptions())
    before.insert(option.first);
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  registerAsmPrinterCLOptions();
  for (auto &option : cl::getRegisteredOptions())
    if (!before.contains(option.first))
      option.second->addCategory(mlirCategory);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  snn::registerAllSNNPasses();
  registerMLIROptions();
  cl::opt<int> &threads = threadsOption();
  cl::HideUnrelatedOptions({&runnerCategory, &mlirCategory});
  cl::ParseCommandLineOptions(argc, argv, "snn-mlir JIT runner\n");
  if (threads < 0)
    return fail("--threads must be 0 (one per hardware thread) or positive");

  DialectRegistry registry;
  snn::registerAllSNNDialects(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  auto start = Clock::now();
  std::string openError;
  auto file = openInputFile(inputFile, &openError);
  if (!file)
    return fail(openError);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  llvm::Expected<runner::Signature> signature = runner::getSignature(*module, entry);
  if (!signature)
    return fail(llvm::toString(signature.takeError()) + " in '" + inputFile + "'");
  size_t numArgs = signature->arguments.size(), numResults = signature->results.size();
  if (inputs.size() != numArgs)
    return fail("@" + entry + " takes " + Twine(numArgs) + " arguments but " +
                Twine(inputs.size()) + " --input files were given");
  if (outputs.size() != numResults)
    return fail("@" + entry + " returns " + Twine(numResults) + " results but " +
                Twine(outputs.size()) + " --output files were given");

  // The arrays the function reads and writes, and views of them.
  std::vector<snnrun::NpyArray> arrays;
  for (auto [i, path] : llvm::enumerate(inputs)) {
    llvm::Expected<snnrun::NpyArray> array = snnrun::readNpy(path);
    if (!array)
      return fail(array.takeError());
    arrays.push_back(std::move(*array));
  }
  for (const runner::TensorSpec &spec : signature->results) {
    snnrun::NpyArray &array = arrays.emplace_back();
    array.descr = spec.layout.descr;
    array.shape.assign(spec.shape.begin(), spec.shape.end());
    array.data.assign(spec.getNumElements() * spec.layout.bytes, 0);
  }
  std::vector<runner::ArrayView> views;
  for (snnrun::NpyArray &array : arrays)
    views.push_back({array.descr, array.shape, array.data.data()});
  for (auto [i, path] : llvm::enumerate(inputs))
    if (Error error = runner::checkInput(views[i], signature->arguments[i], i, path))
      return fail(std::move(error));

  // The OpenMP runtime of the parallel loops.
  runner::setThreads(threads ? threads
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));

  PassManager pm(&context);
  // --mlir-print-ir-after-all, --mlir-timing and the other pass manager
  // options.
  if (failed(applyPassManagerCLOptions(pm)))
    return fail("invalid pass manager options");
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope timingRoot = timing.getRootScope();
  pm.enableTiming(timingRoot);
  if (!passPipeline.empty() &&
      failed(snn::parseModulePassPipeline(passPipeline, pm, llvm::errs())))
    return fail("cannot parse --pass-pipeline '" + passPipeline + "'");
  // One thread: sequential code, no calls to the OpenMP runtime at all.
  snn::SNNPipelineOptions lowering;
  lowering.parallel = threads != 1;
  lowering.packSpikes = packSpikes;
  runner::addLowering(*module, entry, pm, lowering);
  if (failed(pm.run(*module)))
    return fail("lowering '" + inputFile + "' failed");
  double lowerMs = millis(start);

  start = Clock::now();
  auto function = runner::JitFunction::create(*module, entry, std::move(*signature));
  if (!function)
    return fail(function.takeError());
  double jitMs = millis(start);

  std::vector<double> runMs;
  for (unsigned r = 0; r < std::max(1u, unsigned(repeat)); ++r) {
    start = Clock::now();
    if (Error error = (*function)->call(llvm::ArrayRef(views).take_front(numArgs),
                                        llvm::ArrayRef(views).drop_front(numArgs)))
      return fail(std::move(error));
    runMs.push_back(millis(start));
  }

  for (auto [i, path] : llvm::enumerate(outputs))
    if (Error error = snnrun::writeNpy(path, arrays[numArgs + i]))
      return fail(std::move(error));

  if (printTiming) {
    double sum = 0, best = runMs.front();
    for (double ms : runMs) {
      sum += ms;
      best = std::min(best, ms);
    }
    llvm::errs() << llvm::formatv("snn-run: parse+lower {0:f1} ms, jit {1:f1} ms, run {2:f3} ms "
                      "mean / {3:f3} ms min over {4} calls\n",
                      lowerMs, jitMs, sum / runMs.size(), best, runMs.size());
  }
  return 0;
}
