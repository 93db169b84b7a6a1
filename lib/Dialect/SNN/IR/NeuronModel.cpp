//===- NeuronModel.cpp - Resolved neuron parameters ------------------------===//

#include "snn/Dialect/SNN/IR/NeuronModel.h"

#include "llvm/ADT/SmallString.h"

using namespace mlir;
using namespace mlir::snn;

/// `value` in the shortest decimal form, for diagnostics ("1.5", "40000").
static std::string str(double value) {
  SmallString<24> text;
  APFloat(value).toString(text, /*FormatPrecision=*/0, /*FormatMaxPadding=*/16);
  return std::string(text);
}

FailureOr<Param> Param::get(Attribute attr, double defaultValue,
                            ArrayRef<int64_t> shape, StringRef name,
                            function_ref<InFlightDiagnostic()> emitError) {
  if (!attr)
    return Param(defaultValue);
  SmallVector<double> values;
  if (auto f = dyn_cast<FloatAttr>(attr)) {
    values.push_back(f.getValueAsDouble());
  } else {
    ArrayRef<double> array = cast<DenseF64ArrayAttr>(attr).asArrayRef();
    values.assign(array.begin(), array.end());
  }
  for (double v : values)
    if (!std::isfinite(v))
      return emitError() << "'" << name << "' must be finite";

  int64_t channels = shape.empty() ? 1 : shape.front();
  int64_t neurons = 1;
  for (int64_t d : shape)
    neurons *= d;
  int64_t n = values.size();
  if (n == 1)
    return Param(values.front());
  if (n == channels)
    return Param(Kind::PerChannel, std::move(values));
  if (n == neurons)
    return Param(Kind::PerNeuron, std::move(values));
  return emitError() << "'" << name << "' has " << n << " values; expected 1, "
                     << channels << " (one per channel) or " << neurons
                     << " (one per neuron)";
}

/// Reads a decay given either directly (`direct`) or as a time constant
/// (`tauName`) with `dt`: forward Euler, decay = 1 - dt / tau.
static FailureOr<Param> getDecay(Operation *op, StringRef direct, StringRef tauName,
                                 ArrayRef<int64_t> shape,
                                 function_ref<InFlightDiagnostic()> emitError) {
  Attribute decayAttr = op->getAttr(direct);
  Attribute tauAttr = op->getAttr(tauName);
  auto dtAttr = op->getAttrOfType<FloatAttr>("dt");
  if (decayAttr && tauAttr)
    return emitError() << "expects either '" << direct << "' or '" << tauName
                       << "' (with 'dt'), not both";
  FailureOr<Param> decay = failure();
  if (tauAttr) {
    if (!dtAttr)
      return emitError() << "'" << tauName << "' requires 'dt'";
    double dt = dtAttr.getValueAsDouble();
    FailureOr<Param> tau = Param::get(tauAttr, 1.0, shape, tauName, emitError);
    if (failed(tau))
      return failure();
    SmallVector<double> values;
    for (double t : tau->getValues()) {
      if (!(t > 0.0))
        return emitError() << "'" << tauName << "' must be positive, got " << str(t);
      values.push_back(1.0 - dt / t);
    }
    decay = Param(tau->getKind(), std::move(values));
  } else {
    decay = Param::get(decayAttr, 1.0, shape, direct, emitError);
    if (failed(decay))
      return failure();
  }
  for (double v : decay->getValues())
    if (v < 0.0 || v > 1.0)
      return emitError() << "decay '" << direct << "' must be in [0, 1], got " << str(v);
  return decay;
}

/// True if `value` is an integer representable in `type` (signed).
static bool fitsInteger(double value, IntegerType type) {
  if (value != std::floor(value))
    return false;
  unsigned width = type.getWidth();
  double lo = -std::ldexp(1.0, width - 1), hi = std::ldexp(1.0, width - 1) - 1;
  return value >= lo && value <= hi;
}

static bool isValidStateType(Type type) {
  if (type.isF32() || type.isF64())
    return true;
  auto intType = dyn_cast<IntegerType>(type);
  return intType && intType.isSignless() && intType.getWidth() >= 2 &&
         intType.getWidth() <= 32;
}

/// The refractory period: a positive step count, counted down in the
/// narrowest of i8, i16 and i32 that holds it.
static LogicalResult readRefractory(Operation *op, NeuronModel &m,
                                    function_ref<InFlightDiagnostic()> emitError) {
  auto attr = op->getAttrOfType<IntegerAttr>("refractory");
  if (!attr)
    return success();
  int64_t steps = attr.getInt();
  if (steps < 1 || steps > INT32_MAX)
    return emitError() << "'refractory' must be between 1 and " << INT32_MAX
                       << " steps, got " << steps;
  m.refractory = steps;
  unsigned width = steps <= INT8_MAX ? 8 : steps <= INT16_MAX ? 16 : 32;
  m.counterType = IntegerType::get(op->getContext(), width);
  return success();
}

/// The adaptive threshold: a non-negative increment per spike and its decay,
/// given directly or as a time constant.
static LogicalResult readAdaptation(Operation *op, NeuronModel &m, ArrayRef<int64_t> shape,
                                    function_ref<InFlightDiagnostic()> emitError) {
  Attribute adapt = op->getAttr("adapt");
  if (!adapt) {
    for (StringRef name : {"adapt_decay", "tau_adapt"})
      if (op->hasAttr(name))
        return emitError() << "'" << name << "' needs 'adapt'";
    return success();
  }
  // The reset of the next step would need the previous step's threshold,
  // which the state does not keep.
  if (m.timing == ResetTiming::Next)
    return emitError() << "an adaptive threshold needs reset_timing = same";
  FailureOr<Param> increment = Param::get(adapt, 0.0, shape, "adapt", emitError);
  if (failed(increment))
    return failure();
  FailureOr<Param> decay = getDecay(op, "adapt_decay", "tau_adapt", shape, emitError);
  if (failed(decay))
    return failure();
  for (double v : increment->getValues())
    if (v < 0.0)
      return emitError() << "'adapt' must not be negative, got " << str(v);
  m.adaptive = true;
  m.adapt = *increment;
  m.adaptDecay = *decay;
  return success();
}

FailureOr<NeuronModel>
NeuronModel::get(Operation *op, function_ref<InFlightDiagnostic()> emitError) {
  NeuronModel m;
  m.spiking = isa<LIFOp, CubaLIFOp>(op);
  m.currentBased = isa<CubaLIFOp, CubaLIOp>(op);
  ArrayRef<int64_t> shape = getParamShape(op);

  auto stateAttr = op->getAttrOfType<TypeAttr>("state_type");
  m.stateType = stateAttr ? stateAttr.getValue() : Type();
  if (!m.stateType || !isValidStateType(m.stateType))
    return emitError() << "'state_type' must be f32, f64 or a signless integer "
                          "of 2 to 32 bits";
  if (auto dt = op->getAttrOfType<FloatAttr>("dt"))
    if (!(dt.getValueAsDouble() > 0.0) || !std::isfinite(dt.getValueAsDouble()))
      return emitError() << "'dt' must be positive and finite";

  auto param = [&](StringRef name, double def, Param &out) -> LogicalResult {
    FailureOr<Param> p = Param::get(op->getAttr(name), def, shape, name, emitError);
    if (failed(p))
      return failure();
    out = *p;
    return success();
  };
  FailureOr<Param> beta = getDecay(op, "beta", "tau", shape, emitError);
  if (failed(beta))
    return failure();
  m.beta = *beta;
  if (failed(param("gain", 1.0, m.gain)) || failed(param("v_leak", 0.0, m.vLeak)) ||
      failed(param("v_init", 0.0, m.vInit)) || failed(param("bias", 0.0, m.bias)))
    return failure();
  m.hasBias = static_cast<bool>(op->getAttr("bias"));

  // Rounding and overflow modes describe integer arithmetic: a float state
  // rounds every operation to nearest and has no overflow to choose.
  auto readModes = [&](StringRef roundingName, StringRef overflowName, Type type,
                       Rounding &rounding, Overflow &overflow) -> LogicalResult {
    auto roundingAttr = op->getAttrOfType<RoundingAttr>(roundingName);
    auto overflowAttr = op->getAttrOfType<OverflowAttr>(overflowName);
    if ((roundingAttr || overflowAttr) && !isa<IntegerType>(type))
      return emitError() << "'" << (roundingAttr ? roundingName : overflowName)
                         << "' applies to integer state only, not " << type;
    if (roundingAttr)
      rounding = roundingAttr.getValue();
    if (overflowAttr)
      overflow = overflowAttr.getValue();
    return success();
  };
  if (failed(readModes("rounding", "overflow", m.stateType, m.rounding, m.overflow)))
    return failure();
  if (!m.currentBased)
    for (StringRef name : {"syn_rounding", "syn_overflow"})
      if (op->hasAttr(name))
        return emitError() << "'" << name
                           << "' needs a synaptic current (snn.cuba_lif, snn.cuba_li)";

  if (m.spiking) {
    if (failed(param("threshold", 0.0, m.threshold)) ||
        failed(param("v_reset", 0.0, m.vReset)))
      return failure();
    for (double t : m.threshold.getValues())
      if (!(t > 0.0))
        return emitError() << "'threshold' must be positive, got " << str(t);
    auto readConventions = [&](auto spikingOp) {
      m.compare = spikingOp.getCompare();
      m.reset = spikingOp.getReset();
      m.timing = spikingOp.getResetTiming();
      m.recurrent = static_cast<bool>(spikingOp.getRecurrent());
    };
    if (auto lif = dyn_cast<LIFOp>(op))
      readConventions(lif);
    else
      readConventions(cast<CubaLIFOp>(op));
    if (op->getAttr("v_reset") && m.reset != ResetMode::ToValue)
      return emitError() << "'v_reset' is only used with reset = to_value";
    if (failed(readRefractory(op, m, emitError)) || failed(readAdaptation(op, m, shape, emitError)))
      return failure();
  }

  if (m.currentBased) {
    FailureOr<Param> alpha = getDecay(op, "alpha", "tau_syn", shape, emitError);
    if (failed(alpha))
      return failure();
    m.alpha = *alpha;
    if (failed(param("syn_gain", 1.0, m.synGain)) ||
        failed(param("i_init", 0.0, m.iInit)))
      return failure();
    auto synAttr = op->getAttrOfType<TypeAttr>("syn_type");
    m.synType = synAttr ? synAttr.getValue() : m.stateType;
    if (!isValidStateType(m.synType))
      return emitError() << "'syn_type' must be f32, f64 or a signless integer "
                            "of 2 to 32 bits";
    if (isa<IntegerType>(m.synType) != isa<IntegerType>(m.stateType))
      return emitError() << "'syn_type' and 'state_type' must both be integers or "
                            "both floats";
    if (failed(readModes("syn_rounding", "syn_overflow", m.synType, m.synRounding,
                         m.synOverflow)))
      return failure();
  }

  // Integer state: every additive constant must be an integer of the state
  // width; multiplicative factors are applied in Q16 fixed point.
  auto checkIntegral = [&](const Param &p, StringRef name, Type type) -> LogicalResult {
    auto intType = dyn_cast<IntegerType>(type);
    if (!intType)
      return success();
    for (double v : p.getValues())
      if (!fitsInteger(v, intType))
        return emitError() << "'" << name << "' must be an integer representable in "
                           << type << " for integer state, got " << str(v);
    return success();
  };
  if (failed(checkIntegral(m.vLeak, "v_leak", m.stateType)) ||
      failed(checkIntegral(m.vInit, "v_init", m.stateType)) ||
      failed(checkIntegral(m.bias, "bias", m.stateType)))
    return failure();
  if (m.spiking && (failed(checkIntegral(m.threshold, "threshold", m.stateType)) ||
                    failed(checkIntegral(m.vReset, "v_reset", m.stateType)) ||
                    failed(checkIntegral(m.adapt, "adapt", m.stateType))))
    return failure();
  if (m.currentBased && failed(checkIntegral(m.iInit, "i_init", m.synType)))
    return failure();
  auto checkFactor = [&](const Param &p, StringRef name) -> LogicalResult {
    for (double v : p.getValues())
      if (std::fabs(v) >= 16384.0)
        return emitError() << "'" << name << "' must be below 16384 in magnitude, got "
                           << str(v);
    return success();
  };
  if (failed(checkFactor(m.gain, "gain")) ||
      (m.currentBased && failed(checkFactor(m.synGain, "syn_gain"))))
    return failure();

  return m;
}

NeuronModel NeuronModel::get(Operation *op) {
  FailureOr<NeuronModel> model =
      get(op, [op]() { return op->emitOpError("invalid neuron: "); });
  assert(succeeded(model) && "neuron op was not verified");
  return *model;
}

ArrayRef<int64_t> mlir::snn::getParamShape(Operation *op) {
  if (auto layer = op->getAttrOfType<DenseI64ArrayAttr>("layer_shape"))
    return layer.asArrayRef();
  return cast<RankedTensorType>(op->getOperand(0).getType()).getShape().drop_front();
}

StringRef mlir::snn::getStateComponentName(StateComponent component) {
  switch (component) {
  case StateComponent::Current:
    return "current";
  case StateComponent::Membrane:
    return "membrane";
  case StateComponent::Adaptation:
    return "threshold adaptation";
  case StateComponent::Refractory:
    return "refractory counter";
  case StateComponent::PreviousSpikes:
    return "previous spikes";
  }
  llvm_unreachable("unknown state component");
}

SmallVector<StateComponent> NeuronModel::getStateComponents() const {
  SmallVector<StateComponent> components;
  if (currentBased)
    components.push_back(StateComponent::Current);
  components.push_back(StateComponent::Membrane);
  if (adaptive)
    components.push_back(StateComponent::Adaptation);
  if (refractory > 0)
    components.push_back(StateComponent::Refractory);
  // Last: the recurrent feedback reads it as the final component.
  if (keepsPreviousSpikes())
    components.push_back(StateComponent::PreviousSpikes);
  return components;
}

Type NeuronModel::getStateType(StateComponent component) const {
  switch (component) {
  case StateComponent::Current:
    return synType;
  case StateComponent::Membrane:
  case StateComponent::Adaptation:
    return stateType;
  case StateComponent::Refractory:
    return counterType;
  case StateComponent::PreviousSpikes:
    return IntegerType::get(stateType.getContext(), 1);
  }
  llvm_unreachable("unknown state component");
}

const Param *NeuronModel::getInitialValue(StateComponent component) const {
  switch (component) {
  case StateComponent::Current:
    return &iInit;
  case StateComponent::Membrane:
    return &vInit;
  default:
    return nullptr;
  }
}
