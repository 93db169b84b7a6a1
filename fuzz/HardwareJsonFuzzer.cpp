//===- HardwareJsonFuzzer.cpp - Fuzz the hardware-description loader ------===//
//
// The input is JSON text for parseHardwareJSON (the loader behind
// snn-set-hardware and every `hardware=<file>` option). A description it
// accepts is attached to a small fixed network on which the cost report and
// the auto-scheduler run, so that extreme but valid figures (huge or zero
// capacities and bandwidths, huge energies) reach the cost model. What must
// hold: no crash or sanitizer report; a rejection comes with a message; a
// pass that fails reports an error.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/InitAll.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace snnfuzz;

/// Two blocks of conv + LIF, a pool and a dense layer: every operand kind,
/// state, halos and a flatten.
static const char *kNetwork = R"mlir(
func.func @net(%x: tensor<4x2x12x12xi1>, %w1: tensor<4x2x3x3xi4>, %w2: tensor<4x4x3x3xi4>,
               %w3: tensor<10x64xi8>) -> tensor<4x10xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>} : (tensor<4x2x12x12xi1>, tensor<4x2x3x3xi4>) -> tensor<4x4x12x12xi12> loc("conv1")
  %s1 = snn.lif %c1 {beta = 0.5, threshold = 4.0, state_type = i12} : (tensor<4x4x12x12xi12>) -> tensor<4x4x12x12xi1> loc("lif1")
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>} : (tensor<4x4x12x12xi1>, tensor<4x4x3x3xi4>) -> tensor<4x4x12x12xi12> loc("conv2")
  %s2 = snn.lif %c2 {beta = 0.75, threshold = 8.0, state_type = i12} : (tensor<4x4x12x12xi12>) -> tensor<4x4x12x12xi1> loc("lif2")
  %p = snn.maxpool2d %s2 {kernel = array<i64: 3, 3>} : tensor<4x4x12x12xi1> -> tensor<4x4x4x4xi1> loc("pool")
  %f = snn.flatten %p : tensor<4x4x4x4xi1> -> tensor<4x64xi1> loc("flat")
  %d = snn.dense %f, %w3 : (tensor<4x64xi1>, tensor<10x64xi8>) -> tensor<4x10xi16> loc("fc")
  %s3 = snn.lif %d {threshold = 16.0, state_type = i16, reset = #snn.reset<zero>} : (tensor<4x10xi16>) -> tensor<4x10xi1> loc("lif3")
  return %s3 : tensor<4x10xi1>
}
)mlir";

/// The passes of the pipeline below (all this target parses).
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  snn::registerSNNCostReport();
  snn::registerSNNAutoSchedule();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 16384)
    return 0;
  DialectRegistry registry;
  snn::registerAllSNNDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  DiagnosticCollector diags(context);

  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  std::string error;
  FailureOr<snn::HardwareAttr> hw = snn::parseHardwareJSON(text, &context, error);
  if (failed(hw)) {
    fuzzCheck(!error.empty(), "parseHardwareJSON failed without a message");
    if (verbose())
      llvm::errs() << "outcome: rejected: " << error << "\n";
    return 0;
  }
  fuzzCheck(error.empty(), "parseHardwareJSON succeeded with a message", error);

  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kNetwork, &context);
  fuzzCheck(static_cast<bool>(module), "the fixed network does not parse", diags.text());
  snn::SNNDialect::HardwareAttrHelper(&context).setAttr(*module, *hw);

  // The model, the search and the report of the schedule it wrote; every
  // objective in turn, chosen by the input's last byte.
  static const char *objectives[] = {"energy", "traffic", "latency", "mix"};
  std::string pipeline = std::string("builtin.module(snn-cost-report{table=false},"
                                     "snn-auto-schedule{objective=") +
                         objectives[size ? data[size - 1] % 4 : 0] +
                         "},snn-cost-report{table=false accounting=stems})";
  PassManager pm(&context, ModuleOp::getOperationName());
  FailureOr<OpPassManager> parsed = parsePassPipeline(pipeline, llvm::errs());
  fuzzCheck(succeeded(parsed), "cannot parse the pipeline");
  static_cast<OpPassManager &>(pm) = *parsed;
  diags.reset();
  bool ok = succeeded(pm.run(*module));
  if (verbose())
    llvm::errs() << "outcome: " << (ok ? "ok" : "a pass failed") << "\n";
  if (!ok)
    fuzzCheck(diags.sawError(), "a pass failed without an error", text);
  return 0;
}
