//===- AnalysisEnums.h - Options of the cost model and search ---*- C++ -*-===//
//
// Accounting and Objective, generated from AnalysisEnums.td with their
// stringify/symbolize functions (the spellings of the pass options).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_ANALYSIS_ANALYSISENUMS_H
#define SNN_ANALYSIS_ANALYSISENUMS_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

#include "snn/Analysis/AnalysisEnums.h.inc"

#endif // SNN_ANALYSIS_ANALYSISENUMS_H
