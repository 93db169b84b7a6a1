//===- IntRanges.cpp - Bounds of integer activations and membranes --------===//

#include "snn/Dialect/SNN/Utils/IntRanges.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <set>
#include <tuple>

using namespace mlir;
using namespace mlir::snn;

unsigned IntRange::bitsNeeded() const {
  for (unsigned bits = 2; bits < 64; ++bits) {
    int64_t min = -(int64_t(1) << (bits - 1)), max = (int64_t(1) << (bits - 1)) - 1;
    if (lo >= min && hi <= max)
      return bits;
  }
  return 64;
}

IntRange mlir::snn::getTypeRange(Type type) {
  unsigned bits = type.getIntOrFloatBitWidth();
  if (bits == 1)
    return {0, 1};
  return {-(int64_t(1) << (bits - 1)), (int64_t(1) << (bits - 1)) - 1};
}

static IntRange clamp(IntRange r, IntRange to) {
  return {std::clamp(r.lo, to.lo, to.hi), std::clamp(r.hi, to.lo, to.hi)};
}

IntRange mlir::snn::mulq(IntRange a, IntRange q, Rounding rounding) {
  __int128 corners[] = {(__int128)a.lo * q.lo, (__int128)a.lo * q.hi,
                        (__int128)a.hi * q.lo, (__int128)a.hi * q.hi};
  __int128 lo = *std::min_element(std::begin(corners), std::end(corners));
  __int128 hi = *std::max_element(std::begin(corners), std::end(corners));
  auto round = [rounding](__int128 v) -> int64_t {
    __int128 down = v >> 16;
    switch (rounding) {
    case Rounding::Floor:
      return int64_t(down);
    case Rounding::TowardZero:
      return int64_t(v / 65536); // C++ division truncates toward zero
    case Rounding::NearestEven: {
      __int128 rem = v - down * 65536;
      return int64_t(down + ((rem + (down & 1)) > 32768 ? 1 : 0));
    }
    }
    llvm_unreachable("unknown rounding mode");
  };
  return {round(lo), round(hi)};
}

IntRange mlir::snn::getStateRange(Type type, Overflow overflow) {
  IntRange range = getTypeRange(type);
  if (overflow == Overflow::SaturateSymmetric)
    range.lo += 1;
  return range;
}

static IntRange add(IntRange a, IntRange b) { return {a.lo + b.lo, a.hi + b.hi}; }

IntRange mlir::snn::getParamRange(const Param &p, bool q16) {
  IntRange r{INT64_MAX, INT64_MIN};
  for (double v : p.getValues()) {
    int64_t x = q16 ? int64_t(std::nearbyint(v * 65536.0)) : int64_t(v);
    r = {std::min(r.lo, x), std::max(r.hi, x)};
  }
  return r;
}

namespace {

/// Bounds of activations, computed once per value.
class ActivationRanges {
public:
  IntRange get(Value value) {
    auto it = cache.find(value);
    if (it != cache.end())
      return it->second;
    IntRange range = compute(value);
    cache[value] = range;
    return range;
  }

private:
  IntRange compute(Value value) {
    Type elt = getElementType(value);
    IntRange full = getTypeRange(elt);
    Operation *def = value.getDefiningOp();
    if (!def || !isIntType(elt))
      return full;
    DenseIntElementsAttr constant;
    if (!isSpikeType(elt) && matchPattern(value, m_Constant(&constant))) {
      IntRange range{INT64_MAX, INT64_MIN};
      for (const APInt &v : constant.getValues<APInt>())
        range = range.join({v.getSExtValue(), v.getSExtValue()});
      return constant.empty() ? full : range;
    }
    return llvm::TypeSwitch<Operation *, IntRange>(def)
        .Case<Conv2dOp, DenseOp>([&](auto op) {
          std::optional<MacBounds> bounds =
              macBounds(op.getInput(), op.getWeight(), op.getBias(), isa<Conv2dOp>(def));
          return bounds ? clamp(bounds->total, full) : full;
        })
        .Case<ThresholdOp, LIFOp, CubaLIFOp>([](Operation *) { return IntRange{0, 1}; })
        .Case<ReluOp>([&](ReluOp op) {
          IntRange in = get(op.getInput());
          int64_t top = in.hi >> op.getShiftAttr().getInt();
          return clamp(IntRange{0, std::max<int64_t>(top, 0)}, full);
        })
        .Case<AddOp>([&](AddOp op) {
          if (op.getMode() == AddMode::Or)
            return IntRange{0, 1};
          IntRange sum{0, 0};
          for (Value input : op.getInputs())
            sum = add(sum, get(input));
          return clamp(sum, full);
        })
        .Case<MaxPool2dOp, AvgPool2dOp, FlattenOp, ReshapeOp>(
            [&](Operation *op) { return clamp(get(op->getOperand(0)), full); })
        .Case<DelayOp>([&](DelayOp op) {
          // Every loop of a cycle passes through a delay: its range would
          // depend on itself.
          if (isInCycle(op))
            return full;
          return get(op.getInput()).join({0, 0});
        })
        .Case<SumPool2dOp>([&](SumPool2dOp op) {
          IntRange in = get(op.getInput());
          int64_t n = op.getKernel()[0] * op.getKernel()[1];
          return clamp(IntRange{std::min<int64_t>(0, in.lo * n), std::max<int64_t>(0, in.hi * n)},
                       full);
        })
        .Default([&](Operation *) { return full; });
  }

public:
  /// Bounds of `bias + sum of x * w` of a convolution or dense layer: of the
  /// result (`total`) and of every partial sum on the way (`partial`, the
  /// single products included), per output channel with constant weights,
  /// else from the weight type; nullopt beyond 64 bits.
  struct MacBounds {
    IntRange total, partial;
  };
  std::optional<MacBounds> macBounds(Value input, Value weight, Value bias, bool conv) {
    using Wide = __int128;
    IntRange x = get(input);
    IntRange biasRange = bias ? get(bias) : IntRange{0, 0};
    auto wType = cast<RankedTensorType>(weight.getType());
    int64_t outputs = wType.getDimSize(0), perOutput = wType.getNumElements() / outputs;
    DenseIntElementsAttr constant;
    bool known = matchPattern(weight, m_Constant(&constant));
    SmallVector<int64_t> values;
    if (known)
      for (const APInt &v : constant.getValues<APInt>())
        values.push_back(v.getSExtValue());
    IntRange typeRange = getTypeRange(wType.getElementType());
    Wide totalLo = INT64_MAX, totalHi = INT64_MIN, partialLo = biasRange.lo,
         partialHi = biasRange.hi;
    for (int64_t k = 0; k < (known ? outputs : 1); ++k) {
      // Sums of the terms, of their negative and of their positive parts.
      Wide lo = 0, hi = 0, negative = 0, positive = 0;
      for (int64_t i = 0; i < perOutput; ++i) {
        IntRange w = known ? IntRange{values[k * perOutput + i], values[k * perOutput + i]}
                           : typeRange;
        IntRange term = mulRange(x, w);
        lo += term.lo;
        hi += term.hi;
        negative += std::min<int64_t>(term.lo, 0);
        positive += std::max<int64_t>(term.hi, 0);
        partialLo = std::min<Wide>(partialLo, term.lo);
        partialHi = std::max<Wide>(partialHi, term.hi);
      }
      // Padded positions contribute zero: a sum may also lack any term.
      totalLo = std::min(totalLo, biasRange.lo + (conv ? std::min<Wide>(lo, 0) : lo));
      totalHi = std::max(totalHi, biasRange.hi + (conv ? std::max<Wide>(hi, 0) : hi));
      partialLo = std::min(partialLo, biasRange.lo + negative);
      partialHi = std::max(partialHi, biasRange.hi + positive);
    }
    auto fits = [](Wide v) { return v >= INT64_MIN && v <= INT64_MAX; };
    if (!fits(partialLo) || !fits(partialHi))
      return std::nullopt;
    return MacBounds{{int64_t(totalLo), int64_t(totalHi)},
                     {int64_t(partialLo), int64_t(partialHi)}};
  }

private:
  static IntRange mulRange(IntRange a, IntRange b) {
    int64_t c[] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
    return {*std::min_element(std::begin(c), std::end(c)),
            *std::max_element(std::begin(c), std::end(c))};
  }

  llvm::DenseMap<Value, IntRange> cache;
};

/// The integer parameters of one neuron: Q16 factors, additive values.
struct NeuronParams {
  int64_t beta, gain, vLeak, vInit, theta, vReset, alpha, synGain, iInit, bias;

  auto key() const {
    return std::make_tuple(beta, gain, vLeak, vInit, theta, vReset, alpha, synGain, iInit,
                           bias);
  }
  bool operator<(const NeuronParams &other) const { return key() < other.key(); }
};

/// The distinct parameter sets of a layer's neurons, or nullopt if there are
/// more than `limit` (per-neuron parameters of a large layer).
static std::optional<std::set<NeuronParams>> distinctParams(const NeuronModel &m,
                                                            ArrayRef<int64_t> shape,
                                                            size_t limit) {
  int64_t n = getNumElements(shape), perChannel = n / shape.front();
  auto q16 = [](double v) { return int64_t(std::nearbyint(v * 65536.0)); };
  std::set<NeuronParams> sets;
  for (int64_t i = 0; i < n; ++i) {
    int64_t c = i / perChannel;
    sets.insert({q16(m.beta.at(c, i)), q16(m.gain.at(c, i)), int64_t(m.vLeak.at(c, i)),
                 int64_t(m.vInit.at(c, i)), int64_t(m.threshold.at(c, i)),
                 int64_t(m.vReset.at(c, i)), q16(m.alpha.at(c, i)), q16(m.synGain.at(c, i)),
                 int64_t(m.iInit.at(c, i)), int64_t(m.bias.at(c, i))});
    if (sets.size() > limit)
      return std::nullopt;
  }
  return sets;
}

/// The hull of every value a recurrence x[t] = step(x[t-1]) from `init`
/// takes (step returns the next interval and the hull of the intermediate
/// values it computed), found by iterating over intervals to a fixed point;
/// nullopt without convergence.
template <typename Step>
static std::optional<IntRange> reachable(IntRange init, Step step) {
  constexpr int kIterations = 256;
  IntRange x = init, seen = init;
  for (int i = 0; i < kIterations; ++i) {
    auto [next, intermediate] = step(x);
    seen = seen.join(intermediate).join(next);
    IntRange joined = x.join(next);
    if (joined == x)
      return seen;
    if (joined.bitsNeeded() > 33)
      return std::nullopt;
    x = joined;
  }
  return std::nullopt;
}

/// The range of one neuron's membrane (and current) for a drive range.
class NeuronRange {
public:
  NeuronRange(const NeuronModel &m, const NeuronParams &p) : m(m), p(p) {}

  std::optional<IntRange> get(IntRange drive) const {
    if (m.currentBased) {
      // i = ovf_I(rnd(i * alpha) + rnd(x * syn_gain)): saturation included;
      // a current that may wrap can take any value of its type.
      IntRange syn = getStateRange(m.synType, m.synOverflow);
      IntRange input = mulq(drive, point(p.synGain), m.synRounding);
      std::optional<IntRange> current =
          reachable(point(p.iInit), [&](IntRange i) {
            IntRange exact = add(mulq(i, point(p.alpha), m.synRounding), input);
            IntRange next = m.synOverflow != Overflow::Wrap ? clamp(exact, syn)
                            : clamp(exact, syn) == exact ? exact
                                                         : syn;
            return std::make_pair(next, next);
          });
      if (!current)
        return std::nullopt;
      drive = *current;
    }
    // The membrane before overflow: the caller gives up when it leaves the
    // state type, so that no overflow mode ever acts.
    IntRange charge = add(mulq(drive, point(p.gain), m.rounding), point(p.bias));
    return reachable(point(p.vInit), [&](IntRange v) {
      IntRange h = add(add(mulq(add(v, point(-p.vLeak)), point(p.beta), m.rounding),
                           point(p.vLeak)),
                       charge);
      return std::make_pair(m.spiking ? afterReset(h) : h, h);
    });
  }

private:
  static IntRange point(int64_t v) { return {v, v}; }

  /// The membrane after the step's reset, over all spike outcomes.
  IntRange afterReset(IntRange h) const {
    bool ge = m.compare == Compare::GE;
    int64_t quietTop = ge ? p.theta - 1 : p.theta;
    int64_t spikeBottom = ge ? p.theta : p.theta + 1;
    IntRange out{INT64_MAX, INT64_MIN};
    if (h.lo <= quietTop)
      out = out.join({h.lo, std::min(h.hi, quietTop)});
    if (h.hi >= spikeBottom)
      out = out.join(reset({std::max(h.lo, spikeBottom), h.hi}));
    // With the reset in the next step, a charged value may also be reset
    // before its own threshold test.
    if (m.timing == ResetTiming::Next)
      out = out.join(h).join(reset(h));
    return out;
  }

  IntRange reset(IntRange h) const {
    switch (m.reset) {
    case ResetMode::Subtract:
      return {h.lo - p.theta, h.hi - p.theta};
    case ResetMode::Zero:
      return {0, 0};
    case ResetMode::ToValue:
      return point(p.vReset);
    case ResetMode::None:
      return h;
    }
    llvm_unreachable("unknown reset mode");
  }

  const NeuronModel &m;
  const NeuronParams &p;
};

} // namespace

IntRange mlir::snn::getActivationRange(Value value) {
  return ActivationRanges().get(value);
}

std::optional<IntRange> mlir::snn::getAccumulatorRange(Operation *op) {
  ActivationRanges ranges;
  std::optional<ActivationRanges::MacBounds> bounds;
  if (auto conv = dyn_cast<Conv2dOp>(op))
    bounds = ranges.macBounds(conv.getInput(), conv.getWeight(), conv.getBias(), true);
  else if (auto dense = dyn_cast<DenseOp>(op))
    bounds = ranges.macBounds(dense.getInput(), dense.getWeight(), dense.getBias(), false);
  if (!bounds)
    return std::nullopt;
  return bounds->partial;
}

unsigned mlir::snn::getAccumulatorBits(Operation *op) {
  if (std::optional<IntRange> range = getAccumulatorRange(op))
    for (unsigned bits : {16u, 32u})
      if (range->bitsNeeded() <= bits)
        return bits;
  return 64;
}

Type mlir::snn::getAccumulatorType(Operation *op) {
  Type result = getElementType(op->getResult(0));
  if (!isIntType(result))
    return result;
  return IntegerType::get(op->getContext(),
                          isa<Conv2dOp, DenseOp>(op) ? getAccumulatorBits(op) : 64);
}

std::optional<IntRange> mlir::snn::getMembraneRange(Operation *neuron) {
  NeuronModel m = NeuronModel::get(neuron);
  // An adaptive threshold moves the reset's range with state this analysis
  // does not follow.
  if (!isa<IntegerType>(m.stateType) || m.recurrent || m.adaptive)
    return std::nullopt;
  // Neurons with the same parameters have the same range: analyse each
  // distinct parameter set once (a layer has few unless they are per neuron).
  constexpr size_t kMaxParameterSets = 4096;
  std::optional<std::set<NeuronParams>> sets =
      distinctParams(m, getParamShape(neuron), kMaxParameterSets);
  if (!sets)
    return std::nullopt;
  IntRange drive = clamp(getActivationRange(neuron->getOperand(0)),
                         getTypeRange(IntegerType::get(neuron->getContext(), 32)));
  IntRange hull{INT64_MAX, INT64_MIN};
  for (const NeuronParams &p : *sets) {
    std::optional<IntRange> v = NeuronRange(m, p).get(drive);
    if (!v)
      return std::nullopt;
    hull = hull.join(*v);
  }
  IntRange state = getStateRange(m.stateType, m.overflow);
  if (hull.lo < state.lo || hull.hi > state.hi)
    return std::nullopt;
  return hull;
}
