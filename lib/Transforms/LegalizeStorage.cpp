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

/// The container a store writes for `value`: a value just loaded from a
/// container goes back as it was (a copy), others are extended.
static Value toStored(OpBuilder &b, Location loc, Value value, Type containerType) {
  auto loaded = value.getDefiningOp<arith::TruncIOp>();
  if (loaded && loaded.getIn().getType() == containerType &&
      isa_and_present<memref::LoadOp, affine::AffineLoadOp, vector::LoadOp,
                      affine::AffineVectorLoadOp>(loaded.getIn().getDefiningOp()))
    return loaded.getIn();
  return toContainer(b, loc, value, containerType);
}

/// Loads (load the container, truncate) and stores (extend, store the
/// container) of a buffer whose elements live in containers. Operand
/// `kBuffer` is the buffer: 0 for loads, 1 for stores, whose operand 0 is
/// the value stored.
template <typename AccessOp, unsigned kBuffer>
struct LegalizeAccess : OpConversionPattern<AccessOp> {
  using OpConversionPattern<AccessOp>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<AccessOp>::OpAdaptor;
  static constexpr bool kStore = kBuffer == 1;

  LogicalResult matchAndRewrite(AccessOp op, Adaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    Value memref = adaptor.getOperands()[kBuffer];
    if (memref.getType() == op->getOperand(kBuffer).getType())
      return failure();
    SmallVector<Value> operands(adaptor.getOperands());
    if (kStore)
      operands[0] = toStored(b, op.getLoc(), operands[0],
                             withContainer(operands[0].getType(), memref.getType()));
    IRMapping mapping;
    mapping.map(op->getOperands(), operands);
    Operation *access = b.clone(*op, mapping);
    if (kStore) {
      b.eraseOp(op);
      return success();
    }
    Type original = op->getResult(0).getType();
    access->getResult(0).setType(withContainer(original, memref.getType()));
    b.replaceOp(op, fromContainer(b, op.getLoc(), access->getResult(0), original));
    return success();
  }
};

template <typename LoadOp> using LegalizeLoad = LegalizeAccess<LoadOp, 0>;
template <typename StoreOp> using LegalizeStore = LegalizeAccess<StoreOp, 1>;

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
