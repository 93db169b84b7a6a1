//===- SNN.td - SNN dialect umbrella -----------------------*- tablegen -*-===//

#ifndef SNN_TD
#define SNN_TD

include "snn/Dialect/SNN/IR/SNNDialect.td"
include "snn/Dialect/SNN/IR/SNNEnums.td"
include "snn/Dialect/SNN/IR/SNNAttrs.td"
include "snn/Dialect/SNN/IR/SNNInterfaces.td"
include "snn/Dialect/SNN/IR/SNNOps.td"

#endif // SNN_TD
