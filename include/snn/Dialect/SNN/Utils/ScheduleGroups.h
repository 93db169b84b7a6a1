//===- ScheduleGroups.h - The units a schedule runs as ----------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_UTILS_SCHEDULEGROUPS_H
#define SNN_DIALECT_SNN_UTILS_SCHEDULEGROUPS_H

#include "snn/Dialect/SNN/IR/SNNOps.h"

namespace mlir::snn {

/// The schedule of `op`, or null if it has none or is not a layer.
inline ScheduleAttr getSchedule(Operation *op) {
  auto layer = dyn_cast<LayerOpInterface>(op);
  return layer ? layer.getScheduleAttr() : ScheduleAttr();
}
inline void setSchedule(Operation *layer, ScheduleAttr schedule) {
  cast<LayerOpInterface>(layer).setScheduleAttr(schedule);
}
inline void removeSchedule(Operation *layer) {
  cast<LayerOpInterface>(layer).setScheduleAttr(nullptr);
}

/// Ops that run as one loop nest: a fusion group of `#snn.schedule`, an
/// `snn.group`, or a single layer op.
struct ScheduleGroup {
  /// Layer ops in block order.
  SmallVector<Operation *> ops;
  /// The group's schedule; null for an op without one (all time steps,
  /// whole layer).
  ScheduleAttr schedule;
  /// The `snn.group` op this group is, null for layer ops of the block. Its
  /// `ops` are the layer ops directly in its body: none once snn-tile-spatial
  /// has moved them into its loop over bands.
  GroupOp outlined;
};

/// True if `schedule` asks for no loop structure: no group, all time steps
/// at once, the whole layer.
bool needsNoLoops(ScheduleAttr schedule);

/// True if `synapse` is a step-wise synapse (GroupUtils.h) and `next` the op
/// that reads it: the pair runs as one unit, the synapse computed one step at
/// a time inside its reader's loop over time, so it joins its reader's
/// group. The cost model's written and plain schedules and the schedule
/// search pair ops by this rule.
bool joinsReaderGroup(Operation *synapse, Operation *next);

/// The schedule groups of the layer ops of `block`, ordered by their last op:
/// ops sharing a non-negative group id form one group, an op with any other
/// non-trivial schedule a group of its own, every other op a group of its
/// own without schedule, and an `snn.group` one group with its members
/// (`outlined` set).
SmallVector<ScheduleGroup> getScheduleGroups(Block &block);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_SCHEDULEGROUPS_H
