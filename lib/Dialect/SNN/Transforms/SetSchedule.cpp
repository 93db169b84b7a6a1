//===- SetSchedule.cpp - Write a STEMS schedule mode per block -------------===//

#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"

#include "snn/Dialect/SNN/Utils/TileGeometry.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNSETSCHEDULE
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {

/// The STEMS modes: step by step or time-batched, whole layers or fused.
struct Mode {
  bool stepwise;
  bool fused;
};

struct SNNSetSchedulePass : public snn::impl::SNNSetScheduleBase<SNNSetSchedulePass> {
  using Base::Base;

  void runOnOperation() override {
    Mode m = getMode(mode);
    // The option's values exclude TileAxis::None (Passes.td).
    TileAxis axis = tileAxis;
    MLIRContext *ctx = &getContext();
    int64_t lone = -1;
    llvm::MapVector<int64_t, SmallVector<Operation *>> blockOps;
    SNNDialect::BlockAttrHelper blockAttr(ctx);
    getOperation().walk([&](Operation *op) {
      if (!isa<LayerOpInterface>(op) || isInCycle(op))
        return;
      IntegerAttr block = blockAttr.getAttr(op);
      if (!blocks.empty() && (!block || !llvm::is_contained(blocks, block.getInt())))
        return;
      if (!m.stepwise && !m.fused) {
        removeSchedule(op);
        return;
      }
      // Blocks are groups; an op without a block is a group of its own, with
      // an id below those of blocks.
      int64_t group = block ? block.getInt() : lone--;
      ScheduleAttr s = ScheduleAttr::get(
          ctx, group < 0 ? -1 : group, m.stepwise ? 1 : 0,
          m.fused ? axis : TileAxis::None, m.fused ? tileSize : 0,
          m.stepwise ? state : StatePlacement::OnChip);
      setSchedule(op, s);
      blockOps[group].push_back(op);
    });
    // A block whose ops cannot all be tiled along the axis (a flatten, a
    // dense layer, ...) stays fused but whole.
    if (m.fused)
      for (auto &[group, ops] : blockOps)
        if (!canTile(ops, axis))
          for (Operation *op : ops) {
            auto s = getSchedule(op);
            setSchedule(op, ScheduleAttr::get(ctx, s.getGroup(), s.getTimeTile(), TileAxis::None, 0,
                                              s.getState()));
          }
  }

  static Mode getMode(ScheduleMode mode) {
    switch (mode) {
    case ScheduleMode::StLbl:
      return {true, false};
    case ScheduleMode::TbLbl:
      return {false, false};
    case ScheduleMode::StF:
      return {true, true};
    case ScheduleMode::TbF:
      return {false, true};
    }
    llvm_unreachable("unknown schedule mode");
  }

  static bool canTile(ArrayRef<Operation *> ops, TileAxis axis) {
    return succeeded(TileGeometry::compute(ops, getTileDim(axis), 1, nullptr));
  }
};

} // namespace
