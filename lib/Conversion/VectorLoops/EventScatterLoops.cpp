//===- EventScatterLoops.cpp - snn_kernel.event_scatter as loops -----------===//
//
//   for t, g, c, ih, iw:                      (the op's order)
//     if x = input[t, g*C/G + c, ih, iw] != 0: (a bit scan of the row)
//       for the output rows oh the event reaches (kernel row kh):
//         for the output columns ow (kernel column kw):
//           acc[t, g, oh, ow, :] += (x *) weights[g, c, kh, kw, :]   (vectors)
//
// The output range of an event is computed, not searched: with dilation 1,
// kh = ih + pad - oh * stride for oh in [ceil((ih + pad - KH + 1) / stride),
// floor((ih + pad) / stride)] within the output; with stride 1 the roles of
// oh and kh swap; with both above 1, each kernel row is tested for
// divisibility.
//
// A row of the input is scanned 64 columns at a time: its events (spikes,
// or values other than zero) become the bits of an integer, and each set
// bit, lowest first, is one event (count trailing zeros, clear the lowest
// bit). The cost of a silent row is a vector load, a compare and a test.
//
//===----------------------------------------------------------------------===//

#include "AffineBuilder.h"
#include "LanePlan.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "EventScatterLoops.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::snn;

/// Output channels up to this many vectors are unrolled; beyond, a loop.
static constexpr int64_t kMaxUnrolledVectors = 4;
/// The columns one bit scan covers: the bits of an i64.
static constexpr int64_t kScanBits = 64;

namespace {

class ScatterEmitter : AffineBuilder {
public:
  ScatterEmitter(RewriterBase &b, kernel::EventScatterOp op, const TargetInfo &target)
      : AffineBuilder(b, op.getLoc()), op(op), target(target) {}

  LogicalResult run();

private:
  /// The size of dimension `d` of `memref` as an expression.
  AffineExpr sizeOf(Value memref, unsigned d);
  /// Calls `body(out, k)` for every output position `out` of a spatial
  /// dimension that input position `in` reaches through kernel offset `k`.
  void forTaps(AffineExpr in, int64_t stride, int64_t dilation, AffineExpr outSize,
               int64_t kernel, function_ref<void(AffineExpr out, AffineExpr k)> body);
  /// acc[at..., k0 : k0 + width] += (x *) weights[from..., k0 : k0 + width],
  /// without `x` for spikes.
  void addVector(ArrayRef<AffineExpr> at, ArrayRef<AffineExpr> from, Value x, AffineExpr k0,
                 int64_t width);
  /// acc[at..., :] += (x *) weights[from..., :], in vectors of the target's
  /// width.
  void addWeights(ArrayRef<AffineExpr> at, ArrayRef<AffineExpr> from, Value x);
  /// Runs `body` where `cond` holds.
  void ifThen(Value cond, function_ref<void()> body);
  /// True where `value` (a scalar or a vector of the input) is an event.
  Value isEvent(Value value);
  /// Calls `body(iw)` for every event of row `input[t, channel, ih, :]`, in
  /// increasing column order.
  void forEventsInRow(AffineExpr t, AffineExpr channel, AffineExpr ih, AffineExpr cols,
                      function_ref<void(AffineExpr iw)> body);
  /// The events of columns [first, first + width) of a row, as the low bits
  /// of an i64, scanned lowest first.
  void forSetBits(ArrayRef<AffineExpr> at, int64_t width,
                  function_ref<void(AffineExpr iw)> body);

  kernel::EventScatterOp op;
  const TargetInfo &target;
};

} // namespace

AffineExpr ScatterEmitter::sizeOf(Value memref, unsigned d) {
  auto type = cast<MemRefType>(memref.getType());
  if (!type.isDynamicDim(d))
    return getAffineConstantExpr(type.getDimSize(d), ctx);
  return symOf(memref::DimOp::create(b, loc, memref, d));
}

void ScatterEmitter::ifThen(Value cond, function_ref<void()> body) {
  auto ifOp = scf::IfOp::create(b, loc, cond, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
  body();
}

Value ScatterEmitter::isEvent(Value value) {
  if (op.hasSpikeInput())
    return value;
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(value.getType()));
  if (isa<FloatType>(getElementTypeOrSelf(value.getType())))
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value, zero);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value, zero);
}

void ScatterEmitter::forSetBits(ArrayRef<AffineExpr> at, int64_t width,
                                function_ref<void(AffineExpr iw)> body) {
  Type elt = cast<MemRefType>(op.getInput().getType()).getElementType();
  Value row = isEvent(loadAt(op.getInput(), at, VectorType::get({width}, elt)));
  Value bits = vector::BitCastOp::create(
      b, loc, VectorType::get({1}, b.getIntegerType(width)), row);
  bits = vector::ExtractOp::create(b, loc, bits, ArrayRef<int64_t>{0});
  Type i64 = b.getI64Type();
  if (width < kScanBits)
    bits = arith::ExtUIOp::create(b, loc, i64, bits);
  Value zero = arith::ConstantIntOp::create(b, loc, i64, 0);
  Value one = arith::ConstantIntOp::create(b, loc, i64, 1);
  auto loop = scf::WhileOp::create(b, loc, TypeRange{i64}, ValueRange{bits});
  OpBuilder::InsertionGuard guard(b);
  Block *before = b.createBlock(&loop.getBefore(), {}, {i64}, {loc});
  Value left = before->getArgument(0);
  Value any = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, left, zero);
  scf::ConditionOp::create(b, loc, any, ValueRange{left});
  Block *after = b.createBlock(&loop.getAfter(), {}, {i64}, {loc});
  Value mask = after->getArgument(0);
  Value lowest = arith::IndexCastUIOp::create(b, loc, b.getIndexType(),
                                              math::CountTrailingZerosOp::create(b, loc, mask));
  AffineExpr iw = at.back() + symOf(lowest);
  body(iw);
  popSym();
  Value rest = arith::AndIOp::create(b, loc, mask,
                                     arith::SubIOp::create(b, loc, mask, one));
  scf::YieldOp::create(b, loc, ValueRange{rest});
}

void ScatterEmitter::forEventsInRow(AffineExpr t, AffineExpr channel, AffineExpr ih,
                                    AffineExpr cols, function_ref<void(AffineExpr iw)> body) {
  auto input = cast<MemRefType>(op.getInput().getType());
  auto staticCols = dyn_cast<AffineConstantExpr>(cols);
  if (!staticCols || !input.isLastDimUnitStride()) {
    // One test per column.
    forEach({getAffineConstantExpr(0, ctx)}, {cols}, 1, [&](AffineExpr iw) {
      ifThen(isEvent(loadAt(op.getInput(), {t, channel, ih, iw}, nullptr)), [&] { body(iw); });
    });
    return;
  }
  int64_t width = staticCols.getValue(), whole = width / kScanBits * kScanBits;
  if (whole > 0)
    forEach({getAffineConstantExpr(0, ctx)}, {getAffineConstantExpr(whole, ctx)}, kScanBits,
            [&](AffineExpr first) { forSetBits({t, channel, ih, first}, kScanBits, body); });
  if (width > whole)
    forSetBits({t, channel, ih, getAffineConstantExpr(whole, ctx)}, width - whole, body);
}

void ScatterEmitter::forTaps(AffineExpr in, int64_t stride, int64_t dilation,
                             AffineExpr outSize, int64_t kernel,
                             function_ref<void(AffineExpr out, AffineExpr k)> body) {
  AffineExpr zero = getAffineConstantExpr(0, ctx);
  AffineExpr kernelSize = getAffineConstantExpr(kernel, ctx);
  // scf.for rather than affine.for: MLIR 22's canonicalization of an
  // affine.for whose lower bound is max(0, x ceildiv c) can drop every
  // result of that map, leaving an invalid loop.
  auto loop = [&](ArrayRef<AffineExpr> lbs, ArrayRef<AffineExpr> ubs,
                  function_ref<void(AffineExpr)> each) {
    forEach(lbs, ubs, 1, each, /*allowAffine=*/false);
  };
  if (dilation == 1) {
    loop({zero, (in - (kernel - 1)).ceilDiv(stride)}, {outSize, in.floorDiv(stride) + 1},
         [&](AffineExpr out) { body(out, in - out * stride); });
  } else if (stride == 1) {
    loop({zero, (in - outSize + 1).ceilDiv(dilation)}, {kernelSize, in.floorDiv(dilation) + 1},
         [&](AffineExpr k) { body(in - k * dilation, k); });
  } else {
    loop({zero, (in - (outSize - 1) * stride).ceilDiv(dilation)},
         {kernelSize, in.floorDiv(dilation) + 1}, [&](AffineExpr k) {
           AffineExpr offset = in - k * dilation;
           Value rest = applyEach(mapOf({offset % stride}), envOperands()).front();
           Value divisible = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rest,
                                                   arith::ConstantIndexOp::create(b, loc, 0));
           ifThen(divisible, [&] { body(offset.floorDiv(stride), k); });
         });
  }
}

void ScatterEmitter::addVector(ArrayRef<AffineExpr> at, ArrayRef<AffineExpr> from, Value x,
                               AffineExpr k0, int64_t width) {
  Type elt = cast<MemRefType>(op.getAcc().getType()).getElementType();
  VectorType vectorType = width > 1 ? VectorType::get({width}, elt) : nullptr;
  SmallVector<AffineExpr> accIndices(at), weightIndices(from);
  accIndices.push_back(k0);
  weightIndices.push_back(k0);
  Value sum = loadAt(op.getAcc(), accIndices, vectorType);
  Value weight = loadAt(op.getWeights(), weightIndices, vectorType);
  bool isFloat = isa<FloatType>(elt);
  if (x) {
    Value factor = vectorType ? vector::BroadcastOp::create(b, loc, vectorType, x) : x;
    weight = isFloat ? arith::MulFOp::create(b, loc, factor, weight).getResult()
                     : arith::MulIOp::create(b, loc, factor, weight).getResult();
  }
  sum = isFloat ? arith::AddFOp::create(b, loc, sum, weight).getResult()
                : arith::AddIOp::create(b, loc, sum, weight).getResult();
  storeAt(sum, op.getAcc(), accIndices);
}

void ScatterEmitter::addWeights(ArrayRef<AffineExpr> at, ArrayRef<AffineExpr> from,
                                Value x) {
  auto weights = cast<MemRefType>(op.getWeights().getType());
  int64_t channels = weights.getDimSize(4);
  int64_t lanes = std::max<int64_t>(
      1, target.vectorBits / getStorageBits(weights.getElementType()));
  int64_t whole = channels / lanes * lanes;
  if (whole / lanes > kMaxUnrolledVectors) {
    forEach({getAffineConstantExpr(0, ctx)}, {getAffineConstantExpr(whole, ctx)}, lanes,
            [&](AffineExpr k0) { addVector(at, from, x, k0, lanes); });
  } else {
    for (int64_t k0 = 0; k0 < whole; k0 += lanes)
      addVector(at, from, x, getAffineConstantExpr(k0, ctx), lanes);
  }
  // The rest in ever narrower vectors.
  int64_t k0 = whole;
  for (int64_t width = lanes / 2; width >= 1; width /= 2)
    for (; k0 + width <= channels; k0 += width)
      addVector(at, from, x, getAffineConstantExpr(k0, ctx), width);
}

LogicalResult ScatterEmitter::run() {
  Value input = op.getInput(), weights = op.getWeights(), acc = op.getAcc();
  auto weightType = cast<MemRefType>(weights.getType());
  if (!weightType.hasStaticShape())
    return op.emitOpError() << "cannot be emitted as loops: its weights " << weightType
                            << " must have a static shape";
  ArrayRef<int64_t> w = weightType.getShape();
  ArrayRef<int64_t> stride = op.getStride(), dil = op.getDilation();
  AffineExpr steps = sizeOf(acc, 0), rows = sizeOf(input, 2), cols = sizeOf(input, 3);
  AffineExpr outRows = sizeOf(acc, 2), outCols = sizeOf(acc, 3);
  AffineExpr padRows = exprOf(getAsOpFoldResult(op.getPadRows()));
  AffineExpr padCols = exprOf(getAsOpFoldResult(op.getPadCols()));
  AffineExpr zero = getAffineConstantExpr(0, ctx);
  auto range = [&](AffineExpr size, function_ref<void(AffineExpr)> each) {
    forEach({zero}, {size}, 1, each);
  };
  range(steps, [&](AffineExpr t) {
    range(getAffineConstantExpr(w[0], ctx), [&](AffineExpr g) {
      range(getAffineConstantExpr(w[1], ctx), [&](AffineExpr c) {
        range(rows, [&](AffineExpr ih) {
          AffineExpr channel = g * w[1] + c;
          forEventsInRow(t, channel, ih, cols, [&](AffineExpr iw) {
            Value x = op.hasSpikeInput() ? Value() : loadAt(input, {t, channel, ih, iw}, nullptr);
            forTaps(ih + padRows, stride[0], dil[0], outRows, w[2],
                    [&](AffineExpr oh, AffineExpr kh) {
                      forTaps(iw + padCols, stride[1], dil[1], outCols, w[3],
                              [&](AffineExpr ow, AffineExpr kw) {
                                addWeights({t, g, oh, ow}, {g, c, kh, kw}, x);
                              });
                    });
          });
        });
      });
    });
  });
  return success();
}

LogicalResult mlir::snn::emitEventScatter(RewriterBase &rewriter, kernel::EventScatterOp op,
                                          const TargetInfo &target) {
  rewriter.setInsertionPoint(op);
  return ScatterEmitter(rewriter, op, target).run();
}
