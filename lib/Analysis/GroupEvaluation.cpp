//===- GroupEvaluation.cpp - Cost of one schedule group --------------------===//

#include "GroupEvaluation.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include <array>
#include <cmath>
#include <set>

using namespace mlir;
using namespace mlir::snn;

/// The most positions (along the tiled dimension) whose old value a later
/// band still reads after an earlier band has updated them, the bands
/// computing `intervals` in that order: after band k, the positions some
/// band <= k computes and some band > k computes too.
static int64_t peakSharedPositions(ArrayRef<std::pair<int64_t, int64_t>> intervals) {
  // A sweep over the interval edges (not over positions: a layer may be
  // 2^31 wide), keeping the bands that cover the current stretch.
  SmallVector<std::pair<int64_t, int64_t>> edges; // (position, +/-(band + 1))
  for (auto [band, interval] : llvm::enumerate(intervals)) {
    int64_t id = int64_t(band) + 1;
    edges.push_back({interval.first, id});
    edges.push_back({interval.second, -id});
  }
  llvm::sort(edges);
  std::multiset<int64_t> covering;
  SmallVector<int64_t> delta(intervals.size() + 1, 0);
  for (size_t i = 0; i < edges.size(); ++i) {
    auto [position, id] = edges[i];
    if (id > 0)
      covering.insert(id - 1);
    else
      covering.erase(covering.find(-id - 1));
    int64_t length = i + 1 < edges.size() ? edges[i + 1].first - position : 0;
    if (length > 0 && !covering.empty() && *covering.begin() < *covering.rbegin()) {
      delta[*covering.begin()] += length;
      delta[*covering.rbegin()] -= length;
    }
  }
  int64_t peak = 0, pending = 0;
  for (int64_t d : delta)
    peak = std::max(peak, pending += d);
  return peak;
}

/// Efficiency of mapping an extent onto `unroll` parallel units.
static double mappingEfficiency(int64_t extent, int64_t unroll) {
  if (extent <= 0 || unroll <= 1)
    return 1.0;
  return double(extent) / double(llvm::divideCeil(extent, unroll) * unroll);
}

/// The line of the caches the model describes: 64 bytes, as on every x86-64
/// core and most others.
static constexpr int64_t kCacheLineBits = 64 * 8;

namespace {

/// How far apart the emitted code's consecutive uses of a buffer are, on a
/// cache. Within a band, each op runs all steps of the time tile before the
/// next op does. An op uses its accumulators, converted inputs, state and
/// weights again in its next step; the tile it writes for another op of the
/// group is read after its whole time tile; the lines a band stages from an
/// input or writes into a result are touched again by the next band (halos,
/// lines shared by neighbouring columns); a copy after the bands is not used
/// again.
enum Reuse { AcrossSteps, AcrossOps, AcrossBands, NoReuse, kReuses };

/// What the code of one layer reads and writes over the run, on a cache, by
/// reuse distance: every access (what misses when the reuse does not fit
/// the cache) and what still misses when it does (first touches); and the
/// bits the op touches in one step of a band, its weights among them.
struct LayerAccesses {
  std::array<OperandBits, kReuses> read, written, readOnce, writtenOnce;
  int64_t stepBits = 0, weightBits = 0;
};

/// The field of operand `letter` (W, I, O or V) in `bits`.
static int64_t &field(OperandBits &bits, char letter) {
  switch (letter) {
  case 'W':
    return bits.w;
  case 'I':
    return bits.i;
  case 'O':
    return bits.o;
  default:
    return bits.v;
  }
}

/// Evaluates one group; see GroupEvaluation.h.
class GroupEvaluator {
public:
  GroupEvaluator(const CostModel &model, const GroupSpec &spec, unsigned index,
                 unsigned firstLayer, const TileGeometry *precomputed)
      : model(model), spec(spec), hw(model.getHardware()), index(index),
        firstLayer(firstLayer) {
    if (precomputed)
      geometry = *precomputed;
  }

  FailureOr<GroupEvaluation> run() {
    GroupCost &g = result.cost;
    g.id = spec.id;
    g.schedule = spec.schedule;
    g.timeSteps = model.getTimeSteps();
    g.timeTile = spec.schedule.timeTile == 0
                     ? g.timeSteps
                     : std::min(spec.schedule.timeTile, g.timeSteps);
    g.numTimeTiles = llvm::divideCeil(g.timeSteps, g.timeTile);
    if (spec.schedule.tileAxis != TileAxis::None && !geometry) {
      FailureOr<TileGeometry> tiles =
          TileGeometry::compute(spec.ops, getTileDim(spec.schedule.tileAxis),
                                spec.schedule.tileSize, spec.ops.back());
      if (failed(tiles))
        return failure();
      geometry = std::move(*tiles);
    }
    if (geometry)
      g.numBands = geometry->getNumBands();
    for (Operation *op : spec.ops)
      members.insert(op);
    for (auto [i, op] : llvm::enumerate(spec.ops))
      evaluateLayer(op, firstLayer + i);
    placeWeights();
    bool fits = g.workingSetBits + g.residentStateBits <= hw.getUsableBits();
    // On a cache, weights the plan cannot keep are not fetched per band as
    // a buffer would be: the code reads them every step, and they stream.
    if (hw.isCache())
      g.streams = !g.weightsResident;
    else
      g.feasible = fits;
    if (!fits)
      g.problem = "its tiles and state need more than the global buffer";
    if (g.streams)
      streamThroughCache();
    return std::move(result);
  }

private:
  /// Extent of the tiled dimension of `value` and of the window `op` computes.
  std::pair<int64_t, int64_t> window(Operation *op) const {
    if (!geometry)
      return {1, 1};
    const TileGeometry::Window &w = geometry->getWindow(op);
    return {w.extent, w.size};
  }

  /// A group whose buffers overflow a cache misses on the accesses whose
  /// reuse does not fit it. Between two uses of a buffer the code touches
  /// `S` bits (Reuse): one step of the op, the op's time tile (its weights
  /// once), or a band's time tile. Of those `S` bits the cache keeps the
  /// planned `C / 2` (a share `C / 2S` of each, as a cache that evicts
  /// without regard to reuse does); the rest misses again. The copies after
  /// the bands always miss; first touches do too. This traffic replaces what
  /// the group would fetch and write back if it fitted (the residency of
  /// crossing tensors skips it).
  void streamThroughCache() {
    GroupCost &g = result.cost;
    double usable = double(hw.getUsableBits());
    auto missing = [&](int64_t touched) {
      return double(touched) <= usable ? 0.0 : 1.0 - usable / double(touched);
    };
    std::array<double, kReuses> share;
    share[AcrossBands] = missing(g.workingSetBits + weightBits());
    share[NoReuse] = 1.0;
    auto misses = [&](const std::array<OperandBits, kReuses> &all,
                      const std::array<OperandBits, kReuses> &once) {
      OperandBits total;
      for (unsigned reuse = 0; reuse < kReuses; ++reuse) {
        OperandBits first = once[reuse], every = all[reuse];
        for (char letter : {'W', 'I', 'O', 'V'}) {
          int64_t again = field(every, letter) - field(first, letter);
          field(total, letter) += field(first, letter) + std::llround(share[reuse] * double(again));
        }
      }
      return total;
    };
    for (auto [layer, access] : llvm::zip_equal(result.layers, accesses)) {
      share[AcrossSteps] = missing(access.stepBits);
      share[AcrossOps] =
          missing((access.stepBits - access.weightBits) * g.timeTile + access.weightBits);
      layer.dramRead = misses(access.read, access.readOnce);
      layer.dramWrite = misses(access.written, access.writtenOnce);
    }
  }

  /// Records, on a cache, an access of the current layer: `all` bits over the
  /// run, of which `once` miss when its reuse fits the cache.
  void touch(Reuse reuse, bool write, char letter, int64_t all, int64_t once) {
    LayerAccesses &a = accesses.back();
    field((write ? a.written : a.read)[reuse], letter) += all;
    field((write ? a.writtenOnce : a.readOnce)[reuse], letter) += once;
  }

  /// Records, on a cache, an access of `perStep` bits each step to a buffer
  /// every band uses (weights, accumulators, converted inputs): a band's
  /// first step of a time tile uses it again after the previous band,
  /// its other steps after the op's previous step.
  void touchEveryStep(bool write, char letter, int64_t perStep, int64_t once) {
    const GroupCost &g = result.cost;
    touch(AcrossBands, write, letter, perStep * g.numTimeTiles, once);
    touch(AcrossSteps, write, letter, perStep * (g.timeSteps - g.numTimeTiles), 0);
  }

  /// The bits of the group's weights, as stored.
  int64_t weightBits() const {
    int64_t total = 0;
    for (Operation *op : spec.ops)
      total += model.getFacts(op).weightBits;
    return total;
  }

  void evaluateLayer(Operation *op, unsigned layerIndex) {
    GroupCost &g = result.cost;
    accesses.emplace_back();
    LayerCost layer;
    layer.op = op;
    layer.group = index;
    current = LayerFootprint();
    current.op = op;
    auto [layerExtent, windowSize] = window(op);
    int64_t extent = layerExtent, size = windowSize;
    int64_t bandsTimesSteps = g.numBands * g.timeSteps;
    auto perBand = [&](int64_t wholeLayer) { return wholeLayer / extent * size; };

    const LayerFacts &facts = model.getFacts(op);
    // An event-driven layer computes on its events only; it still reads its
    // whole input (to find them) and stages its weights as a dense one.
    layer.ops = std::llround(double(perBand(facts.opsPerStep) * bandsTimesSteps) *
                             facts.activity);
    layer.eventDriven = facts.eventDriven;
    layer.activity = facts.activity;
    layer.stateBits = facts.stateBits;

    // The op's result tile stays in the buffer for the time tile when an op
    // of the group reads it; partial sums a neuron takes step by step stay in
    // registers; a result only read by other groups is placed with the
    // activations that cross groups.
    Value out = op->getResult(0);
    int64_t outTileStep = perBand(facts.outStepBits);
    bool stepwise = facts.stepwise && members.contains(*out.getUsers().begin());
    bool readInside = llvm::any_of(out.getUsers(),
                                   [&](Operation *user) { return members.contains(user); });
    if (readInside && !stepwise) {
      g.workingSetBits += outTileStep * g.timeTile;
      current.resultTileBits = outTileStep * g.timeTile;
      accesses.back().stepBits += outTileStep;
    }
    // What the code touches: the part of each window a band computes (from
    // the second band on, what the previous one did not), each step.
    auto touched = [&](int64_t wholeLayerStep) {
      return wholeLayerStep / extent * computedPositions(op) * g.timeSteps;
    };
    bool leaves = llvm::any_of(out.getUsers(),
                               [&](Operation *user) { return !members.contains(user); });
    if (!stepwise) {
      layer.bufferWrite.o += outTileStep * bandsTimesSteps;
      // On a cache a band writes its window of a result that leaves the
      // group into a buffer of the whole time tile: the lines it covers stay
      // in the working set for the time tile, and after the bands the code
      // copies the buffer into the result (a read and a write of it all).
      // Spikes built through the group's loops are bytes.
      int64_t widen = storedBits(model, out, spec.schedule.hasLoops(g.timeSteps)) /
                      tensorBits(model, out);
      int64_t lines =
          leaves ? windowLineBits(getStepShape(out), model.elementBits(out) * widen, size) : 0;
      g.workingSetBits += lines * g.timeTile;
      accesses.back().stepBits += lines ? lines : readInside ? 0 : outTileStep;
      int64_t once = touched(facts.outStepBits) * widen;
      if (lines) {
        touch(AcrossBands, true, 'O', lines * g.numBands * g.timeSteps, once);
        int64_t whole = facts.outStepBits * widen * g.timeSteps;
        touch(NoReuse, false, 'O', whole, whole);
        touch(NoReuse, true, 'O', whole, whole);
      } else {
        touch(leaves ? NoReuse : AcrossOps, true, 'O', once, leaves ? once : 0);
      }
    }

    readActivations(op, layer, layerIndex);
    accountState(op, layer, size, extent, touched(facts.stateBits) / g.timeSteps);
    accountAccumulators(layer, perBand(facts.accumulatorStepBits),
                        touched(facts.accumulatorStepBits));

    int64_t weights = facts.weightBits;
    bool channelTiled = geometry && geometry->getDim() == 0;
    int64_t bandWeights = channelTiled ? perBand(weights) : weights;
    layer.bufferRead.w += bandWeights * g.numBands * g.numTimeTiles;
    layer.localWeightBits += bandWeights * g.numBands * g.numTimeTiles;
    // The code reads a band's weights every step.
    touchEveryStep(false, 'W', bandWeights * g.numBands, weights);
    accesses.back().stepBits += bandWeights;
    accesses.back().weightBits = bandWeights;

    layer.energy.compute = layer.ops * computePj(op);
    g.computeCycles += double(layer.ops) / (hw.getMacUnits() * utilization(op, size, extent));
    if (leaves)
      result.results.push_back({out, layerIndex});
    result.layers.push_back(std::move(layer));
    g.layerFootprints.push_back(current);
  }

  /// Reads of the op's activation operands: from a producer's tile in the
  /// group (global buffer, or registers for a neuron's step-wise input), or
  /// staged per band from outside the group.
  void readActivations(Operation *op, LayerCost &layer, unsigned layerIndex) {
    GroupCost &g = result.cost;
    auto iface = cast<LayerOpInterface>(op);
    auto [extent, size] = window(op);
    int64_t bandsTimesSteps = g.numBands * g.timeSteps;
    for (unsigned operand : iface.getActivationOperands()) {
      Value input = op->getOperand(operand);
      int64_t inStepBits = stepBits(model, input);
      int64_t readBitsPerStep = inStepBits, inLayerBits = inStepBits * g.numBands;
      int64_t readPositions = 0; // along the tiled dimension, per band
      if (geometry) {
        const AxisMap &map = geometry->getAxisMap(op, operand);
        int64_t inExtent = getStepShape(input)[geometry->getDim()];
        readPositions = map.readSize(size, inExtent);
        readBitsPerStep = inStepBits / inExtent * readPositions;
        // Bands advance monotonically, so a band's staging buffer keeps the
        // overlap with the previous band's window and fetches only the rest:
        // every element of the input is fetched once.
        int64_t fetched = 0, covered = 0;
        IntDomain d;
        const TileGeometry::Window &w = geometry->getWindow(op);
        for (int64_t start : w.starts) {
          auto [lo, hi] = neededInterval(d, map, start, w.size, inExtent);
          int64_t from = std::max({lo, covered, int64_t(0)}), to = std::min(hi, inExtent);
          fetched += std::max<int64_t>(0, to - from);
          covered = std::max(covered, to);
        }
        inLayerBits = inStepBits / inExtent * fetched;
      }
      Operation *producer = input.getDefiningOp();
      bool inGroup = producer && members.contains(producer);
      if (inGroup && model.getFacts(producer).stepwise)
        continue; // partial sums of one step, in registers (producer in group)
      layer.bufferRead.i += readBitsPerStep * bandsTimesSteps;
      layer.localInputBits += readBitsPerStep * bandsTimesSteps;
      // The code reads each element once a step: consecutive bands share
      // their windows' overlap while it is in the cache. A band staging a
      // window from outside the group reads whole lines of the tensor.
      int64_t stagedLines = inGroup ? 0 : windowLineBits(input, readPositions);
      int64_t once = inLayerBits * g.timeSteps;
      if (inGroup)
        touch(AcrossOps, false, 'I', once, 0);
      else if (stagedLines)
        touch(AcrossBands, false, 'I', stagedLines * g.numBands * g.timeSteps, once);
      else
        touch(NoReuse, false, 'I', once, once);
      accesses.back().stepBits += std::max(readBitsPerStep, stagedLines);
      // On a cache, a synapse converts the input it reads into a buffer of
      // the accumulation type, which the reduction reads: each step of a
      // whole layer, or a band's window for its time tile.
      if (int64_t converted = model.getFacts(op).convertedInputElementBits) {
        int64_t perElement = converted / model.elementBits(input);
        int64_t bits = readBitsPerStep * perElement;
        g.workingSetBits += bits * (geometry ? g.timeTile : 1);
        accesses.back().stepBits += bits;
        layer.bufferWrite.i += bits * bandsTimesSteps;
        layer.bufferRead.i += bits * bandsTimesSteps;
        int64_t convertedStep = inLayerBits * perElement;
        int64_t rereads = model.getFacts(op).convertedInputReads - 1;
        touchEveryStep(true, 'I', convertedStep, 0);
        touchEveryStep(false, 'I', convertedStep, 0);
        touch(AcrossSteps, false, 'I', convertedStep * rereads * g.timeSteps, 0);
      }
      if (inGroup)
        continue;
      // A band stages its window (halos included) of an input from outside
      // the group; a whole layer reads the input where it lies.
      if (geometry) {
        g.workingSetBits += std::max(readBitsPerStep, stagedLines) * g.timeTile;
        current.stagedInputBits += readBitsPerStep * g.timeTile;
      }
      result.externalReads.push_back({input, layerIndex, inLayerBits * g.timeSteps});
    }
  }

  /// State: updated in the global buffer every step; kept there across time
  /// tiles or spilled off chip, and read/written at the ends of the run in
  /// `stems` accounting. Bands recompute the neurons of their halos: a band
  /// reads the state of its whole window but writes back only its own
  /// neurons, and at the start of the run the halo's initial state is the one
  /// the previous band already read, so each neuron's state is read and
  /// written once there.
  void accountState(Operation *op, LayerCost &layer, int64_t size, int64_t extent,
                    int64_t touchedPerStep) {
    GroupCost &g = result.cost;
    int64_t whole = model.getFacts(op).stateBits;
    if (whole == 0)
      return;
    int64_t tile = whole / extent * size;
    int64_t allBands = tile * g.numBands;
    layer.bufferRead.v += allBands * g.timeSteps;
    layer.bufferWrite.v += allBands * g.timeSteps;
    // On a cache, a band updates its state every step; it misses once per
    // time tile if it stays there from step to step. With several time
    // tiles, the code copies a band's window of the layer's state in and out
    // per time tile, in whole lines that neighbouring bands share.
    int64_t lines = numStateLines(op, size);
    int64_t firstTouches = touchedPerStep * g.numTimeTiles;
    if (lines) {
      int64_t copies = lines * g.numBands * g.numTimeTiles;
      touch(AcrossBands, false, 'V', copies, firstTouches);
      touch(AcrossBands, true, 'V', copies, 0);
      firstTouches = 0;
    }
    touch(AcrossSteps, false, 'V', touchedPerStep * g.timeSteps, firstTouches);
    touch(AcrossSteps, true, 'V', touchedPerStep * g.timeSteps, 0);
    g.workingSetBits += lines;
    accesses.back().stepBits += tile;
    bool stems = model.getAccounting() == Accounting::Stems;
    int64_t read = 0, written = 0;
    if (g.numTimeTiles == 1) {
      // Time-batched: each band's state lives for that band only.
      g.workingSetBits += tile;
      current.stateTileBits = tile;
      read = written = stems ? whole : 0;
    } else if (spec.schedule.state == StatePlacement::OnChip) {
      // The whole layer's state stays; a band works on a copy of its window.
      // Where windows overlap (halos, the last band shifted back inside), a
      // band starts from the state at the start of the time tile that an
      // earlier band has already advanced: those neurons are kept in both
      // versions until the last band reading them.
      g.residentStateBits += whole;
      current.residentStateBits = whole;
      if (geometry) {
        int64_t old = whole / extent * peakSharedPositions(geometry->computedIntervals(op));
        g.workingSetBits += tile + old;
        current.stateTileBits = tile;
        current.oldStateBits = old;
      }
      read = written = stems ? whole : 0;
    } else {
      // Spilled: each band fetches its window for the time tile and writes
      // its own neurons back.
      g.workingSetBits += tile;
      current.stateTileBits = tile;
      int64_t crossings = stems ? g.numTimeTiles : g.numTimeTiles - 1;
      read = allBands * crossings;
      written = whole * crossings;
    }
    if (hw.isCache() && g.numTimeTiles > 1) {
      // The code carries the layer's state from time tile to time tile in a
      // loop, copying it into a new buffer each time: the new buffer's
      // lines miss, and so does the old one's when it was spilled or the
      // group streams.
      int64_t copies = whole * g.numTimeTiles;
      touch(NoReuse, false, 'V', copies, copies);
      touch(NoReuse, true, 'V', copies, copies);
      if (spec.schedule.state == StatePlacement::Spill)
        read += copies;
      written += copies;
    }
    layer.dramRead.v += read;
    layer.dramWrite.v += written;
    layer.bufferWrite.v += read;
    layer.bufferRead.v += written;
  }

  /// On a cache, with several time tiles and bands, the bits of the lines a
  /// band's window of `op`'s state covers: each part of the state is a
  /// tensor laid out as the result. 0 elsewhere.
  int64_t numStateLines(Operation *op, int64_t window) const {
    auto stateful = dyn_cast<StatefulOpInterface>(op);
    if (!stateful || result.cost.numTimeTiles == 1)
      return 0;
    int64_t lines = 0;
    for (Type type : stateful.getStateTypes()) {
      auto tensor = cast<RankedTensorType>(type);
      lines += windowLineBits(tensor.getShape(), getStorageBits(tensor.getElementType()), window);
    }
    return lines;
  }

  /// On a cache, the accumulators the code keeps per step (`bandBits` for
  /// one band, `touchedBits` computed over the run): filled by a copy of
  /// their initial value (read and write), read and written by the
  /// reduction, read by the op that takes the sums.
  void accountAccumulators(LayerCost &layer, int64_t bandBits, int64_t touchedBits) {
    GroupCost &g = result.cost;
    if (bandBits == 0)
      return;
    int64_t perRun = bandBits * g.numBands * g.timeSteps;
    g.workingSetBits += bandBits;
    accesses.back().stepBits += bandBits;
    layer.bufferRead.o += 3 * perRun;
    layer.bufferWrite.o += 2 * perRun;
    touchEveryStep(false, 'O', 3 * touchedBits / g.timeSteps, 0);
    touchEveryStep(true, 'O', 2 * touchedBits / g.timeSteps, 0);
  }

  /// On a cache, the bits of the cache lines that `window` positions of
  /// `value` along the tiled dimension (and every position of the others)
  /// cover in one row-major step: a window narrower than a row covers a
  /// whole line of every row it crosses, and no more lines than the step
  /// has (rows shorter than a line share theirs). 0 elsewhere.
  int64_t windowLineBits(Value value, int64_t window) const {
    return windowLineBits(getStepShape(value), model.elementBits(value), window);
  }
  int64_t windowLineBits(ArrayRef<int64_t> shape, int64_t elementBits, int64_t window) const {
    unsigned dim = geometry ? geometry->getDim() : 0;
    if (!hw.isCache() || !geometry || dim >= shape.size())
      return 0;
    int64_t runs = getNumElements(shape.take_front(dim));
    int64_t inner = getNumElements(shape.drop_front(dim + 1)) * elementBits;
    int64_t lines = std::min(runs * llvm::divideCeil(window * inner, kCacheLineBits),
                             llvm::divideCeil(runs * shape[dim] * inner, kCacheLineBits));
    return lines * kCacheLineBits;
  }

  /// The positions of `op`'s result, along the tiled dimension, that the
  /// bands compute over a step, each once (1 without tiling: the whole
  /// layer, whose extent counts as 1).
  int64_t computedPositions(Operation *op) const {
    if (!geometry)
      return 1;
    int64_t positions = 0;
    for (auto [lo, hi] : geometry->computedIntervals(op))
      positions += hi - lo;
    return positions;
  }

  /// Weights stay in the global buffer for the whole group if they fit next
  /// to its tiles and state; otherwise they are fetched again for every band
  /// of every time tile.
  void placeWeights() {
    GroupCost &g = result.cost;
    int64_t total = weightBits();
    g.weightsResident =
        g.workingSetBits + g.residentStateBits + total <= hw.getUsableBits();
    g.residentWeightBits = g.weightsResident ? total : 0;
    if (g.weightsResident)
      for (LayerFootprint &layer : g.layerFootprints)
        layer.residentWeightBits = model.getFacts(layer.op).weightBits;
    for (LayerCost &layer : result.layers) {
      int64_t fetched =
          g.weightsResident ? model.getFacts(layer.op).weightBits : layer.bufferRead.w;
      layer.dramRead.w += fetched;
      layer.bufferWrite.w += fetched;
    }
  }

  double computePj(Operation *op) const {
    return hw.opPj(model.getFacts(op).spikeInputs);
  }

  /// Fraction of the array's units a window of `op` keeps busy: its loop
  /// extents mapped onto the array's K, C, OY, OX, the tiled one cut to the
  /// window (LayerOpInterface::getMacArrayExtents); ops without such
  /// extents use every unit.
  double utilization(Operation *op, int64_t size, int64_t extent) const {
    SmallVector<int64_t> dims = cast<LayerOpInterface>(op).getMacArrayExtents();
    if (dims.empty())
      return 1.0;
    ArrayRef<int64_t> unroll = hw.getMacArray();
    if (geometry) {
      unsigned d = geometry->getDim();
      dims[d == 0 ? 0 : d + 1] = size;
    }
    double u = 1.0;
    for (unsigned i = 0; i < 4; ++i)
      u *= mappingEfficiency(dims[i], unroll[i]);
    return u;
  }

  const CostModel &model;
  const GroupSpec &spec;
  const HardwareModel &hw;
  unsigned index, firstLayer;
  std::optional<TileGeometry> geometry;
  llvm::SmallPtrSet<Operation *, 16> members;
  GroupEvaluation result;
  /// Per layer, what its code accesses: what a group streaming through a
  /// cache misses.
  std::vector<LayerAccesses> accesses;
  /// The footprint of the layer being evaluated.
  LayerFootprint current;
};

} // namespace

FailureOr<GroupEvaluation> mlir::snn::evaluateGroup(const CostModel &model,
                                                    const GroupSpec &spec, unsigned index,
                                                    unsigned firstLayer,
                                                    const TileGeometry *geometry) {
  return GroupEvaluator(model, spec, index, firstLayer, geometry).run();
}

/// Energy of a layer's traffic and operations.
Energy mlir::snn::layerEnergy(const LayerCost &l, const HardwareModel &hw) {
  Energy e;
  MemoryLevelAttr dram = hw.getDRAM(), gb = hw.getGlobalBuffer();
  e.dram = l.dramRead.total() * hw.readPj(dram) + l.dramWrite.total() * hw.writePj(dram);
  e.globalBuffer =
      l.bufferRead.total() * hw.readPj(gb) + l.bufferWrite.total() * hw.writePj(gb);
  // A bit written into a local buffer is read out once into the array.
  for (auto [letter, bits] : {std::pair{'W', l.localWeightBits}, {'I', l.localInputBits}})
    if (MemoryLevelAttr local = hw.getLocalBuffer(letter))
      e.localBuffers += bits * (hw.writePj(local) + hw.readPj(local));
  e.compute = l.energy.compute;
  return e;
}
