//===- ReductionLowering.cpp - conv2d, dense and pooling to structured ops -===//
//
// Each becomes a reduction accumulating into a tensor of the accumulation
// type, followed, for integers, by an element-wise saturation to the result
// type. Integer sums are exact: convolutions and dense layers accumulate in
// the narrowest of i16, i32 and i64 that holds every partial sum
// (IntRanges.h proves the bounds), pools in i64.
//
// Padding is never copied: convolutions and pools read their input as a
// window of snn_kernel.generic, whose reads outside the input are skipped,
// exactly as the semantics say; a zero (or, for max pooling, lowest)
// tensor.pad that a spatial tile put before the op becomes part of that
// window.
//
// Convolutions and dense layers vectorize across output channels (neurons):
// their weights are packed once, output channels innermost, in the
// accumulation type, and their input is converted once to that type (spikes
// to 0/-1 masks for integers, 0.0/1.0 for floats), so that the inner loop
// loads one weight vector per input value and broadcasts the value.
//
// In their event-driven form (`form = event`) the same packed weights and
// channels-last accumulators meet an snn_kernel.event_scatter instead: each
// input that is not zero (a spike) adds its weight vectors (times itself) to
// the outputs it reaches.
//
//===----------------------------------------------------------------------===//

#include "GenericBuilder.h"
#include "Lowering.h"
#include "snn/Dialect/SNN/Utils/IntRanges.h"
#include "snn/Dialect/Kernel/IR/KernelOps.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Utils/SynapseForm.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::snn;

using utils::IteratorType;
static constexpr IteratorType kPar = IteratorType::parallel;
static constexpr IteratorType kRed = IteratorType::reduction;

Value mlir::snn::zeroOf(OpBuilder &b, Location loc, Type type) {
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 0.0));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, 0));
}

/// `init` (a new tensor) filled by an element-wise map: its element i is
/// `fn` of `value`'s element at `map(i)`.
static Value mapInto(OpBuilder &b, Location loc, Value value, AffineMap map, Value init,
                     function_ref<Value(ScalarMath &, Value)> fn) {
  int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
  GenericBuilder g(b, loc, rank);
  g.addInput(value, map);
  g.addOutput(init, llvm::to_vector(llvm::seq<unsigned>(0, rank)));
  return g.build(SmallVector<IteratorType>(rank, kPar),
                 [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                   return {fn(m, args[0])};
                 })
      ->getResult(0);
}

/// The initial accumulator of shape `shape`: `bias` (read at `biasMap` of
/// the accumulator's indices) or zero, in the accumulation type.
static Value initAccumulator(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                             Type accElt, Value bias, AffineMap biasMap) {
  if (!bias)
    return filledTensor(b, loc, shape, zeroOf(b, loc, accElt));
  return mapInto(b, loc, bias, biasMap, emptyTensor(b, loc, shape, accElt),
                 [&](ScalarMath &m, Value x) {
                   return isIntType(accElt) ? m.resize(x, accElt) : x;
                 });
}

/// A new tensor of `sizes` with element type `elt`. With `bound` (a static
/// shape no smaller than `sizes`), when some size is dynamic, a part of a
/// tensor of that shape: its buffer is then static, allocated once outside
/// the loops.
static Value emptyWithin(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, Type elt,
                         ArrayRef<int64_t> bound) {
  if (bound.empty() || llvm::all_of(sizes, [](OpFoldResult size) {
        return getConstantIntValue(size).has_value();
      }))
    return tensor::EmptyOp::create(b, loc, sizes, elt);
  Value whole = tensor::EmptyOp::create(b, loc, bound, elt);
  SmallVector<OpFoldResult> zeros(sizes.size(), b.getIndexAttr(0)),
      ones(sizes.size(), b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, whole, zeros, sizes, ones);
}

/// A new tensor shaped like `value` with element type `elt`, within `bound`.
static Value emptyLike(OpBuilder &b, Location loc, Value value, Type elt,
                       ArrayRef<int64_t> bound) {
  return emptyWithin(b, loc, tensor::getMixedSizes(b, loc, value), elt, bound);
}

/// An element-wise map of every element of `value` into a new tensor of
/// element type `elt` (dynamic dimensions included, within `bound`).
static Value mapElements(OpBuilder &b, Location loc, Value value, Type elt,
                         function_ref<Value(ScalarMath &, Value)> fn,
                         ArrayRef<int64_t> bound = {}) {
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  return mapInto(b, loc, value, b.getMultiDimIdentityMap(rank),
                 emptyLike(b, loc, value, elt, bound), fn);
}

/// Saturates an integer accumulator to the integer result type (floats pass).
static Value finishAccumulator(OpBuilder &b, Location loc, Value acc, Type resultElt) {
  if (!isIntType(resultElt))
    return acc;
  return mapElements(b, loc, acc, resultElt, [&](ScalarMath &m, Value a) {
    return m.saturate(a, resultElt);
  });
}

/// acc + x * w in the accumulation type.
static Value multiplyAccumulate(ScalarMath &m, Value x, Value w, Value acc) {
  if (isa<FloatType>(acc.getType()))
    return m.add(acc, m.mul(m.toFloat(x, acc.getType()), w));
  Type accElt = acc.getType();
  return m.add(acc, m.mul(m.resize(x, accElt), m.resize(w, accElt)));
}

//===----------------------------------------------------------------------===//
// Inputs and weights prepared for lanes across output channels
//===----------------------------------------------------------------------===//

/// The input of a synapse in its accumulation type `acc`, and how the body
/// multiplies it: spikes become 0/-1 masks (integers: acc + (x & w)) or
/// 0.0/1.0 (floats: fma(x, w, acc), exact because x * w is); other inputs
/// are converted as multiplyAccumulate would.
struct LaneInput {
  Value value;
  bool spikes = false;

  Value accumulate(ScalarMath &m, Value x, Value w, Value acc) const {
    OpBuilder &b = m.builder();
    if (!spikes)
      return multiplyAccumulate(m, x, w, acc);
    if (isa<FloatType>(acc.getType()))
      return math::FmaOp::create(b, m.getLoc(), x, w, acc);
    return m.add(acc, arith::AndIOp::create(b, m.getLoc(), x, w));
  }
};

/// One input element `x` in the accumulation type `acc`, as LaneInput
/// multiplies it.
static Value convertElement(ScalarMath &m, Value x, Type acc) {
  if (isa<FloatType>(acc))
    return m.toFloat(x, acc);
  if (isSpikeType(x.getType()))
    return arith::ExtSIOp::create(m.builder(), m.getLoc(), acc, x);
  return m.resize(x, acc);
}

static LaneInput convertInput(OpBuilder &b, Location loc, Value input, Type acc,
                              ArrayRef<int64_t> bound = {}) {
  Type elt = getElementType(input);
  if (elt == acc)
    return {input, false};
  Value converted = mapElements(b, loc, input, acc, [&](ScalarMath &m, Value x) {
    return convertElement(m, x, acc);
  }, bound);
  return {converted, isSpikeType(elt)};
}

/// A convolution's input [t, C, h, w] converted to `acc` and laid out
/// channels-last by group, [t, g, h, w, C/g]: a window position's channels
/// are then adjacent in memory. In the input's own layout they lie a channel
/// plane apart, one cache line each, and for power-of-two planes all in the
/// same few cache sets, so the reduction missed in every cache level. With
/// `bound` (a static shape no smaller than `input`), the buffer is a part of
/// one of that shape, allocated once outside the loops.
static LaneInput channelsLastInput(OpBuilder &b, Location loc, Value input, Type acc,
                                   int64_t groups, ArrayRef<int64_t> bound) {
  Type elt = getElementType(input);
  int64_t perGroup = cast<RankedTensorType>(input.getType()).getDimSize(1) / groups;
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> sizes{dims[0], b.getIndexAttr(groups), dims[2], dims[3],
                                  b.getIndexAttr(perGroup)};
  SmallVector<int64_t> channelsLastBound;
  if (!bound.empty())
    channelsLastBound = {bound[0], groups, bound[2], bound[3], perGroup};
  Value init = emptyWithin(b, loc, sizes, acc, channelsLastBound);
  MLIRContext *ctx = b.getContext();
  AffineExpr t, g, h, w, c;
  bindDims(ctx, t, g, h, w, c);
  GenericBuilder gb(b, loc, 5);
  gb.addInput(input, AffineMap::get(5, 0, {t, g * perGroup + c, h, w}, ctx));
  gb.addOutput(init, {0, 1, 2, 3, 4});
  Value converted =
      gb.build(SmallVector<IteratorType>(5, kPar),
               [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                 return {convertElement(m, args[0], acc)};
               })
          ->getResult(0);
  return {converted, isSpikeType(elt) && elt != acc};
}

/// `weight` converted to `acc` and laid out by `shape`, element `i` of the
/// result reading `weight` at `map(i)`.
static Value packWeights(OpBuilder &b, Location loc, Value weight, ArrayRef<int64_t> shape,
                         AffineMap map, Type acc) {
  return mapInto(b, loc, weight, map, emptyTensor(b, loc, shape, acc),
                 [&](ScalarMath &m, Value w) {
                   return isa<FloatType>(acc) ? m.toFloat(w, acc) : m.resize(w, acc);
                 });
}

//===----------------------------------------------------------------------===//
// Windows
//===----------------------------------------------------------------------===//

/// A convolution's or pool's input as a window: `source`, read at
/// `out * stride + k * dilation - before[d]` along spatial dimension d.
struct Window {
  Value source;
  SmallVector<OpFoldResult, 2> before;
  /// A static shape that holds `source` (the padded shape of a clipped
  /// window), or empty.
  SmallVector<int64_t> bound;

  /// True if no read can leave the source: nothing is padded (the output
  /// size formula then keeps every window inside).
  bool isInside() const {
    return llvm::all_of(before, [](OpFoldResult o) { return isConstantIntValue(o, 0); });
  }

  /// Adds `source` read through `map` as an input of `g`: windowed unless
  /// it cannot leave its bounds.
  void addTo(GenericBuilder &g, Value value, AffineMap map) const {
    if (isInside())
      g.addInput(value, map);
    else
      g.addWindowedInput(value, map);
  }

  /// The index expression along spatial dimension `d` (0: rows, 1: columns).
  AffineExpr index(GenericBuilder &g, unsigned d, AffineExpr out, int64_t stride,
                   AffineExpr k, int64_t dilation) const {
    AffineExpr offset = isa<Attribute>(before[d])
                            ? g.builder().getAffineConstantExpr(*getConstantIntValue(before[d]))
                            : g.addSymbol(cast<Value>(before[d]));
    return out * stride + k * dilation - offset;
  }
};

/// True if `value` is the constant `expected`.
static bool isConstant(Value value, Attribute expected) {
  Attribute actual;
  return matchPattern(value, m_Constant(&actual)) && actual == expected;
}

/// The window of an input padded by `pad` (rows, columns) whose padding
/// value is `padValue`. A tensor.pad of that value on the spatial
/// dimensions feeding it (directly, or through a slice of its time steps)
/// joins the window instead of being copied.
static Window windowOf(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> pad,
                       Attribute padValue) {
  Window window{input, {b.getIndexAttr(pad[0]), b.getIndexAttr(pad[1])}, {}};
  auto slice = input.getDefiningOp<tensor::ExtractSliceOp>();
  auto padOp = (slice ? slice.getSource() : input).getDefiningOp<tensor::PadOp>();
  if (!padOp || !isConstant(padOp.getConstantPaddingValue(), padValue))
    return window;
  SmallVector<OpFoldResult> low = padOp.getMixedLowPad(), high = padOp.getMixedHighPad();
  for (unsigned d : {0u, 1u})
    if (!isConstantIntValue(low[d], 0) || !isConstantIntValue(high[d], 0))
      return window;
  Value source = padOp.getSource();
  if (slice) {
    // Only a slice of whole steps commutes with the spatial padding.
    auto padded = cast<RankedTensorType>(padOp.getType());
    SmallVector<OpFoldResult> sliceOffsets = slice.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = slice.getMixedSizes();
    if (!slice.hasUnitStride() || slice.getType().getRank() != padded.getRank())
      return window;
    for (unsigned d = 1; d < sizes.size(); ++d)
      if (!isConstantIntValue(sliceOffsets[d], 0) ||
          !isConstantIntValue(sizes[d], padded.getDimSize(d)))
        return window;
    SmallVector<OpFoldResult> offsets(sizes.size(), b.getIndexAttr(0));
    offsets[0] = sliceOffsets[0];
    SmallVector<OpFoldResult> sourceSizes = tensor::getMixedSizes(b, loc, source);
    sourceSizes[0] = sizes[0];
    source = tensor::ExtractSliceOp::create(b, loc, source, offsets, sourceSizes,
                                            SmallVector<OpFoldResult>(sizes.size(),
                                                                      b.getIndexAttr(1)));
  }
  window.source = source;
  window.bound = llvm::to_vector(cast<RankedTensorType>(input.getType()).getShape());
  for (unsigned d : {0u, 1u}) {
    OpFoldResult lowPad = low[d + 2];
    if (std::optional<int64_t> c = getConstantIntValue(lowPad))
      window.before[d] = b.getIndexAttr(pad[d] + *c);
    else if (pad[d] == 0)
      window.before[d] = lowPad;
    else
      window.before[d] = arith::AddIOp::create(
          b, loc, cast<Value>(lowPad), arith::ConstantIndexOp::create(b, loc, pad[d]))
                             .getResult();
  }
  return window;
}

/// `value` (T x C x ...) with its channels split into `groups` groups:
/// T x groups x C/groups x ...
static Value splitChannels(OpBuilder &b, Location loc, Value value, int64_t groups) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[1] /= groups;
  shape.insert(shape.begin() + 1, groups);
  SmallVector<ReassociationIndices> groupsOf{{0}, {1, 2}};
  for (int64_t d = 2; d < type.getRank(); ++d)
    groupsOf.push_back({d + 1});
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  SmallVector<OpFoldResult> outSizes(sizes);
  outSizes[1] = b.getIndexAttr(shape[2]);
  outSizes.insert(outSizes.begin() + 1, b.getIndexAttr(groups));
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value, groupsOf,
      outSizes);
}

/// The channels-last accumulators `acc` after every event of `input` (a
/// spike, or a value other than zero), read as a window padded by `before`,
/// added its `packed` weights, times the value (snn_kernel.event_scatter).
static Value scatterEvents(OpBuilder &b, Location loc, Value input,
                           ArrayRef<OpFoldResult> before, Value packed, Value acc,
                           ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation) {
  Value padRows = getValueOrCreateConstantIndexOp(b, loc, before[0]);
  Value padCols = getValueOrCreateConstantIndexOp(b, loc, before[1]);
  return kernel::EventScatterOp::create(b, loc, acc.getType(), input, packed, acc,
                                        padRows, padCols, b.getDenseI64ArrayAttr(stride),
                                        b.getDenseI64ArrayAttr(dilation))
      .getResult();
}

/// `value` with unit dimensions inserted: `groups` says which dimensions of
/// the result each dimension of `value` becomes.
static Value expandUnits(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> shape,
                         ArrayRef<ReassociationIndices> groups) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> sizes;
  for (int64_t d : shape)
    sizes.push_back(b.getIndexAttr(d));
  for (auto [d, group] : llvm::enumerate(groups))
    for (int64_t r : group)
      if (ShapedType::isDynamic(shape[r]))
        sizes[r] = tensor::getMixedSize(b, loc, value, d);
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value, groups, sizes);
}

/// The windowed reduction of a convolution into `acc` of its input `x`,
/// split into groups: channels-last input and accumulators over `packed`
/// weights when `packed` is set, else the result's layout over the original
/// weights.
static Value convolve(OpBuilder &b, Location loc, Conv2dOp op, const Window &window,
                      const LaneInput &x, Value packed, Value acc) {
  ArrayRef<int64_t> stride = op.getStride(), dil = op.getDilation();
  int64_t groups = op.getGroupsAttr().getInt();
  int64_t kPerGroup = cast<RankedTensorType>(op.getWeight().getType()).getDimSize(0) / groups;
  // Loops (t, g, oh, ow, k | c, kh, kw): k runs over the output channels
  // of group g, c over its input channels.
  MLIRContext *ctx = b.getContext();
  AffineExpr t, g, oh, ow, k, c, kh, kw;
  bindDims(ctx, t, g, oh, ow, k, c, kh, kw);
  GenericBuilder gb(b, loc, 8);
  AffineExpr ih = window.index(gb, 0, oh, stride[0], kh, dil[0]);
  AffineExpr iw = window.index(gb, 1, ow, stride[1], kw, dil[1]);
  // With packed weights the input is channels-last (channelsLastInput).
  window.addTo(gb, x.value,
               AffineMap::get(8, 0,
                              packed ? ArrayRef<AffineExpr>{t, g, ih, iw, c}
                                     : ArrayRef<AffineExpr>{t, g, c, ih, iw},
                              ctx));
  if (packed) {
    gb.addInput(packed, {1, 5, 6, 7, 4});
    gb.addOutput(acc, {0, 1, 2, 3, 4});
    gb.setVectorize(/*lanes=*/4, /*block=*/3);
  } else {
    gb.addInput(op.getWeight(), AffineMap::get(8, 0, {g * kPerGroup + k, c, kh, kw}, ctx));
    gb.addOutput(acc, {0, 1, 4, 2, 3});
    gb.setVectorize(/*lanes=*/3, /*block=*/4);
  }
  return gb.build({kPar, kPar, kPar, kPar, kPar, kRed, kRed, kRed},
                  [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                    return {x.accumulate(m, args[0], args[1], args[2])};
                  })
      ->getResult(0);
}

namespace {

struct Conv2dLowering : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp op, PatternRewriter &b) const override {
    bool event = getSynapseForm(op) == SynapseForm::Event;
    ReductionBuffers buffers = getReductionBuffers(op);
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    ArrayRef<int64_t> y = resultType.getShape();
    Type resultElt = resultType.getElementType();
    Type accElt = buffers.accumulator;
    ArrayRef<int64_t> w = cast<RankedTensorType>(op.getWeight().getType()).getShape();
    ArrayRef<int64_t> stride = op.getStride(), dil = op.getDilation();
    int64_t groups = op.getGroupsAttr().getInt();
    int64_t kPerGroup = w[0] / groups;
    // Vector lanes run across the output channels where the weights are
    // packed for them, else along the columns.
    bool channelLanes = bool(buffers.packedWeights);

    Window window = windowOf(b, loc, op.getInput(), op.getPadding(),
                             b.getZeroAttr(getElementType(op.getInput())));
    // The input in the accumulation type (channels-last for the dense form),
    // or as it is: spikes of the event-driven form, channels split by group
    // for the dense form with lanes along the columns.
    LaneInput x{window.source, false};
    if (buffers.convertedInput)
      x = event ? convertInput(b, loc, window.source, accElt, window.bound)
                : channelsLastInput(b, loc, window.source, accElt, groups, window.bound);
    else if (!event)
      x.value = splitChannels(b, loc, window.source, groups);

    MLIRContext *ctx = b.getContext();
    // Accumulators: [t, g, oh, ow, k] with lanes along the output channels,
    // [t, g, k, oh, ow] (the result's layout) with lanes along the columns.
    SmallVector<int64_t> accShape =
        channelLanes ? SmallVector<int64_t>{y[0], groups, y[2], y[3], kPerGroup}
                     : SmallVector<int64_t>{y[0], groups, kPerGroup, y[2], y[3]};
    AffineExpr a0, a1, a2, a3, a4;
    bindDims(ctx, a0, a1, a2, a3, a4);
    AffineMap biasMap =
        AffineMap::get(5, 0, a1 * kPerGroup + (channelLanes ? a4 : a2), ctx);
    Value acc = initAccumulator(b, loc, accShape, accElt, op.getBias(), biasMap);
    // Weights [g, c, kh, kw, k]: every access of the inner loop is a vector
    // (weights, accumulators) or a broadcast (the input), and every spike of
    // the event-driven form adds whole vectors.
    Value packed;
    if (channelLanes)
      packed = packWeights(b, loc, op.getWeight(), {groups, w[1], w[2], w[3], kPerGroup},
                           AffineMap::get(5, 0, {a0 * kPerGroup + a4, a1, a2, a3}, ctx),
                           accElt);
    acc = event ? scatterEvents(b, loc, x.value, window.before, packed, acc, stride, dil)
                : convolve(b, loc, op, window, x, packed, acc);

    // The result [t, k, oh, ow], saturated for integers.
    if (!channelLanes) {
      SmallVector<ReassociationIndices> joined{{0}, {1, 2}, {3}, {4}};
      acc = tensor::CollapseShapeOp::create(b, loc, acc, joined);
      b.replaceOp(op, finishAccumulator(b, loc, acc, resultElt));
      return success();
    }
    AffineExpr r0, r1, r2, r3;
    bindDims(ctx, r0, r1, r2, r3);
    AffineExpr group = r1.floorDiv(kPerGroup), inGroup = r1 % kPerGroup;
    Value result = mapInto(b, loc, acc,
                           AffineMap::get(4, 0, {r0, group, r2, r3, inGroup}, ctx),
                           emptyTensor(b, loc, y, resultElt), [&](ScalarMath &m, Value a) {
                             return isIntType(resultElt) ? m.saturate(a, resultElt) : a;
                           });
    b.replaceOp(op, result);
    return success();
  }
};

struct DenseLowering : OpRewritePattern<DenseOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DenseOp op, PatternRewriter &b) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    Type resultElt = resultType.getElementType();
    ReductionBuffers buffers = getReductionBuffers(op);
    Type accElt = buffers.accumulator;
    ArrayRef<int64_t> w = cast<RankedTensorType>(op.getWeight().getType()).getShape();
    MLIRContext *ctx = b.getContext();
    Value acc = initAccumulator(b, loc, resultType.getShape(), accElt, op.getBias(),
                                AffineMap::get(2, 0, b.getAffineDimExpr(1), ctx));
    bool event = getSynapseForm(op) == SynapseForm::Event;
    LaneInput x{op.getInput(), false};
    if (buffers.convertedInput)
      x = convertInput(b, loc, op.getInput(), accElt);
    // Weights transposed, [n, m]: lanes along the outputs m.
    Value packed = packWeights(b, loc, op.getWeight(), {w[1], w[0]},
                               AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, ctx),
                               accElt);
    if (event) {
      // A 1 x n convolution of a 1 x n image (its row is scanned for
      // spikes at once): x [t, 1, 1, n], weights [1, 1, 1, n, m],
      // accumulators [t, 1, 1, 1, m].
      int64_t steps = resultType.getDimSize(0);
      Value row = expandUnits(b, loc, x.value, {steps, 1, 1, w[1]}, {{0}, {1, 2, 3}});
      Value weights = expandUnits(b, loc, packed, {1, 1, 1, w[1], w[0]}, {{0, 1, 2, 3}, {4}});
      Value sums = expandUnits(b, loc, acc, {steps, 1, 1, 1, w[0]}, {{0}, {1, 2, 3, 4}});
      OpFoldResult zero = b.getIndexAttr(0);
      sums = scatterEvents(b, loc, row, {zero, zero}, weights, sums, {1, 1}, {1, 1});
      acc = tensor::CollapseShapeOp::create(
          b, loc, sums, SmallVector<ReassociationIndices>{{0}, {1, 2, 3, 4}});
      b.replaceOp(op, finishAccumulator(b, loc, acc, resultElt));
      return success();
    }
    // Loops (t, m | n), unrolled along the time steps computed at once.
    GenericBuilder g(b, loc, 3);
    g.addInput(x.value, {0, 2});
    g.addInput(packed, {2, 1});
    g.addOutput(acc, {0, 1});
    g.setVectorize(/*lanes=*/1, /*block=*/0);
    acc = g.build({kPar, kPar, kRed},
                  [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                    return {x.accumulate(m, args[0], args[1], args[2])};
                  })
              ->getResult(0);
    b.replaceOp(op, finishAccumulator(b, loc, acc, resultElt));
    return success();
  }
};

/// The value max pooling starts from: the lowest value of the type.
static Attribute lowestOf(OpBuilder &b, Type type) {
  if (auto f = dyn_cast<FloatType>(type))
    return b.getFloatAttr(type, APFloat::getInf(f.getFloatSemantics(), true));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt lowest = width == 1 ? APInt(1, 0) : APInt::getSignedMinValue(width);
  return b.getIntegerAttr(type, lowest);
}

enum class PoolKind { Max, Sum, Avg };

template <typename PoolOp, PoolKind kind>
struct PoolLowering : OpRewritePattern<PoolOp> {
  using OpRewritePattern<PoolOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(PoolOp op, PatternRewriter &b) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    Type inElt = getElementType(op.getInput());
    Type resultElt = resultType.getElementType();
    ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStrideOrKernel();
    Attribute padValue = kind == PoolKind::Max ? lowestOf(b, inElt) : b.getZeroAttr(inElt);
    Window window = windowOf(b, loc, op.getInput(), op.getPadding(), padValue);

    Type accElt = kind == PoolKind::Max ? inElt : getAccumulatorType(op);
    Value init = arith::ConstantOp::create(
        b, loc, cast<TypedAttr>(kind == PoolKind::Max ? lowestOf(b, inElt)
                                                      : b.getZeroAttr(accElt)));
    Value acc = filledTensor(b, loc, resultType.getShape(), init);

    // Loops (t, c, oh, ow | kh, kw); the window shape rides on an empty tensor.
    MLIRContext *ctx = b.getContext();
    AffineExpr t, c, oh, ow, kh, kw;
    bindDims(ctx, t, c, oh, ow, kh, kw);
    GenericBuilder g(b, loc, 6);
    window.addTo(g, window.source,
                 AffineMap::get(6, 0,
                                {t, c, window.index(g, 0, oh, stride[0], kh, 1),
                                 window.index(g, 1, ow, stride[1], kw, 1)},
                                ctx));
    g.addInput(emptyTensor(b, loc, kernel, b.getI1Type()), {4, 5});
    g.addOutput(acc, {0, 1, 2, 3});
    acc = g.build({kPar, kPar, kPar, kPar, kRed, kRed},
                  [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                    Value x = args[0], a = args[2];
                    if (kind != PoolKind::Max)
                      return {m.add(a, isIntType(accElt) ? m.widen(x)
                                                         : m.toFloat(x, accElt))};
                    OpBuilder &nb = m.builder();
                    if (isa<FloatType>(inElt))
                      return {arith::MaximumFOp::create(nb, m.getLoc(), a, x)};
                    if (isSpikeType(inElt))
                      return {arith::OrIOp::create(nb, m.getLoc(), a, x)};
                    return {arith::MaxSIOp::create(nb, m.getLoc(), a, x)};
                  })
              ->getResult(0);
    if (kind == PoolKind::Avg)
      acc = divideByArea(b, loc, acc, kernel[0] * kernel[1]);
    if (kind != PoolKind::Max)
      acc = finishAccumulator(b, loc, acc, resultElt);
    b.replaceOp(op, acc);
    return success();
  }

  /// floor(sum / area) for integers, an IEEE division for floats.
  static Value divideByArea(OpBuilder &b, Location loc, Value acc, int64_t area) {
    Type elt = getElementTypeOrSelf(acc.getType());
    return mapElements(b, loc, acc, elt, [&](ScalarMath &m, Value a) -> Value {
      OpBuilder &nb = m.builder();
      if (isa<FloatType>(elt))
        return arith::DivFOp::create(nb, m.getLoc(), a, m.floatConst(area, elt));
      return arith::FloorDivSIOp::create(nb, m.getLoc(), a, m.i64Const(area));
    });
  }
};

} // namespace

void mlir::snn::populateReductionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2dLowering, DenseLowering,
               PoolLowering<MaxPool2dOp, PoolKind::Max>,
               PoolLowering<SumPool2dOp, PoolKind::Sum>,
               PoolLowering<AvgPool2dOp, PoolKind::Avg>>(patterns.getContext());
}
