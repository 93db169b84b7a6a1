//===- ReductionLowering.cpp - conv2d, dense and pooling to linalg ---------===//
//
// Each becomes a linalg.generic accumulating into a tensor of the
// accumulation type followed, for integers, by an element-wise saturation to
// the result type. Integer sums are exact: convolutions and dense layers
// accumulate in the narrowest of i16, i32 and i64 that holds every partial
// sum (ValueRange.h proves the bounds), pools in i64.
//
//===----------------------------------------------------------------------===//

#include "GenericBuilder.h"
#include "Lowering.h"
#include "snn/Analysis/ValueRange.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

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

Value mlir::snn::padBothSides(OpBuilder &b, Location loc, Value value,
                              ArrayRef<int64_t> pad, Value padValue) {
  if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> amounts;
  for (auto [i, p] : llvm::enumerate(pad)) {
    shape[i] += 2 * p;
    amounts.push_back(b.getIndexAttr(p));
  }
  auto padded = RankedTensorType::get(shape, type.getElementType());
  return tensor::PadOp::create(b, loc, padded, value, amounts, amounts, padValue);
}

/// The accumulation type of a result element type: exact i64 for integers.
static Type accumulatorType(OpBuilder &b, Type resultElt) {
  return isIntType(resultElt) ? b.getI64Type() : resultElt;
}

/// The accumulation type of a convolution or dense layer: for integers the
/// narrowest that holds every partial sum, so that the sums stay exact in a
/// smaller buffer.
static Type accumulatorType(OpBuilder &b, Operation *op, Type resultElt) {
  if (!isIntType(resultElt))
    return resultElt;
  if (std::optional<IntRange> range = getAccumulatorRange(op))
    for (unsigned bits : {16u, 32u})
      if (range->bitsNeeded() <= bits)
        return b.getIntegerType(bits);
  return b.getI64Type();
}

/// The initial accumulator of shape `shape`: `bias` broadcast along loop
/// dimension `biasDim` (or zero), in the accumulation type.
static Value initAccumulator(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                             Type accElt, Value bias, unsigned biasDim) {
  if (!bias)
    return filledTensor(b, loc, shape, zeroOf(b, loc, accElt));
  GenericBuilder g(b, loc, shape.size());
  g.addInput(bias, {biasDim});
  SmallVector<unsigned> all = llvm::to_vector(llvm::seq<unsigned>(0, shape.size()));
  g.addOutput(emptyTensor(b, loc, shape, accElt), all);
  SmallVector<IteratorType> iters(shape.size(), kPar);
  return g.build(iters, [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
            return {isIntType(accElt) ? m.resize(args[0], accElt) : args[0]};
          })
      .getResult(0);
}

/// Saturates an integer accumulator to the integer result type (floats pass).
static Value finishAccumulator(OpBuilder &b, Location loc, Value acc, Type resultElt) {
  if (!isIntType(resultElt))
    return acc;
  auto type = cast<RankedTensorType>(acc.getType());
  GenericBuilder g(b, loc, type.getRank());
  SmallVector<unsigned> all = llvm::to_vector(llvm::seq<unsigned>(0, type.getRank()));
  g.addInput(acc, all);
  g.addOutput(emptyTensor(b, loc, type.getShape(), resultElt), all);
  SmallVector<IteratorType> iters(type.getRank(), kPar);
  return g.build(iters, [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
            return {m.saturate(args[0], resultElt)};
          })
      .getResult(0);
}

/// acc + x * w in the accumulation type.
static Value multiplyAccumulate(ScalarMath &m, Value x, Value w, Value acc) {
  if (isa<FloatType>(acc.getType()))
    return m.add(acc, m.mul(m.toFloat(x, acc.getType()), w));
  Type accElt = acc.getType();
  return m.add(acc, m.mul(m.resize(x, accElt), m.resize(w, accElt)));
}

namespace {

struct Conv2dLowering : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp op, PatternRewriter &b) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    Type resultElt = resultType.getElementType();
    Type accElt = accumulatorType(b, op, resultElt);
    ArrayRef<int64_t> w = cast<RankedTensorType>(op.getWeight().getType()).getShape();
    ArrayRef<int64_t> stride = op.getStride(), pad = op.getPadding(),
                      dil = op.getDilation();
    int64_t groups = op.getGroupsAttr().getInt();

    Value input = padBothSides(b, loc, op.getInput(), {0, 0, pad[0], pad[1]},
                               zeroOf(b, loc, getElementType(op.getInput())));
    Value acc = initAccumulator(b, loc, resultType.getShape(), accElt, op.getBias(), 1);

    // Loops (t, oh, k, ow, c, kh, kw); c runs over the channels of k's
    // group. Every output channel of an output row reads the same input
    // rows: with the output channels inside the rows, those rows are read
    // while they are in cache, instead of the whole input being read once
    // per output channel; the output row of one channel is written at a
    // time (channels inside the columns would touch a line of every output
    // plane at once, planes a power-of-two apart in the same cache set).
    MLIRContext *ctx = b.getContext();
    AffineExpr t, oh, k, ow, c, kh, kw;
    bindDims(ctx, t, oh, k, ow, c, kh, kw);
    AffineExpr channel = (k.floorDiv(w[0] / groups)) * w[1] + c;
    auto inputMap = AffineMap::get(7, 0,
                                   {t, channel, oh * stride[0] + kh * dil[0],
                                    ow * stride[1] + kw * dil[1]},
                                   ctx);
    GenericBuilder g(b, loc, 7);
    g.addInput(input, inputMap);
    g.addInput(op.getWeight(), {2, 4, 5, 6});
    g.addOutput(acc, {0, 2, 1, 3});
    acc = g.build({kPar, kPar, kPar, kPar, kRed, kRed, kRed},
                  [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                    return {multiplyAccumulate(m, args[0], args[1], args[2])};
                  })
              .getResult(0);
    b.replaceOp(op, finishAccumulator(b, loc, acc, resultElt));
    return success();
  }
};

struct DenseLowering : OpRewritePattern<DenseOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DenseOp op, PatternRewriter &b) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    Type resultElt = resultType.getElementType();
    Value acc = initAccumulator(b, loc, resultType.getShape(),
                                accumulatorType(b, op, resultElt), op.getBias(), 1);
    // Loops (t, m, n).
    GenericBuilder g(b, loc, 3);
    g.addInput(op.getInput(), {0, 2});
    g.addInput(op.getWeight(), {1, 2});
    g.addOutput(acc, {0, 1});
    acc = g.build({kPar, kPar, kRed},
                  [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
                    return {multiplyAccumulate(m, args[0], args[1], args[2])};
                  })
              .getResult(0);
    b.replaceOp(op, finishAccumulator(b, loc, acc, resultElt));
    return success();
  }
};

/// The value padded positions hold for max pooling: the lowest value of the
/// type, so that they never win.
static Value lowestOf(OpBuilder &b, Location loc, Type type) {
  if (auto f = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, b.getFloatAttr(type, APFloat::getInf(f.getFloatSemantics(), true)));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt lowest = width == 1 ? APInt(1, 0) : APInt::getSignedMinValue(width);
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, lowest));
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
    ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStrideOrKernel(),
                      pad = op.getPadding();
    Value padValue = kind == PoolKind::Max ? lowestOf(b, loc, inElt) : zeroOf(b, loc, inElt);
    Value input = padBothSides(b, loc, op.getInput(), {0, 0, pad[0], pad[1]}, padValue);

    Type accElt = kind == PoolKind::Max ? inElt : accumulatorType(b, resultElt);
    Value init = kind == PoolKind::Max ? lowestOf(b, loc, inElt) : zeroOf(b, loc, accElt);
    Value acc = filledTensor(b, loc, resultType.getShape(), init);

    // Loops (t, c, oh, ow, kh, kw); the window shape rides on an empty tensor.
    MLIRContext *ctx = b.getContext();
    AffineExpr t, c, oh, ow, kh, kw;
    bindDims(ctx, t, c, oh, ow, kh, kw);
    GenericBuilder g(b, loc, 6);
    g.addInput(input, AffineMap::get(6, 0,
                                     {t, c, oh * stride[0] + kh, ow * stride[1] + kw},
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
              .getResult(0);
    if (kind == PoolKind::Avg)
      acc = divideByArea(b, loc, acc, kernel[0] * kernel[1]);
    if (kind != PoolKind::Max)
      acc = finishAccumulator(b, loc, acc, resultElt);
    b.replaceOp(op, acc);
    return success();
  }

  /// floor(sum / area) for integers, an IEEE division for floats.
  static Value divideByArea(OpBuilder &b, Location loc, Value acc, int64_t area) {
    auto type = cast<RankedTensorType>(acc.getType());
    Type elt = type.getElementType();
    GenericBuilder g(b, loc, type.getRank());
    SmallVector<unsigned> all = llvm::to_vector(llvm::seq<unsigned>(0, type.getRank()));
    g.addInput(acc, all);
    g.addOutput(emptyTensor(b, loc, type.getShape(), elt), all);
    SmallVector<IteratorType> iters(type.getRank(), kPar);
    return g.build(iters, [&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
              OpBuilder &nb = m.builder();
              if (isa<FloatType>(elt))
                return {arith::DivFOp::create(nb, m.getLoc(), args[0],
                                              m.floatConst(area, elt))};
              return {arith::FloorDivSIOp::create(nb, m.getLoc(), args[0],
                                                  m.i64Const(area))};
            })
        .getResult(0);
  }
};

} // namespace

void mlir::snn::populateReductionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2dLowering, DenseLowering,
               PoolLowering<MaxPool2dOp, PoolKind::Max>,
               PoolLowering<SumPool2dOp, PoolKind::Sum>,
               PoolLowering<AvgPool2dOp, PoolKind::Avg>>(patterns.getContext());
}
