//===- ScheduleSearch.cpp - Dynamic program over fusion cuts ---------------===//
//
// The layers are cut into contiguous segments, each one fusion group with a
// schedule from a candidate set (time tiles, spatial tiles, state placement).
// Activations that cross a cut (produced before it, read after it) are placed
// on chip or off chip; that placement is the DP's state at each cut, so a
// segment's cost - its own (from the cost model's group evaluation) plus the
// off-chip traffic of the crossing activations it reads and writes - and its
// feasibility (footprint plus the crossing activations kept on chip during it
// must fit the global buffer) are known when it is chosen. best[cut][mask] is
// the cheapest way to schedule the layers before `cut` ending with placement
// `mask`.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/ScheduleSearch.h"
#include "GroupEvaluation.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include "llvm/ADT/DenseMap.h"

#include <chrono>

using namespace mlir;
using namespace mlir::snn;

double mlir::snn::objectiveValue(const CostReport &report, const SearchOptions &options,
                                 const CostReport &plain) {
  double energy = report.energy().total();
  double traffic = double(report.dramBits().total());
  double latency = report.latencyCycles();
  switch (options.objective) {
  case Objective::Energy:
    return energy;
  case Objective::Traffic:
    return traffic;
  case Objective::Latency:
    return latency;
  case Objective::Mix:
    break;
  }
  auto normalized = [](double value, double base) { return base > 0 ? value / base : value; };
  return options.energyWeight * normalized(energy, plain.energy().total()) +
         options.trafficWeight * normalized(traffic, double(plain.dramBits().total())) +
         options.latencyWeight * normalized(latency, plain.latencyCycles());
}

SmallVector<GroupSpec> mlir::snn::getPlainSchedule(const CostModel &model) {
  SmallVector<GroupSpec> groups;
  ArrayRef<Operation *> layers = model.getLayers();
  for (size_t i = 0; i < layers.size(); ++i) {
    if (auto cycle = dyn_cast<CycleOp>(layers[i]->getParentOp())) {
      groups.push_back(model.getCycleGroup(cycle));
      i += groups.back().ops.size() - 1;
      continue;
    }
    GroupSpec spec;
    spec.ops.push_back(layers[i]);
    if (i + 1 < layers.size() && joinsReaderGroup(layers[i], layers[i + 1]))
      spec.ops.push_back(layers[++i]);
    groups.push_back(std::move(spec));
  }
  return groups;
}

namespace {

/// An activation that may cross a cut: a network input or a layer's result.
struct Tensor {
  Value value;
  int64_t bits = 0;
  /// Position where it comes to life (its producer, or a network input's
  /// first reader) and of its last reader.
  unsigned born = 0, lastRead = 0;
  bool input = false, returned = false;
};

/// A candidate group schedule for one segment, evaluated.
struct Candidate {
  GroupSchedule schedule;
  /// The segment's own cost (weights, state, its tiles, compute).
  Energy energy;
  int64_t dramBits = 0, bufferBits = 0;
  double computeCycles = 0;
  int64_t footprint = 0;
  /// Bits each external tensor's readers fetch (tensor index -> bits).
  SmallVector<std::pair<unsigned, int64_t>> reads;
  /// Streams through a cache: its own cost counts every access, crossing
  /// tensors included, and it keeps none on chip.
  bool streams = false;
};

class Search {
public:
  Search(const CostModel &model, const SearchOptions &options)
      : model(model), options(options), hw(model.getHardware()),
        layers(model.getLayers()), n(layers.size()) {}

  FailureOr<SearchResult> run() {
    auto start = std::chrono::steady_clock::now();
    for (auto [i, op] : llvm::enumerate(layers))
      position[op] = i;
    collectTensors();
    collectPinnedGroups();
    plain = *model.evaluate(getPlainSchedule(model));

    FailureOr<SmallVector<GroupSpec>> best = dynamicProgram();
    if (failed(best))
      return failure();
    SearchResult result;
    result.schedule = std::move(*best);
    FailureOr<CostReport> report = model.evaluate(result.schedule);
    if (failed(report))
      return failure();
    result.report = std::move(*report);
    // The plain schedule is always a candidate of the search's space; keep it
    // if the exact placement of crossing tensors favours it (unless layers
    // are pinned to other schedules). On a cache, where the model counts
    // what the code does, a schedule must also be strictly better: fused
    // and banded code costs loop and copy overheads the traffic does not
    // show.
    double plainValue = objectiveValue(plain, options, plain);
    double chosenValue = objectiveValue(result.report, options, plain);
    bool plainWins = hw.isCache() ? plainValue <= chosenValue : plainValue < chosenValue;
    if (options.pinned.empty() && plain.feasible() &&
        (!result.report.feasible() || plainWins)) {
      result.schedule = getPlainSchedule(model);
      result.report = plain;
    }
    result.evaluated = evaluated;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                         .count();
    return result;
  }

private:
  void collectTensors() {
    llvm::DenseMap<Value, unsigned> index;
    auto get = [&](Value v) -> Tensor & {
      auto [it, fresh] = index.try_emplace(v, tensors.size());
      if (fresh) {
        Tensor t;
        t.value = v;
        t.bits = tensorBits(model, v);
        t.input = isa<BlockArgument>(v);
        t.born = t.input ? n : position.lookup(v.getDefiningOp());
        tensors.push_back(t);
      }
      return tensors[it->second];
    };
    for (auto [i, op] : llvm::enumerate(layers)) {
      auto iface = cast<LayerOpInterface>(op);
      for (unsigned operand : iface.getActivationOperands()) {
        Value v = op->getOperand(operand);
        if (!isa<BlockArgument>(v) && !position.count(v.getDefiningOp()))
          continue;
        Tensor &t = get(v);
        t.lastRead = std::max<unsigned>(t.lastRead, i);
        if (t.input)
          t.born = std::min<unsigned>(t.born, i);
      }
      Value out = op->getResult(0);
      if (isReturned(out))
        get(out).returned = true;
    }
    tensorIndex = std::move(index);
  }

  /// Tensors alive across cut `cut`: born before it, read at or after it.
  SmallVector<unsigned> crossing(unsigned cut) const {
    SmallVector<unsigned> result;
    for (auto [i, t] : llvm::enumerate(tensors))
      if (t.born < cut && t.lastRead >= cut && result.size() < kMaxTracked)
        result.push_back(i);
    return result;
  }

  /// Pinned groups: those of the pinned layers as written, and every
  /// snn.cycle (always computed one step at a time).
  void collectPinnedGroups() {
    for (GroupSpec &spec : model.getWrittenSchedule())
      if (isInCycle(spec.ops.front()) ||
          llvm::any_of(spec.ops, [&](Operation *op) { return options.pinned.contains(op); }))
        pinnedGroups[position.lookup(spec.ops.front())] = spec;
  }

  /// The pinned group [b, e) if there is one, or whether [b, e) cuts one.
  std::optional<GroupSchedule> pinnedSchedule(unsigned b, unsigned e, bool &cutsPin) const {
    cutsPin = false;
    for (auto &[first, spec] : pinnedGroups) {
      unsigned last = first + spec.ops.size();
      if (first == b && last == e)
        return spec.schedule;
      if (b < last && first < e)
        cutsPin = true;
    }
    return std::nullopt;
  }

  /// The schedules tried for a segment of `ops`.
  SmallVector<GroupSchedule> schedulesFor(ArrayRef<Operation *> ops) const {
    int64_t steps = model.getTimeSteps();
    SmallVector<int64_t> timeTiles{0};
    if (options.allowTimeTiles)
      for (int64_t t = 1; t < steps; t *= 2)
        timeTiles.push_back(t);
    SmallVector<std::pair<TileAxis, int64_t>> tiles{{TileAxis::None, 0}};
    if (options.allowSpatialTiles) {
      ArrayRef<int64_t> shape = getStepShape(ops.back()->getResult(0));
      for (TileAxis axis : {TileAxis::Cols, TileAxis::Rows, TileAxis::Channels}) {
        unsigned dim = getTileDim(axis);
        if (dim >= shape.size())
          continue;
        int64_t extent = shape[dim];
        if (axis == TileAxis::Channels)
          for (int64_t size = extent / 2; size >= 8 && size < extent; size /= 2)
            tiles.push_back({axis, size});
        else
          for (int64_t size = 1; size < extent; size *= 2)
            tiles.push_back({axis, size});
      }
    }
    SmallVector<GroupSchedule> result;
    for (auto [axis, size] : tiles)
      for (int64_t timeTile : timeTiles)
        for (StatePlacement state : {StatePlacement::OnChip, StatePlacement::Spill}) {
          if (timeTile == 0 && state == StatePlacement::Spill)
            continue;
          result.push_back({timeTile, axis, size, state});
        }
    return result;
  }

  /// Evaluated, fitting candidates for segment [b, e).
  const SmallVector<Candidate> &candidates(unsigned b, unsigned e) {
    auto key = std::make_pair(b, e);
    auto it = segmentCache.find(key);
    if (it != segmentCache.end())
      return it->second;
    SmallVector<Candidate> &out = segmentCache[key];
    ArrayRef<Operation *> ops = layers.slice(b, e - b);
    bool cutsPin;
    std::optional<GroupSchedule> pinned = pinnedSchedule(b, e, cutsPin);
    if (cutsPin && !pinned)
      return out;
    bool layerPair = e - b == 2 && joinsReaderGroup(ops[0], ops[1]);
    if (!options.allowFusion && e - b > 1 && !layerPair && !pinned)
      return out;
    SmallVector<GroupSchedule> schedules =
        pinned ? SmallVector<GroupSchedule>{*pinned} : schedulesFor(ops);
    llvm::DenseMap<std::pair<int, int64_t>, std::optional<TileGeometry>> geometries;
    for (const GroupSchedule &s : schedules) {
      GroupSpec spec{SmallVector<Operation *>(ops), s, /*id=*/0};
      const TileGeometry *geometry = nullptr;
      if (s.tileAxis != TileAxis::None) {
        auto [git, fresh] =
            geometries.try_emplace({int(s.tileAxis), s.tileSize}, std::nullopt);
        if (fresh) {
          // Tiling a segment that cannot be tiled is not a candidate.
          FailureOr<TileGeometry> g =
              TileGeometry::compute(ops, getTileDim(s.tileAxis), s.tileSize, nullptr);
          if (succeeded(g))
            git->second = std::move(*g);
        }
        if (!git->second)
          continue;
        geometry = &*git->second;
      }
      FailureOr<GroupEvaluation> eval = evaluateGroup(model, spec, 0, b, geometry);
      ++evaluated;
      if (failed(eval) || !eval->cost.feasible)
        continue;
      out.push_back(summarize(*eval, s));
    }
    return out;
  }

  Candidate summarize(const GroupEvaluation &eval, const GroupSchedule &s) const {
    Candidate c;
    c.schedule = s;
    c.footprint = eval.cost.workingSetBits + eval.cost.residentStateBits +
                  eval.cost.residentWeightBits;
    c.computeCycles = eval.cost.computeCycles;
    c.streams = eval.cost.streams;
    for (const LayerCost &l : eval.layers) {
      c.energy += layerEnergy(l, hw);
      c.dramBits += l.dramRead.total() + l.dramWrite.total();
      c.bufferBits += l.bufferRead.total() + l.bufferWrite.total();
    }
    for (const ExternalRead &read : eval.externalReads) {
      unsigned t = tensorIndex.lookup(read.tensor);
      auto it = llvm::find_if(c.reads, [&](auto &r) { return r.first == t; });
      if (it == c.reads.end())
        c.reads.push_back({t, read.bits});
      else
        it->second += read.bits;
    }
    return c;
  }

  /// The objective of segment [b, e) under candidate `c` with the crossing
  /// tensors placed by `onChip`, or nullopt if it does not fit.
  std::optional<double> transitionCost(unsigned b, unsigned e, const Candidate &c,
                                       const llvm::SmallDenseSet<unsigned, 8> &onChip,
                                       ArrayRef<unsigned> live,
                                       ArrayRef<unsigned> produced) const {
    int64_t footprint = c.footprint;
    for (unsigned t : live)
      if (onChip.contains(t))
        footprint += tensors[t].bits;
    if (c.streams ? footprint > c.footprint : footprint > hw.getUsableBits())
      return std::nullopt;
    int64_t readBits = 0, writeBits = 0;
    // Network inputs read only inside the segment cross no cut: as the cost
    // model does, each stays on chip where it fits (largest savings first),
    // staged once, else every reader fetches its windows.
    SmallVector<std::pair<unsigned, int64_t>> inside;
    for (auto [t, bits] : c.streams ? ArrayRef<std::pair<unsigned, int64_t>>() : c.reads) {
      const Tensor &tensor = tensors[t];
      if (tensor.input && tensor.born >= b && tensor.lastRead < e)
        inside.push_back({t, bits});
      else if (!onChip.contains(t))
        readBits += bits;
      else if (tensor.input && tensor.born >= b)
        readBits += tensor.bits; // staged once by its first reader
    }
    llvm::stable_sort(inside, [&](auto &x, auto &y) {
      return x.second - tensors[x.first].bits > y.second - tensors[y.first].bits;
    });
    for (auto [t, bits] : inside) {
      bool fits = footprint + tensors[t].bits <= hw.getUsableBits();
      footprint += fits ? tensors[t].bits : 0;
      readBits += fits ? tensors[t].bits : bits;
    }
    for (unsigned t : c.streams ? ArrayRef<unsigned>() : produced)
      if (tensors[t].returned || !onChip.contains(t))
        writeBits += storedBits(model, tensors[t].value,
                                c.schedule.hasLoops(model.getTimeSteps()));

    MemoryLevelAttr dram = hw.getDRAM(), gb = hw.getGlobalBuffer();
    Energy energy = c.energy;
    energy.dram += readBits * hw.readPj(dram) + writeBits * hw.writePj(dram);
    energy.globalBuffer += readBits * hw.writePj(gb) + writeBits * hw.readPj(gb);
    int64_t dramBits = c.dramBits + readBits + writeBits;
    int64_t bufferBits = c.bufferBits + readBits + writeBits;
    double latency = c.computeCycles;
    if (dram.getBw() > 0)
      latency = std::max(latency, double(dramBits) / dram.getBw());
    if (gb.getBw() > 0)
      latency = std::max(latency, double(bufferBits) / gb.getBw());
    switch (options.objective) {
    case Objective::Energy:
      return energy.total();
    case Objective::Traffic:
      return double(dramBits);
    case Objective::Latency:
      return latency;
    case Objective::Mix:
      break;
    }
    auto normalized = [](double v, double base) { return base > 0 ? v / base : v; };
    return options.energyWeight * normalized(energy.total(), plain.energy().total()) +
           options.trafficWeight * normalized(double(dramBits), double(plain.dramBits().total())) +
           options.latencyWeight * normalized(latency, plain.latencyCycles());
  }

  struct State {
    double cost = std::numeric_limits<double>::infinity();
    unsigned prevCut = 0, prevMask = 0, candidate = 0;
  };

  FailureOr<SmallVector<GroupSpec>> dynamicProgram() {
    std::vector<SmallVector<unsigned>> cuts(n + 1);
    for (unsigned cut = 0; cut <= n; ++cut)
      cuts[cut] = crossing(cut);
    std::vector<std::vector<State>> best(n + 1);
    for (unsigned cut = 0; cut <= n; ++cut)
      best[cut].resize(size_t(1) << cuts[cut].size());
    best[0][0].cost = 0;

    for (unsigned b = 0; b < n; ++b) {
      if (options.progress)
        options.progress(double(b) / n);
      // Segments of up to maxGroupOps layers, and a pinned group (a cycle
      // may be longer) as a whole.
      unsigned last = std::min<unsigned>(n, b + options.maxGroupOps);
      if (auto pin = pinnedGroups.find(b); pin != pinnedGroups.end())
        last = std::max<unsigned>(last, b + pin->second.ops.size());
      for (unsigned e = b + 1; e <= last; ++e) {
        const SmallVector<Candidate> &cands = candidates(b, e);
        if (cands.empty())
          continue;
        // Tensors alive during the segment: crossing its start or its end;
        // those it produces for later segments or the output.
        SmallVector<unsigned> live(cuts[b]);
        for (unsigned t : cuts[e])
          if (!llvm::is_contained(live, t))
            live.push_back(t);
        SmallVector<unsigned> produced;
        for (auto [t, tensor] : llvm::enumerate(tensors))
          if (!tensor.input && tensor.born >= b && tensor.born < e &&
              (tensor.returned || tensor.lastRead >= e))
            produced.push_back(t);
        for (unsigned maskB = 0; maskB < best[b].size(); ++maskB) {
          if (std::isinf(best[b][maskB].cost))
            continue;
          for (unsigned maskE = 0; maskE < best[e].size(); ++maskE) {
            llvm::SmallDenseSet<unsigned, 8> onChip;
            if (!consistent(cuts[b], maskB, cuts[e], maskE, onChip))
              continue;
            for (auto [ci, c] : llvm::enumerate(cands)) {
              std::optional<double> cost =
                  transitionCost(b, e, c, onChip, live, produced);
              if (!cost)
                continue;
              double total = best[b][maskB].cost + *cost;
              State &s = best[e][maskE];
              if (total < s.cost)
                s = {total, b, maskB, unsigned(ci)};
            }
          }
        }
      }
    }
    if (options.progress)
      options.progress(1.0);

    unsigned bestMask = 0;
    for (unsigned m = 1; m < best[n].size(); ++m)
      if (best[n][m].cost < best[n][bestMask].cost)
        bestMask = m;
    if (std::isinf(best[n][bestMask].cost))
      return model.getFunction().emitError()
             << "snn-auto-schedule: no schedule of @" << model.getFunction().getSymName()
             << " fits the global buffer of " << hw.getName();
    SmallVector<GroupSpec> schedule;
    for (unsigned cut = n, mask = bestMask; cut > 0;) {
      const State &s = best[cut][mask];
      const Candidate &c = segmentCache[{s.prevCut, cut}][s.candidate];
      GroupSpec spec;
      spec.ops.assign(layers.begin() + s.prevCut, layers.begin() + cut);
      spec.schedule = c.schedule;
      schedule.push_back(std::move(spec));
      mask = s.prevMask;
      cut = s.prevCut;
    }
    std::reverse(schedule.begin(), schedule.end());
    for (auto [i, spec] : llvm::enumerate(schedule))
      spec.id = i;
    return schedule;
  }

  /// True if the placements at two cuts agree on the tensors crossing both;
  /// fills the set of tensors on chip.
  static bool consistent(ArrayRef<unsigned> fromTensors, unsigned fromMask,
                         ArrayRef<unsigned> toTensors, unsigned toMask,
                         llvm::SmallDenseSet<unsigned, 8> &onChip) {
    for (auto [i, t] : llvm::enumerate(fromTensors))
      if (fromMask & (1u << i))
        onChip.insert(t);
    for (auto [j, t] : llvm::enumerate(toTensors)) {
      bool there = toMask & (1u << j);
      auto *it = llvm::find(fromTensors, t);
      if (it != fromTensors.end() &&
          there != bool(fromMask & (1u << (it - fromTensors.begin()))))
        return false;
      if (there)
        onChip.insert(t);
    }
    return true;
  }

  /// At most this many crossing tensors per cut get a placement choice; any
  /// others stay off chip.
  static constexpr size_t kMaxTracked = 6;

  const CostModel &model;
  const SearchOptions &options;
  const HardwareModel &hw;
  ArrayRef<Operation *> layers;
  unsigned n;
  llvm::DenseMap<Operation *, unsigned> position;
  SmallVector<Tensor> tensors;
  llvm::DenseMap<Value, unsigned> tensorIndex;
  std::map<unsigned, GroupSpec> pinnedGroups;
  std::map<std::pair<unsigned, unsigned>, SmallVector<Candidate>> segmentCache;
  CostReport plain;
  int64_t evaluated = 0;
};

} // namespace

FailureOr<SearchResult> mlir::snn::searchSchedule(const CostModel &model,
                                                  const SearchOptions &options) {
  return Search(model, options).run();
}
