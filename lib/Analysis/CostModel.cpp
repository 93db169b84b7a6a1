//===- CostModel.cpp - Data movement and energy of a schedule --------------===//
//
// Groups are evaluated one by one (GroupEvaluation.cpp); then the activations
// that cross groups are placed: in program order of their producers, a
// tensor stays in the global buffer if it fits next to everything else on
// chip during its whole lifetime, from its producing group to its last
// reader; otherwise it is written off chip once and every reader reads its
// windows back. Energy, latency and the lower bound follow.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/CostModel.h"
#include "GroupEvaluation.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/IntRanges.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"
#include "snn/Dialect/SNN/Utils/SynapseForm.h"

#include "llvm/ADT/MapVector.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;

StringRef mlir::snn::stringifyAccounting(Accounting accounting) {
  return accounting == Accounting::Stems ? "stems" : "default";
}

std::optional<Accounting> mlir::snn::symbolizeAccounting(StringRef name) {
  if (name == "default")
    return Accounting::Default;
  if (name == "stems")
    return Accounting::Stems;
  return std::nullopt;
}

GroupSchedule GroupSchedule::get(ScheduleAttr attr) {
  GroupSchedule s;
  if (attr) {
    s.timeTile = attr.getTimeTile();
    s.tileAxis = attr.getTileAxis();
    s.tileSize = attr.getTileSize();
    s.state = attr.getState();
  }
  return s;
}


int64_t CostModel::elementBits(Value value) const {
  Type elt = getElementType(value);
  if (!countsStorage())
    return getElementBits(elt);
  // Spikes are packed 8 to a byte (snn-pack-spikes) except where the
  // function meets its caller.
  if (isSpikeType(elt))
    return isa<BlockArgument>(value) || isReturned(value) ? 8 : 1;
  return getStorageBits(elt);
}

/// What the emitted code stores besides results, on a cache: accumulators,
/// converted inputs and weights packed in the accumulation type
/// (ReductionLowering.cpp).
static void addStoredBuffers(Operation *op, LayerFacts &f) {
  if (!isa<Conv2dOp, DenseOp, SumPool2dOp, AvgPool2dOp>(op))
    return;
  Type accType = getAccumulatorType(op);
  int64_t acc = getElementBits(accType);
  f.accumulatorStepBits = getNumElements(getStepShape(op->getResult(0))) * acc;
  Type inElt = getElementType(op->getOperand(0));
  if (isa<Conv2dOp, DenseOp>(op)) {
    // Convolutions with lanes across output channels, dense layers and
    // event-driven forms pack their weights in the accumulation type. Dense
    // convolutions with channel lanes convert (and lay out channels-last)
    // every input, dense layers unless it has the accumulation type; the
    // event-driven forms read spikes as they are.
    bool event = getSynapseForm(op) == SynapseForm::Event;
    auto conv = dyn_cast<Conv2dOp>(op);
    bool lanes = !conv || event || hasChannelLanes(conv);
    if (lanes)
      f.weightBits = cast<ShapedType>(op->getOperand(1).getType()).getNumElements() * acc;
    bool converts = event ? !isSpikeType(inElt) : conv ? lanes : inElt != accType;
    f.convertedInputElementBits = converts ? acc : 0;
  }
}

static LayerFacts computeLayerFacts(const CostModel &model, Operation *op) {
  auto iface = cast<LayerOpInterface>(op);
  LayerFacts f;
  f.opsPerStep = iface.getOpsPerStep();
  f.outStepBits = stepBits(model, op->getResult(0));
  for (unsigned operand : iface.getWeightOperands())
    f.weightBits += tensorBits(model, op->getOperand(operand));
  if (auto neuron = dyn_cast<NeuronOpInterface>(op)) {
    int64_t perNeuron = neuron.getStateBitsPerNeuron();
    // On a cache each state buffer has its own container; previous spikes
    // are carried from step to step as bytes.
    if (model.countsStorage()) {
      perNeuron = 0;
      for (Type type : neuron.getStateElementTypes())
        perNeuron += getStorageBits(type);
    }
    f.stateBits = perNeuron * getNumElements(getStepShape(op->getResult(0)));
  } else if (auto delay = dyn_cast<DelayOp>(op)) {
    // A delay's history is carried by its loop: spikes stay bytes there.
    Value in = delay.getInput();
    int64_t bits = model.countsStorage() && isSpikeType(getElementType(in))
                       ? 8 * getNumElements(getStepShape(in))
                       : stepBits(model, in);
    f.stateBits = delay.getStepsAttr().getInt() * bits;
  }
  f.stepwise = isStepwiseSynapse(op);
  f.spikeInputs = llvm::all_of(iface.getActivationOperands(), [&](unsigned operand) {
    return isSpikeType(getElementType(op->getOperand(operand)));
  });
  f.eventDriven = getSynapseForm(op) == SynapseForm::Event;
  if (FloatAttr activity = getActivity(op); f.eventDriven && activity)
    f.activity = activity.getValueAsDouble();
  if (model.countsStorage())
    addStoredBuffers(op, f);
  return f;
}

/// Upper bounds, in double, of what the model counts for a layer over the
/// run in int64_t: its operations, the bits of its activations and state,
/// and the bits of its weights times the time steps (weights may be re-read
/// by every band of every time tile, up to 2^16 bands).
struct LayerBounds {
  double ops = 0, activationBits = 0, weightBitsTimesSteps = 0;
};

static LayerBounds layerBounds(Operation *op) {
  auto bits = [](Value value) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !type.getElementType().isIntOrFloat())
      return 0.0;
    double n = type.getElementTypeBitWidth();
    for (int64_t d : type.getShape())
      n *= double(d);
    return n;
  };
  double steps = double(cast<RankedTensorType>(op->getResult(0).getType()).getDimSize(0));
  LayerBounds b;
  double weights = 0;
  for (unsigned operand : cast<LayerOpInterface>(op).getWeightOperands())
    weights += bits(op->getOperand(operand));
  for (Value v : op->getOperands())
    b.activationBits += bits(v);
  for (Value v : op->getResults())
    b.activationBits += bits(v);
  b.activationBits -= weights;
  if (auto delay = dyn_cast<DelayOp>(op))
    b.activationBits += double(delay.getStepsAttr().getInt()) * bits(delay.getInput()) / steps;
  b.weightBitsTimesSteps = weights * steps;
  // Per output element: at most one product per weight (conv, dense,
  // recurrence) or per window position (pooling).
  double perElement = 1 + weights;
  if (auto kernel = op->getAttrOfType<DenseI64ArrayAttr>("kernel"))
    for (int64_t k : kernel.asArrayRef())
      perElement *= double(k);
  b.ops = bits(op->getResult(0)) * perElement;
  return b;
}

FailureOr<CostModel> CostModel::create(func::FuncOp func, HardwareAttr hardware,
                                       Accounting accounting) {
  FailureOr<HardwareModel> hw =
      HardwareModel::get(hardware, [&]() { return func.emitError(); });
  if (failed(hw))
    return failure();
  // A network beyond the model's 64-bit counts is refused before any count:
  // at most 2^58 operations and bits of activations and state, and 2^44
  // weight bits times steps (re-read by up to 2^16 bands).
  LayerBounds total;
  func.walk([&](Operation *op) {
    if (!isa<LayerOpInterface>(op))
      return;
    LayerBounds b = layerBounds(op);
    total.ops += b.ops;
    total.activationBits += b.activationBits;
    total.weightBitsTimesSteps += b.weightBitsTimesSteps;
  });
  if (total.ops >= std::ldexp(1.0, 58) || total.activationBits >= std::ldexp(1.0, 58) ||
      total.weightBitsTimesSteps >= std::ldexp(1.0, 44))
    return func.emitError() << "@" << func.getSymName()
                            << " is too large for the cost model, which counts operations "
                               "and bits in 64 bits (at most 2^58 operations and bits of "
                               "activations, 2^44 weight bits times time steps)";
  CostModel model(func, std::move(*hw), accounting);
  func.walk([&](Operation *op) {
    if (!isa<LayerOpInterface>(op))
      return;
    model.index[op] = model.layers.size();
    model.layers.push_back(op);
    model.facts.push_back(computeLayerFacts(model, op));
  });
  if (!model.layers.empty())
    model.timeSteps =
        cast<RankedTensorType>(model.layers.front()->getResult(0).getType()).getDimSize(0);
  return model;
}

std::string CostModel::getLayerName(Operation *op) const {
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    return name.getName().str();
  auto it = llvm::find(layers, op);
  return (op->getName().getStringRef() + "#" + Twine(it - layers.begin())).str();
}

SmallVector<GroupSpec> CostModel::getWrittenSchedule() const {
  SmallVector<GroupSpec> specs;
  for (ScheduleGroup &group : getScheduleGroups(getFunction().getBody().front())) {
    // An unscheduled synapse feeding only an unscheduled neuron or activation
    // runs inside that op's time loop: one layer, as the lowering builds it.
    bool loopFree = needsNoLoops(group.schedule);
    if (loopFree && !specs.empty() && specs.back().id == -1 && specs.back().ops.size() == 1 &&
        group.ops.size() == 1 && needsNoLoops(getSchedule(specs.back().ops.front())) &&
        isStepwiseSynapse(specs.back().ops.front()) &&
        *specs.back().ops.front()->getResult(0).getUsers().begin() == group.ops.front()) {
      specs.back().ops.push_back(group.ops.front());
      continue;
    }
    GroupSpec spec;
    spec.ops = std::move(group.ops);
    spec.schedule = GroupSchedule::get(group.schedule);
    spec.id = group.schedule ? group.schedule.getGroup() : -1;
    specs.push_back(std::move(spec));
  }
  return specs;
}

namespace {

/// An activation that crosses groups: a network input or a group's result.
struct CrossingTensor {
  Value value;
  int64_t bits = 0;
  /// The producing layer (none for a network input) and group.
  std::optional<unsigned> producer;
  unsigned firstGroup = 0, lastGroup = 0;
  bool returned = false;
  SmallVector<const ExternalRead *> reads;
  /// Position of first appearance, a deterministic tie-break.
  unsigned order = 0;

  /// Off-chip traffic avoided by keeping the tensor on chip: its write and
  /// every reader's windows, less the one read of a network input.
  int64_t savedBits() const {
    int64_t offChip = producer && !returned ? bits : 0;
    for (const ExternalRead *read : reads)
      offChip += read->bits;
    return offChip - (producer ? 0 : bits);
  }
};

/// Places every crossing tensor and charges its traffic to its producer
/// (outputs O) and readers (inputs I).
class Residency {
public:
  Residency(const CostModel &model, CostReport &report, ArrayRef<GroupEvaluation> groups)
      : model(model), report(report), groups(groups),
        capacity(model.getHardware().getUsableBits()) {}

  void run() {
    collect();
    SmallVector<int64_t> live(groups.size(), 0);
    for (CrossingTensor &t : tensors) {
      bool fits = true;
      for (unsigned g = t.firstGroup; g <= t.lastGroup; ++g)
        fits &= report.groups[g].footprintBits() + live[g] + t.bits <= capacity;
      if (fits)
        for (unsigned g = t.firstGroup; g <= t.lastGroup; ++g)
          live[g] += t.bits;
      charge(t, fits);
    }
    for (auto [g, bits] : llvm::enumerate(live))
      report.groups[g].liveTensorBits = bits;
  }

private:
  void collect() {
    llvm::MapVector<Value, CrossingTensor> byValue;
    for (auto [g, group] : llvm::enumerate(groups))
      for (auto [value, layer] : group.results) {
        CrossingTensor &t = byValue[value];
        t.value = value;
        t.producer = layer;
        t.firstGroup = t.lastGroup = g;
        t.returned = isReturned(value);
      }
    for (auto [g, group] : llvm::enumerate(groups))
      for (const ExternalRead &read : group.externalReads) {
        bool fresh = !byValue.count(read.tensor);
        CrossingTensor &t = byValue[read.tensor];
        if (fresh) {
          t.value = read.tensor;
          t.firstGroup = g;
        }
        t.lastGroup = std::max<unsigned>(t.lastGroup, g);
        t.reads.push_back(&read);
      }
    for (auto &entry : byValue) {
      entry.second.bits = tensorBits(model, entry.first);
      entry.second.order = tensors.size();
      tensors.push_back(std::move(entry.second));
    }
    // Largest savings first; ties in order of first appearance.
    llvm::sort(tensors, [](const CrossingTensor &a, const CrossingTensor &b) {
      return std::make_pair(-a.savedBits(), a.order) < std::make_pair(-b.savedBits(), b.order);
    });
  }

  /// True if layer `layer` belongs to a group streaming through a cache,
  /// whose every access is charged already.
  bool streams(unsigned layer) const {
    return report.groups[report.layers[layer].group].streams;
  }

  void charge(const CrossingTensor &t, bool resident) {
    if (t.producer && (!resident || t.returned) && !streams(*t.producer)) {
      LayerCost &producer = report.layers[*t.producer];
      producer.dramWrite.o += t.bits;
      producer.bufferRead.o += t.bits;
    }
    if (!t.producer && resident && !t.reads.empty() && !streams(t.reads.front()->layer)) {
      // A network input staged on chip once.
      LayerCost &reader = report.layers[t.reads.front()->layer];
      reader.dramRead.i += t.bits;
      reader.bufferWrite.i += t.bits;
    }
    if (resident)
      return;
    for (const ExternalRead *read : t.reads) {
      if (streams(read->layer))
        continue;
      LayerCost &reader = report.layers[read->layer];
      reader.dramRead.i += read->bits;
      reader.bufferWrite.i += read->bits;
    }
  }

  const CostModel &model;
  CostReport &report;
  ArrayRef<GroupEvaluation> groups;
  int64_t capacity;
  SmallVector<CrossingTensor> tensors;
};

} // namespace

FailureOr<CostReport> CostModel::evaluate(ArrayRef<GroupSpec> specs) const {
  CostReport report;
  report.network = getFunction().getSymName().str();
  report.hardware = hardware.getAttr().getName().str();
  report.accounting = accounting;
  report.globalBufferBits = hardware.getGlobalBufferBits();

  std::vector<GroupEvaluation> groups;
  unsigned firstLayer = 0;
  for (auto [i, spec] : llvm::enumerate(specs)) {
    FailureOr<GroupEvaluation> group = evaluateGroup(*this, spec, i, firstLayer);
    if (failed(group))
      return failure();
    firstLayer += spec.ops.size();
    report.groups.push_back(group->cost);
    llvm::append_range(report.layers, group->layers);
    groups.push_back(std::move(*group));
  }
  Residency(*this, report, groups).run();

  MemoryLevelAttr dram = hardware.getDRAM(), gb = hardware.getGlobalBuffer();
  for (LayerCost &layer : report.layers) {
    layer.name = getLayerName(layer.op);
    layer.energy = layerEnergy(layer, hardware);
    GroupCost &g = report.groups[layer.group];
    if (dram.getBw() > 0)
      g.dramCycles += double(layer.dramRead.total() + layer.dramWrite.total()) / dram.getBw();
    if (gb.getBw() > 0)
      g.bufferCycles +=
          double(layer.bufferRead.total() + layer.bufferWrite.total()) / gb.getBw();
  }

  // Compulsory traffic: weights, network inputs and outputs once; state once
  // in and once out when the accounting counts it.
  int64_t bound = 0;
  llvm::SmallPtrSet<Value, 16> seen;
  for (Operation *op : layers) {
    auto iface = cast<LayerOpInterface>(op);
    for (unsigned operand : iface.getWeightOperands())
      bound += tensorBits(*this, op->getOperand(operand));
    for (unsigned operand : iface.getActivationOperands()) {
      Value input = op->getOperand(operand);
      if (isa<BlockArgument>(input) && seen.insert(input).second)
        bound += tensorBits(*this, input);
    }
    if (isReturned(op->getResult(0)))
      bound += tensorBits(*this, op->getResult(0));
    if (accounting == Accounting::Stems)
      if (auto neuron = dyn_cast<NeuronOpInterface>(op))
        bound += 2 * neuron.getStateBitsPerNeuron() *
                 getNumElements(getStepShape(op->getResult(0)));
  }
  report.lowerBoundBits = bound;
  return report;
}
