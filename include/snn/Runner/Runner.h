//===- Runner.h - JIT-compiling and calling an snn function -----*- C++ -*-===//
//
// What snn-run and the C API's executables (snn-c/SNN.h) share: the
// signature of a function the runner can call (statically shaped tensors of
// i1..i32, f32 or f64), the checks of the caller's arrays against it, the
// lowering for the JIT, and the JIT-compiled function called on memref
// descriptors that point at the caller's memory.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNNER_RUNNER_H
#define SNN_RUNNER_RUNNER_H

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace mlir::snn {
struct SNNPipelineOptions;
} // namespace mlir::snn

namespace mlir::snn::runner {

/// How an element type is held in memory: the smallest byte container
/// (uint8 spikes, int8/16/32, float32/64), named as NumPy names it.
struct ElementLayout {
  /// NumPy's type string (`typestr` of the array interface), e.g. "<f4".
  std::string descr;
  /// NumPy's dtype name, e.g. "float32".
  std::string numpyName;
  int64_t bytes;
  unsigned bits;
  bool isFloat;
  bool isSpike;
};

/// The layout of `type`, or failure for an element type the runner cannot
/// hold.
FailureOr<ElementLayout> getElementLayout(Type type);

/// "(4, 2, 8)", "(3,)", "()": a shape as NumPy prints it.
std::string formatShape(ArrayRef<int64_t> shape);

/// An argument or result of a callable function: a statically shaped tensor,
/// held as a C-ordered array.
struct TensorSpec {
  ElementLayout layout;
  SmallVector<int64_t> shape;
  /// The element type, for messages ("f32").
  std::string elementType;

  int64_t getNumElements() const;
};

/// The arguments and results of the function to call.
struct Signature {
  SmallVector<TensorSpec> arguments, results;
};

/// The signature of function @`entry` of `module`: an error when it has no
/// function of that name with a body, or one whose arguments or results are
/// not statically shaped tensors of i1..i32, f32 or f64.
llvm::Expected<Signature> getSignature(ModuleOp module, StringRef entry);

/// A C-ordered array in the caller's memory.
struct ArrayView {
  /// NumPy's type string of the elements ("|u1", "<f4", ...).
  StringRef descr;
  ArrayRef<int64_t> shape;
  void *data;
};

/// Checks that `array` can be argument `index` of type `spec`: its shape, its
/// dtype (spikes may also come as "|b1" or "|i1" bytes) and that every
/// integer lies in the range of its type. Messages start with
/// "input #<index> ('<name>'): ", or "input #<index>: " when `name` is empty.
llvm::Error checkInput(const ArrayView &array, const TensorSpec &spec, unsigned index,
                       StringRef name);

/// Checks that `array` can receive result `index` of type `spec`: its shape
/// and its dtype, exactly. Messages start with "output #<index>...".
llvm::Error checkOutput(const ArrayView &array, const TensorSpec &spec, unsigned index,
                        StringRef name);

/// Prepares @`entry` of `module` for the runner and adds the lowering to
/// `pm`: the function's arguments become read-only (the compiled code never
/// writes into the caller's inputs), then the snn-to-llvm pipeline. Passes
/// already in `pm` (a schedule) run before it.
void addLowering(ModuleOp module, StringRef entry, OpPassManager &pm,
                 const SNNPipelineOptions &options);

/// Sets the threads of the OpenMP runtime that the parallel loops of the
/// compiled code run on, for calls from this thread (omp_set_num_threads).
void setThreads(int threads);

/// A function of a lowered module, JIT-compiled for the host: LLVM's -O1
/// less IndVarSimplify (see HostOptimizer.h) and aggressive code generation.
/// Independent of the module and its context once created.
class JitFunction {
public:
  /// JIT-compiles `lowered` (the output of addLowering's pipeline) and
  /// generates the code of @`entry`, whose signature before the lowering
  /// was `signature`.
  static llvm::Expected<std::unique_ptr<JitFunction>>
  create(ModuleOp lowered, StringRef entry, Signature signature);

  const Signature &getSignature() const { return signature; }

  /// Calls the function: `arguments` then `results`, as many as the
  /// signature has, each checked already (checkInput, checkOutput). The
  /// results are written into the memory of `results`.
  llvm::Error call(ArrayRef<ArrayView> arguments, ArrayRef<ArrayView> results);

private:
  JitFunction(std::unique_ptr<ExecutionEngine> engine, StringRef entry, Signature signature)
      : engine(std::move(engine)), entry(entry.str()), signature(std::move(signature)) {}

  std::unique_ptr<ExecutionEngine> engine;
  std::string entry;
  Signature signature;
};

} // namespace mlir::snn::runner

#endif // SNN_RUNNER_RUNNER_H
