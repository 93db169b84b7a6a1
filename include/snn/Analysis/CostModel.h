//===- CostModel.h - Data movement and energy of a schedule -----*- C++ -*-===//
//
// Evaluates a schedule of an snn function on a memory hierarchy: per layer
// and operand (W weights, I input activations, O outputs, V neuron state) the
// bits moved between off-chip memory and the global buffer and between the
// global buffer and the array, the on-chip footprint of every schedule group,
// energy by component, a latency estimate and the compulsory lower bound.
// docs/CostModel.md gives every formula.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_ANALYSIS_COSTMODEL_H
#define SNN_ANALYSIS_COSTMODEL_H

#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/JSON.h"

namespace mlir::snn {

/// How neuron state at the ends of an inference is counted.
enum class Accounting {
  /// State starts at its initial value on chip and is dropped after the
  /// last step, as an inference does.
  Default,
  /// State is read from off-chip memory before its first use and written back
  /// after its last step, as the published STEMS tool counts it.
  Stems,
};

StringRef stringifyAccounting(Accounting accounting);
std::optional<Accounting> symbolizeAccounting(StringRef name);

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
};

/// A schedule group to evaluate: its ops (a contiguous run in block order)
/// and their schedule.
struct GroupSpec {
  SmallVector<Operation *> ops;
  GroupSchedule schedule;
  /// The group id to report (-1 for an op alone).
  int64_t id = -1;
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

/// What the cost model needs to know about one layer op, whatever the
/// schedule.
struct LayerFacts {
  int64_t opsPerStep = 0;
  /// Bits of one time step of the result.
  int64_t outStepBits = 0;
  /// Bits of all weight operands.
  int64_t weightBits = 0;
  /// Bits of state the whole layer keeps between steps.
  int64_t stateBits = 0;
  /// A synapse only a neuron or activation reads (computed step by step).
  bool stepwise = false;
  /// Every activation operand is a spike train.
  bool spikeInputs = false;
  /// An event-driven synapse computes only on its events: the fraction of
  /// its inputs they are (its `activity`, 1 where unknown or dense).
  bool eventDriven = false;
  double activity = 1.0;
  /// On a cache, the buffers the emitted code keeps per step besides the
  /// result: the accumulators of a convolution, dense layer or sum/average
  /// pool (bits of one step of the whole layer) and, per input element, the
  /// bits of its input converted to the accumulation type (0 if it reads its
  /// input as it is).
  int64_t accumulatorStepBits = 0;
  int64_t convertedInputElementBits = 0;
};

/// Facts about a function that do not depend on the schedule, computed once
/// and reused for every schedule evaluated (the auto-scheduler evaluates
/// many).
class CostModel {
public:
  /// Fails with a diagnostic on `func` if the hardware is unusable.
  static FailureOr<CostModel> create(func::FuncOp func, HardwareAttr hardware,
                                     Accounting accounting);

  /// The schedule written in the function's `#snn.schedule` attributes (or
  /// its snn.group ops), as group specs.
  SmallVector<GroupSpec> getWrittenSchedule() const;

  /// Evaluates `groups`, which must cover every layer op exactly once in
  /// block order. Fails with a diagnostic when a group cannot be tiled as
  /// asked.
  FailureOr<CostReport> evaluate(ArrayRef<GroupSpec> groups) const;

  /// The layer ops of the function in block order.
  ArrayRef<Operation *> getLayers() const { return layers; }
  /// The facts of layer op `op`.
  const LayerFacts &getFacts(Operation *op) const { return facts[index.lookup(op)]; }
  const HardwareModel &getHardware() const { return hardware; }
  Accounting getAccounting() const { return accounting; }
  /// True on a cache: widths are those the emitted code stores.
  bool countsStorage() const { return hardware.isCache(); }
  /// The bits one element of `value` takes: its type's, or on a cache, what
  /// the emitted code stores (a spike is a bit, or a byte in the function's
  /// arguments and results; other integers a whole 8, 16, 32 or 64 bits).
  int64_t elementBits(Value value) const;
  int64_t getTimeSteps() const { return timeSteps; }
  func::FuncOp getFunction() const { return const_cast<func::FuncOp &>(func); }

  /// The report name of a layer: its name location, else its op name and
  /// position.
  std::string getLayerName(Operation *op) const;

private:
  CostModel(func::FuncOp func, HardwareModel hardware, Accounting accounting)
      : func(func), hardware(std::move(hardware)), accounting(accounting) {}

  func::FuncOp func;
  HardwareModel hardware;
  Accounting accounting;
  SmallVector<Operation *> layers;
  SmallVector<LayerFacts> facts;
  llvm::DenseMap<Operation *, unsigned> index;
  int64_t timeSteps = 1;
};

/// The cost of the schedule written in every function of `module` that has
/// layer ops (as `snn-cost-report` prints it); fails after a diagnostic.
FailureOr<std::vector<CostReport>>
evaluateWrittenSchedules(ModuleOp module, HardwareAttr hardware, Accounting accounting);

/// Writes `value` as indented JSON to the file `path` (`-`: standard
/// output); fails with a diagnostic on `diagOp`.
LogicalResult writeJSONFile(Operation *diagOp, StringRef path, llvm::json::Value value);

} // namespace mlir::snn

#endif // SNN_ANALYSIS_COSTMODEL_H
