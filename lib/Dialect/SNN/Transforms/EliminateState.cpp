//===- EliminateState.cpp - Stateless neurons and narrower state -----------===//
//
// A stateless neuron starts every step from its resting potential v_leak:
// its charge is v_leak + gain * x (with a current-based neuron's current
// syn_gain * x in place of x), its spike that charge against the threshold.
// In existing ops: snn.scale by the gain, then snn.threshold against
// threshold - v_leak (a leaky integrator: the scale alone, with v_leak = 0).
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/Utils/IntRanges.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNELIMINATESTATE
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

/// The attribute of a parameter: a scalar, or one value per channel/neuron.
static Attribute paramAttr(Builder &b, const Param &p) {
  if (p.isScalar())
    return b.getF64FloatAttr(p.scalar());
  return b.getDenseF64ArrayAttr(p.getValues());
}

/// threshold - v_leak per neuron, in the shape of the threshold's kind (or
/// per neuron when the two parameters have different kinds).
static Param shiftedThreshold(const Param &theta, const Param &leak,
                              ArrayRef<int64_t> shape) {
  if (leak.isScalar()) {
    SmallVector<double> values;
    for (double t : theta.getValues())
      values.push_back(t - leak.scalar());
    return theta.isScalar() ? Param(values.front()) : Param(theta.getKind(), values);
  }
  int64_t n = getNumElements(shape), perChannel = n / shape.front();
  SmallVector<double> values;
  for (int64_t i = 0; i < n; ++i)
    values.push_back(theta.at(i / perChannel, i) - leak.at(i / perChannel, i));
  return Param(Param::Kind::PerNeuron, values);
}

/// True if the state of `m` never influences a later step: no decay of the
/// membrane (and current), no recurrence, no reset carried to the next step.
static bool isProvablyStateless(const NeuronModel &m) {
  return m.beta.isUniformly(0.0) && (!m.currentBased || m.alpha.isUniformly(0.0)) &&
         !m.recurrent && (!m.spiking || m.timing == ResetTiming::Same || m.reset == ResetMode::None);
}

namespace {

/// Builds stateless replacements of neurons.
class StatelessBuilder {
public:
  StatelessBuilder(RewriterBase &rewriter, Operation *neuron)
      : b(rewriter), neuron(neuron), m(NeuronModel::get(neuron)),
        type(cast<RankedTensorType>(neuron->getOperand(0).getType())) {}

  /// Why the stateless form would not compute exactly the neuron's values,
  /// or empty if it would.
  std::string inexactness() const {
    // The stateful charge keeps the term 0 * (v - v_leak): NaN once the
    // membrane overflowed to infinity (or became NaN), and a zero whose sign
    // follows v's. Nothing bounds a float membrane, so no float neuron is
    // provably stateless.
    if (isa<FloatType>(m.stateType))
      return "a float membrane, which may overflow to infinity (0 * inf is NaN) and whose "
             "zeros carry a sign";
    // The charge v_leak + mulq(x, gain) saturates to the state type; the
    // stateless form compares mulq(x, gain) (saturated to 32 bits) with
    // threshold - v_leak. Both agree unless the 32-bit product saturates or
    // the threshold sits where a saturated charge compares differently.
    IntRange x = getActivationRange(neuron->getOperand(0));
    if (m.currentBased)
      x = clampTo(mulq(x, getParamRange(m.synGain, true)), m.synType);
    IntRange charge = mulq(x, getParamRange(m.gain, true));
    IntRange i32 = getTypeRange(b.getI32Type());
    if (charge.lo < i32.lo || charge.hi > i32.hi)
      return "a charge that may not fit 32 bits";
    if (m.spiking) {
      IntRange state = getTypeRange(m.stateType), theta = getParamRange(m.threshold, false);
      if (m.compare == Compare::GT ? theta.hi >= state.hi : theta.lo <= state.lo)
        return "a threshold at the end of the state type's range";
    }
    return {};
  }

  /// Why no stateless form exists at all, or empty.
  std::string impossibility() const {
    if (m.recurrent)
      return "it has a recurrent weight";
    if (m.refractory > 0)
      return "it has a refractory period, which a spike carries into later steps";
    if (m.adaptive)
      return "it has an adaptive threshold, which a spike raises for later steps";
    // snn.scale floors its product and saturates, snn.threshold adds no
    // bias: other arithmetic has no stateless form in existing ops.
    if (m.hasBias)
      return "it has a bias, which the stateless form does not add";
    if (m.overflow != Overflow::Saturate ||
        (m.currentBased && m.synOverflow != Overflow::Saturate))
      return "its state overflows otherwise than by saturating, which the stateless "
             "form cannot express";
    if ((m.rounding != Rounding::Floor && !m.gain.isUniformly(1.0)) ||
        (m.currentBased && m.synRounding != Rounding::Floor && !m.synGain.isUniformly(1.0)))
      return "its gain products round otherwise than down, which snn.scale cannot express";
    if (!m.spiking && !m.vLeak.isUniformly(0.0))
      return "a leaky integrator with a non-zero v_leak has no stateless form";
    // snn.scale converts integers to integers and spikes to anything.
    auto convertible = [](Type from, Type to) {
      return isIntType(to) ? isIntType(from) : from == to || isSpikeType(from);
    };
    Type in = type.getElementType();
    if (m.currentBased && !convertible(in, m.synType))
      return "its input would need a conversion to the current's type";
    if (!convertible(m.currentBased ? m.synType : in, m.stateType))
      return "its drive would need a conversion to the float state type";
    return {};
  }

  /// Replaces the neuron by its stateless form.
  void replace() {
    Location loc = neuron->getLoc();
    b.setInsertionPoint(neuron);
    Value x = neuron->getOperand(0);
    if (m.currentBased)
      x = scale(x, m.synGain, m.synType, loc);
    Type chargeType = isa<IntegerType>(m.stateType) ? Type(b.getI32Type()) : m.stateType;
    if (!m.spiking) {
      b.replaceOp(neuron, scale(x, m.gain, m.stateType, loc));
      return;
    }
    bool keepInput = m.gain.isUniformly(1.0) &&
                     (isa<IntegerType>(m.stateType) || getElementType(x) == m.stateType);
    Value charge = keepInput ? x : scale(x, m.gain, chargeType, loc);
    Param theta = shiftedThreshold(m.threshold, m.vLeak, type.getShape().drop_front());
    auto spikes = ThresholdOp::create(
        b, loc, neuron->getResult(0).getType(), charge, paramAttr(b, theta),
        CompareAttr::get(b.getContext(), m.compare), ValueRange(), nullptr, getSchedule(neuron));
    keepAnnotations(spikes);
    b.replaceOp(neuron, spikes.getResult());
  }

private:
  Value scale(Value x, const Param &factor, Type elt, Location loc) {
    auto resultType = RankedTensorType::get(type.getShape(), elt);
    auto op = ScaleOp::create(b, loc, resultType, x, paramAttr(b, factor), ValueRange(), nullptr,
                              getSchedule(neuron));
    keepAnnotations(op);
    return op.getResult();
  }

  /// The neuron's discardable attributes (its `snn.block`, which
  /// snn-set-schedule groups by, and user annotations) carry over to the ops
  /// replacing it; `snn.stateless`, the request just served, does not.
  void keepAnnotations(Operation *op) {
    for (NamedAttribute attr : neuron->getDiscardableAttrs())
      if (attr.getName() != SNNDialect::StatelessAttrHelper::getNameStr())
        op->setDiscardableAttr(attr.getName(), attr.getValue());
  }

  static IntRange clampTo(IntRange r, Type type) {
    IntRange t = getTypeRange(type);
    return {std::clamp(r.lo, t.lo, t.hi), std::clamp(r.hi, t.lo, t.hi)};
  }

  RewriterBase &b;
  Operation *neuron;
  NeuronModel m;
  RankedTensorType type;
};

/// The name a user gives a layer: its name location.
std::string layerName(Operation *op) {
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    return name.getName().str();
  return "";
}

struct SNNEliminateStatePass
    : public snn::impl::SNNEliminateStateBase<SNNEliminateStatePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Operation *> neurons;
    getOperation()->walk([&](NeuronOpInterface op) { neurons.push_back(op); });
    llvm::StringSet<> names, found;
    for (const std::string &name : layers)
      names.insert(name);
    llvm::SmallDenseSet<int64_t> requestedBlocks(blocks.begin(), blocks.end());
    IRRewriter rewriter(&getContext());
    for (Operation *op : neurons) {
      std::string name = layerName(op);
      IntegerAttr block = SNNDialect::BlockAttrHelper(&getContext()).getAttr(op);
      bool asked = SNNDialect::StatelessAttrHelper(&getContext()).isAttrPresent(op) ||
                   names.contains(name) ||
                   (block && requestedBlocks.contains(block.getInt()));
      if (names.contains(name))
        found.insert(name);
      if (isInCycle(op)) {
        // Its state feeds back into its own input: it never settles into
        // a function of the current step.
        if (asked) {
          op->emitOpError() << "is in an 'snn.cycle': its state cannot be eliminated";
          return signalPassFailure();
        }
        continue;
      }
      if (failed(process(rewriter, op, asked)))
        return signalPassFailure();
    }
    for (const std::string &name : layers)
      if (!found.contains(name)) {
        getOperation()->emitError() << "snn-eliminate-state: no neuron named '" << name << "'";
        return signalPassFailure();
      }
    int64_t after = considered - removed - narrowed;
    InFlightDiagnostic summary = getOperation()->emitRemark()
                                 << "neuron state: " << considered << " -> " << after << " bits";
    if (after > 0)
      summary << llvm::formatv(" ({0:f2}x fewer)", double(considered) / after);
    summary << "; " << removed << " removed from " << statelessCount << " stateless neurons, "
            << narrowed << " saved by " << narrowedCount << " narrower state types";
  }

  static int64_t stateBits(Operation *op) {
    return cast<StatefulOpInterface>(op).getStateBits();
  }

  /// A neuron the schedule passes already rewrote: a tile of a layer, or
  /// with its state as operands and results.
  static bool isScheduled(Operation *op) {
    return op->getNumResults() > 1 || op->hasAttr("layer_shape");
  }

  LogicalResult process(IRRewriter &rewriter, Operation *op, bool asked) {
    if (isScheduled(op)) {
      if (asked)
        return op->emitError() << "cannot make a scheduled neuron stateless: run "
                                  "snn-eliminate-state before the schedule passes";
      return success();
    }
    NeuronModel m = NeuronModel::get(op);
    int64_t bits = stateBits(op);
    considered += bits;
    StatelessBuilder stateless(rewriter, op);
    std::string impossible = stateless.impossibility();
    if (asked && !impossible.empty())
      return op->emitError() << "cannot make this neuron stateless: " << impossible;
    bool provably = provable && impossible.empty() && isProvablyStateless(m) &&
                    stateless.inexactness().empty();
    if (asked || provably) {
      op->emitRemark() << (provably ? "provably stateless" : "stateless on request") << ": "
                       << bits << " bits of state removed";
      removed += bits;
      ++statelessCount;
      stateless.replace();
      return success();
    }
    // A leaky integrator's result is its membrane, in the state type.
    if (narrow && m.spiking)
      narrowStateType(op, m);
    return success();
  }

  /// Gives an integer neuron the narrowest state type its proven membrane
  /// range and its constants fit.
  void narrowStateType(Operation *op, const NeuronModel &m) {
    std::optional<IntRange> range = getMembraneRange(op);
    if (!range)
      return;
    IntRange needed = *range;
    for (const Param *p : {&m.threshold, &m.vReset, &m.vInit, &m.vLeak, &m.bias})
      needed = needed.join(getParamRange(*p, /*q16=*/false));
    // A symmetric saturation also keeps the narrower type's lowest value
    // out of the membrane: the range must fit without it.
    if (m.overflow == Overflow::SaturateSymmetric)
      needed.lo -= 1;
    unsigned width = m.stateType.getIntOrFloatBitWidth();
    unsigned bits = needed.bitsNeeded();
    if (bits >= width)
      return;
    int64_t before = stateBits(op);
    Builder b(op->getContext());
    if (m.currentBased && !op->hasAttr("syn_type"))
      op->setAttr("syn_type", TypeAttr::get(m.synType));
    op->setAttr("state_type", TypeAttr::get(b.getIntegerType(bits)));
    int64_t saved = before - stateBits(op);
    op->emitRemark() << "state type i" << width << " -> i" << bits << " (membrane in ["
                     << range->lo << ", " << range->hi << "]): " << saved << " bits saved";
    narrowed += saved;
    ++narrowedCount;
  }

  /// State bits of the unscheduled neurons, of those made stateless, and
  /// saved by narrower types; neurons made stateless and narrowed.
  int64_t considered = 0, removed = 0, narrowed = 0, statelessCount = 0, narrowedCount = 0;
};

} // namespace
