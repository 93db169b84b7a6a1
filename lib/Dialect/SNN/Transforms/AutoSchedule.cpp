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

/// "16 steps per tile, column bands of 1, state on chip" for a group.
static std::string inWords(const GroupSchedule &s, int64_t steps) {
  std::string text = s.timeTile == 0 || s.timeTile >= steps
                         ? "all " + std::to_string(steps) + " steps per tile"
                         : std::to_string(s.timeTile) + " step(s) per tile, state " +
                               (s.state == StatePlacement::OnChip ? "kept on chip"
                                                                  : "spilled off chip") +
                               " between tiles";
  if (s.tileAxis == TileAxis::None)
    return text + ", whole layers";
  return text + ", bands of " + std::to_string(s.tileSize) + " " +
         (s.tileAxis == TileAxis::Channels ? "channel(s)"
                                           : stringifyTileAxis(s.tileAxis).str());
}

/// Writes the schedule as attributes: trivial groups (one layer, or a synapse
/// run inside its neuron's loop, over all steps, whole) get none.
static void writeSchedule(ArrayRef<GroupSpec> groups, int64_t steps) {
  int64_t id = 0;
  for (const GroupSpec &g : groups) {
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

static json::Object costJSON(const CostReport &r) {
  return json::Object{{"offchip_bytes", (r.dramBits().total() + 7) / 8},
                      {"energy_pj", r.energy().total()},
                      {"latency_cycles", r.latencyCycles()},
                      {"fits", r.feasible()}};
}

namespace {

struct SNNAutoSchedulePass : public snn::impl::SNNAutoScheduleBase<SNNAutoSchedulePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<HardwareAttr> hw = getHardware(module, hardware, "snn-auto-schedule");
    if (failed(hw))
      return signalPassFailure();
    std::optional<Accounting> mode = symbolizeAccounting(accounting);
    std::optional<Objective> goal = symbolizeObjective(objective);
    if (!mode || !goal) {
      module.emitError() << "snn-auto-schedule: accounting must be default or stems and "
                            "objective energy, traffic, latency or mix";
      return signalPassFailure();
    }

    json::Array reports;
    for (func::FuncOp func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      FailureOr<CostModel> model = CostModel::create(func, *hw, *mode);
      if (failed(model))
        return signalPassFailure();
      if (model->getLayers().empty())
        continue;
      SearchOptions options = makeOptions(*goal, *model);
      FailureOr<SearchResult> result = searchSchedule(*model, options);
      if (failed(result))
        return signalPassFailure();
      writeSchedule(result->schedule, model->getTimeSteps());
      if (printReport || !json.empty())
        reports.push_back(report(*model, options, *result));
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

  /// Prints the report (if asked) and returns its JSON.
  json::Value report(const CostModel &model, const SearchOptions &options,
                     const SearchResult &result) {
    CostReport plain = *model.evaluate(getPlainSchedule(model));
    std::vector<std::pair<StringRef, CostReport>> alternatives;
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
        alternatives.push_back({name, other->report});
    }
    const CostReport &best = result.report;
    int64_t steps = model.getTimeSteps();
    if (printReport) {
      llvm::raw_ostream &os = llvm::outs();
      os << llvm::formatv("snn-auto-schedule @{0} on {1}, objective {2}, accounting {3}: "
                          "{4} group schedules evaluated in {5:f3} s\n",
                          best.network, best.hardware, stringifyObjective(options.objective),
                          stringifyAccounting(best.accounting), result.evaluated,
                          result.seconds);
      for (auto [i, g] : llvm::enumerate(result.schedule))
        os << llvm::formatv("  group {0,3}: {1} .. {2} ({3} ops): {4}\n", i,
                            model.getLayerName(g.ops.front()),
                            model.getLayerName(g.ops.back()), g.ops.size(),
                            inWords(g.schedule, steps));
      auto line = [&](StringRef what, const CostReport &r) {
        os << llvm::formatv("  {0,-28} off-chip {1,14:N} B  energy {2,12:f3} uJ  latency "
                            "{3,10:e2} cycles{4}\n",
                            what, (r.dramBits().total() + 7) / 8, r.energy().total() * 1e-6,
                            r.latencyCycles(), r.feasible() ? "" : "  (does not fit)");
      };
      line("chosen", best);
      line("plain (layer by layer)", plain);
      for (auto &[name, r] : alternatives)
        line("best " + name.str(), r);
      os << llvm::formatv("  {0,-28} off-chip {1,14:N} B  (chosen / bound = {2:f3})\n",
                          "lower bound", (best.lowerBoundBits + 7) / 8,
                          double(best.dramBits().total()) / best.lowerBoundBits);
    }
    json::Array groups;
    for (const GroupSpec &g : result.schedule)
      groups.push_back(json::Object{{"first", model.getLayerName(g.ops.front())},
                                    {"last", model.getLayerName(g.ops.back())},
                                    {"ops", int64_t(g.ops.size())},
                                    {"schedule", inWords(g.schedule, steps)}});
    json::Object alt;
    for (auto &[name, r] : alternatives)
      alt[name] = costJSON(r);
    json::Object out = costJSON(best);
    out["network"] = best.network;
    out["hardware"] = best.hardware;
    out["objective"] = stringifyObjective(options.objective);
    out["accounting"] = stringifyAccounting(best.accounting);
    out["search_seconds"] = result.seconds;
    out["evaluated"] = result.evaluated;
    out["lower_bound_bytes"] = (best.lowerBoundBits + 7) / 8;
    out["plain"] = costJSON(plain);
    out["alternatives"] = std::move(alt);
    out["groups"] = std::move(groups);
    return out;
  }
};

} // namespace
