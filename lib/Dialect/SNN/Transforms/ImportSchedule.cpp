//===- ImportSchedule.cpp - Copy schedules from another module by name ----===//
//
// Moves the `#snn.schedule` of every layer of a scheduled module (typically a
// full-size network planned by snn-auto-schedule) onto the layer of the same
// name location in this module (its reduced copy), fitting time and spatial
// tile sizes to the smaller extents. The rules are in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"
#include "snn/Dialect/SNN/Utils/TileGeometry.h"

#include "mlir/Parser/Parser.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNIMPORTSCHEDULE
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {

/// The layer ops of a module in walk order, by name location.
struct Layers {
  SmallVector<Operation *> ops;
  SmallVector<StringRef> names;
  llvm::StringMap<Operation *> byName;
};

/// A tile of `value` elements of an extent `full` moved to an extent
/// `reduced`: one tile of everything stays one tile of everything, a tile
/// smaller than the new extent is kept, any other is scaled by reduced/full
/// (rounded to nearest, ties to even) and kept below the new extent so that
/// there are still several tiles. Returns the new value and why it changed
/// (empty if it did not).
std::pair<int64_t, std::string> fitTile(int64_t value, int64_t full, int64_t reduced) {
  if (value >= full) {
    if (value == reduced)
      return {value, ""};
    return {reduced, llvm::formatv("one tile of all {0} -> all {1}", full, reduced).str()};
  }
  if (value < reduced)
    return {value, ""};
  if (reduced == 1)
    return {1, "extent 1: only tiles of 1"};
  int64_t num = value * reduced, scaled = num / full, rest = num % full;
  if (2 * rest > full || (2 * rest == full && scaled % 2 == 1))
    ++scaled;
  scaled = std::clamp<int64_t>(scaled, 1, reduced - 1);
  return {scaled,
          llvm::formatv("tiles of {0} of {1}: scaled to keep several of {2}", value, full, reduced)
              .str()};
}

/// The names of the layer ops whose results `op` reads, `<input>` for any
/// other value (arguments, constants).
std::string producerNames(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "(";
  llvm::interleaveComma(op->getOperands(), os, [&](Value v) {
    Operation *def = v.getDefiningOp();
    auto name = def && isa<LayerOpInterface>(def) ? dyn_cast<NameLoc>(def->getLoc()) : NameLoc();
    os << (name ? name.getName().strref() : StringRef("<input>"));
  });
  os << ")";
  return text;
}

/// `compute()`, its first error caught in `problem` instead of reported
/// (after `file:line:col: ` with `withPosition`, if it has one).
template <typename Fn>
auto firstError(MLIRContext *ctx, std::string &problem, bool withPosition, Fn compute) {
  ScopedDiagnosticHandler capture(ctx, [&](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Error || !problem.empty())
      return success();
    llvm::raw_string_ostream os(problem);
    auto file = diag.getLocation()->findInstanceOf<FileLineColLoc>();
    if (withPosition && file)
      os << file.getFilename().strref() << ":" << file.getLine() << ":" << file.getColumn() << ": ";
    os << diag.str();
    return success();
  });
  return compute();
}

struct SNNImportSchedulePass : public snn::impl::SNNImportScheduleBase<SNNImportSchedulePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (from.empty()) {
      emitError(module.getLoc()) << "snn-import-schedule needs from=<scheduled.mlir>";
      return signalPassFailure();
    }
    OwningOpRef<ModuleOp> source = parseFrom(module);
    if (!source)
      return signalPassFailure();
    std::string fromWhat = "the scheduled module " + from;
    std::optional<Layers> full = collectLayers(*source, module, fromWhat);
    std::optional<Layers> reduced = collectLayers(module, module, "this module");
    if (!full || !reduced || failed(matchLayers(module, *full, *reduced)) ||
        failed(importSchedules(module, *full, *reduced)))
      return signalPassFailure();
  }

  /// `from` parsed and verified in this context; diagnostics go to `module`.
  OwningOpRef<ModuleOp> parseFrom(ModuleOp module) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file = llvm::MemoryBuffer::getFile(from);
    if (!file) {
      emitError(module.getLoc()) << "cannot read " << from << ": " << file.getError().message();
      return nullptr;
    }
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(*file), llvm::SMLoc());
    std::string problem;
    OwningOpRef<ModuleOp> source = firstError(&getContext(), problem, /*withPosition=*/true, [&] {
      return parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&getContext()));
    });
    if (!source)
      emitError(module.getLoc()) << "cannot parse " << from << ": " << problem;
    return source;
  }

  /// The layer ops of `root` with their names; errors for snn.group ops,
  /// layers without a name location and names used twice (on `module` when
  /// they concern no single op).
  std::optional<Layers> collectLayers(ModuleOp root, ModuleOp module, StringRef what) {
    Layers layers;
    bool ok = true;
    root.walk([&](Operation *op) {
      if (isa<GroupOp>(op)) {
        op->emitError() << "snn.group in " << what
                        << ": import schedules before snn-fuse-layers applies them";
        ok = false;
      } else if (isa<LayerOpInterface>(op) && !isInCycle(op)) {
        layers.ops.push_back(op);
      }
    });
    if (!ok)
      return std::nullopt;
    if (layers.ops.empty()) {
      emitError(module.getLoc()) << what << " has no snn layers";
      return std::nullopt;
    }
    if (llvm::none_of(layers.ops, [](Operation *op) { return isa<NameLoc>(op->getLoc()); })) {
      emitError(module.getLoc()) << what << " has no name locations (layers are matched by "
                                 << "loc(\"name\"); print it with snn-opt --mlir-print-debuginfo)";
      return std::nullopt;
    }
    for (Operation *op : layers.ops) {
      auto name = dyn_cast<NameLoc>(op->getLoc());
      if (!name) {
        op->emitError() << "'" << op->getName() << "' in " << what
                        << " has no name location: layers are matched by loc(\"name\")";
        ok = false;
        continue;
      }
      layers.names.push_back(name.getName().strref());
      if (!layers.byName.try_emplace(name.getName().strref(), op).second) {
        op->emitError() << "two layers of " << what << " are named '" << name.getName().strref()
                        << "'";
        ok = false;
      }
    }
    if (!ok)
      return std::nullopt;
    return layers;
  }

  /// Both modules have the same layers in the same order, of the same kinds,
  /// reading the same layers, with results of the same ranks.
  LogicalResult matchLayers(ModuleOp module, const Layers &full, const Layers &reduced) {
    bool ok = true;
    for (auto [name, op] : llvm::zip(full.names, full.ops))
      if (!reduced.byName.contains(name)) {
        emitError(module.getLoc()) << "layer '" << name << "' (" << op->getName() << ") of " << from
                                   << " is not in this module";
        ok = false;
      }
    for (auto [name, op] : llvm::zip(reduced.names, reduced.ops))
      if (!full.byName.contains(name)) {
        op->emitError() << "layer '" << name << "' is not in " << from;
        ok = false;
      }
    if (!ok)
      return failure();
    for (auto [index, a, b] : llvm::enumerate(full.ops, reduced.ops)) {
      StringRef name = reduced.names[index];
      if (full.names[index] != name) {
        b->emitError() << "layer '" << name << "' is layer " << index << " here but layer "
                       << llvm::find(full.names, name) - full.names.begin() << " in " << from
                       << ": the layers must be in the same order";
        return failure();
      }
      if (a->getName() != b->getName()) {
        b->emitError() << "layer '" << name << "' is '" << b->getName() << "' here but '"
                       << a->getName() << "' in " << from;
        ok = false;
        continue;
      }
      std::string readsA = producerNames(a), readsB = producerNames(b);
      if (readsA != readsB) {
        b->emitError() << "layer '" << name << "' reads " << readsB << " here but " << readsA
                       << " in " << from;
        ok = false;
        continue;
      }
      int64_t rankA = cast<RankedTensorType>(a->getResult(0).getType()).getRank();
      int64_t rankB = cast<RankedTensorType>(b->getResult(0).getType()).getRank();
      if (rankA != rankB) {
        b->emitError() << "layer '" << name << "' has a result of rank " << rankB << " here but "
                       << rankA << " in " << from;
        ok = false;
      }
    }
    return success(ok);
  }

  /// Writes the schedule of every group of the scheduled module on the same
  /// layers of `module`, fitted to their extents, and removes the schedule of
  /// layers that have none there.
  LogicalResult importSchedules(ModuleOp module, const Layers &full, const Layers &reduced) {
    llvm::SetVector<Block *> blocks;
    for (Operation *op : full.ops)
      blocks.insert(op->getBlock());
    for (Operation *op : reduced.ops)
      removeSchedule(op);
    bool any = false;
    for (Block *block : blocks)
      for (ScheduleGroup &group : getScheduleGroups(*block)) {
        if (!group.schedule)
          continue;
        any = true;
        SmallVector<Operation *> ops;
        for (Operation *op : group.ops) {
          if (getSchedule(op) != group.schedule) {
            op->emitError() << "fusion group " << group.schedule.getGroup() << " of " << from
                            << ": '" << nameOf(op) << "' and '" << nameOf(group.ops.back())
                            << "' have different schedules";
            return failure();
          }
          ops.push_back(reduced.byName.lookup(nameOf(op)));
        }
        FailureOr<ScheduleAttr> fitted = fit(group.schedule, group.ops.back(), ops);
        if (failed(fitted))
          return failure();
        for (Operation *op : ops)
          setSchedule(op, *fitted);
      }
    if (!any) {
      emitError(module.getLoc()) << from
                                 << " has no #snn.schedule attributes (run snn-auto-schedule "
                                 << "on it first)";
      return failure();
    }
    return success();
  }

  static StringRef nameOf(Operation *op) { return cast<NameLoc>(op->getLoc()).getName().strref(); }

  /// `schedule` of a group whose last op is `fullAnchor`, fitted to the
  /// extents of the same layers `ops` of this module (the last op of a group
  /// is the one whose result its spatial tiles cut). A remark on the first of
  /// `ops` reports each adjustment.
  FailureOr<ScheduleAttr> fit(ScheduleAttr schedule, Operation *fullAnchor,
                              ArrayRef<Operation *> ops) {
    std::string where = nameOf(ops.front()).str();
    if (ops.size() > 1)
      where += (".." + nameOf(ops.back())).str();
    auto shape = [](Operation *op) {
      return cast<RankedTensorType>(op->getResult(0).getType()).getShape();
    };
    ArrayRef<int64_t> fullShape = shape(fullAnchor), reducedShape = shape(ops.back());
    // The tile `value` of `field` along tensor dimension `dim`, fitted.
    auto fitField = [&](StringRef field, int64_t value, unsigned dim, const Twine &extent) {
      auto [fitted, why] = fitTile(value, fullShape[dim], reducedShape[dim]);
      if (!why.empty())
        emitRemark(ops.front()->getLoc())
            << where << ": " << field << " " << value << " -> " << fitted << " (" << extent << " "
            << fullShape[dim] << " -> " << reducedShape[dim] << ": " << why << ")";
      return fitted;
    };
    int64_t timeTile = schedule.getTimeTile();
    if (timeTile > 0)
      timeTile = fitField("time_tile", timeTile, 0, "time steps");
    int64_t tileSize = schedule.getTileSize();
    TileAxis axis = schedule.getTileAxis();
    unsigned dim = axis == TileAxis::None ? 0 : getTileDim(axis) + 1;
    if (axis != TileAxis::None) {
      if (reducedShape.size() <= dim) {
        ops.back()->emitError() << where << ": a result of rank " << reducedShape.size()
                                << " cannot be tiled along " << stringifyTileAxis(axis);
        return failure();
      }
      tileSize = fitField("tile_size", tileSize, dim,
                          stringifyTileAxis(axis) + " of " + nameOf(ops.back()));
    }
    auto fitted = ScheduleAttr::get(&getContext(), schedule.getGroup(), timeTile, axis, tileSize,
                                    schedule.getState());
    // The bands must still be legal here, as snn-tile-spatial decides.
    if (axis != TileAxis::None) {
      std::string problem;
      if (failed(firstError(&getContext(), problem, /*withPosition=*/false, [&] {
            return TileGeometry::compute(ops, dim - 1, tileSize, ops.back());
          }))) {
        ops.back()->emitError() << where << ": the imported schedule " << fitted
                                << " does not apply here: " << problem;
        return failure();
      }
    }
    return fitted;
  }
};

} // namespace
