//===- NIRPresets.cpp - How NIR neurons become snn neurons ----------------===//
//
// The preset table of docs/NIR.md and the rules it names. Every figure is
// computed in double, element by element, exactly as written there.
//
//===----------------------------------------------------------------------===//

#include "snn/Target/NIR/NIRPresets.h"
#include "NIRInternal.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace snn::nir;
using mlir::snn::Compare;
using mlir::snn::Overflow;
using mlir::snn::ResetMode;
using mlir::snn::ResetTiming;
using mlir::snn::Rounding;

double snn::nir::applyDecayRule(DecayRule rule, double dt, double tau) {
  switch (rule) {
  case DecayRule::Euler:
    return 1.0 - dt / tau;
  case DecayRule::Exp:
    return std::exp(-dt / tau);
  }
  llvm_unreachable("unknown decay rule");
}

double snn::nir::applyGainRule(GainRule rule, double k, double dt, double tau, double decay) {
  switch (rule) {
  case GainRule::Euler:
    return k * dt / tau;
  case GainRule::ZeroOrderHold:
    return k * (1.0 - decay);
  case GainRule::PerStep:
    return k;
  case GainRule::Decayed:
    return k * decay;
  case GainRule::Rockpool:
    return k * dt / (tau * decay);
  }
  llvm_unreachable("unknown gain rule");
}

double snn::nir::applyIntegratorRule(IntegratorRule rule, double r, double dt) {
  return rule == IntegratorRule::PerStep ? r : r * dt;
}

//===----------------------------------------------------------------------===//
// Element-wise arithmetic on per-neuron values
//===----------------------------------------------------------------------===//

/// The number of values `a` and `b` broadcast to (one value stands for all),
/// or an error.
static llvm::Expected<size_t> broadcastSize(llvm::ArrayRef<size_t> sizes) {
  size_t size = 1;
  for (size_t s : sizes) {
    if (s == 1 || s == size)
      continue;
    if (size != 1)
      return detail::makeError(
          llvm::formatv("parameters of {0} and {1} values do not match", size, s));
    size = s;
  }
  return size;
}

/// f applied element-wise to `args`, broadcast.
template <typename F>
static llvm::Expected<Values> map(F f, std::initializer_list<const Values *> args) {
  llvm::SmallVector<size_t> sizes;
  for (const Values *a : args)
    sizes.push_back(a->size());
  llvm::Expected<size_t> size = broadcastSize(sizes);
  if (!size)
    return size.takeError();
  Values result(*size);
  llvm::SmallVector<double, 4> row(args.size());
  for (size_t i = 0; i < *size; ++i) {
    for (auto [j, a] : llvm::enumerate(args))
      row[j] = (*a)[a->size() == 1 ? 0 : i];
    result[i] = f(llvm::ArrayRef<double>(row));
  }
  return result;
}

static double minOf(const Values &v) { return *std::min_element(v.begin(), v.end()); }
static double maxOf(const Values &v) { return *std::max_element(v.begin(), v.end()); }
static bool any(const Values &v, llvm::function_ref<bool(double)> p) { return llvm::any_of(v, p); }

//===----------------------------------------------------------------------===//
// Lava's fixed point
//===----------------------------------------------------------------------===//

llvm::Expected<Values> LoihiFixedPoint::decay(llvm::ArrayRef<double> rates, int offset) const {
  double unity = double(1u << decayBits);
  Values result;
  for (double rate : rates) {
    if (!(rate >= 0 && rate <= 1))
      return detail::makeError(
          llvm::formatv("dt/tau = {0} is not in [0, 1]: Lava's 12-bit "
                        "decays need dt <= tau",
                        detail::formatNumber(*std::max_element(rates.begin(), rates.end()))));
    double d = std::trunc(rate * (unity - 1));
    result.push_back((unity - d - offset) / unity);
  }
  return result;
}

Values LoihiFixedPoint::denseWeights(llvm::ArrayRef<double> weights) const {
  double top = double((1u << weightBits) - 1);
  Values w;
  for (double x : weights)
    w.push_back(std::trunc(x * weightScale));
  bool noneNegative = llvm::all_of(w, [](double x) { return x >= 0; });
  bool nonePositive = llvm::all_of(w, [](double x) { return x <= 0; });
  for (double &x : w) {
    if (noneNegative)
      x = std::clamp(x, 0.0, top);
    else if (nonePositive)
      x = -std::clamp(-x, 0.0, top);
    else
      x = std::floor(std::clamp(x, -top - 1, top) / 2) * 2;
  }
  return w;
}

/// The snn.cuba_lif of a NIR LIF under Lava's fixed point (docs/NIR.md).
static llvm::Expected<NeuronAttrs> loihiLIF(const LoihiFixedPoint &fp,
                                            const std::map<std::string, Values> &params, double dt,
                                            ResetMode mode, ResetTiming timing, bool folded) {
  const Values &tau = params.at("tau"), &r = params.at("r"), &vLeak = params.at("v_leak"),
               &vThreshold = params.at("v_threshold");
  if (any(tau, [](double t) { return t <= 0; }))
    return detail::makeError("'tau' must be positive, got " + detail::formatNumber(minOf(tau)));
  if (mode == ResetMode::ToValue)
    return detail::makeError("Lava's LIF cannot reset 'to_value' (choose zero, subtract or none)");
  Values rate(tau.size());
  for (auto [i, t] : llvm::enumerate(tau))
    rate[i] = dt / t;
  double thresholdTop = double((1u << fp.thresholdBits) - 1);
  Values vth;
  for (double v : vThreshold)
    vth.push_back(std::floor(std::trunc(v * thresholdTop) / 512));
  if (any(vth, [&](double v) { return !(v >= 1 && v < thresholdTop + 1); }))
    return detail::makeError(llvm::formatv("v_threshold {0} to {1} does not make a {2}-bit Lava "
                                           "threshold of at least 1",
                                           detail::formatNumber(minOf(vThreshold)),
                                           detail::formatNumber(maxOf(vThreshold)),
                                           fp.thresholdBits));
  double activation = double(1u << fp.shift);
  Values weight(rate.size(), 1.0);
  if (!folded) {
    llvm::Expected<Values> gains =
        map([](llvm::ArrayRef<double> x) { return x[0] * x[1]; }, {&r, &rate});
    if (!gains)
      return gains.takeError();
    weight = fp.denseWeights(*gains);
  }
  if (any(weight, [&](double w) { return std::abs(w * activation) >= 16384; }))
    return detail::makeError("an input weight of -256 (r dt/tau <= -1) exceeds the gains the snn "
                             "neurons take");
  NeuronAttrs attrs;
  attrs.op = "cuba_lif";
  attrs.stateBits = fp.stateBits;
  llvm::Expected<Values> alpha = fp.decay(Values(rate.size(), 1.0), /*offset=*/1);
  llvm::Expected<Values> beta = fp.decay(rate);
  if (!alpha)
    return alpha.takeError();
  if (!beta)
    return beta.takeError();
  attrs.params["alpha"] = *alpha;
  attrs.params["beta"] = *beta;
  for (double &w : weight)
    w *= activation;
  attrs.params["syn_gain"] = weight;
  for (double &v : vth)
    v *= activation;
  attrs.params["threshold"] = vth;
  attrs.reset = mode;
  attrs.resetTiming = timing;
  attrs.compare = Compare::GT;
  attrs.rounding = attrs.synRounding = Rounding::TowardZero;
  attrs.overflow = Overflow::SaturateSymmetric;
  attrs.synOverflow = Overflow::Wrap;
  if (any(vLeak, [](double v) { return v != 0; })) {
    llvm::Expected<Values> mantissa =
        map([&](llvm::ArrayRef<double> x) { return std::trunc(x[0] * x[1] * fp.weightScale); },
            {&vLeak, &rate});
    if (!mantissa)
      return mantissa.takeError();
    if (any(*mantissa, [&](double m) { return std::abs(m) >= double(1u << (fp.biasBits - 1)); })) {
      double largest = 0;
      for (double v : vLeak)
        largest = std::max(largest, std::abs(v));
      return detail::makeError(
          llvm::formatv("v_leak {0} makes a bias beyond Lava's {1}-bit mantissa",
                        detail::formatNumber(largest), fp.biasBits));
    }
    for (double &m : *mantissa)
      m *= activation;
    attrs.params["bias"] = *mantissa;
  }
  return attrs;
}

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

llvm::ArrayRef<Preset> snn::nir::getPresets() {
  using D = DecayRule;
  using G = GainRule;
  using I = IntegratorRule;
  static const Preset presets[] = {
      {"exact", std::nullopt, D::Exp, G::ZeroOrderHold, D::Exp, G::ZeroOrderHold, I::ODE,
       ResetMode::ToValue, ResetTiming::Same, Compare::GT,
       "the current of CubaLIF is held at its new value over the step (no exact "
       "coupling of current and membrane)",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"snntorch", 1e-4, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep, ResetMode::Subtract,
       ResetTiming::Next, Compare::GT,
       "the reset mode is not in the file (snnTorch defaults to subtract; pass "
       "--reset zero for networks trained with reset to zero, and --reset-timing same "
       "with subtract for releases that subtracted before the decay)",
       /*leakyZeroTiming=*/ResetTiming::Same, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"norse", 1e-3, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep, ResetMode::ToValue,
       ResetTiming::Same, Compare::GT,
       "Norse's LIFCell (exported as CubaLIF) drives the membrane with the previous "
       "step's current and adds the input to the current unscaled; like Norse's own "
       "importer, the preset uses the current of the same step and w_in dt/tau_syn",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"spikingjelly", 1e-4, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep, ResetMode::ToValue,
       ResetTiming::Same, Compare::GE,
       "soft reset (v_reset = None in SpikingJelly) needs --reset subtract",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"sinabs", 1.0, D::Exp, G::PerStep, D::Exp, G::PerStep, I::PerStep, ResetMode::Subtract,
       ResetTiming::Same, Compare::GE,
       "several spikes per step (MultiSpike) and the lower bound min_v_mem; tau is in "
       "time steps, hence dt = 1",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"rockpool", 1e-3, D::Exp, G::Rockpool, D::Exp, G::Decayed, I::PerStep, ResetMode::Subtract,
       ResetTiming::Same, Compare::GE,
       "several spikes per step (max_spikes_per_dt) and membrane noise",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"spyx", std::nullopt, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep,
       ResetMode::Subtract, ResetTiming::Next, Compare::GT,
       "Spyx computes in float16 or bfloat16 where a model asks for it; the preset "
       "computes in f32",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/1,
       /*fixedPoint=*/std::nullopt},
      {"lava", std::nullopt, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep, ResetMode::Zero,
       ResetTiming::Same, Compare::GT,
       "Loihi's fixed-point arithmetic (12-bit decays, integer state); Lava runs in "
       "steps, so dt is the one its NIR reader used; the latency of a recurrent "
       "connection's own Dense",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/1, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      // SpiNNaker2 and Nengo as the NIR paper ran lif_norse.nir: docs/NIR.md.
      {"spinnaker2", std::nullopt, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep,
       ResetMode::Zero, ResetTiming::Same, Compare::GT,
       "SpiNNaker2's integer synapse weights (the NIR paper's run scaled by 102.02 and "
       "ran with weight 102); s2_nir's defaults (exponential Euler, reset by "
       "subtraction, a connection delay of one step); the order of current and "
       "membrane in lif_curr_exp (CubaLIF) is not verified",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"nengo", 1e-3, D::Exp, G::ZeroOrderHold, D::Exp, G::ZeroOrderHold, I::PerStep,
       ResetMode::Zero, ResetTiming::Same, Compare::GT,
       "a refractory period tau_ref > 0 (Nengo's default is 2 ms; the NIR paper's "
       "converter sets 0); the floor min_voltage = 0; Nengo computes in float64",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/0, /*spikeDelay=*/0,
       /*fixedPoint=*/std::nullopt},
      {"lava-fixed", std::nullopt, D::Euler, G::Euler, D::Euler, G::Euler, I::PerStep,
       ResetMode::Zero, ResetTiming::Same, Compare::GT,
       "Lava's fixed-point processes exchange spikes (inputs are i1) and the preset "
       "maps only Affine/Linear nodes feeding one LIF, and LIF nodes; Lava's Python "
       "model wraps the current into [-2^23 + 1, 2^23]; no recurrence",
       /*leakyZeroTiming=*/std::nullopt, /*synapseDelay=*/1, /*spikeDelay=*/0,
       /*fixedPoint=*/LoihiFixedPoint()},
  };
  return presets;
}

llvm::Expected<const Preset &> snn::nir::getPreset(llvm::StringRef name) {
  for (const Preset &preset : getPresets())
    if (preset.name == name)
      return preset;
  llvm::SmallVector<llvm::StringRef> names;
  for (const Preset &preset : getPresets())
    names.push_back(preset.name);
  return detail::makeError("unknown preset '" + name + "' (choose from " + llvm::join(names, ", ") +
                           ")");
}

llvm::Expected<double> snn::nir::resolveDt(const Preset &preset, std::optional<double> dt) {
  if (!dt) {
    if (!preset.defaultDt)
      return detail::makeError("preset '" + preset.name +
                               "' has no default time step and NIR files do not record one: give "
                               "dt (--dt)");
    return *preset.defaultDt;
  }
  if (!(std::isfinite(*dt) && *dt > 0))
    return detail::makeError("the time step must be positive, got " + detail::formatNumber(*dt));
  return *dt;
}

llvm::Expected<ResetMode> snn::nir::parseResetMode(llvm::StringRef text) {
  if (std::optional<ResetMode> mode = mlir::snn::symbolizeResetMode(text))
    return *mode;
  return detail::makeError("unknown reset mode '" + text +
                           "' (choose from subtract, zero, to_value, none)");
}

llvm::Expected<ResetTiming> snn::nir::parseResetTiming(llvm::StringRef text) {
  if (std::optional<ResetTiming> timing = mlir::snn::symbolizeResetTiming(text))
    return *timing;
  return detail::makeError("unknown reset timing '" + text + "' (choose from same, next)");
}

ResetTiming snn::nir::resetTimingFor(const Preset &preset, llvm::StringRef nirType, ResetMode mode,
                                     std::optional<ResetTiming> override) {
  if (override)
    return *override;
  if (mode == ResetMode::Zero && (nirType == "LIF" || nirType == "IF") && preset.leakyZeroTiming)
    return *preset.leakyZeroTiming;
  return preset.resetTiming;
}

const NeuronKind *snn::nir::lookupNeuronKind(llvm::StringRef nirType) {
  static const std::pair<llvm::StringLiteral, NeuronKind> kinds[] = {
      {"LIF", {"lif", true, false, false}},
      {"IF", {"lif", true, false, true}},
      {"CubaLIF", {"cuba_lif", true, true, false}},
      {"LI", {"li", false, false, false}},
      {"I", {"li", false, false, true}},
      {"CubaLI", {"cuba_li", false, true, false}},
  };
  for (const auto &[name, kind] : kinds)
    if (name == nirType)
      return &kind;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// neuronAttrs
//===----------------------------------------------------------------------===//

/// A decay in [0, 1] (what the snn ops accept), or an error saying why not.
static llvm::Expected<Values> decayOf(DecayRule rule, double dt, const Values &tau,
                                      llvm::StringRef what) {
  if (any(tau, [](double t) { return t <= 0; }))
    return detail::makeError("'" + what + "' must be positive, got " +
                             detail::formatNumber(minOf(tau)));
  Values decay;
  for (double t : tau)
    decay.push_back(applyDecayRule(rule, dt, t));
  if (any(decay, [](double d) { return d < 0; }))
    return detail::makeError(llvm::formatv("dt = {0} exceeds '{1}' = {2}: the {3} decay 1 - dt/tau "
                                           "would be negative; give a smaller dt",
                                           detail::formatNumber(dt), what,
                                           detail::formatNumber(minOf(tau)),
                                           rule == DecayRule::Euler ? "euler" : "exp"));
  return decay;
}

static llvm::StringRef gainRuleName(GainRule rule) {
  switch (rule) {
  case GainRule::Euler:
    return "euler";
  case GainRule::ZeroOrderHold:
    return "zoh";
  case GainRule::PerStep:
    return "per_step";
  case GainRule::Decayed:
    return "decayed";
  case GainRule::Rockpool:
    return "rockpool";
  }
  llvm_unreachable("unknown gain rule");
}

static llvm::Expected<Values> gainOf(GainRule rule, const Values &k, double dt, const Values &tau,
                                     const Values &decay) {
  return map([&](llvm::ArrayRef<double> x) { return applyGainRule(rule, x[0], dt, x[1], x[2]); },
             {&k, &tau, &decay});
}

llvm::Expected<NeuronAttrs> snn::nir::neuronAttrs(const Preset &preset, llvm::StringRef nirType,
                                                  const std::map<std::string, Values> &params,
                                                  double dt, std::optional<ResetMode> reset,
                                                  std::optional<ResetTiming> timing, bool folded) {
  ResetMode mode = reset.value_or(preset.reset);
  if (preset.fixedPoint) {
    if (nirType != "LIF")
      return detail::makeError("the " + preset.name + " preset maps LIF neurons only, not " +
                               nirType);
    return loihiLIF(*preset.fixedPoint, params, dt, mode,
                    resetTimingFor(preset, nirType, mode, timing), folded);
  }
  const NeuronKind *kind = lookupNeuronKind(nirType);
  assert(kind && "not a NIR neuron type");
  NeuronAttrs attrs;
  attrs.op = kind->op;
  const Values &r = params.at("r");
  if (kind->leakFree) {
    attrs.params["beta"] = Values(r.size(), 1.0);
    Values gain;
    for (double x : r)
      gain.push_back(applyIntegratorRule(preset.integrator, x, dt));
    attrs.params["gain"] = gain;
  } else {
    llvm::StringRef tauName = kind->current ? "tau_mem" : "tau";
    const Values &tau = params.at(tauName.str());
    llvm::Expected<Values> beta = decayOf(preset.decay, dt, tau, tauName);
    if (!beta)
      return beta.takeError();
    llvm::Expected<Values> gain = gainOf(preset.gain, r, dt, tau, *beta);
    if (!gain)
      return gain.takeError();
    attrs.params["beta"] = *beta;
    attrs.params["gain"] = *gain;
    attrs.params["v_leak"] = params.at("v_leak");
  }
  if (kind->current) {
    const Values &tauSyn = params.at("tau_syn");
    llvm::Expected<Values> alpha = decayOf(preset.synDecay, dt, tauSyn, "tau_syn");
    if (!alpha)
      return alpha.takeError();
    llvm::Expected<Values> synGain = gainOf(preset.synGain, params.at("w_in"), dt, tauSyn, *alpha);
    if (!synGain)
      return synGain.takeError();
    attrs.params["alpha"] = *alpha;
    attrs.params["syn_gain"] = *synGain;
  }
  // Rockpool's gain grows like exp(dt/tau): a dt far above tau makes it
  // overflow, and the snn dialect bounds gains below 16384 anyway.
  for (auto [name, rule] : {std::pair{"gain", preset.gain}, {"syn_gain", preset.synGain}}) {
    auto it = attrs.params.find(name);
    if (it == attrs.params.end() ||
        llvm::all_of(it->second, [](double x) { return std::abs(x) < 16384; }))
      continue;
    double largest = 0;
    for (double x : it->second)
      largest = std::isnan(x) || std::isnan(largest) ? NAN : std::max(largest, std::abs(x));
    return detail::makeError(llvm::formatv("the {0} {1} at dt = {2} is {3}, not below 16384 (is dt "
                                           "much larger than tau?)",
                                           gainRuleName(rule), name, detail::formatNumber(dt),
                                           detail::formatNumber(largest)));
  }
  if (kind->spiking) {
    const Values &threshold = params.at("v_threshold");
    if (any(threshold, [](double t) { return t <= 0; }))
      return detail::makeError("v_threshold must be positive, got " +
                               detail::formatNumber(minOf(threshold)));
    attrs.params["threshold"] = threshold;
    attrs.reset = mode;
    attrs.resetTiming = resetTimingFor(preset, nirType, mode, timing);
    attrs.compare = preset.compare;
    if (mode == ResetMode::ToValue)
      attrs.params["v_reset"] = params.at("v_reset");
  }
  return attrs;
}
