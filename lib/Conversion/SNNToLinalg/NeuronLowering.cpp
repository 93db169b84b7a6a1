//===- NeuronLowering.cpp - Neurons to a time loop over state --------------===//
//
// A neuron op becomes an scf.for over its time steps whose iteration
// arguments are the state tensors (synaptic current, membrane, threshold
// adaptation, refractory counter, previous spikes) and the output. Each step extracts the input of step t, computes
// the recurrent feedback if any, updates every neuron in one element-wise
// linalg.generic that writes the state in place, and inserts the step's
// output. The scalar update is the one of docs/Semantics.md.
//
//===----------------------------------------------------------------------===//

#include "GenericBuilder.h"
#include "Lowering.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::snn;

using utils::IteratorType;

namespace {

/// The parameters of a neuron inside the update generic.
struct NeuronParams {
  std::optional<ParamOperand> beta, gain, vLeak, bias, threshold, vReset, alpha, synGain,
      adapt, adaptDecay;
};

/// The tile of the layer the op computes, for per-neuron parameters.
struct TileInfo {
  ArrayRef<int64_t> tileShape, layerShape;
  ValueRange at;
};

/// Encoding of a factor / an additive constant for state type `type`.
static ParamEncoding factorEncoding(Type type) {
  return isa<IntegerType>(type) ? ParamEncoding::Q16 : ParamEncoding::Float;
}
static ParamEncoding constantEncoding(Type type) {
  return isa<IntegerType>(type) ? ParamEncoding::Integer : ParamEncoding::Float;
}

/// A per-step tensor holding a parameter in `type` (the initial membrane or
/// current).
static Value broadcastParam(OpBuilder &b, Location loc, const Param &param, Type type,
                            const TileInfo &tile) {
  unsigned rank = tile.tileShape.size();
  SmallVector<unsigned> dims = llvm::to_vector(llvm::seq<unsigned>(0, rank));
  GenericBuilder g(b, loc, rank);
  ParamOperand p(g, param, constantEncoding(type), type, dims, tile.tileShape,
                 tile.layerShape, tile.at);
  g.addOutput(emptyTensor(b, loc, tile.tileShape, type), dims);
  SmallVector<IteratorType> iters(rank, IteratorType::parallel);
  return g.build(iters, [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
            Value v = p.get(m, args);
            return {isa<IntegerType>(type) ? m.saturate(v, type) : v};
          })
      ->getResult(0);
}

/// The recurrent feedback of one step: r[m] = b[m] + sum_n W[m, n] s[n],
/// exact in i64 for integer drives, accumulated in order for floats.
static Value recurrentFeedback(OpBuilder &b, Location loc, Value weight, Value bias,
                               Value spikes, Type driveType) {
  int64_t n = cast<RankedTensorType>(spikes.getType()).getDimSize(0);
  Type acc = isa<IntegerType>(driveType) ? b.getI64Type() : driveType;
  Value init;
  if (bias) {
    GenericBuilder g(b, loc, 1);
    g.addInput(bias, {0});
    g.addOutput(emptyTensor(b, loc, {n}, acc), {0});
    init = g.build({IteratorType::parallel},
                   [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                     return {isa<IntegerType>(acc) ? m.widen(args[0]) : args[0]};
                   })
               ->getResult(0);
  } else {
    init = filledTensor(b, loc, {n}, zeroOf(b, loc, acc));
  }
  GenericBuilder g(b, loc, 2);
  g.addInput(weight, {0, 1});
  g.addInput(spikes, {1});
  g.addOutput(init, {0});
  return g.build({IteratorType::parallel, IteratorType::reduction},
                 [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                   Value w = args[0], s = args[1], a = args[2];
                   if (isa<IntegerType>(acc))
                     return {m.add(a, m.mul(m.widen(w), m.widen(s)))};
                   return {m.add(a, m.mul(w, m.toFloat(s, acc)))};
                 })
      ->getResult(0);
}

/// The reset R(h) of a spiking neuron, in the computation type of `h`.
static Value applyReset(ScalarMath &m, const NeuronModel &model, Value h, Value theta,
                        Value vReset) {
  bool isInt = isa<IntegerType>(model.stateType);
  switch (model.reset) {
  case ResetMode::Subtract:
    return isInt ? m.overflowTo(m.sub(h, theta), model.stateType, model.overflow)
                 : m.sub(h, theta);
  case ResetMode::Zero:
    return isInt ? m.i64Const(0) : m.floatConst(0.0, h.getType());
  case ResetMode::ToValue:
    return vReset;
  case ResetMode::None:
    return h;
  }
  llvm_unreachable("unknown reset mode");
}

/// The new threshold adaptation a[t] = adapt_decay * a[t-1] + (s ? adapt : 0).
static Value adaptationStep(ScalarMath &m, const NeuronModel &model, const NeuronParams &p,
                            ValueRange args, Value oldA, Value spike) {
  Value rho = p.adaptDecay->get(m, args), adapt = p.adapt->get(m, args);
  if (!isa<IntegerType>(model.stateType)) {
    Value decayed = m.mul(rho, oldA);
    return m.select(spike, m.add(decayed, adapt), decayed);
  }
  Value decayed = m.mulq(m.widen(oldA), rho, model.rounding);
  Value exact = m.select(spike, m.add(decayed, adapt), decayed);
  return m.resize(m.overflowTo(exact, model.stateType, model.overflow), model.stateType);
}

/// The new refractory counter: the period after a spike, else one step less
/// down to zero.
static Value refractoryStep(ScalarMath &m, const NeuronModel &model, Value oldCount,
                            Value spike) {
  OpBuilder &b = m.builder();
  Value left = arith::MaxSIOp::create(b, m.getLoc(), m.sub(m.widen(oldCount), m.i64Const(1)),
                                      m.i64Const(0));
  return m.resize(m.select(spike, m.i64Const(model.refractory), left), model.counterType);
}

/// One step of one neuron. `state` holds the old components in explicit
/// order; returns the new components followed by the output.
static SmallVector<Value> neuronStep(ScalarMath &m, const NeuronModel &model,
                                     const NeuronParams &p, ValueRange args, Value x,
                                     Value feedback, ValueRange state) {
  Type stateType = model.stateType;
  bool isInt = isa<IntegerType>(stateType);
  Type driveType = model.currentBased ? model.synType : stateType;
  SmallVector<StateComponent> components = model.getStateComponents();
  auto old = [&](StateComponent component) -> Value {
    const auto *it = llvm::find(components, component);
    return it == components.end() ? Value() : state[it - components.begin()];
  };
  Value oldCurrent = old(StateComponent::Current), oldV = old(StateComponent::Membrane);
  Value oldA = old(StateComponent::Adaptation), oldCount = old(StateComponent::Refractory);
  Value oldSpike = old(StateComponent::PreviousSpikes);

  // Drive x' = x + feedback: exact and saturated to 32 bits for integers.
  Value drive;
  if (isInt) {
    drive = m.widen(x);
    if (feedback)
      drive = m.clampTo(m.add(drive, feedback), m.builder().getI32Type());
  } else {
    drive = m.toFloat(x, driveType);
    if (feedback)
      drive = m.add(drive, feedback);
  }

  SmallVector<Value> results;
  if (model.currentBased) {
    Value alpha = p.alpha->get(m, args), synGain = p.synGain->get(m, args);
    Value current;
    if (isInt) {
      Value exact = m.add(m.mulq(m.widen(oldCurrent), alpha, model.synRounding),
                          m.mulq(drive, synGain, model.synRounding));
      current = m.resize(m.overflowTo(exact, driveType, model.synOverflow), driveType);
      drive = m.widen(current);
    } else {
      current = m.add(m.mul(alpha, oldCurrent), m.mul(synGain, drive));
      drive = m.toFloat(current, stateType);
    }
    results.push_back(current);
  }

  Value beta = p.beta->get(m, args), gain = p.gain->get(m, args);
  Value vLeak = p.vLeak->get(m, args);
  Value bias = p.bias ? p.bias->get(m, args) : Value();
  Value h;
  if (isInt) {
    Value decayed = m.mulq(m.sub(m.widen(oldV), vLeak), beta, model.rounding);
    Value exact = m.add(m.add(decayed, vLeak), m.mulq(drive, gain, model.rounding));
    if (bias)
      exact = m.add(exact, bias);
    h = m.overflowTo(exact, stateType, model.overflow);
  } else {
    h = m.add(m.add(m.mul(beta, m.sub(oldV, vLeak)), vLeak), m.mul(gain, drive));
    if (bias)
      h = m.add(h, bias);
  }

  if (!model.spiking) {
    Value v = isInt ? m.saturate(h, stateType) : h;
    results.push_back(v);
    results.push_back(v);
    return results;
  }

  OpBuilder &b = m.builder();
  // A refractory neuron holds its membrane and stays silent.
  Value refractory;
  if (oldCount) {
    refractory = arith::CmpIOp::create(b, m.getLoc(), arith::CmpIPredicate::sgt,
                                       m.widen(oldCount), m.i64Const(0));
    h = m.select(refractory, isInt ? m.widen(oldV) : oldV, h);
  }
  Value theta = p.threshold->get(m, args), vReset = p.vReset->get(m, args);
  if (model.timing == ResetTiming::Next)
    h = m.select(oldSpike, applyReset(m, model, h, theta, vReset), h);
  if (oldA)
    theta = m.add(theta, isInt ? m.widen(oldA) : oldA);
  bool ge = model.compare == Compare::GE;
  Value spike =
      isInt ? arith::CmpIOp::create(b, m.getLoc(),
                                    ge ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sgt,
                                    h, theta)
                  .getResult()
            : arith::CmpFOp::create(b, m.getLoc(),
                                    ge ? arith::CmpFPredicate::OGE : arith::CmpFPredicate::OGT,
                                    h, theta)
                  .getResult();
  if (refractory)
    spike = m.select(refractory, m.boolConst(false), spike);
  Value v = h;
  if (model.timing == ResetTiming::Same)
    v = m.select(spike, applyReset(m, model, h, theta, vReset), h);
  // Every reset keeps the membrane in the state type's range (h and h -
  // theta are brought into it by the overflow mode, v_reset is a state
  // value): it only narrows.
  results.push_back(isInt ? m.resize(v, stateType) : v);
  if (oldA)
    results.push_back(adaptationStep(m, model, p, args, oldA, spike));
  if (oldCount)
    results.push_back(refractoryStep(m, model, oldCount, spike));
  if (oldSpike)
    results.push_back(spike);
  results.push_back(spike);
  return results;
}

template <typename NeuronOp>
struct NeuronLowering : OpRewritePattern<NeuronOp> {
  using OpRewritePattern<NeuronOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(NeuronOp op, PatternRewriter &b) const override {
    Location loc = op.getLoc();
    NeuronModel model = NeuronModel::get(op.getOperation());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto outType = cast<RankedTensorType>(op.getOutput().getType());
    ArrayRef<int64_t> step = inType.getShape().drop_front();
    TileInfo tile{step, getParamShape(op), op.getAt()};
    SmallVector<Value> state(op.getInit());
    if (state.empty()) {
      for (StateComponent component : model.getStateComponents()) {
        Type type = model.getStateType(component);
        const Param *init = model.getInitialValue(component);
        state.push_back(init ? broadcastParam(b, loc, *init, type, tile)
                             : filledTensor(b, loc, step, zeroOf(b, loc, type)));
      }
    }
    SmallVector<Value> iterArgs(state);
    iterArgs.push_back(emptyTensor(b, loc, outType.getShape(), outType.getElementType()));

    Value lb = arith::ConstantIndexOp::create(b, loc, 0);
    Value ub = arith::ConstantIndexOp::create(b, loc, inType.getDimSize(0));
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, one, iterArgs,
        [&](OpBuilder &nb, Location nl, Value t, ValueRange args) {
          ValueRange oldState = args.drop_back();
          Value out = args.back();
          Value x = isStepwiseInput(op.getInput())
                        ? sliceStep(nb, nl, computeInputStep(nb, nl, op.getInput(), t),
                                    arith::ConstantIndexOp::create(nb, nl, 0), step)
                        : sliceStep(nb, nl, op.getInput(), t, step);
          Value feedback;
          if (Value w = op.getRecurrent())
            feedback = recurrentFeedback(nb, nl, w, op.getRecurrentBias(),
                                         oldState.back(),
                                         model.currentBased ? model.synType
                                                            : model.stateType);
          Value outStep = sliceStep(nb, nl, out, t, step);
          SmallVector<Value> updated =
              update(nb, nl, model, tile, x, feedback, oldState, outStep);
          Value newOut = insertStep(nb, nl, updated.back(), out, t, step);
          updated.back() = newOut;
          scf::YieldOp::create(nb, nl, updated);
        });
    SmallVector<Value> replacements;
    replacements.push_back(loop.getResults().back());
    if (!op.getInit().empty())
      llvm::append_range(replacements, loop.getResults().drop_back());
    Operation *producer = op.getInput().getDefiningOp();
    bool absorbed = isStepwiseInput(op.getInput());
    b.replaceOp(op, replacements);
    if (absorbed)
      b.eraseOp(producer);
    return success();
  }

  /// The element-wise update of every neuron for one step; returns the new
  /// state tensors followed by the step's output.
  static SmallVector<Value> update(OpBuilder &b, Location loc, const NeuronModel &model,
                                   const TileInfo &tile, Value x, Value feedback,
                                   ValueRange state, Value outStep) {
    unsigned rank = tile.tileShape.size();
    SmallVector<unsigned> dims = llvm::to_vector(llvm::seq<unsigned>(0, rank));
    GenericBuilder g(b, loc, rank);
    unsigned xArg = g.addInput(x, dims);
    std::optional<unsigned> feedbackArg;
    if (feedback)
      feedbackArg = g.addInput(feedback, dims);

    NeuronParams p;
    auto param = [&](const Param &value, ParamEncoding encoding, Type type) {
      return ParamOperand(g, value, encoding, type, dims, tile.tileShape,
                          tile.layerShape, tile.at);
    };
    Type s = model.stateType;
    p.beta.emplace(param(model.beta, factorEncoding(s), s));
    p.gain.emplace(param(model.gain, factorEncoding(s), s));
    p.vLeak.emplace(param(model.vLeak, constantEncoding(s), s));
    if (model.hasBias)
      p.bias.emplace(param(model.bias, constantEncoding(s), s));
    if (model.spiking) {
      p.threshold.emplace(param(model.threshold, constantEncoding(s), s));
      p.vReset.emplace(param(model.vReset, constantEncoding(s), s));
    }
    if (model.adaptive) {
      p.adapt.emplace(param(model.adapt, constantEncoding(s), s));
      p.adaptDecay.emplace(param(model.adaptDecay, factorEncoding(s), s));
    }
    if (model.currentBased) {
      p.alpha.emplace(param(model.alpha, factorEncoding(model.synType), model.synType));
      p.synGain.emplace(
          param(model.synGain, factorEncoding(model.synType), model.synType));
    }
    unsigned firstState = 0;
    for (auto [i, component] : llvm::enumerate(state)) {
      unsigned arg = g.addOutput(component, dims);
      if (i == 0)
        firstState = arg;
    }
    g.addOutput(outStep, dims);
    SmallVector<IteratorType> iters(rank, IteratorType::parallel);
    Operation *generic =
        g.build(iters, [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
          Value fb = feedbackArg ? args[*feedbackArg] : Value();
          return neuronStep(m, model, p, args, args[xArg], fb,
                            args.slice(firstState, state.size()));
        });
    return SmallVector<Value>(generic->getResults());
  }

  /// Step t of a time-major tensor, without its time dimension.
  static Value sliceStep(OpBuilder &b, Location loc, Value tensor, Value t,
                         ArrayRef<int64_t> step) {
    auto type = cast<RankedTensorType>(tensor.getType());
    auto [offsets, sizes, strides] = stepSlice(b, t, step);
    return tensor::ExtractSliceOp::create(
        b, loc, RankedTensorType::get(step, type.getElementType()), tensor, offsets,
        sizes, strides);
  }

  static Value insertStep(OpBuilder &b, Location loc, Value value, Value into, Value t,
                          ArrayRef<int64_t> step) {
    auto [offsets, sizes, strides] = stepSlice(b, t, step);
    return tensor::InsertSliceOp::create(b, loc, value, into, offsets, sizes, strides);
  }

  static std::tuple<SmallVector<OpFoldResult>, SmallVector<OpFoldResult>,
                    SmallVector<OpFoldResult>>
  stepSlice(OpBuilder &b, Value t, ArrayRef<int64_t> step) {
    SmallVector<OpFoldResult> offsets{t}, sizes{b.getIndexAttr(1)},
        strides(step.size() + 1, b.getIndexAttr(1));
    for (int64_t d : step) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(d));
    }
    return {offsets, sizes, strides};
  }
};

} // namespace

void mlir::snn::populateNeuronLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<NeuronLowering<LIFOp>, NeuronLowering<CubaLIFOp>, NeuronLowering<LIOp>,
               NeuronLowering<CubaLIOp>>(patterns.getContext());
}
