//===- LegalizeStorage.cpp - Odd-width integers in byte containers ---------===//

#include "snn/Transforms/Passes.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNLEGALIZESTORAGE
#include "snn/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

/// The integer type that stores `type` in memory, or null if it needs none.
static IntegerType containerOf(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return nullptr;
  int64_t bits = snn::getStorageBits(integer);
  if (bits == integer.getWidth())
    return nullptr;
  return IntegerType::get(type.getContext(), bits);
}

namespace {

struct StorageTypeConverter : TypeConverter {
  StorageTypeConverter() {
    addConversion([](Type type) { return type; });
    addConversion([](MemRefType type) -> Type {
      IntegerType container = containerOf(type.getElementType());
      if (!container)
        return type;
      return MemRefType::get(type.getShape(), container, type.getLayout(),
                             type.getMemorySpace());
    });
  }
};

/// The element read from a container: truncated back to its type.
static Value fromContainer(OpBuilder &b, Location loc, Value stored, Type type) {
  return arith::TruncIOp::create(b, loc, type, stored);
}

/// The element to store in a container: spikes zero-extended, other
/// integers sign-extended.
static Value toContainer(OpBuilder &b, Location loc, Value value, Type containerType) {
  Type elt = getElementTypeOrSelf(value.getType());
  if (elt.isInteger(1))
    return arith::ExtUIOp::create(b, loc, containerType, value);
  return arith::ExtSIOp::create(b, loc, containerType, value);
}

/// `type` (a scalar or a vector) with the element type of `containerMemRef`.
static Type withContainer(Type type, Type containerMemRef) {
  Type elt = cast<MemRefType>(containerMemRef).getElementType();
  if (auto vector = dyn_cast<VectorType>(type))
    return vector.clone(elt);
  return elt;
}

/// Loads: load the container, truncate.
template <typename LoadOp>
struct LegalizeLoad : OpConversionPattern<LoadOp> {
  using OpConversionPattern<LoadOp>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<LoadOp>::OpAdaptor;

  LogicalResult matchAndRewrite(LoadOp op, Adaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    Value memref = adaptor.getOperands().front();
    if (memref.getType() == op->getOperand(0).getType())
      return failure();
    IRMapping mapping;
    mapping.map(op->getOperands(), adaptor.getOperands());
    Operation *load = b.clone(*op, mapping);
    Type original = op->getResult(0).getType();
    load->getResult(0).setType(withContainer(original, memref.getType()));
    b.replaceOp(op, fromContainer(b, op.getLoc(), load->getResult(0), original));
    return success();
  }
};

/// Stores: extend, store the container.
template <typename StoreOp>
struct LegalizeStore : OpConversionPattern<StoreOp> {
  using OpConversionPattern<StoreOp>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<StoreOp>::OpAdaptor;

  LogicalResult matchAndRewrite(StoreOp op, Adaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    // Operand 0 is the value stored, operand 1 the buffer.
    Value memref = adaptor.getOperands()[1];
    if (memref.getType() == op->getOperand(1).getType())
      return failure();
    SmallVector<Value> operands(adaptor.getOperands());
    Type containerType = withContainer(operands[0].getType(), memref.getType());
    // A value just loaded from a container goes back as it was (a copy).
    auto loaded = operands[0].getDefiningOp<arith::TruncIOp>();
    if (loaded && loaded.getIn().getType() == containerType &&
        isa_and_present<memref::LoadOp, affine::AffineLoadOp, vector::LoadOp,
                        affine::AffineVectorLoadOp>(loaded.getIn().getDefiningOp()))
      operands[0] = loaded.getIn();
    else
      operands[0] = toContainer(b, op.getLoc(), operands[0], containerType);
    IRMapping mapping;
    mapping.map(op->getOperands(), operands);
    b.clone(*op, mapping);
    b.eraseOp(op);
    return success();
  }
};

/// Ops that only pass buffers around: the same op on the new types.
struct Retype : ConversionPattern {
  Retype(const TypeConverter &converter, MLIRContext *ctx)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  static bool passesBuffers(Operation *op) {
    return isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp, memref::SubViewOp,
               memref::CastOp, memref::CollapseShapeOp, memref::ExpandShapeOp,
               memref::ReinterpretCastOp, memref::GetGlobalOp, memref::DimOp,
               memref::CopyOp, memref::ExtractStridedMetadataOp,
               memref::ExtractAlignedPointerAsIndexOp, memref::AssumeAlignmentOp,
               bufferization::DeallocOp>(op);
  }

  LogicalResult matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                                ConversionPatternRewriter &b) const override {
    if (!passesBuffers(op))
      return failure();
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(), types)))
      return failure();
    IRMapping mapping;
    mapping.map(op->getOperands(), operands);
    Operation *retyped = b.clone(*op, mapping);
    for (auto [result, type] : llvm::zip(retyped->getResults(), types))
      result.setType(type);
    b.replaceOp(op, retyped->getResults());
    return success();
  }
};

/// A constant global: its elements in their containers.
struct LegalizeGlobal : OpConversionPattern<memref::GlobalOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(memref::GlobalOp op, OpAdaptor,
                                ConversionPatternRewriter &b) const override {
    auto type = cast<MemRefType>(getTypeConverter()->convertType(op.getType()));
    IntegerType container = cast<IntegerType>(type.getElementType());
    Attribute initial = op.getInitialValueAttr();
    if (auto dense = dyn_cast_if_present<DenseIntElementsAttr>(initial)) {
      bool spikes = dense.getElementType().isInteger(1);
      auto values = llvm::map_to_vector(dense.getValues<APInt>(), [&](const APInt &v) {
        return spikes ? v.zext(container.getWidth()) : v.sext(container.getWidth());
      });
      initial = DenseElementsAttr::get(
          RankedTensorType::get(type.getShape(), container), values);
    }
    b.modifyOpInPlace(op, [&] {
      op.setType(type);
      if (initial)
        op.setInitialValueAttr(initial);
    });
    return success();
  }
};

struct LegalizeStoragePass
    : public snn::impl::SNNLegalizeStorageBase<LegalizeStoragePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    StorageTypeConverter converter;
    ConversionTarget target(*ctx);
    target.markUnknownOpDynamicallyLegal([&](Operation *op) {
      if (auto func = dyn_cast<func::FuncOp>(op))
        return converter.isSignatureLegal(func.getFunctionType());
      if (auto global = dyn_cast<memref::GlobalOp>(op))
        return converter.isLegal(global.getType());
      return converter.isLegal(op);
    });
    RewritePatternSet patterns(ctx);
    patterns.add<LegalizeLoad<memref::LoadOp>, LegalizeLoad<affine::AffineLoadOp>,
                 LegalizeLoad<vector::LoadOp>, LegalizeLoad<affine::AffineVectorLoadOp>,
                 LegalizeStore<memref::StoreOp>, LegalizeStore<affine::AffineStoreOp>,
                 LegalizeStore<vector::StoreOp>, LegalizeStore<affine::AffineVectorStoreOp>,
                 Retype, LegalizeGlobal>(converter, ctx);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    scf::populateSCFStructuralTypeConversions(converter, patterns);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
