//===- NeuronModel.h - Neuron parameters in one place -----------*- C++ -*-===//
//
// Neuron ops spell their conventions in several optional attributes (beta or
// tau with dt, defaults, scalar or per-channel or per-neuron arrays). This
// header gives the verifier, the lowering and the cost model one resolved view.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_DIALECT_SNN_IR_NEURONMODEL_H
#define SNN_DIALECT_SNN_IR_NEURONMODEL_H

#include "snn/Dialect/SNN/IR/SNNOps.h"

namespace mlir::snn {

/// A real-valued parameter broadcast over the neurons of a layer: one value,
/// one per channel (per-step dimension 0) or one per neuron (row-major over
/// the per-step shape).
class Param {
public:
  enum class Kind { Scalar, PerChannel, PerNeuron };

  Param() = default;
  explicit Param(double value) : values{value} {}
  Param(Kind kind, SmallVector<double> values)
      : kind(kind), values(std::move(values)) {}

  Kind getKind() const { return kind; }
  ArrayRef<double> getValues() const { return values; }
  bool isScalar() const { return kind == Kind::Scalar; }
  /// The scalar value; only valid for scalar parameters.
  double scalar() const { return values.front(); }
  /// True if every neuron has exactly `value`.
  bool isUniformly(double value) const {
    return llvm::all_of(values, [&](double v) { return v == value; });
  }
  /// Value of the neuron at per-step `channel` and row-major `flatIndex`.
  double at(int64_t channel, int64_t flatIndex) const {
    switch (kind) {
    case Kind::Scalar:
      return values.front();
    case Kind::PerChannel:
      return values[channel];
    case Kind::PerNeuron:
      return values[flatIndex];
    }
    llvm_unreachable("unknown parameter kind");
  }

  /// Reads a parameter attribute (`F64Attr` or `DenseF64ArrayAttr`) for a
  /// layer of per-step shape `shape`, or `defaultValue` when `attr` is null.
  /// Fails with a message naming the parameter when the array length fits
  /// neither a channel count nor the neuron count.
  static FailureOr<Param> get(Attribute attr, double defaultValue,
                              ArrayRef<int64_t> shape, StringRef name,
                              function_ref<InFlightDiagnostic()> emitError);

private:
  Kind kind = Kind::Scalar;
  SmallVector<double> values{0.0};
};

/// The components of a neuron's state, in explicit-state order.
enum class StateComponent { Current, Membrane, Adaptation, Refractory, PreviousSpikes };

/// The name of a state component in diagnostics ("membrane").
StringRef getStateComponentName(StateComponent component);

/// The resolved parameters of any neuron op (`snn.lif`, `snn.cuba_lif`,
/// `snn.li`, `snn.cuba_li`).
struct NeuronModel {
  bool spiking = false;
  bool currentBased = false;
  Param beta, gain, vLeak, vInit;
  Param threshold, vReset;
  Param alpha, synGain, iInit;
  /// Added to the charge each step; `hasBias` tells an absent bias (float
  /// state adds nothing, not +0.0) from a zero one.
  Param bias;
  bool hasBias = false;
  /// Integer state only: how the products of the membrane (beta, gain) and
  /// of the current (alpha, syn_gain) round, and what each does beyond its
  /// type.
  Rounding rounding = Rounding::Floor, synRounding = Rounding::Floor;
  Overflow overflow = Overflow::Saturate, synOverflow = Overflow::Saturate;
  Compare compare = Compare::GT;
  ResetMode reset = ResetMode::Subtract;
  ResetTiming timing = ResetTiming::Same;
  Type stateType, synType;
  bool recurrent = false;
  /// Steps a neuron stays silent with its membrane held after a spike (0:
  /// none), counted down in `counterType`.
  int64_t refractory = 0;
  Type counterType;
  /// An adaptive threshold (ALIF): `adapt` is added to the threshold by
  /// each spike and decays by `adaptDecay` every step.
  bool adaptive = false;
  Param adapt, adaptDecay;

  /// Resolves `op`'s attributes, reporting problems through `emitError`.
  static FailureOr<NeuronModel> get(Operation *op,
                                    function_ref<InFlightDiagnostic()> emitError);
  /// Resolves the attributes of an already verified op.
  static NeuronModel get(Operation *op);

  /// True if the previous step's spikes are part of the state: they are read
  /// by the next step's reset or by the recurrent weight.
  bool keepsPreviousSpikes() const {
    return spiking && (timing == ResetTiming::Next || recurrent);
  }
  /// The state components, in explicit-state order.
  SmallVector<StateComponent> getStateComponents() const;
  /// The element type of state component `component`.
  Type getStateType(StateComponent component) const;
  /// The initial value of `component`, or null when it starts at zero.
  const Param *getInitialValue(StateComponent component) const;

  /// True if the neuron uses any arithmetic beyond the default integer
  /// rules: a bias, or a rounding or overflow mode other than floor and
  /// saturate (for passes whose proofs assume the defaults).
  bool hasNonDefaultArithmetic() const {
    return hasBias || rounding != Rounding::Floor || synRounding != Rounding::Floor ||
           overflow != Overflow::Saturate || synOverflow != Overflow::Saturate;
  }
};

/// Per-step shape that per-channel and per-neuron parameters of `op` describe:
/// its `layer_shape` when it works on a tile of a layer, else its input's.
ArrayRef<int64_t> getParamShape(Operation *op);

/// Number of state components of `op` in explicit-state form, in order:
/// [synaptic current], membrane, [previous spikes].
unsigned getNumStateComponents(Operation *neuronOp);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_IR_NEURONMODEL_H
