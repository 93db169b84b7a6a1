//===- SNNDialect.cpp - SNN dialect registration and attributes -----------===//
//
// Registers the dialect's attributes and ops, verifies its attributes and
// the discardable attributes it owns (snn.block, snn.stateless,
// snn.hardware) wherever they appear.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/Dialect/SNN/IR/SNNAttrs.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

using namespace mlir;
using namespace mlir::snn;

#include "snn/Dialect/SNN/IR/SNNDialect.cpp.inc"
#include "snn/Dialect/SNN/IR/SNNEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "snn/Dialect/SNN/IR/SNNAttrs.cpp.inc"

void SNNDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "snn/Dialect/SNN/IR/SNNAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "snn/Dialect/SNN/IR/SNNOps.cpp.inc"
      >();
}

/// Whether `value` is a valid `snn.block`: read with getInt(), a
/// non-negative signless (or index) integer that int64_t holds.
static bool isBlockId(Attribute value) {
  auto block = dyn_cast<IntegerAttr>(value);
  return block && block.getType().isSignlessIntOrIndex() && !block.getValue().isNegative() &&
         block.getValue().getActiveBits() <= 63;
}

/// Checks a discardable attribute of the dialect: its value is `expected`
/// where `validValue`, and it sits on `places` where `validPlace`.
static LogicalResult checkAttr(Operation *op, NamedAttribute attr, bool validValue,
                               StringRef expected, bool validPlace, StringRef places) {
  if (!validValue)
    return op->emitError() << "'" << attr.getName().strref() << "' must be " << expected
                           << ", got " << attr.getValue();
  if (!validPlace)
    return op->emitError() << "'" << attr.getName().strref() << "' applies to " << places
                           << " only";
  return success();
}

LogicalResult SNNDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  StringRef name = attr.getName().strref();
  Attribute value = attr.getValue();
  if (name == BlockAttrHelper::getNameStr())
    return checkAttr(op, attr, isBlockId(value), "a non-negative integer",
                     isa<LayerOpInterface>(op), "snn layer ops");
  if (name == StatelessAttrHelper::getNameStr())
    return checkAttr(op, attr, isa<UnitAttr>(value), "a unit attribute",
                     isa<NeuronOpInterface>(op), "neuron ops");
  if (name == HardwareAttrHelper::getNameStr())
    return checkAttr(op, attr, isa<HardwareAttr>(value), "a #snn.hardware attribute",
                     isa<ModuleOp>(op), "builtin.module");
  return op->emitError() << "unknown snn attribute '" << name << "' (expected "
                         << BlockAttrHelper::getNameStr() << ", "
                         << StatelessAttrHelper::getNameStr() << " or "
                         << HardwareAttrHelper::getNameStr() << ")";
}

LogicalResult
ScheduleAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                     int64_t group, int64_t timeTile, TileAxis tileAxis,
                     int64_t tileSize, StatePlacement) {
  if (group < -1)
    return emitError() << "schedule group must be -1 (none) or non-negative, got "
                       << group;
  if (timeTile < 0)
    return emitError() << "schedule time_tile must be 0 (all steps) or positive, got "
                       << timeTile;
  if ((tileAxis == TileAxis::None) != (tileSize == 0))
    return emitError() << "schedule tile_size must be positive exactly when "
                          "tile_axis is not none";
  if (tileSize < 0)
    return emitError() << "schedule tile_size must be non-negative, got "
                       << tileSize;
  return success();
}

static bool isFiniteNonNegative(const APFloat &value) {
  return value.isFinite() && !value.isNegative();
}

LogicalResult
MemoryLevelAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                        StringRef name, MemoryKind, StringRef serves,
                        int64_t bytes, int64_t bw, APFloat readPj,
                        APFloat writePj) {
  if (name.empty())
    return emitError() << "memory level needs a name";
  if (serves.empty())
    return emitError() << "memory level '" << name << "' serves no operand";
  for (char c : serves)
    if (!StringRef("WIOV").contains(c))
      return emitError() << "memory level '" << name << "' serves unknown operand '"
                         << c << "' (expected letters of \"WIOV\")";
  if (bytes < 0)
    return emitError() << "memory level '" << name << "' has negative bytes " << bytes;
  // The cost model counts capacities in bits with int64_t.
  if (bytes > std::numeric_limits<int64_t>::max() / 8)
    return emitError() << "memory level '" << name << "' has " << bytes
                       << " bytes, more than 2^60";
  if (bw < 0)
    return emitError() << "memory level '" << name << "' has negative bandwidth " << bw;
  if (!isFiniteNonNegative(readPj) || !isFiniteNonNegative(writePj))
    return emitError() << "memory level '" << name
                       << "' needs finite, non-negative read/write energies";
  return success();
}

LogicalResult
HardwareAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                     StringRef name, int64_t macUnits, ArrayRef<int64_t> macArray,
                     APFloat pjPerOp, APFloat pjPerOpMultibit,
                     ArrayRef<MemoryLevelAttr> levels) {
  if (macUnits <= 0)
    return emitError() << "hardware '" << name << "' needs a positive mac_units";
  if (macArray.size() != 4 || llvm::any_of(macArray, [](int64_t v) { return v <= 0; }))
    return emitError() << "hardware '" << name
                       << "' needs mac_array = [K, C, OY, OX] with positive values";
  if (!isFiniteNonNegative(pjPerOp) || !isFiniteNonNegative(pjPerOpMultibit))
    return emitError() << "hardware '" << name
                       << "' needs finite, non-negative compute energies";
  if (levels.empty())
    return emitError() << "hardware '" << name << "' has no memory levels";
  if (levels.back().getKind() != MemoryKind::DRAM)
    return emitError() << "hardware '" << name
                       << "': the outermost memory level must be dram";
  for (char operand : StringRef("WIOV"))
    if (llvm::none_of(levels, [&](MemoryLevelAttr level) {
          return level.getKind() != MemoryKind::DRAM &&
                 level.getKind() != MemoryKind::Register &&
                 level.servesOperand(operand);
        }))
      return emitError() << "hardware '" << name << "': operand '" << operand
                         << "' is served by no on-chip buffer";
  return success();
}
