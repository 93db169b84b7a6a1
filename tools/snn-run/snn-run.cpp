//===- snn-run.cpp - JIT-compile and run an snn function -------------------===//
//
// Reads an snn module, lowers it with the snn-to-llvm pipeline (after an
// optional user pipeline such as a schedule), JIT-compiles it with MLIR's
// ExecutionEngine and calls one function on .npy inputs, writing .npy
// outputs. Arguments and results of the function must be tensors.
//
//===----------------------------------------------------------------------===//

#include "HostOptimizer.h"
#include "JitRunner.h"
#include "Npy.h"
#include "snn/InitAll.h"
#include "snn/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <thread>

extern "C" void omp_set_num_threads(int);

using namespace mlir;
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

/// Adds --pass-pipeline to `pm`: a pipeline anchored on the module
/// (`builtin.module(...)`) or a bare list of passes on it.
static LogicalResult addUserPipeline(PassManager &pm, StringRef text) {
  if (!text.starts_with((pm.getOpAnchorName() + "(").str()))
    return parsePassPipeline(text, pm, llvm::errs());
  FailureOr<OpPassManager> anchored = parsePassPipeline(text, llvm::errs());
  if (failed(anchored))
    return failure();
  // `pm` has no passes yet: take the parsed ones.
  static_cast<OpPassManager &>(pm) = *anchored;
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
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
  auto func = module->lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isExternal())
    return fail("no function @" + entry + " with a body in '" + inputFile + "'");
  FunctionType type = func.getFunctionType();
  llvm::SmallVector<RankedTensorType> argTypes, resultTypes;
  for (auto [types, list] : {std::pair{type.getInputs(), &argTypes},
                             std::pair{type.getResults(), &resultTypes}})
    for (Type t : types) {
      auto tensor = dyn_cast<RankedTensorType>(t);
      if (!tensor || !tensor.hasStaticShape() ||
          failed(snnrun::getElementLayout(tensor.getElementType()))) {
        std::string text;
        llvm::raw_string_ostream(text) << t;
        return fail("@" + entry + " has a " + text +
                    " argument or result; snn-run needs statically shaped tensors "
                    "of i1..i32, f32 or f64");
      }
      list->push_back(tensor);
    }
  if (inputs.size() != argTypes.size())
    return fail("@" + entry + " takes " + Twine(argTypes.size()) + " arguments but " +
                Twine(inputs.size()) + " --input files were given");
  if (outputs.size() != resultTypes.size())
    return fail("@" + entry + " returns " + Twine(resultTypes.size()) + " results but " +
                Twine(outputs.size()) + " --output files were given");

  std::vector<snnrun::NpyArray> inputArrays;
  for (auto [i, path] : llvm::enumerate(inputs)) {
    llvm::Expected<snnrun::NpyArray> array = snnrun::readNpy(path);
    if (!array)
      return fail(array.takeError());
    if (Error error = snnrun::checkInput(*array, argTypes[i], i, path))
      return fail(std::move(error));
    inputArrays.push_back(std::move(*array));
  }

  // The caller's buffers are not the function's to overwrite.
  for (unsigned i = 0; i < argTypes.size(); ++i)
    func.setArgAttr(i, "bufferization.writable", BoolAttr::get(&context, false));

  // The OpenMP runtime of the parallel loops.
  omp_set_num_threads(threads ? threads
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
  if (!passPipeline.empty() && failed(addUserPipeline(pm, passPipeline)))
    return fail("cannot parse --pass-pipeline '" + passPipeline + "'");
  // One thread: sequential code, no calls to the OpenMP runtime at all.
  snn::SNNPipelineOptions lowering;
  lowering.parallel = threads != 1;
  lowering.packSpikes = packSpikes;
  snn::buildSNNToLLVMPipeline(pm, lowering);
  if (failed(pm.run(*module)))
    return fail("lowering '" + inputFile + "' failed");
  double lowerMs = millis(start);

  start = Clock::now();
  ExecutionEngineOptions options;
  // LLVM's optimizer must know the host's CPU (its vector width, its cost of
  // each instruction), as the code generator does. The code arrives
  // vectorized and unrolled into registers: -O1 (less IndVarSimplify, see
  // HostOptimizer.h) cleans up the index arithmetic, while -O3's full
  // unrolling of the short reduction loops made basic blocks the instruction
  // scheduler took seconds over (SEW-ResNet-18 prefix: JIT 6.4 s -> 2.2 s,
  // run time unchanged within noise).
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return fail(machineBuilder.takeError());
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return fail(machine.takeError());
  // The options hold a function_ref: the callable must outlive create().
  auto optimize = [target = machine->get()](llvm::Module *m) {
    return snnrun::optimizeForHost(*m, target);
  };
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(*module, options);
  if (!engine)
    return fail(engine.takeError());
  // Code is generated lazily, at the first lookup: do it here so that the
  // first call's time is the run's alone.
  if (auto function = (*engine)->lookupPacked(entry); !function)
    return fail(function.takeError());
  double jitMs = millis(start);

  std::vector<snnrun::MemRefArg> args;
  for (auto [i, t] : llvm::enumerate(argTypes))
    args.emplace_back(t, &inputArrays[i]);
  for (RankedTensorType t : resultTypes)
    args.emplace_back(t, nullptr);
  llvm::SmallVector<void *> packed;
  for (snnrun::MemRefArg &arg : args)
    arg.appendPacked(packed);

  std::vector<double> runMs;
  for (unsigned r = 0; r < std::max(1u, unsigned(repeat)); ++r) {
    start = Clock::now();
    if (Error error = (*engine)->invokePacked(entry, packed))
      return fail(std::move(error));
    runMs.push_back(millis(start));
  }

  for (auto [i, path] : llvm::enumerate(outputs))
    if (Error error = snnrun::writeNpy(path, args[argTypes.size() + i].toNpy()))
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
