//===- Registration.cpp - The snn dialects in MLIR's C API ------------------===//

#include "snn-c/Dialects.h"
#include "snn/Dialect/Kernel/IR/KernelDialect.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/InitAll.h"

#include "mlir/CAPI/Registration.h"

#include <mutex>

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(SNN, snn, mlir::snn::SNNDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(SNNKernel, snn_kernel, mlir::snn::kernel::SNNKernelDialect)

void snnRegisterAllDialects(MlirDialectRegistry registry) {
  mlir::snn::registerAllSNNDialects(*unwrap(registry));
}

void snnRegisterAllPasses(void) {
  static std::once_flag registered;
  std::call_once(registered, mlir::snn::registerAllSNNPasses);
}
