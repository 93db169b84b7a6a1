//===- SNNAttrs.td - SNN attributes ------------------------*- tablegen -*-===//

#ifndef SNN_ATTRS_TD
#define SNN_ATTRS_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "snn/Dialect/SNN/IR/SNNDialect.td"
include "snn/Dialect/SNN/IR/SNNEnums.td"

class SNN_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<SNN_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

/// A real number (stored as an f64 APFloat) printed in the shortest form
/// that parses back to the same bits.
class SNN_DoubleParameter<string desc, string default = "">
    : AttrParameter<"::llvm::APFloat", desc> {
  let comparator = "$_lhs.bitwiseIsEqual($_rhs)";
  let parser = [{ [&]() -> ::mlir::FailureOr<::llvm::APFloat> {
    double value;
    if ($_parser.parseFloat(value))
      return ::mlir::failure();
    return ::llvm::APFloat(value);
  }() }];
  let printer = [{ $_printer.printFloat($_self) }];
  let defaultValue = default;
}

/// An array printed and parsed in square brackets, so that it can sit inside
/// a `struct(params)` assembly format next to other comma-separated fields.
class SNN_BracketedArrayParameter<string elt, string desc>
    : ArrayRefParameter<elt, desc> {
  let parser = [{ [&]() -> ::mlir::FailureOr<::llvm::SmallVector<}] # elt # [{>> {
    ::llvm::SmallVector<}] # elt # [{> values;
    if ($_parser.parseCommaSeparatedList(::mlir::AsmParser::Delimiter::Square,
          [&]() -> ::mlir::ParseResult {
            auto value = ::mlir::FieldParser<}] # elt # [{>::parse($_parser);
            if (::mlir::failed(value))
              return ::mlir::failure();
            values.push_back(*value);
            return ::mlir::success();
          }))
      return ::mlir::failure();
    return values;
  }() }];
  let printer = [{ $_printer << '['; ::llvm::interleaveComma($_self, $_printer); $_printer << ']' }];
}

//===----------------------------------------------------------------------===//
// Schedule
//===----------------------------------------------------------------------===//

def SNN_ScheduleAttr : SNN_Attr<"Schedule", "schedule"> {
  let summary = "How an op is mapped onto time tiles, spatial tiles and fusion groups";
  let description = [{
    The decision the auto-scheduler (or a user) made for one op; the `snn-*`
    transformation passes apply it and contain no heuristics of their own.

    - `group`: ops with the same non-negative group id form one fusion group
      (they must be consecutive in the block, and every op of a group must
      carry the same `time_tile`, `tile_axis`, `tile_size` and `state`).
      `-1` (the default) means the op is not fused with anything.
    - `time_tile`: number of time steps a tile processes before the loop moves
      on to the next spatial tile; `0` (the default) means all time steps
      (time-batched), `1` means step by step.
    - `tile_axis`, `tile_size`: the output dimension split into spatial tiles
      (`rows`, `cols` of 4-D activations or `channels`) and how many output
      elements along it one tile produces; `none` means the whole layer.
    - `state`: whether the neuron state of the group stays on chip between
      time tiles (`onchip`) or is written to and re-read from off-chip memory
      (`spill`). It changes only the cost model, not the computed values.

    Example: `#snn.schedule<group = 2, time_tile = 16, tile_axis = cols, tile_size = 1>`.
  }];
  let parameters = (ins
    DefaultValuedParameter<"int64_t", "-1">:$group,
    DefaultValuedParameter<"int64_t", "0">:$time_tile,
    DefaultValuedParameter<"::mlir::snn::TileAxis", "::mlir::snn::TileAxis::None">:$tile_axis,
    DefaultValuedParameter<"int64_t", "0">:$tile_size,
    DefaultValuedParameter<"::mlir::snn::StatePlacement",
                           "::mlir::snn::StatePlacement::OnChip">:$state
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Hardware description
//===----------------------------------------------------------------------===//

def SNN_MemoryLevelAttr : SNN_Attr<"MemoryLevel", "level"> {
  let summary = "One level of the memory hierarchy";
  let description = [{
    A memory level: its `name`, `kind` (`register`, `sram`, `cache`,
    `dram`), the
    operands it `serves` (a string over the letters `W` weights, `I` input
    activations, `O` outputs, `V` neuron state), its capacity in `bytes`
    (`0` for unbounded, as for DRAM), its bandwidth in bits per cycle `bw`
    (`0` for unlimited) and the energy of reading and writing one bit.

    A `cache` is an on-chip memory the hardware fills by lines rather than
    the schedule by tiles, as a CPU's: the cost model then counts what the
    emitted code stores, in the widths it stores it, and a group whose
    buffers overflow the cache streams them through it
    (`docs/CostModel.md`, "Caches").
  }];
  let parameters = (ins
    StringRefParameter<"level name">:$name,
    "::mlir::snn::MemoryKind":$kind,
    StringRefParameter<"operands served, a subset of \"WIOV\"">:$serves,
    DefaultValuedParameter<"int64_t", "0">:$bytes,
    DefaultValuedParameter<"int64_t", "0">:$bw,
    SNN_DoubleParameter<"pJ per bit read", "::llvm::APFloat(0.0)">:$read_pj,
    SNN_DoubleParameter<"pJ per bit written", "::llvm::APFloat(0.0)">:$write_pj
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// True if this level holds operand `letter` (one of W, I, O, V).
    bool servesOperand(char letter) const { return getServes().contains(letter); }
  }];
}

def SNN_HardwareAttr : SNN_Attr<"Hardware", "hardware"> {
  let summary = "A memory hierarchy and compute array for the cost model";
  let description = [{
    The hardware the cost model evaluates schedules on: a compute array of
    `mac_units` units arranged as `mac_array` = [K, C, OY, OX] (output
    channels, input channels, output rows, output columns processed in
    parallel), the energy of one operation with 1-bit inputs (`pj_per_op`)
    and with multi-bit inputs (`pj_per_op_multibit`), and the memory `levels`
    from the innermost (registers) to the outermost (DRAM). The outermost
    level is the off-chip memory; the largest on-chip SRAM that serves every
    operand is the global buffer whose capacity limits fusion.

    It is attached to a module as `snn.hardware` or loaded from JSON in the
    form of `bench/*.hw.json` (see `docs/CostModel.md`).
  }];
  let parameters = (ins
    StringRefParameter<"hardware name">:$name,
    "int64_t":$mac_units,
    SNN_BracketedArrayParameter<"int64_t", "K, C, OY, OX unrolling">:$mac_array,
    SNN_DoubleParameter<"pJ per op with 1-bit inputs">:$pj_per_op,
    SNN_DoubleParameter<"pJ per op with multi-bit inputs">:$pj_per_op_multibit,
    SNN_BracketedArrayParameter<"::mlir::snn::MemoryLevelAttr", "memory levels, innermost first">:$levels
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // SNN_ATTRS_TD
