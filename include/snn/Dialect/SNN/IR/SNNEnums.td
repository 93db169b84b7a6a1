//===- SNNEnums.td - SNN enumerations ----------------------*- tablegen -*-===//

#ifndef SNN_ENUMS_TD
#define SNN_ENUMS_TD

include "mlir/IR/EnumAttr.td"
include "snn/Dialect/SNN/IR/SNNDialect.td"

def SNN_ResetMode : I32EnumAttr<"ResetMode", "what a spike does to the membrane", [
    I32EnumAttrCase<"Subtract", 0, "subtract">,
    I32EnumAttrCase<"Zero", 1, "zero">,
    I32EnumAttrCase<"ToValue", 2, "to_value">,
    I32EnumAttrCase<"None", 3, "none">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_ResetModeAttr : EnumAttr<SNN_Dialect, SNN_ResetMode, "reset"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_ResetTiming : I32EnumAttr<"ResetTiming",
    "whether a spike resets the membrane in its own step or the next", [
    I32EnumAttrCase<"Same", 0, "same">,
    I32EnumAttrCase<"Next", 1, "next">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_ResetTimingAttr : EnumAttr<SNN_Dialect, SNN_ResetTiming, "reset_timing"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_Compare : I32EnumAttr<"Compare", "threshold comparison", [
    I32EnumAttrCase<"GT", 0, "gt">,
    I32EnumAttrCase<"GE", 1, "ge">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_CompareAttr : EnumAttr<SNN_Dialect, SNN_Compare, "compare"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_Rounding : I32EnumAttr<"Rounding",
    "how an integer neuron rounds the product of a value and a real factor", [
    I32EnumAttrCase<"Floor", 0, "floor">,
    I32EnumAttrCase<"TowardZero", 1, "toward_zero">,
    I32EnumAttrCase<"NearestEven", 2, "nearest_even">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_RoundingAttr : EnumAttr<SNN_Dialect, SNN_Rounding, "rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_Overflow : I32EnumAttr<"Overflow",
    "what an integer neuron state does with a value beyond its type", [
    I32EnumAttrCase<"Saturate", 0, "saturate">,
    I32EnumAttrCase<"Wrap", 1, "wrap">,
    I32EnumAttrCase<"SaturateSymmetric", 2, "saturate_symmetric">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_OverflowAttr : EnumAttr<SNN_Dialect, SNN_Overflow, "overflow"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_AddMode : I32EnumAttr<"AddMode", "how snn.add combines its operands", [
    I32EnumAttrCase<"Sum", 0, "sum">,
    I32EnumAttrCase<"Or", 1, "or">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_AddModeAttr : EnumAttr<SNN_Dialect, SNN_AddMode, "add_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def SNN_TileAxis : I32EnumAttr<"TileAxis", "the dimension a spatial tile splits", [
    I32EnumAttrCase<"None", 0, "none">,
    I32EnumAttrCase<"Rows", 1, "rows">,
    I32EnumAttrCase<"Cols", 2, "cols">,
    I32EnumAttrCase<"Channels", 3, "channels">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}

def SNN_StatePlacement : I32EnumAttr<"StatePlacement",
    "where the neuron state of a fusion group lives between time tiles", [
    I32EnumAttrCase<"OnChip", 0, "onchip">,
    I32EnumAttrCase<"Spill", 1, "spill">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}

def SNN_MemoryKind : I32EnumAttr<"MemoryKind", "kind of a memory level", [
    I32EnumAttrCase<"Register", 0, "register">,
    I32EnumAttrCase<"SRAM", 1, "sram">,
    I32EnumAttrCase<"DRAM", 2, "dram">,
    I32EnumAttrCase<"Cache", 3, "cache">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}

def SNN_SynapseForm : I32EnumAttr<"SynapseForm",
    "how a synapse whose input is spikes is computed", [
    I32EnumAttrCase<"Dense", 0, "dense">,
    I32EnumAttrCase<"Event", 1, "event">]> {
  let cppNamespace = "::mlir::snn";
  let genSpecializedAttr = 0;
}
def SNN_SynapseFormAttr : EnumAttr<SNN_Dialect, SNN_SynapseForm, "synapse_form"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // SNN_ENUMS_TD
