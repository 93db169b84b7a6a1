//===- CostModel.h - Data movement and energy of a schedule -----*- C++ -*-===//
//
// Evaluates a schedule of an snn function on a memory hierarchy: per layer
// and operand (W weights, I input activations, O outputs, V neuron state) the
// bits moved between off-chip memory and the global buffer and between the
// global buffer and the array, the on-chip footprint of every schedule group,
// energy by component, a latency estimate and the compulsory lower bound, as
// a CostReport (CostReport.h). docs/CostModel.md gives every formula.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_ANALYSIS_COSTMODEL_H
#define SNN_ANALYSIS_COSTMODEL_H

#include "snn/Analysis/CostReport.h"
#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::snn {

/// A schedule group to evaluate: its ops (a contiguous run in block order)
/// and their schedule.
struct GroupSpec {
  SmallVector<Operation *> ops;
  GroupSchedule schedule;
  /// The group id to report (-1 for an op alone).
  int64_t id = -1;
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
  /// Times each step reads its converted input: the kernel rows of a
  /// convolution, whose loops run over output rows.
  int64_t convertedInputReads = 1;
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
  /// The group an snn.cycle always is: its layers in step order, computed
  /// one step at a time (GroupSchedule::stepwise).
  GroupSpec getCycleGroup(CycleOp cycle) const;

  /// Evaluates `groups`, which must cover every layer op exactly once in
  /// block order. Fails with a diagnostic when a group cannot be tiled as
  /// asked. Defined in ScheduleEvaluation.cpp, above the group evaluation it
  /// uses: CostModel.cpp holds only what does not depend on the schedule.
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

/// Bits of all time steps of an activation, and of one step, as `model`
/// counts its elements.
int64_t tensorBits(const CostModel &model, Value value);
int64_t stepBits(const CostModel &model, Value value);

/// Bits of `value` as a group writes it: on a cache, spikes that a group
/// with loops (bands or several time tiles) builds through its loop are
/// bytes (snn-pack-spikes leaves loop-carried buffers alone); otherwise as
/// `tensorBits`.
int64_t storedBits(const CostModel &model, Value value, bool looped);

/// The cost of the schedule written in every function of `module` that has
/// layer ops (as `snn-cost-report` prints it); fails after a diagnostic.
FailureOr<std::vector<CostReport>>
evaluateWrittenSchedules(ModuleOp module, HardwareAttr hardware, Accounting accounting);

} // namespace mlir::snn

#endif // SNN_ANALYSIS_COSTMODEL_H
