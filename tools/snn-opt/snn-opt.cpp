//===- snn-opt.cpp - SNN optimizer driver ---------------------------------===//

#include "snn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

namespace mlir::snn::test {
void registerTestCostModelPass();
void registerTestFootprintPass();
} // namespace mlir::snn::test

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::snn::registerAllSNNDialects(registry);
  mlir::snn::registerAllSNNPasses();
  mlir::snn::test::registerTestCostModelPass();
  mlir::snn::test::registerTestFootprintPass();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "snn-mlir optimizer: snn dialect passes and pipelines\n", registry));
}
