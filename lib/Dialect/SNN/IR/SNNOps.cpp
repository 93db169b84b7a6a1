//===- SNNOps.cpp - Generated op and interface definitions -----------------===//
//
// Verifiers live next to the facts about each op family: SynapseOps.cpp,
// NeuronOps.cpp and GroupOp.cpp.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::snn;

#include "snn/Dialect/SNN/IR/SNNInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "snn/Dialect/SNN/IR/SNNOps.cpp.inc"
