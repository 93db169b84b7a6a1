//===- Runner.cpp - JIT-compiling and calling an snn function --------------===//

#include "snn/Runner/Runner.h"
#include "HostOptimizer.h"
#include "snn/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <dlfcn.h>
#include <mutex>

extern "C" void omp_set_num_threads(int);

using namespace mlir;
using namespace mlir::snn::runner;
using llvm::Error;
using llvm::Twine;

FailureOr<ElementLayout> mlir::snn::runner::getElementLayout(Type type) {
  if (type.isF32())
    return ElementLayout{"<f4", "float32", 4, 32, true, false};
  if (type.isF64())
    return ElementLayout{"<f8", "float64", 8, 64, true, false};
  auto intType = dyn_cast<IntegerType>(type);
  if (!intType || intType.getWidth() > 32)
    return failure();
  unsigned bits = intType.getWidth();
  if (bits == 1)
    return ElementLayout{"|u1", "uint8", 1, 1, false, true};
  if (bits <= 8)
    return ElementLayout{"|i1", "int8", 1, bits, false, false};
  if (bits <= 16)
    return ElementLayout{"<i2", "int16", 2, bits, false, false};
  return ElementLayout{"<i4", "int32", 4, bits, false, false};
}

std::string mlir::snn::runner::formatShape(ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

int64_t TensorSpec::getNumElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

llvm::Expected<Signature> mlir::snn::runner::getSignature(ModuleOp module, StringRef entry) {
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isExternal())
    return llvm::createStringError("no function @" + entry + " with a body");
  Signature signature;
  FunctionType type = func.getFunctionType();
  for (auto [types, specs] : {std::pair{type.getInputs(), &signature.arguments},
                              std::pair{type.getResults(), &signature.results}})
    for (Type t : types) {
      auto tensor = dyn_cast<RankedTensorType>(t);
      FailureOr<ElementLayout> layout = failure();
      if (tensor)
        layout = getElementLayout(tensor.getElementType());
      if (!tensor || !tensor.hasStaticShape() || failed(layout)) {
        std::string text;
        llvm::raw_string_ostream(text) << t;
        return llvm::createStringError("@" + entry + " has a " + text +
                                       " argument or result; the runner needs statically "
                                       "shaped tensors of i1..i32, f32 or f64");
      }
      TensorSpec spec{*layout, SmallVector<int64_t>(tensor.getShape()), ""};
      llvm::raw_string_ostream(spec.elementType) << tensor.getElementType();
      specs->push_back(std::move(spec));
    }
  return signature;
}

/// The element at `index` of a little-endian signed container.
static int64_t loadSigned(const char *data, int64_t bytes, int64_t index) {
  switch (bytes) {
  case 1:
    return static_cast<int8_t>(data[index]);
  case 2: {
    int16_t v;
    std::memcpy(&v, data + 2 * index, 2);
    return v;
  }
  default: {
    int32_t v;
    std::memcpy(&v, data + 4 * index, 4);
    return v;
  }
  }
}

/// "input #0 ('x.npy'): " or "output #1: ", the start of a message.
static std::string describe(StringRef what, unsigned index, StringRef name) {
  std::string text = (what + " #" + Twine(index)).str();
  if (!name.empty())
    text += (" ('" + name + "')").str();
  return text + ": ";
}

/// Checks the shape and dtype of `array` against `spec`; `what` is "input"
/// or "output".
static Error checkArray(const ArrayView &array, const TensorSpec &spec, bool spikeBytes,
                        StringRef what, unsigned index, StringRef name) {
  auto fail = [&](const Twine &why) {
    return llvm::createStringError(describe(what, index, name) + why);
  };
  if (ArrayRef<int64_t>(spec.shape) != array.shape)
    return fail("expected shape " + formatShape(spec.shape) + ", got " +
                formatShape(array.shape));
  if (array.descr != spec.layout.descr &&
      !(spikeBytes && spec.layout.isSpike && (array.descr == "|b1" || array.descr == "|i1")))
    return fail("expected dtype " + spec.layout.numpyName + " (storage of " + spec.elementType +
                "), got '" + array.descr + "'");
  return Error::success();
}

Error mlir::snn::runner::checkInput(const ArrayView &array, const TensorSpec &spec,
                                    unsigned index, StringRef name) {
  if (Error error = checkArray(array, spec, /*spikeBytes=*/true, "input", index, name))
    return error;
  const ElementLayout &layout = spec.layout;
  if (layout.isFloat)
    return Error::success();
  int64_t lo = layout.isSpike ? 0 : -(int64_t(1) << (layout.bits - 1));
  int64_t hi = layout.isSpike ? 1 : (int64_t(1) << (layout.bits - 1)) - 1;
  const char *data = static_cast<const char *>(array.data);
  for (int64_t i = 0, e = spec.getNumElements(); i < e; ++i) {
    int64_t v = layout.isSpike ? static_cast<unsigned char>(data[i])
                               : loadSigned(data, layout.bytes, i);
    if (v < lo || v > hi)
      return llvm::createStringError(describe("input", index, name) + "element " + Twine(i) +
                                     " is " + Twine(v) + ", outside [" + Twine(lo) + ", " +
                                     Twine(hi) + "]");
  }
  return Error::success();
}

Error mlir::snn::runner::checkOutput(const ArrayView &array, const TensorSpec &spec,
                                     unsigned index, StringRef name) {
  return checkArray(array, spec, /*spikeBytes=*/false, "output", index, name);
}

void mlir::snn::runner::addLowering(ModuleOp module, StringRef entry, OpPassManager &pm,
                                    const SNNPipelineOptions &options) {
  if (auto func = module.lookupSymbol<func::FuncOp>(entry))
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      func.setArgAttr(i, "bufferization.writable", BoolAttr::get(module.getContext(), false));
  buildSNNToLLVMPipeline(pm, options);
}

void mlir::snn::runner::setThreads(int threads) { omp_set_num_threads(threads); }

/// Once per process: LLVM's native target, and the OpenMP runtime's symbols
/// (`__kmpc_fork_call`, ...) visible to the JIT, which resolves the compiled
/// code's calls in the process's global scope. A library loaded with
/// RTLD_LOCAL (the C API under Python's ctypes) brings libomp in locally:
/// reopening it with RTLD_NOLOAD | RTLD_GLOBAL promotes it.
static void initializeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    Dl_info info;
    if (dladdr(reinterpret_cast<void *>(&omp_set_num_threads), &info) && info.dli_fname)
      dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
  });
}

llvm::Expected<std::unique_ptr<JitFunction>>
JitFunction::create(ModuleOp lowered, StringRef entry, Signature signature) {
  initializeOnce();
  // LLVM's optimizer must know the host's CPU (its vector width, its cost of
  // each instruction), as the code generator does. The code arrives
  // vectorized and unrolled into registers: -O1 (less IndVarSimplify, see
  // HostOptimizer.h) cleans up the index arithmetic, while -O3's full
  // unrolling of the short reduction loops made basic blocks the instruction
  // scheduler took seconds over (SEW-ResNet-18 prefix: JIT 6.4 s -> 2.2 s,
  // run time unchanged within noise).
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return machineBuilder.takeError();
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  // The options hold a function_ref: the callable must outlive create().
  auto optimize = [target = machine->get()](llvm::Module *m) {
    return optimizeForHost(*m, target);
  };
  ExecutionEngineOptions options;
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(lowered, options);
  if (!engine)
    return engine.takeError();
  // Code is generated lazily, at the first lookup: do it here so that the
  // first call's time is the run's alone.
  if (auto function = (*engine)->lookupPacked(entry); !function)
    return function.takeError();
  return std::unique_ptr<JitFunction>(
      new JitFunction(std::move(*engine), entry, std::move(signature)));
}

namespace {
/// The fields of a memref descriptor over a C-ordered array: allocated and
/// aligned pointer, offset, sizes, strides.
struct Descriptor {
  void *allocated, *aligned;
  int64_t offset = 0;
  SmallVector<int64_t> sizes, strides;

  Descriptor(const ArrayView &array)
      : allocated(array.data), aligned(array.data), sizes(array.shape) {
    strides.resize(sizes.size());
    int64_t stride = 1;
    for (int64_t i = static_cast<int64_t>(sizes.size()) - 1; i >= 0; --i) {
      strides[i] = stride;
      stride *= sizes[i];
    }
  }

  /// Appends pointers to the fields to a packed argument list; they stay
  /// valid while this object is not moved.
  void appendPacked(SmallVectorImpl<void *> &args) {
    args.push_back(&allocated);
    args.push_back(&aligned);
    args.push_back(&offset);
    for (int64_t &size : sizes)
      args.push_back(&size);
    for (int64_t &stride : strides)
      args.push_back(&stride);
  }
};
} // namespace

Error JitFunction::call(ArrayRef<ArrayView> arguments, ArrayRef<ArrayView> results) {
  if (arguments.size() != signature.arguments.size() ||
      results.size() != signature.results.size())
    return llvm::createStringError(
        "@" + entry + " takes " + Twine(signature.arguments.size()) + " arguments and returns " +
        Twine(signature.results.size()) + " results, called with " + Twine(arguments.size()) +
        " and " + Twine(results.size()));
  // The compiled code keeps every iN in its container sign-extended and a
  // spike as a 0/1 byte (snn-legalize-storage): NumPy's own layout, so the
  // descriptors point at the caller's arrays.
  std::vector<Descriptor> descriptors;
  descriptors.reserve(arguments.size() + results.size());
  for (ArrayRef<ArrayView> arrays : {arguments, results})
    for (const ArrayView &array : arrays)
      descriptors.emplace_back(array);
  SmallVector<void *> packed;
  for (Descriptor &descriptor : descriptors)
    descriptor.appendPacked(packed);
  return engine->invokePacked(entry, packed);
}
