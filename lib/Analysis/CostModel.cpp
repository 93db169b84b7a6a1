//===- CostModel.cpp - What the cost model knows before any schedule ------===//
//
// The facts of a function that do not depend on the schedule: its layer ops
// and what each computes, stores and keeps between steps, the bits an
// element takes, the bounds that keep every count in 64 bits, and the
// schedule written in the IR. Evaluating a schedule builds on these:
// ScheduleEvaluation.cpp (the whole schedule), GroupEvaluation.cpp (one
// group), Residency.cpp (activations crossing groups).
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"
#include "snn/Dialect/SNN/Utils/SynapseForm.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;

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

int64_t mlir::snn::tensorBits(const CostModel &model, Value value) {
  return cast<RankedTensorType>(value.getType()).getNumElements() * model.elementBits(value);
}

int64_t mlir::snn::stepBits(const CostModel &model, Value value) {
  return getNumElements(getStepShape(value)) * model.elementBits(value);
}

int64_t mlir::snn::storedBits(const CostModel &model, Value value, bool looped) {
  if (looped && model.countsStorage() && isSpikeType(getElementType(value)))
    return cast<RankedTensorType>(value.getType()).getNumElements() * 8;
  return tensorBits(model, value);
}

/// What the emitted code stores besides results, on a cache: accumulators,
/// converted inputs and weights packed in the accumulation type
/// (ReductionLowering.cpp).
static void addStoredBuffers(Operation *op, LayerFacts &f) {
  ReductionBuffers buffers = getReductionBuffers(op);
  if (!buffers.accumulator)
    return;
  int64_t acc = getElementBits(buffers.accumulator);
  f.accumulatorStepBits = getNumElements(getStepShape(op->getResult(0))) * acc;
  if (buffers.packedWeights)
    f.weightBits = cast<ShapedType>(buffers.packedWeights.getType()).getNumElements() * acc;
  f.convertedInputElementBits = buffers.convertedInput ? acc : 0;
  // A dense convolution's loops run over output rows, each reading the
  // converted rows of every kernel row.
  auto iface = cast<LayerOpInterface>(op);
  if (buffers.convertedInput && !f.eventDriven && !iface.getWeightOperands().empty())
    if (auto weights = dyn_cast<ShapedType>(op->getOperand(iface.getWeightOperands()[0]).getType());
        weights && weights.getRank() == 4)
      f.convertedInputReads = weights.getDimSize(2);
}

static LayerFacts computeLayerFacts(const CostModel &model, Operation *op) {
  auto iface = cast<LayerOpInterface>(op);
  LayerFacts f;
  f.opsPerStep = iface.getOpsPerStep();
  f.outStepBits = stepBits(model, op->getResult(0));
  for (unsigned operand : iface.getWeightOperands())
    f.weightBits += tensorBits(model, op->getOperand(operand));
  if (auto stateful = dyn_cast<StatefulOpInterface>(op)) {
    f.stateBits = stateful.getStateBits();
    // On a cache each state component has its own container, carried from
    // step to step by a loop: spikes stay bytes there.
    if (model.countsStorage()) {
      f.stateBits = 0;
      for (Type type : stateful.getStateTypes()) {
        auto tensor = cast<RankedTensorType>(type);
        f.stateBits += tensor.getNumElements() * getStorageBits(tensor.getElementType());
      }
    }
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
  auto bits = [](Type t) {
    auto type = dyn_cast<RankedTensorType>(t);
    if (!type || !type.getElementType().isIntOrFloat())
      return 0.0;
    double n = type.getElementTypeBitWidth();
    for (int64_t d : type.getShape())
      n *= double(d);
    return n;
  };
  auto layer = cast<LayerOpInterface>(op);
  double steps = double(cast<RankedTensorType>(op->getResult(0).getType()).getDimSize(0));
  LayerBounds b;
  double weights = 0;
  for (unsigned operand : layer.getWeightOperands())
    weights += bits(op->getOperand(operand).getType());
  for (Type type : op->getOperandTypes())
    b.activationBits += bits(type);
  for (Type type : op->getResultTypes())
    b.activationBits += bits(type);
  b.activationBits -= weights;
  // The state, which a delay of many steps makes larger than its operands.
  if (auto stateful = dyn_cast<StatefulOpInterface>(op))
    for (Type type : stateful.getStateTypes())
      b.activationBits += bits(type);
  b.weightBitsTimesSteps = weights * steps;
  // Per output element: at most one product per weight (conv, dense,
  // recurrence) and window position (pooling).
  double perElement = 1 + weights;
  for (int64_t k : layer.getWindowExtents())
    perElement *= double(k);
  b.ops = bits(op->getResult(0).getType()) * perElement;
  return b;
}

FailureOr<CostModel> CostModel::create(func::FuncOp func, HardwareAttr hardware,
                                       Accounting accounting) {
  FailureOr<HardwareModel> hw =
      HardwareModel::get(hardware, [&]() { return func.emitError(); });
  if (failed(hw))
    return failure();
  // The model reads schedules as attributes, on layers in the function or
  // in a fusion group: a group already split into time tiles or spatial
  // bands has its layers in loops, which it would count as nothing. A
  // network beyond the model's 64-bit counts is refused before any count:
  // at most 2^58 operations and bits of activations and state, and 2^44
  // weight bits times steps (re-read by up to 2^16 bands).
  LayerBounds total;
  WalkResult tiled = func.walk([&](Operation *op) {
    if (!isa<LayerOpInterface>(op))
      return WalkResult::advance();
    Operation *parent = op->getParentOp();
    Operation *loop = isa<GroupOp, CycleOp>(parent) ? parent->getParentOp() : parent;
    if (!isa<func::FuncOp>(loop)) {
      op->emitError() << "cannot cost '" << op->getName() << "' inside '" << loop->getName()
                      << "': its group is already split into time tiles or spatial bands; "
                         "run the cost model before snn-batch-time and snn-tile-spatial";
      return WalkResult::interrupt();
    }
    LayerBounds b = layerBounds(op);
    total.ops += b.ops;
    total.activationBits += b.activationBits;
    total.weightBitsTimesSteps += b.weightBitsTimesSteps;
    return WalkResult::advance();
  });
  if (tiled.wasInterrupted())
    return failure();
  if (total.ops >= std::ldexp(1.0, 58) || total.activationBits >= std::ldexp(1.0, 58) ||
      total.weightBitsTimesSteps >= std::ldexp(1.0, 44))
    return func.emitError() << "@" << func.getSymName()
                            << " is too large for the cost model, which counts operations "
                               "and bits in 64 bits (at most 2^58 operations and bits of "
                               "activations, 2^44 weight bits times time steps)";
  CostModel model(func, std::move(*hw), accounting);
  // Layers in the order they run: a cycle's members at its place, in the
  // order each of its steps computes them.
  auto add = [&](Operation *op) {
    if (!isa<LayerOpInterface>(op))
      return;
    model.index[op] = model.layers.size();
    model.layers.push_back(op);
    model.facts.push_back(computeLayerFacts(model, op));
  };
  func.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (auto cycle = dyn_cast<CycleOp>(op)) {
      for (Operation *member : cycle.getStepOrder())
        add(member);
      return WalkResult::skip();
    }
    add(op);
    return WalkResult::advance();
  });
  if (!model.layers.empty())
    model.timeSteps =
        cast<RankedTensorType>(model.layers.front()->getResult(0).getType()).getDimSize(0);
  return model;
}

GroupSpec CostModel::getCycleGroup(CycleOp cycle) const {
  GroupSpec spec;
  for (Operation *op : cycle.getStepOrder())
    if (isa<LayerOpInterface>(op))
      spec.ops.push_back(op);
  spec.schedule = GroupSchedule::stepwise();
  return spec;
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
        joinsReaderGroup(specs.back().ops.front(), group.ops.front())) {
      specs.back().ops.push_back(group.ops.front());
      continue;
    }
    GroupSpec spec;
    spec.ops = std::move(group.ops);
    spec.schedule = GroupSchedule::get(group.schedule);
    spec.id = group.schedule ? group.schedule.getGroup() : -1;
    specs.push_back(std::move(spec));
  }
  // Each cycle is a group computed one step at a time, at its place.
  for (auto cycle : getFunction().getBody().front().getOps<CycleOp>()) {
    GroupSpec spec = getCycleGroup(cycle);
    if (spec.ops.empty())
      continue;
    unsigned first = index.lookup(spec.ops.front());
    auto at = llvm::find_if(specs, [&](const GroupSpec &s) {
      return index.lookup(s.ops.front()) > first;
    });
    specs.insert(at, std::move(spec));
  }
  return specs;
}
