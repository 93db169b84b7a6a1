//===- ElementwiseLowering.cpp - Stateless element-wise ops to linalg ------===//

#include "GenericBuilder.h"
#include "Lowering.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::snn;

namespace {

/// A linalg.generic over every element (time included) of `result`'s shape.
struct ElementwiseOverResult {
  ElementwiseOverResult(OpBuilder &b, Location loc, Value result)
      : type(cast<RankedTensorType>(result.getType())), g(b, loc, type.getRank()),
        all(llvm::to_vector(llvm::seq<unsigned>(0, type.getRank()))),
        stepDims(ArrayRef<unsigned>(all).drop_front()) {}

  Value build(GenericBuilder::BodyFn body) {
    g.addOutput(emptyTensor(g.builder(), g.getLoc(), type.getShape(),
                            type.getElementType()),
                all);
    SmallVector<utils::IteratorType> iters(type.getRank(),
                                           utils::IteratorType::parallel);
    return g.build(iters, body)->getResult(0);
  }

  RankedTensorType type;
  GenericBuilder g;
  SmallVector<unsigned> all;
  SmallVector<unsigned> stepDims;
};

/// An op lowered to one linalg.generic over every element of its result:
/// `lower` adds the op's inputs to `e` and returns `e.build(...)`.
template <typename Op>
struct ElementwisePattern : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;

  virtual Value lower(Op op, ElementwiseOverResult &e) const = 0;

  LogicalResult matchAndRewrite(Op op, PatternRewriter &b) const override {
    ElementwiseOverResult e(b, op.getLoc(), op.getResult());
    b.replaceOp(op, lower(op, e));
    return success();
  }
};

struct AddLowering : ElementwisePattern<AddOp> {
  using ElementwisePattern::ElementwisePattern;

  Value lower(AddOp op, ElementwiseOverResult &e) const override {
    for (Value input : op.getInputs())
      e.g.addInput(input, e.all);
    Type elt = e.type.getElementType();
    bool isOr = op.getMode() == AddMode::Or;
    unsigned n = op.getInputs().size();
    return e.build([&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
      if (isOr) {
        Value acc = args[0];
        for (Value x : args.take_front(n).drop_front())
          acc = arith::OrIOp::create(m.builder(), m.getLoc(), acc, x);
        return {acc};
      }
      auto convert = [&](Value x) {
        return isIntType(elt) ? m.widen(x) : m.toFloat(x, elt);
      };
      Value acc = convert(args[0]);
      for (Value x : args.take_front(n).drop_front())
        acc = m.add(acc, convert(x));
      return {isIntType(elt) ? m.saturate(acc, elt) : acc};
    });
  }
};

struct ScaleLowering : ElementwisePattern<ScaleOp> {
  using ElementwisePattern::ElementwisePattern;

  Value lower(ScaleOp op, ElementwiseOverResult &e) const override {
    Type elt = e.type.getElementType();
    e.g.addInput(op.getInput(), e.all);
    Param factor = *Param::get(op.getFactor(), 1.0, getParamShape(op), "factor",
                               [&]() { return op.emitOpError(); });
    ParamOperand f(e.g, factor, isIntType(elt) ? ParamEncoding::Q16 : ParamEncoding::Float,
                   elt, e.stepDims, getStepShape(op.getInput()), getParamShape(op),
                   op.getAt());
    return e.build([&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
      if (isIntType(elt))
        return {m.saturate(m.mulq(m.widen(args[0]), f.get(m, args)), elt)};
      return {m.mul(f.get(m, args), m.toFloat(args[0], elt))};
    });
  }
};

struct ThresholdLowering : ElementwisePattern<ThresholdOp> {
  using ElementwisePattern::ElementwisePattern;

  Value lower(ThresholdOp op, ElementwiseOverResult &e) const override {
    Type inElt = getElementType(op.getInput());
    bool ge = op.getCompare() == Compare::GE;
    e.g.addInput(op.getInput(), e.all);
    Param theta = *Param::get(op.getThreshold(), 0.0, getParamShape(op), "threshold",
                              [&]() { return op.emitOpError(); });
    // Integers compare exactly with the real threshold: x > floor(theta) or
    // x >= ceil(theta).
    ParamEncoding encoding = isIntType(inElt)
                                 ? (ge ? ParamEncoding::Ceil : ParamEncoding::Floor)
                                 : ParamEncoding::Float;
    ParamOperand th(e.g, theta, encoding, inElt, e.stepDims, getStepShape(op.getInput()),
                    getParamShape(op), op.getAt());
    return e.build([&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
      OpBuilder &nb = m.builder();
      if (isIntType(inElt))
        return {arith::CmpIOp::create(
            nb, m.getLoc(), ge ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sgt,
            m.widen(args[0]), th.get(m, args))};
      return {arith::CmpFOp::create(
          nb, m.getLoc(), ge ? arith::CmpFPredicate::OGE : arith::CmpFPredicate::OGT,
          args[0], th.get(m, args))};
    });
  }
};

struct ReluLowering : ElementwisePattern<ReluOp> {
  using ElementwisePattern::ElementwisePattern;

  Value lower(ReluOp op, ElementwiseOverResult &e) const override {
    Type elt = e.type.getElementType();
    int64_t shift = op.getShiftAttr().getInt();
    e.g.addInput(op.getInput(), e.all);
    return e.build([&](ScalarMath &m, ValueRange args) -> SmallVector<Value> {
      OpBuilder &nb = m.builder();
      Value x = args[0];
      if (isa<FloatType>(elt)) {
        Value zero = m.floatConst(0.0, elt);
        Value positive =
            arith::CmpFOp::create(nb, m.getLoc(), arith::CmpFPredicate::OGT, x, zero);
        return {m.select(positive, x, zero)};
      }
      Value shifted = arith::ShRSIOp::create(nb, m.getLoc(), m.widen(x), m.i64Const(shift));
      Value nonNegative = arith::MaxSIOp::create(nb, m.getLoc(), shifted, m.i64Const(0));
      return {m.saturate(nonNegative, elt)};
    });
  }
};

/// Offsets, sizes and unit strides of steps [from, from + count) of a
/// time-major tensor of type `type`.
static std::array<SmallVector<OpFoldResult>, 3> stepRange(OpBuilder &b, RankedTensorType type,
                                                          int64_t from, int64_t count) {
  SmallVector<int64_t> sizes(type.getShape());
  sizes[0] = count;
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  offsets[0] = b.getIndexAttr(from);
  return {offsets, getAsIndexOpFoldResult(b.getContext(), sizes),
          SmallVector<OpFoldResult>(type.getRank(), b.getIndexAttr(1))};
}

/// A slice of `source` covering steps [from, from + count) of dimension 0.
static Value timeSlice(OpBuilder &b, Location loc, Value source, int64_t from,
                       int64_t count) {
  auto [offsets, sizes, strides] =
      stepRange(b, cast<RankedTensorType>(source.getType()), from, count);
  return tensor::ExtractSliceOp::create(b, loc, source, offsets, sizes, strides);
}

/// Inserts `value` into `into` at step `at` of dimension 0.
static Value insertAtStep(OpBuilder &b, Location loc, Value value, Value into, int64_t at) {
  auto type = cast<RankedTensorType>(value.getType());
  auto [offsets, sizes, strides] = stepRange(b, type, at, type.getDimSize(0));
  return tensor::InsertSliceOp::create(b, loc, value, into, offsets, sizes, strides);
}

/// The delay line as one stream: the history (zeros, or the explicit `init`)
/// followed by the input; the output is its first T steps and the new
/// history its last `steps`.
struct DelayLowering : OpRewritePattern<DelayOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DelayOp op, PatternRewriter &b) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getResult().getType());
    int64_t steps = op.getStepsAttr().getInt(), timeSteps = type.getDimSize(0);
    if (steps == 0) {
      SmallVector<Value> results{op.getInput()};
      llvm::append_range(results, op.getInit());
      b.replaceOp(op, results);
      return success();
    }
    SmallVector<int64_t> shape(type.getShape());
    shape[0] = steps + timeSteps;
    Value zero = zeroOf(b, loc, type.getElementType());
    Value stream = op.getInit().empty()
                       ? filledTensor(b, loc, shape, zero)
                       : insertAtStep(b, loc, op.getInit()[0],
                                      emptyTensor(b, loc, shape, type.getElementType()), 0);
    stream = insertAtStep(b, loc, op.getInput(), stream, steps);
    SmallVector<Value> results{timeSlice(b, loc, stream, 0, timeSteps)};
    if (!op.getInit().empty())
      results.push_back(timeSlice(b, loc, stream, timeSteps, steps));
    b.replaceOp(op, results);
    return success();
  }
};

/// Reassociation collapsing dimensions [from, to] of a rank-`rank` tensor.
static SmallVector<ReassociationIndices> collapsing(int64_t rank, int64_t from,
                                                    int64_t to) {
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < rank; ++d) {
    if (d > from && d <= to)
      groups.back().push_back(d);
    else
      groups.push_back({d});
  }
  return groups;
}

struct FlattenLowering : OpRewritePattern<FlattenOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(FlattenOp op, PatternRewriter &b) const override {
    int64_t stepRank = getStepShape(op.getInput()).size();
    int64_t start = op.getStartDimAttr().getInt(), end = op.getEndDimAttr().getInt();
    start = start < 0 ? start + stepRank : start;
    end = end < 0 ? end + stepRank : end;
    b.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, op.getResult().getType(), op.getInput(),
        collapsing(stepRank + 1, start + 1, end + 1));
    return success();
  }
};

/// Reshape: collapse everything to one dimension (time-major row-major
/// order), then expand to the result shape.
struct ReshapeLowering : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReshapeOp op, PatternRewriter &b) const override {
    RankedTensorType inType = op.getInput().getType(), outType = op.getResult().getType();
    Value flat = op.getInput();
    if (inType.getRank() > 1)
      flat = tensor::CollapseShapeOp::create(b, op.getLoc(), flat,
                                             collapsing(inType.getRank(), 0,
                                                        inType.getRank() - 1));
    Value result = flat;
    if (outType.getRank() > 1)
      result = tensor::ExpandShapeOp::create(
          b, op.getLoc(), outType, flat,
          collapsing(outType.getRank(), 0, outType.getRank() - 1));
    b.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::snn::populateElementwiseLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<AddLowering, ScaleLowering, ThresholdLowering, ReluLowering,
               DelayLowering, FlattenLowering, ReshapeLowering>(patterns.getContext());
}
