//===- AnalysisEnums.cpp - Options of the cost model and search ------------===//

#include "snn/Analysis/AnalysisEnums.h"

#include "llvm/ADT/StringSwitch.h"

#include "snn/Analysis/AnalysisEnums.cpp.inc"
