//===- NIRPresets.h - How NIR neurons become snn neurons --------*- C++ -*-===//
//
// A NIR neuron is an ODE that records neither the time step, nor the reset
// mode, nor the threshold comparison, nor the update order; every framework
// that exports NIR fills these gaps its own way. A preset is one framework's
// way (docs/NIR.md has the table and where each row comes from). The
// importer discretises with `neuronAttrs`; the exporter inverts the same
// rules, which are public for that reason.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGET_NIR_NIRPRESETS_H
#define SNN_TARGET_NIR_NIRPRESETS_H

#include "snn/Dialect/SNN/IR/SNNAttrs.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace snn::nir {

/// Per-neuron values, flat; one value stands for every neuron.
using Values = std::vector<double>;

/// The decay of a state with time constant `tau` over one step `dt`.
enum class DecayRule {
  Euler, ///< 1 - dt/tau (forward Euler)
  Exp,   ///< exp(-dt/tau) (zero-order hold, exact)
};

/// The factor on the drive: `k` is NIR's r (membrane) or w_in (current),
/// `decay` the decay rule's result for the same tau.
enum class GainRule {
  Euler,         ///< k dt/tau
  ZeroOrderHold, ///< k (1 - decay)
  PerStep,       ///< k: the input is added once a step
  Decayed,       ///< k decay: the input decays with the state
  Rockpool,      ///< k dt/(tau decay), the inverse of Rockpool's export
};

/// The gain of the leak-free neurons IF and I (dv/dt = r I).
enum class IntegratorRule {
  PerStep, ///< r: what every framework does, v += r x
  ODE,     ///< r dt: the ODE integrated over one step
};

double applyDecayRule(DecayRule rule, double dt, double tau);
double applyGainRule(GainRule rule, double k, double dt, double tau, double decay);
double applyIntegratorRule(IntegratorRule rule, double r, double dt);

/// Loihi 2's fixed-point LIF as Lava computes it bit-accurately, with the
/// quantisation of the NIR paper's fixed-point converter (preset
/// lava-fixed): an integer snn.cuba_lif behind Lava's 8-bit Dense.
struct LoihiFixedPoint {
  unsigned decayBits = 12;  // du, dv count 2^-12
  unsigned stateBits = 24;  // u, v
  unsigned shift = 6;       // activations and threshold are shifted by 6
  double weightScale = 256; // a NIR weight of 1 is a Lava weight of 256
  unsigned weightBits = 8;
  unsigned thresholdBits = 17; // vth
  unsigned biasBits = 13;      // the bias mantissa

  /// (2^12 - int(rate (2^12 - 1)) - offset) / 2^12, or an error when `rate`
  /// (dt/tau) is outside [0, 1].
  llvm::Expected<Values> decay(llvm::ArrayRef<double> rates, int offset = 0) const;
  /// NIR weights as Lava's bit-accurate Dense holds them: int(256 w) toward
  /// zero, clipped to 8 bits by sign mode ([0, 255], [-255, 0], or
  /// [-256, 255] with the lowest bit cleared when signs mix).
  Values denseWeights(llvm::ArrayRef<double> weights) const;
};

/// One framework's discretisation; a row of the table of docs/NIR.md.
struct Preset {
  llvm::StringRef name;
  std::optional<double> defaultDt; // seconds; none: the user must give dt
  DecayRule decay;                 // membrane
  GainRule gain;
  DecayRule synDecay; // synaptic current
  GainRule synGain;
  IntegratorRule integrator; // IF and I
  mlir::snn::ResetMode reset;
  mlir::snn::ResetTiming resetTiming;
  mlir::snn::Compare compare;
  llvm::StringRef notModelled; // what of the framework snn cannot express
  /// The reset timing of LIF and IF neurons reset to zero, where it differs
  /// (snnTorch's Leaky zeroes the previous membrane before its decay).
  std::optional<mlir::snn::ResetTiming> leakyZeroTiming;
  /// Steps from a synapse to its neuron (Lava's Dense), and from a neuron's
  /// update to the spikes it emits (Spyx).
  int64_t synapseDelay = 0;
  int64_t spikeDelay = 0;
  /// Integer arithmetic of a fixed-point platform; none: float32.
  std::optional<LoihiFixedPoint> fixedPoint;
};

/// Every preset, in the order of docs/NIR.md's table.
llvm::ArrayRef<Preset> getPresets();
constexpr llvm::StringLiteral kDefaultPreset = "exact";

/// The preset named `name`, or an error listing the choices.
llvm::Expected<const Preset &> getPreset(llvm::StringRef name);
/// The time step: `dt` if given (positive and finite), else the preset's.
llvm::Expected<double> resolveDt(const Preset &preset, std::optional<double> dt);
/// A reset mode or timing spelled as in the dialect, or an error listing
/// the choices.
llvm::Expected<mlir::snn::ResetMode> parseResetMode(llvm::StringRef text);
llvm::Expected<mlir::snn::ResetTiming> parseResetTiming(llvm::StringRef text);
/// When a spike of a `nirType` neuron resets it under `mode`: `override`, else
/// the preset's.
mlir::snn::ResetTiming
resetTimingFor(const Preset &preset, llvm::StringRef nirType, mlir::snn::ResetMode mode,
               std::optional<mlir::snn::ResetTiming> override = std::nullopt);

/// What a NIR neuron type becomes.
struct NeuronKind {
  llvm::StringRef op; // snn op mnemonic: lif, cuba_lif, li, cuba_li
  bool spiking;
  bool current;  // a synaptic current (Cuba*)
  bool leakFree; // IF, I
};
/// The kind of a NIR neuron type, or null for other node types.
const NeuronKind *lookupNeuronKind(llvm::StringRef nirType);

/// The attributes of the snn neuron a NIR neuron becomes. `params` holds the
/// real-valued ones by their snn attribute names (beta, gain, v_leak, bias,
/// alpha, syn_gain, threshold, v_reset), one value or one per neuron.
struct NeuronAttrs {
  llvm::StringRef op;
  std::map<std::string, Values> params;
  /// Spiking neurons only.
  std::optional<mlir::snn::ResetMode> reset;
  std::optional<mlir::snn::ResetTiming> resetTiming;
  std::optional<mlir::snn::Compare> compare;
  /// Integer state (fixed point): the width of membrane and current, and the
  /// arithmetic; none: f32.
  std::optional<unsigned> stateBits;
  std::optional<mlir::snn::Rounding> rounding, synRounding;
  std::optional<mlir::snn::Overflow> overflow, synOverflow;
};

/// The snn neuron of a NIR neuron of type `nirType` whose parameters (NIR
/// names: tau or tau_mem, r, v_leak, v_threshold, v_reset, tau_syn, w_in,
/// defaults filled in) are `params`, under `preset` at step `dt`. `reset`
/// and `timing` override the preset's. For a fixed-point preset, `folded`
/// says that the neuron's input weight r dt/tau is already in the weights
/// of the Affine feeding it. Errors are one line, without the node's name.
llvm::Expected<NeuronAttrs> neuronAttrs(const Preset &preset, llvm::StringRef nirType,
                                        const std::map<std::string, Values> &params, double dt,
                                        std::optional<mlir::snn::ResetMode> reset = std::nullopt,
                                        std::optional<mlir::snn::ResetTiming> timing = std::nullopt,
                                        bool folded = false);

} // namespace snn::nir

#endif // SNN_TARGET_NIR_NIRPRESETS_H
