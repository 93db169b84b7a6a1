//===- Executable.cpp - JIT-compiled functions of the C API ----------------===//

#include "Diagnostics.h"

#include "snn-c/SNN.h"
#include "snn/Pipelines/Pipelines.h"
#include "snn/Runner/Runner.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::capi;

namespace runner = mlir::snn::runner;

struct SNNExecutableImpl {
  std::unique_ptr<runner::JitFunction> function;
  int threads;
};

SNNExecutable snnExecutableCreate(MlirModule module, MlirStringRef entry, int threads,
                                  char **error) {
  clearError(error);
  ModuleOp op = unwrap(module);
  StringRef name = unwrap(entry);
  llvm::Expected<runner::Signature> signature = runner::getSignature(op, name);
  if (!signature) {
    setError(error, llvm::toString(signature.takeError()));
    return nullptr;
  }
  DiagnosticCapture diagnostics(op.getContext());
  PassManager pm(op.getContext(), ModuleOp::getOperationName());
  SNNPipelineOptions lowering;
  lowering.parallel = threads != 1;
  runner::addLowering(op, name, pm, lowering);
  if (failed(pm.run(op))) {
    setError(error, diagnostics.str(), "the lowering failed");
    return nullptr;
  }
  auto function = runner::JitFunction::create(op, name, std::move(*signature));
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
