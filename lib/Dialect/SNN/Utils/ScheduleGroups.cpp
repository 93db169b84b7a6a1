//===- ScheduleGroups.cpp - The units a schedule runs as -------------------===//

#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include "llvm/ADT/MapVector.h"

using namespace mlir;
using namespace mlir::snn;

bool mlir::snn::needsNoLoops(ScheduleAttr s) {
  return !s || (s.getGroup() < 0 && s.getTimeTile() == 0 &&
                s.getTileAxis() == TileAxis::None);
}

bool mlir::snn::joinsReaderGroup(Operation *synapse, Operation *next) {
  return isStepwiseSynapse(synapse) && *synapse->getResult(0).getUsers().begin() == next;
}

SmallVector<ScheduleGroup> mlir::snn::getScheduleGroups(Block &block) {
  llvm::MapVector<int64_t, ScheduleGroup> byId;
  SmallVector<std::pair<Operation *, ScheduleGroup>> singles;
  for (Operation &op : block) {
    if (auto group = dyn_cast<GroupOp>(op)) {
      singles.push_back({&op, {getGroupMembers(group), group.getSchedule(), group}});
      continue;
    }
    if (!isa<LayerOpInterface>(op))
      continue;
    auto schedule = getSchedule(&op);
    if (schedule && schedule.getGroup() >= 0) {
      ScheduleGroup &group = byId[schedule.getGroup()];
      group.ops.push_back(&op);
      group.schedule = schedule;
      continue;
    }
    singles.push_back({&op, {{&op}, schedule}});
  }
  // Order every group by the position of its last op.
  SmallVector<std::pair<Operation *, ScheduleGroup>> all(singles);
  for (auto &entry : byId)
    all.push_back({entry.second.ops.back(), entry.second});
  llvm::sort(all, [](const auto &a, const auto &b) {
    return a.first->isBeforeInBlock(b.first);
  });
  SmallVector<ScheduleGroup> groups;
  for (auto &entry : all)
    groups.push_back(std::move(entry.second));
  return groups;
}
