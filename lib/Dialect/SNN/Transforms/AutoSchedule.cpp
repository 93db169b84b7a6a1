//===- AutoSchedule.cpp - The snn-auto-schedule pass -----------------------===//

#include "snn/Analysis/ScheduleSearch.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

namespace mlir::snn {
#define GEN_PASS_DEF_SNNAUTOSCHEDULE
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;
namespace json = llvm::json;

/// Writes the schedule as attributes: trivial groups (one layer, or a synapse
/// run inside its neuron's loop, over all steps, whole) get none. Unlike
/// joinsReaderGroup, the second op of such a pair need not be the synapse's
/// reader (parallel branches: conv1, conv2, lif1, lif2): the lowering runs a
/// step-wise synapse inside its reader's loop wherever that reader is, so
/// the pair needs no attributes either.
static void writeSchedule(ArrayRef<GroupSpec> groups, int64_t steps) {
  int64_t id = 0;
  for (const GroupSpec &g : groups) {
    if (isInCycle(g.ops.front()))
      continue;  // a cycle's schedule is fixed, not written
    bool trivial = (g.schedule.timeTile == 0 || g.schedule.timeTile >= steps) &&
                   g.schedule.tileAxis == TileAxis::None &&
                   (g.ops.size() == 1 ||
                    (g.ops.size() == 2 && isStepwiseSynapse(g.ops.front())));
    for (Operation *op : g.ops) {
      if (trivial) {
        removeSchedule(op);
        continue;
      }
      const GroupSchedule &s = g.schedule;
      setSchedule(
          op, ScheduleAttr::get(op->getContext(), id, s.timeTile, s.tileAxis, s.tileSize, s.state));
    }
    if (!trivial)
      ++id;
  }
}

namespace {

struct SNNAutoSchedulePass : public snn::impl::SNNAutoScheduleBase<SNNAutoSchedulePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<HardwareAttr> hw = getHardware(module, hardware, "snn-auto-schedule");
    if (failed(hw))
      return signalPassFailure();

    json::Array reports;
    for (func::FuncOp func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      FailureOr<CostModel> model = CostModel::create(func, *hw, accounting);
      if (failed(model))
        return signalPassFailure();
      if (model->getLayers().empty())
        continue;
      SearchOptions options = makeOptions(objective, *model);
      FailureOr<SearchResult> result = searchSchedule(*model, options);
      if (failed(result))
        return signalPassFailure();
      writeSchedule(result->schedule, model->getTimeSteps());
      if (printReport || !json.empty()) {
        ScheduleReport r = report(*model, options, *result);
        if (printReport)
          r.print(llvm::outs());
        reports.push_back(r.toJSON());
      }
    }
    if (!json.empty() && failed(writeJSONFile(module, json, std::move(reports))))
      return signalPassFailure();
  }

  SearchOptions makeOptions(Objective goal, const CostModel &model) {
    SearchOptions options;
    // Without energy figures (hardware=host) every schedule costs 0 pJ:
    // minimising energy would pick any, so traffic is minimised instead.
    options.objective = goal == Objective::Energy && !model.getHardware().hasEnergies()
                            ? Objective::Traffic
                            : goal;
    options.energyWeight = energyWeight;
    options.trafficWeight = trafficWeight;
    options.latencyWeight = latencyWeight;
    options.maxGroupOps = maxGroup;
    for (Operation *op : model.getLayers())
      if (llvm::is_contained(pin, model.getLayerName(op)))
        options.pinned.insert(op);
    // Report progress on searches long enough to wonder about.
    auto start = std::chrono::steady_clock::now();
    auto lastShown = std::make_shared<int>(0);
    std::string name = model.getFunction().getSymName().str();
    options.progress = [start, lastShown, name](double done) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      int percent = int(done * 100);
      if (seconds > 1.0 && percent >= *lastShown + 10) {
        *lastShown = percent;
        llvm::errs() << llvm::formatv("snn-auto-schedule: @{0}: {1}% after {2:f1} s\n", name,
                                      percent, seconds);
      }
    };
    return options;
  }

  /// The report of a search: the schedule chosen, and the plain schedule and
  /// the best schedules without fusion, spatial or time tiles to compare.
  ScheduleReport report(const CostModel &model, const SearchOptions &options,
                        const SearchResult &result) {
    ScheduleReport r{model, options.objective, result, *model.evaluate(getPlainSchedule(model)),
                     {}};
    for (auto [name, restrict] :
         {std::pair<StringRef, int>{"without fusion", 0}, {"without spatial tiles", 1},
          {"without time tiles", 2}}) {
      SearchOptions restricted = options;
      restricted.progress = nullptr;
      restricted.allowFusion = restrict != 0;
      restricted.allowSpatialTiles = restrict != 1;
      restricted.allowTimeTiles = restrict != 2;
      // A restricted space may hold no schedule that fits: that is a finding
      // of the report, not an error.
      ScopedDiagnosticHandler quiet(&getContext(), [](Diagnostic &) { return success(); });
      FailureOr<SearchResult> other = searchSchedule(model, restricted);
      if (succeeded(other))
        r.alternatives.push_back({name, other->report});
    }
    return r;
  }
};

} // namespace
