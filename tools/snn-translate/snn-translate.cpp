//===- snn-translate.cpp - Format translations of snn IR ------------------===//
//
// MLIR's translation driver with the NIR translations (docs/NIR.md):
//   snn-translate --import-nir net.nir --preset snntorch --time-steps 100
//   snn-translate --export-nir net.mlir --preset snntorch -o net.nir
//
//===----------------------------------------------------------------------===//

#include "snn/Target/NIR/NIRTranslation.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  snn::nir::registerNIRTranslations();
  return mlir::failed(mlir::mlirTranslateMain(argc, argv, "snn-mlir translation tool"));
}
