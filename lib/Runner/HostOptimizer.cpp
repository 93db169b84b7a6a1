//===- HostOptimizer.cpp - LLVM optimization of the JIT-compiled code -----===//

#include "HostOptimizer.h"

#include "llvm/IR/Module.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

/// `pipeline` (the text of a pass pipeline) without pass `name`.
static std::string withoutPass(StringRef pipeline, StringRef name) {
  std::string result;
  size_t pos = 0;
  while (pos < pipeline.size()) {
    size_t end = pipeline.find_first_of(",()", pos);
    if (end == StringRef::npos)
      end = pipeline.size();
    StringRef token = pipeline.slice(pos, end);
    bool drop = token == name && end < pipeline.size() && pipeline[end] == ',';
    if (!drop)
      result += pipeline.slice(pos, std::min(end + 1, pipeline.size())).str();
    pos = end + 1;
  }
  return result;
}

Error mlir::snn::runner::optimizeForHost(Module &module, TargetMachine *machine) {
  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PassInstrumentationCallbacks callbacks;
  PassBuilder builder(machine, PipelineTuningOptions(), std::nullopt, &callbacks);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);

  // The default pipeline as text, less the pass, parsed back.
  std::string text;
  raw_string_ostream os(text);
  builder.buildPerModuleDefaultPipeline(OptimizationLevel::O1)
      .printPipeline(os, [&](StringRef className) {
        StringRef name = callbacks.getPassNameForClassName(className);
        return name.empty() ? className : name;
      });
  ModulePassManager passes;
  if (Error error = builder.parsePassPipeline(passes, withoutPass(text, "indvars")))
    return error;
  passes.run(module, mam);
  return Error::success();
}
