//===- snn-opt.cpp - SNN optimizer driver ---------------------------------===//

#include "snn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::snn::registerAllSNNDialects(registry);
  mlir::snn::registerAllSNNPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "snn-mlir optimizer: snn dialect passes and pipelines\n", registry));
}
