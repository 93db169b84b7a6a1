//===- CostReport.h - What the cost model reports ---------------*- C++ -*-===//
//
// The cost of a schedule as the cost model reports it: per layer and operand
// (W weights, I input activations, O outputs, V neuron state) the bits moved
// off chip and through the global buffer, per group its loop structure and
// on-chip footprint, energy by component, latency and the compulsory lower
// bound. The model (CostModel.h) fills these; ReportWriter.cpp adds them up
// and writes them as the table and the JSON of snn-cost-report.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_ANALYSIS_COSTREPORT_H
#define SNN_ANALYSIS_COSTREPORT_H

#include "snn/Analysis/AnalysisEnums.h"
#include "snn/Dialect/SNN/IR/SNNAttrs.h"

#include "mlir/IR/Operation.h"
#include "llvm/Support/JSON.h"

namespace mlir::snn {

/// Bits per operand.
struct OperandBits {
  int64_t w = 0, i = 0, o = 0, v = 0;

  int64_t total() const { return w + i + o + v; }
  OperandBits &operator+=(const OperandBits &other) {
    w += other.w;
    i += other.i;
    o += other.o;
    v += other.v;
    return *this;
  }
};

/// Energy by component, in pJ.
struct Energy {
  double dram = 0, globalBuffer = 0, localBuffers = 0, compute = 0;

  double total() const { return dram + globalBuffer + localBuffers + compute; }
  Energy &operator+=(const Energy &other) {
    dram += other.dram;
    globalBuffer += other.globalBuffer;
    localBuffers += other.localBuffers;
    compute += other.compute;
    return *this;
  }
};

/// The schedule of one group, as the cost model and the auto-scheduler see it.
struct GroupSchedule {
  /// Time steps per time tile; 0 means all.
  int64_t timeTile = 0;
  TileAxis tileAxis = TileAxis::None;
  int64_t tileSize = 0;
  StatePlacement state = StatePlacement::OnChip;

  static GroupSchedule get(ScheduleAttr attr);
  /// True if the group runs in loops the transformations make: bands, or
  /// several time tiles of a run of `timeSteps`.
  bool hasLoops(int64_t timeSteps) const {
    return tileAxis != TileAxis::None || (timeTile != 0 && timeTile < timeSteps);
  }
  /// One time step at a time, whole layers, state on chip: how an snn.cycle
  /// runs.
  static GroupSchedule stepwise() { return {1, TileAxis::None, 0, StatePlacement::OnChip}; }
};

/// A layer's share of its group's on-chip footprint: the first four add up
/// over the group's layers to its working set, the fifth to its resident
/// state, the last to its resident weights. test-snn-footprint compares them
/// with the tiled IR.
struct LayerFootprint {
  Operation *op = nullptr;
  /// The result tile of one band and time tile, if an op of the group reads
  /// it and it is not a step-wise synapse's partial sums.
  int64_t resultTileBits = 0;
  /// Windows of inputs from outside the group a band stages (tiled groups).
  int64_t stagedInputBits = 0;
  /// The state a band (or the whole layer) works on during a time tile.
  int64_t stateTileBits = 0;
  /// Resident state whose value at the start of the time tile a later band
  /// still reads after an earlier band has updated it (overlapping windows).
  int64_t oldStateBits = 0;
  /// Whole-layer state kept on chip across time tiles.
  int64_t residentStateBits = 0;
  /// Weights kept on chip for the whole group.
  int64_t residentWeightBits = 0;
};

/// The cost of one layer op.
struct LayerCost {
  Operation *op = nullptr;
  std::string name;
  unsigned group = 0;
  /// Operations executed, recomputed halos included (an event-driven layer:
  /// those of its events only).
  int64_t ops = 0;
  /// Whether the layer is event-driven, and the fraction of its inputs
  /// assumed to be events (1 for a dense layer).
  bool eventDriven = false;
  double activity = 1.0;
  /// Bits of neuron (or delay) state the layer keeps between steps.
  int64_t stateBits = 0;
  /// Bits read from and written to off-chip memory.
  OperandBits dramRead, dramWrite;
  /// Bits read from and written to the global buffer.
  OperandBits bufferRead, bufferWrite;
  /// Bits written into the local buffers (weights, inputs).
  int64_t localWeightBits = 0, localInputBits = 0;
  Energy energy;
};

/// The cost of one schedule group.
struct GroupCost {
  int64_t id = -1;
  GroupSchedule schedule;
  int64_t timeSteps = 0, timeTile = 0, numTimeTiles = 0, numBands = 1;
  /// Bits on chip during one band of one time tile: the tiles of every op's
  /// result, of the inputs it reads from outside the group, and of state.
  int64_t workingSetBits = 0;
  /// Whole-layer state kept in the global buffer across time tiles.
  int64_t residentStateBits = 0;
  /// Weights kept in the global buffer for the whole group (0 if streamed).
  int64_t residentWeightBits = 0;
  /// Activations produced or consumed elsewhere that stay on chip meanwhile.
  int64_t liveTensorBits = 0;
  bool weightsResident = false;
  /// The footprint by layer, in block order.
  SmallVector<LayerFootprint, 0> layerFootprints;
  bool feasible = true;
  /// On a cache: the group's buffers exceed it, so every access the code
  /// makes to them misses (a cache never refuses a group).
  bool streams = false;
  std::string problem;
  double computeCycles = 0, dramCycles = 0, bufferCycles = 0;

  int64_t footprintBits() const {
    return workingSetBits + residentStateBits + residentWeightBits + liveTensorBits;
  }
  double latencyCycles() const {
    return std::max({computeCycles, dramCycles, bufferCycles});
  }
};

/// The cost of a schedule of a whole function.
struct CostReport {
  std::string network, hardware, schedule;
  Accounting accounting = Accounting::Default;
  int64_t globalBufferBits = 0;
  SmallVector<LayerCost> layers;
  SmallVector<GroupCost> groups;

  OperandBits dramBits() const;
  Energy energy() const;
  int64_t peakOnChipBits() const;
  int64_t stateBits() const;
  double latencyCycles() const;
  bool feasible() const;
  /// Compulsory off-chip traffic: every weight once, the network's inputs
  /// once, its outputs once, and in `stems` accounting every state once in
  /// and once out.
  int64_t lowerBoundBits = 0;

  void print(raw_ostream &os) const;
  llvm::json::Value toJSON() const;
};

/// Writes `value` as indented JSON to the file `path` (`-`: standard
/// output); fails with a diagnostic on `diagOp`.
LogicalResult writeJSONFile(Operation *diagOp, StringRef path, llvm::json::Value value);

} // namespace mlir::snn

#endif // SNN_ANALYSIS_COSTREPORT_H
