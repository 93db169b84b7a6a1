//===- NIRExportNeurons.cpp - snn neurons back to NIR's ODE neurons -------===//
//
// The importer discretises a NIR neuron (tau, r, tau_syn, w_in, ...) with a
// preset's rules into decays and gains; here each decay and gain is inverted
// per neuron. Inverting in double is not always exact (1 - dt/(dt/(1 -
// beta)) may miss beta by an ulp), so every inverted value is checked by
// applying the preset's forward rule, and where it misses, the neighbouring
// doubles are searched for one whose image is exactly the op's value. A
// value no NIR parameter reaches is an error. Last, the preset's own
// `neuronAttrs` re-imports the whole node and must give the op's attributes.
//
//===----------------------------------------------------------------------===//

#include "NIRExportInternal.h"

#include "snn/Dialect/SNN/IR/NeuronModel.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>

using namespace snn::nir;
using mlir::Operation;
using mlir::snn::NeuronModel;

namespace {

/// How far (in ulps, each way) the search for an exact parameter goes.
constexpr int kMaxUlps = 64;

/// The doubles within kMaxUlps of `estimate`, nearest first.
template <typename Visit>
void visitNeighbours(double estimate, Visit visit) {
  if (!std::isfinite(estimate))
    return;
  constexpr double inf = std::numeric_limits<double>::infinity();
  double up = estimate, down = std::nextafter(estimate, -inf);
  for (int ulps = 0; ulps <= kMaxUlps; ++ulps) {
    if (visit(up) || visit(down))
      return;
    up = std::nextafter(up, inf);
    down = std::nextafter(down, -inf);
  }
}

llvm::StringRef decayRuleName(DecayRule rule) {
  return rule == DecayRule::Euler ? "forward-Euler decay 1 - dt/tau"
                                  : "exact decay exp(-dt/tau)";
}

/// A decay and its gain inverted together: the time constant and the
/// factor (r or w_in) whose images under the preset's rules are exactly
/// the op's decay and gain.
struct Inverted {
  double tau, factor;
};

/// One neuron op's inversion, cached per distinct value (a layer's neurons
/// usually share a few).
class NeuronInverter {
public:
  NeuronInverter(Operation *op, const ExportContext &context) : op(op), context(context) {}

  /// `tauName` and `factorName` for `decay` and `gain`. Every time constant
  /// with the exact decay is a candidate (nearest first), since the gain,
  /// which depends on it, may be exactly reachable from some of them only.
  llvm::Expected<Inverted> invert(DecayRule decayRule, GainRule gainRule, double decay,
                                  double gain, llvm::StringRef tauName,
                                  llvm::StringRef factorName) {
    auto key = std::make_tuple(static_cast<int>(decayRule), static_cast<int>(gainRule), decay,
                               gain);
    if (auto it = cache.find(key); it != cache.end())
      return it->second;
    llvm::SmallVector<double> taus = timeConstants(decayRule, decay);
    if (taus.empty())
      return exportError(op, llvm::formatv("no NIR '{0}' gives the decay {1} exactly under "
                                           "the {2} preset's {3} at dt = {4}",
                                           tauName, exactText(decay), context.preset.name,
                                           decayRuleName(decayRule), exactText(context.dt)));
    for (double tau : taus) {
      if (std::optional<double> factor = gainFactor(gainRule, gain, tau, decay))
        return cache[key] = Inverted{tau, *factor};
    }
    return exportError(op, llvm::formatv("no NIR '{0}' gives the gain {1} exactly under the "
                                         "{2} preset at dt = {3}",
                                         factorName, exactText(gain), context.preset.name,
                                         exactText(context.dt)));
  }

  /// The NIR `r` of IF and I whose integrator gain is exactly `gain`.
  llvm::Expected<double> integratorFactor(double gain) {
    IntegratorRule rule = context.preset.integrator;
    double dt = context.dt;
    std::optional<double> found;
    visitNeighbours(rule == IntegratorRule::PerStep ? gain : gain / dt, [&](double r) {
      if (applyIntegratorRule(rule, r, dt) == gain)
        found = r;
      return found.has_value();
    });
    if (!found)
      return exportError(op, llvm::formatv("no NIR 'r' gives the gain {0} exactly under the "
                                           "{1} preset at dt = {2}",
                                           exactText(gain), context.preset.name,
                                           exactText(dt)));
    return *found;
  }

private:
  /// Positive time constants whose `rule` decay at dt is exactly `decay`.
  llvm::SmallVector<double> timeConstants(DecayRule rule, double decay) {
    double dt = context.dt;
    double estimate;
    if (decay == 1.0) // dt/tau below half an ulp of 1
      estimate = dt * 0x1p60;
    else if (rule == DecayRule::Euler)
      estimate = dt / (1.0 - decay);
    else if (decay == 0.0) // exp(-dt/tau) underflows
      estimate = dt / 1000.0;
    else
      estimate = -dt / std::log(decay);
    llvm::SmallVector<double> taus;
    visitNeighbours(estimate, [&](double tau) {
      if (tau > 0.0 && applyDecayRule(rule, dt, tau) == decay)
        taus.push_back(tau);
      return false;
    });
    return taus;
  }

  /// A factor k with `rule`'s gain exactly `gain` for `tau` and `decay`.
  std::optional<double> gainFactor(GainRule rule, double gain, double tau, double decay) {
    double dt = context.dt, estimate = gain;
    switch (rule) {
    case GainRule::Euler:
      estimate = gain * tau / dt;
      break;
    case GainRule::ZeroOrderHold:
      estimate = gain / (1.0 - decay);
      break;
    case GainRule::PerStep:
      break;
    case GainRule::Decayed:
      estimate = gain / decay;
      break;
    case GainRule::Rockpool:
      estimate = gain * tau * decay / dt;
      break;
    }
    std::optional<double> found;
    visitNeighbours(estimate, [&](double k) {
      if (applyGainRule(rule, k, dt, tau, decay) == gain)
        found = k;
      return found.has_value();
    });
    return found;
  }

  Operation *op;
  const ExportContext &context;
  std::map<std::tuple<int, int, double, double>, Inverted> cache;
};

/// What a neuron op uses that NIR's neurons do not have, or "".
std::string unsupportedFeature(Operation *op, const NeuronModel &model) {
  auto isF32 = [](mlir::Type type) { return type && type.isF32(); };
  if (!isF32(model.stateType) || (model.currentBased && !isF32(model.synType)))
    return "its state is not f32 (NIR neurons are real-valued; the importer makes f32 "
           "state)";
  if (model.hasBias)
    return "NIR neurons have no bias";
  if (model.refractory)
    return "NIR neurons have no refractory period";
  if (model.adaptive)
    return "NIR neurons have no adaptive threshold";
  if (!model.vInit.isUniformly(0.0) || (model.currentBased && !model.iInit.isUniformly(0.0)))
    return "NIR neurons start at rest (v_init and i_init 0)";
  if (op->getNumResults() != 1)
    return "it is in explicit-state form (init operands): export the network before "
           "snn-batch-time";
  if (op->hasAttr("layer_shape"))
    return "it is a spatial tile (snn-tile-spatial): export the network before tiling";
  return "";
}

/// Re-imports the node with the preset's own rules (`neuronAttrs`) and
/// requires every parameter of the op back, bit for bit.
llvm::Error checkReimport(Operation *op, llvm::StringRef type,
                          const std::map<std::string, Values> &params,
                          const NeuronModel &model, const ExportContext &context,
                          int64_t count, int64_t perChannel) {
  llvm::Expected<NeuronAttrs> attrs = neuronAttrs(context.preset, type, params, context.dt,
                                                  context.reset, context.resetTiming);
  if (!attrs)
    return exportError(op, "its NIR parameters do not import back: " +
                               llvm::toString(attrs.takeError()));
  const std::map<std::string, const mlir::snn::Param *> expected = {
      {"beta", &model.beta},         {"gain", &model.gain},
      {"v_leak", &model.vLeak},      {"alpha", &model.alpha},
      {"syn_gain", &model.synGain},  {"threshold", &model.threshold},
      {"v_reset", &model.vReset}};
  for (const auto &[name, values] : attrs->params) {
    auto it = expected.find(name);
    if (it == expected.end())
      return exportError(op, "its NIR parameters import back with a '" + name + "'");
    if (values.size() != 1 && static_cast<int64_t>(values.size()) != count)
      return exportError(op, "its NIR parameters import back with " +
                                 llvm::Twine(values.size()) + " values of '" + name + "'");
    for (int64_t i = 0; i < count; ++i) {
      double got = values[values.size() == 1 ? 0 : i];
      double want = it->second->at(i / perChannel, i);
      if (got != want)
        return exportError(op, llvm::formatv("its NIR parameters import back with {0} = {1} "
                                             "where it has {2}",
                                             name, exactText(got), exactText(want)));
    }
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<Node> snn::nir::exportNeuron(Operation *op, const ExportContext &context) {
  mlir::FailureOr<NeuronModel> resolved =
      NeuronModel::get(op, [&] { return op->emitError(); });
  if (mlir::failed(resolved))
    return exportError(op, "its parameters do not verify");
  const NeuronModel &model = *resolved;
  std::string feature = unsupportedFeature(op, model);
  if (!feature.empty())
    return exportError(op, feature);

  llvm::ArrayRef<int64_t> shape = stepShape(op->getOperand(0));
  int64_t count = countOf(shape);
  int64_t perChannel = neuronsPerChannel(shape);

  bool leakFree = !model.currentBased && model.beta.isUniformly(1.0);
  llvm::StringRef type = model.spiking
                             ? (model.currentBased ? "CubaLIF" : leakFree ? "IF" : "LIF")
                             : (model.currentBased ? "CubaLI" : leakFree ? "I" : "LI");
  const Preset &preset = context.preset;
  if (model.spiking) {
    if (model.compare != preset.compare)
      return exportError(op, llvm::formatv("it fires on '{0}', the {1} preset on '{2}' "
                                           "(NIR does not record the comparison)",
                                           mlir::snn::stringifyCompare(model.compare),
                                           preset.name,
                                           mlir::snn::stringifyCompare(preset.compare)));
    mlir::snn::ResetTiming timing =
        resetTimingFor(preset, type, context.reset, context.resetTiming);
    if (model.reset != context.reset || model.timing != timing)
      return exportError(
          op, llvm::formatv("it resets '{0}' at timing '{1}', the {2} preset with these "
                            "options '{3}' at '{4}' (NIR does not record the reset: give "
                            "the --reset and --reset-timing of the import)",
                            mlir::snn::stringifyResetMode(model.reset),
                            mlir::snn::stringifyResetTiming(model.timing), preset.name,
                            mlir::snn::stringifyResetMode(context.reset),
                            mlir::snn::stringifyResetTiming(timing)));
  }

  // NIR's parameters, one per neuron (NIR stores them with the layer's shape).
  llvm::StringRef tauName = model.currentBased ? "tau_mem" : "tau";
  std::map<std::string, Values> params;
  NeuronInverter invert(op, context);
  for (int64_t i = 0; i < count; ++i) {
    int64_t channel = i / perChannel;
    double beta = model.beta.at(channel, i), gain = model.gain.at(channel, i);
    if (leakFree) {
      llvm::Expected<double> r = invert.integratorFactor(gain);
      if (!r)
        return r.takeError();
      params["r"].push_back(*r);
    } else {
      llvm::Expected<Inverted> membrane =
          invert.invert(preset.decay, preset.gain, beta, gain, tauName, "r");
      if (!membrane)
        return membrane.takeError();
      params[tauName.str()].push_back(membrane->tau);
      params["r"].push_back(membrane->factor);
      params["v_leak"].push_back(model.vLeak.at(channel, i));
    }
    if (model.currentBased) {
      llvm::Expected<Inverted> current =
          invert.invert(preset.synDecay, preset.synGain, model.alpha.at(channel, i),
                        model.synGain.at(channel, i), "tau_syn", "w_in");
      if (!current)
        return current.takeError();
      params["tau_syn"].push_back(current->tau);
      params["w_in"].push_back(current->factor);
    }
    if (model.spiking) {
      params["v_threshold"].push_back(model.threshold.at(channel, i));
      bool toValue = model.reset == mlir::snn::ResetMode::ToValue;
      params["v_reset"].push_back(toValue ? model.vReset.at(channel, i) : 0.0);
    }
  }

  if (llvm::Error error = checkReimport(op, type, params, model, context, count, perChannel))
    return std::move(error);
  Node node;
  node.type = type.str();
  for (auto &[name, values] : params)
    node.params[name] = Param::array(shape, std::move(values));
  return node;
}
