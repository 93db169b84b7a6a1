//===- PassFuzzer.cpp - Fuzz the snn passes and the lowering pipeline ------===//
//
// Structure-aware: the input's first bytes choose a pass pipeline, the rest
// drive NetworkGenerator, which writes a module of snn ops (shapes,
// attributes, parameters, schedules and the hardware description all come
// from the bytes). Modules the verifier rejects are skipped (the
// parse-verify target covers rejection); on a valid module the chosen passes
// run: snn-eliminate-state, a schedule (as generated, snn-set-schedule or
// snn-auto-schedule), snn-cost-report, snn-choose-synapse-form, and the
// lowering (snn-fuse-layers, snn-batch-time, snn-tile-spatial,
// convert-snn-to-linalg, or the whole snn-to-loops / snn-to-llvm pipeline).
// The synapse forms are chosen from a hash of the generated module, not from
// input bytes, so that the corpus and the regression inputs decode as they
// did before the event-driven form existed. What must hold:
//  - no crash or sanitizer report;
//  - a pass that fails reports an error;
//  - the IR after every pass that succeeds verifies;
//  - a schedule written by snn-set-schedule or snn-auto-schedule (on a module
//    without chaos values or schedules of its own) is applied and lowered
//    without an error;
//  - the snn-to-llvm pipeline leaves no snn op behind.
//
// SNN_FUZZ_VERBOSE=1 prints the module and the pipeline of each input.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "NetworkGenerator.h"
#include "snn/InitAll.h"
#include "snn/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace snnfuzz;

namespace {

/// Verifies the IR after every pass that succeeded (the pass manager's own
/// verifier would turn a broken pass into a plain failure).
struct VerifyAfterEachPass : public PassInstrumentation {
  void runAfterPass(Pass *pass, Operation *op) override {
    // Verifier errors go to the collector; only the result matters here.
    if (failed(verify(op))) {
      std::string text;
      llvm::raw_string_ostream os(text);
      op->print(os, OpPrintingFlags().printGenericOpForm());
      fuzzCheck(false, ("pass '" + pass->getArgument() + "' produced IR that does not verify")
                           .str(),
                text);
    }
  }
};

/// Remembers the first pass that failed.
struct RecordFailure : public PassInstrumentation {
  explicit RecordFailure(std::string &name) : name(name) {}
  void runAfterPassFailed(Pass *pass, Operation *) override {
    if (name.empty())
      name = pass->getArgument().str();
  }
  std::string &name;
};

struct Pipeline {
  /// The snn passes, then the lowering passes (empty, or a textual list).
  std::vector<std::string> passes;
  std::string lowering;
  bool toLLVM = false, toLoops = false;
  /// The pass that writes the schedule (snn-set-schedule or
  /// snn-auto-schedule), empty for the generator's own.
  std::string scheduler;

  /// The textual pipeline, anchored on the module (empty without passes).
  std::string text() const {
    std::string joined;
    for (const std::string &pass : passes)
      joined += (joined.empty() ? "" : ",") + pass;
    if (!lowering.empty())
      joined += (joined.empty() ? "" : ",") + lowering;
    return joined.empty() ? joined : "builtin.module(" + joined + ")";
  }
};

/// FNV-1a of `text`: the same value on every run and build.
uint64_t stableHash(llvm::StringRef text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text.bytes())
    hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

/// Event-driven or mixed synapse forms for two modules in three.
void chooseSynapseForms(Pipeline &p, llvm::StringRef source) {
  switch (stableHash(source) % 3) {
  case 1:
    p.passes.push_back("snn-choose-synapse-form{crossover=2 dense-crossover=2 "
                       "assume-activity=0}");
    break;
  case 2:
    p.passes.push_back("snn-choose-synapse-form{assume-activity=0.2}");
    break;
  default:
    break;
  }
}

/// Decodes the pass pipeline from the first bytes of the input.
Pipeline choosePipeline(ByteReader &in) {
  Pipeline p;
  std::vector<std::string> &passes = p.passes;
  if (in.chance(30))
    passes.push_back(std::string("snn-eliminate-state{provable=") +
                     (in.chance(80) ? "true" : "false") +
                     " narrow=" + (in.chance(80) ? "true" : "false") +
                     (in.chance(20) ? " blocks=0,1" : "") + "}");
  switch (in.range(0, 3)) {
  case 1: {
    static const char *modes[] = {"st-lbl", "tb-lbl", "st-f", "tb-f"};
    passes.push_back(std::string("func.func(snn-set-schedule{mode=") + in.pick(modes) +
                     " tile-size=" + std::to_string(in.range(1, 3)) +
                     " state=" + (in.chance(50) ? "spill" : "onchip") +
                     (in.chance(20) ? " blocks=0" : "") + "})");
    p.scheduler = "snn-set-schedule";
    break;
  }
  case 2: {
    static const char *objectives[] = {"energy", "traffic", "latency", "mix"};
    passes.push_back(std::string("snn-auto-schedule{objective=") + in.pick(objectives) +
                     " max-group=" + std::to_string(in.range(1, 6)) +
                     (in.chance(20) ? " accounting=stems" : "") + "}");
    p.scheduler = "snn-auto-schedule";
    break;
  }
  default:
    break; // the schedule the generator wrote
  }
  if (in.chance(40))
    passes.push_back(std::string("snn-cost-report{table=false accounting=") +
                     (in.chance(50) ? "default" : "stems") + "}");
  switch (in.range(0, 5)) {
  case 0:
    break;
  case 1:
    p.lowering = "snn-fuse-layers";
    break;
  case 2:
    p.lowering = "snn-fuse-layers,snn-batch-time,snn-tile-spatial";
    break;
  case 3:
    p.lowering = "snn-step-cycles,snn-fuse-layers,snn-batch-time,snn-tile-spatial,"
                 "convert-snn-to-linalg";
    break;
  case 4:
    p.toLoops = true;
    break;
  default:
    p.toLLVM = true;
    break;
  }
  return p;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  snn::registerAllSNNPasses();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096)
    return 0;
  ByteReader in(data, size);
  Pipeline pipeline = choosePipeline(in);
  GeneratorOptions options;
  options.chaos = in.chance(15);
  std::string source = generateNetwork(in, options);
  chooseSynapseForms(pipeline, source);
  std::string text = pipeline.text();
  if (verbose())
    llvm::errs() << "pipeline: " << text << (pipeline.toLoops ? " + snn-to-loops" : "")
                 << (pipeline.toLLVM ? " + snn-to-llvm" : "") << "\n"
                 << source;

  DialectRegistry registry;
  snn::registerAllSNNDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  DiagnosticCollector diags(context);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context, "generated");
  if (!module) {
    fuzzCheck(diags.sawError(), "the parser rejected a module without an error", source);
    if (verbose())
      llvm::errs() << "outcome: rejected by the verifier\n";
    return 0;
  }

  // Anchored on the module, as snn-opt's and snn-run's pass managers are
  // (a pass manager on `any` would run `builtin.module(...)` only on nested
  // modules).
  PassManager pm(&context, ModuleOp::getOperationName());
  if (!text.empty()) {
    FailureOr<OpPassManager> parsed = parsePassPipeline(text, llvm::errs());
    fuzzCheck(succeeded(parsed), "cannot parse the pipeline", text);
    static_cast<OpPassManager &>(pm) = *parsed;
  }
  if (pipeline.toLoops)
    snn::buildSNNToLoopsPipeline(pm);
  if (pipeline.toLLVM)
    snn::buildSNNToLLVMPipeline(pm);
  if (verbose()) {
    llvm::errs() << "pass manager: ";
    pm.printAsTextualPipeline(llvm::errs());
    llvm::errs() << "\n";
  }
  pm.enableVerifier(false);
  pm.addInstrumentation(std::make_unique<VerifyAfterEachPass>());
  std::string failedPass;
  pm.addInstrumentation(std::make_unique<RecordFailure>(failedPass));
  diags.reset();
  if (failed(pm.run(*module))) {
    fuzzCheck(diags.sawError(), "a pass failed without reporting an error",
              text + "\n" + source);
    // A schedule the snn passes chose themselves must be one the
    // transformations and the lowering apply (decision vs mechanism); not
    // when it was mixed with schedules the generator wrote.
    bool beforeSchedule = failedPass == pipeline.scheduler ||
                          failedPass == "snn-eliminate-state";
    bool mixed = source.find("#snn.schedule") != std::string::npos;
    fuzzCheck(pipeline.scheduler.empty() || options.chaos || mixed || beforeSchedule,
              "'" + failedPass + "' failed on the schedule " + pipeline.scheduler + " wrote",
              text + "\n" + diags.text() + "\n" + source);
    if (verbose())
      llvm::errs() << "outcome: a pass failed\n";
    return 0;
  }
  if (verbose())
    llvm::errs() << "outcome: ok\n";
  if (pipeline.toLLVM) {
    bool snnLeft = false;
    module->walk([&](Operation *op) {
      if (op->getDialect() && op->getDialect()->getNamespace() == "snn")
        snnLeft = true;
    });
    fuzzCheck(!snnLeft, "snn ops are left after snn-to-llvm", source);
  }
  return 0;
}
