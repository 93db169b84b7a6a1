//===- AnalysisEnums.td - Options of the cost model and search -*- tablegen -*-===//
//
// The enumerations the cost model and the schedule search take as options.
// They live here, with their own tablegen target, rather than in the
// dialect's SNNEnums.td: no IR attribute carries them, and the dialect need
// not know how the analyses count. Their spellings are those of the
// `accounting` and `objective` pass options and of the reports.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_ANALYSIS_ENUMS_TD
#define SNN_ANALYSIS_ENUMS_TD

include "mlir/IR/EnumAttr.td"

def SNN_Accounting : I32Enum<"Accounting",
    "how neuron state at the ends of an inference is counted", [
    // State starts at its initial value on chip and is dropped after the
    // last step, as an inference does.
    I32EnumCase<"Default", 0, "default">,
    // State is read from off-chip memory before its first use and written
    // back after its last step, as the published STEMS tool counts it.
    I32EnumCase<"Stems", 1, "stems">]> {
  let cppNamespace = "::mlir::snn";
}

def SNN_Objective : I32Enum<"Objective", "what the schedule search minimises", [
    I32EnumCase<"Energy", 0, "energy">,
    I32EnumCase<"Traffic", 1, "traffic">,
    I32EnumCase<"Latency", 2, "latency">,
    // Energy, off-chip traffic and latency, each divided by its value under
    // the plain schedule, weighted.
    I32EnumCase<"Mix", 3, "mix">]> {
  let cppNamespace = "::mlir::snn";
}

#endif // SNN_ANALYSIS_ENUMS_TD
