//===- ScheduleSearch.h - Searching the schedule space ----------*- C++ -*-===//
//
// Finds the schedule of an snn function that minimises an objective of the
// cost model: how the layers (in block order) are cut into fusion groups and,
// per group, the time tile, the spatial tile and where state lives between
// time tiles. The search is a dynamic program over the cut positions whose
// state is also the placement (on chip or off chip) of every activation
// crossing the cut, so that the costs it adds up are those of the cost model;
// it is exact over the candidate space below. docs/AutoSchedule.md describes
// it. ScheduleReport is what snn-auto-schedule reports about a search.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_ANALYSIS_SCHEDULESEARCH_H
#define SNN_ANALYSIS_SCHEDULESEARCH_H

#include "snn/Analysis/CostModel.h"

namespace mlir::snn {

struct SearchOptions {
  Objective objective = Objective::Energy;
  /// Weights of the `mix` objective, applied to energy, off-chip traffic and
  /// latency each divided by its value under the plain schedule.
  double energyWeight = 1.0, trafficWeight = 1.0, latencyWeight = 1.0;
  /// Longest fusion group, in layer ops.
  unsigned maxGroupOps = 16;
  bool allowFusion = true;
  bool allowSpatialTiles = true;
  bool allowTimeTiles = true;
  /// Layer ops whose written schedule group is kept as it is.
  llvm::SmallPtrSet<Operation *, 8> pinned;
  /// Called now and then with the fraction of the search done.
  std::function<void(double)> progress;
};

struct SearchResult {
  SmallVector<GroupSpec> schedule;
  CostReport report;
  /// Group schedules evaluated by the search.
  int64_t evaluated = 0;
  double seconds = 0;
};

/// What snn-auto-schedule reports about the search of one function: the
/// schedule chosen and, for comparison, the plain schedule and the best
/// schedules of restricted spaces. ReportWriter.cpp writes it, with the cost
/// reports, as text and JSON.
struct ScheduleReport {
  const CostModel &model;
  /// The objective the search minimised.
  Objective objective;
  const SearchResult &result;
  /// The cost of the plain schedule.
  CostReport plain;
  /// The best schedule of each restricted space that has one that fits, by
  /// what the space lacks ("without fusion", ...).
  std::vector<std::pair<StringRef, CostReport>> alternatives;

  /// The summary print-report prints.
  void print(raw_ostream &os) const;
  llvm::json::Value toJSON() const;
};

/// Searches the schedule space of `model`'s function. Fails (with a
/// diagnostic) only if no schedule fits the global buffer.
FailureOr<SearchResult> searchSchedule(const CostModel &model, const SearchOptions &options);

/// The objective's value for a report (lower is better); `plain` is the
/// report of the plain schedule, which normalises the `mix` objective.
double objectiveValue(const CostReport &report, const SearchOptions &options,
                      const CostReport &plain);

/// The plain schedule: every layer alone over all time steps (a synapse that
/// only a neuron or activation reads runs inside that op's loop).
SmallVector<GroupSpec> getPlainSchedule(const CostModel &model);

} // namespace mlir::snn

#endif // SNN_ANALYSIS_SCHEDULESEARCH_H
