//===- PackSpikes.cpp - Spike buffers stored one bit per spike -------------===//
//
// Each access of a spike buffer, through any chain of its views, reads or
// writes the elements at a linear index: the view's offset plus the indices
// times the view's strides, an affine expression over index values. Its
// largest known divisor says whether a vector of spikes starts at a byte.
//
//===----------------------------------------------------------------------===//

#include "snn/Transforms/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"

#include <numeric>

namespace mlir::snn {
#define GEN_PASS_DEF_SNNPACKSPIKES
#include "snn/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

/// Spikes per byte.
static constexpr int64_t kSpikesPerByte = 8;
/// Bytes after the last spike that an unaligned vector load may read.
static constexpr int64_t kSlackBytes = 8;
/// The widest integer lane that spreads or gathers the bits of a vector
/// that is not whole bytes (its first spike may be any bit of a byte).
static constexpr int64_t kMaxLaneBits = 64;
/// How far the divisor of a value is traced through its definitions.
static constexpr unsigned kMaxDepth = 16;

namespace {

/// The largest known divisor of index values (0: the value is zero).
class Divisors {
public:
  int64_t of(Value value, unsigned depth = 0);
  /// Of `expr`, whose dimensions and then symbols are `operands`.
  int64_t ofExpr(AffineExpr expr, unsigned numDims, ValueRange operands, unsigned depth = 0);

private:
  int64_t ofInductionVar(BlockArgument iv, unsigned depth);
  int64_t ofMap(AffineMap map, ValueRange operands, unsigned depth);
  DenseMap<Value, int64_t> known;
};

} // namespace

int64_t Divisors::ofExpr(AffineExpr expr, unsigned numDims, ValueRange operands,
                         unsigned depth) {
  MLIRContext *ctx = expr.getContext();
  // Each operand becomes its divisor times a fresh unknown.
  SmallVector<AffineExpr> dims, syms;
  for (auto [i, operand] : llvm::enumerate(operands)) {
    int64_t divisor = of(operand, depth + 1);
    bool isDim = i < numDims;
    AffineExpr unknown = isDim ? getAffineDimExpr(i, ctx) : getAffineSymbolExpr(i - numDims, ctx);
    (isDim ? dims : syms).push_back(unknown * divisor);
  }
  AffineExpr scaled = expr.replaceDimsAndSymbols(dims, syms);
  return simplifyAffineExpr(scaled, numDims, operands.size() - numDims).getLargestKnownDivisor();
}

/// Of a map's value, one of its results (a min or max): the gcd of theirs.
int64_t Divisors::ofMap(AffineMap map, ValueRange operands, unsigned depth) {
  int64_t divisor = 0;
  for (AffineExpr result : map.getResults())
    divisor = std::gcd(divisor, ofExpr(result, map.getNumDims(), operands, depth));
  return divisor;
}

int64_t Divisors::ofInductionVar(BlockArgument iv, unsigned depth) {
  Operation *owner = iv.getOwner()->getParentOp();
  if (auto loop = dyn_cast<affine::AffineForOp>(owner); loop && loop.getInductionVar() == iv)
    return std::gcd(ofMap(loop.getLowerBoundMap(), loop.getLowerBoundOperands(), depth),
                    loop.getStepAsInt());
  if (auto loop = dyn_cast<affine::AffineParallelOp>(owner)) {
    unsigned pos = iv.getArgNumber();
    return std::gcd(ofMap(loop.getLowerBoundMap(pos), loop.getLowerBoundsOperands(), depth),
                    loop.getSteps()[pos]);
  }
  if (auto loop = dyn_cast<scf::ForOp>(owner); loop && loop.getInductionVar() == iv)
    return std::gcd(of(loop.getLowerBound(), depth + 1), of(loop.getStep(), depth + 1));
  if (auto loop = dyn_cast<scf::ParallelOp>(owner)) {
    unsigned pos = iv.getArgNumber();
    return std::gcd(of(loop.getLowerBound()[pos], depth + 1),
                    of(loop.getStep()[pos], depth + 1));
  }
  return 1;
}

int64_t Divisors::of(Value value, unsigned depth) {
  if (depth > kMaxDepth)
    return 1;
  if (auto it = known.find(value); it != known.end())
    return it->second;
  int64_t divisor = 1;
  APInt constant;
  Operation *def = value.getDefiningOp();
  if (matchPattern(value, m_ConstantInt(&constant)))
    divisor = std::abs(constant.getSExtValue());
  else if (auto iv = dyn_cast<BlockArgument>(value))
    divisor = ofInductionVar(iv, depth);
  else if (auto apply = dyn_cast<affine::AffineApplyOp>(def))
    divisor = ofMap(apply.getAffineMap(), apply.getMapOperands(), depth);
  else if (isa<arith::AddIOp, arith::SubIOp>(def))
    divisor = std::gcd(of(def->getOperand(0), depth + 1), of(def->getOperand(1), depth + 1));
  else if (isa<arith::MulIOp>(def))
    divisor = of(def->getOperand(0), depth + 1) * of(def->getOperand(1), depth + 1);
  else if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(def))
    divisor = of(def->getOperand(0), depth + 1);
  // Products of divisors only matter modulo a byte: keep them small.
  if (divisor != 0)
    divisor = std::gcd(divisor, int64_t(1) << 20);
  known[value] = divisor;
  return divisor;
}

namespace {

/// One load or store of a spike buffer: which view, where, and for stores
/// the value.
struct Access {
  Operation *op;
  Value view;
  /// The index along each dimension of the view.
  SmallVector<AffineExpr> indices;
  /// The vector moved, or null for one spike.
  VectorType vector;
  Value stored;
};

/// A spike buffer, its views and accesses, with index expressions over
/// `operands` (as symbols).
class SpikeBuffer {
public:
  explicit SpikeBuffer(Operation *alloc) : alloc(alloc), ctx(alloc->getContext()) {}

  /// Collects the views and accesses; the first use that prevents packing,
  /// or null.
  Operation *collect(Divisors &divisors);
  /// Replaces the buffer with its packed form.
  void pack(RewriterBase &b, Divisors &divisors);

  Operation *alloc;
  /// Why the buffer stays unpacked.
  std::string reason;

private:
  AffineExpr exprOf(OpFoldResult ofr);
  AffineExpr offsetOf(Value view);
  std::optional<Access> accessOf(Operation *op, Value view);
  AffineExpr linearIndex(const Access &access);
  /// True if the first spike `access` moves is provably the first of a byte.
  bool startsAtByte(const Access &access, Divisors &divisors) {
    return divisors.ofExpr(linearIndex(access), 0, operands) % kSpikesPerByte == 0;
  }
  /// True if `access` moves whole bytes: 8k spikes from the first of a byte.
  bool movesWholeBytes(const Access &access, Divisors &divisors) {
    return access.vector && access.vector.getNumElements() % kSpikesPerByte == 0 &&
           startsAtByte(access, divisors);
  }
  Value apply(OpBuilder &b, Location loc, AffineExpr expr);
  /// Where the spikes of an access lie in the packed buffer.
  struct Place {
    Value byte;
    /// The first spike's bit in `byte`, or null if it is bit 0.
    Value bit;
    int64_t spikes, numBytes;
    /// The access moves whole bytes.
    bool wholeBytes;
  };
  Place placeOf(OpBuilder &b, const Access &access, Divisors &divisors);
  /// The spikes that `access` (a load) reads from `packed`.
  Value load(OpBuilder &b, const Access &access, Value packed, Divisors &divisors);
  /// Writes the spikes of `access` (a store) into `packed`.
  void store(OpBuilder &b, const Access &access, Value packed, Divisors &divisors);

  MLIRContext *ctx;
  SmallVector<Value> operands;
  /// Views in the order found (each after its source).
  SmallVector<Operation *> views;
  SmallVector<Access> accesses;
  SmallVector<Operation *> deallocs;
  DenseMap<Value, AffineExpr> offsets;
};

} // namespace

AffineExpr SpikeBuffer::exprOf(OpFoldResult ofr) {
  if (std::optional<int64_t> c = getConstantIntValue(ofr))
    return getAffineConstantExpr(*c, ctx);
  Value value = cast<Value>(ofr);
  auto it = llvm::find(operands, value);
  if (it == operands.end())
    it = operands.insert(operands.end(), value);
  return getAffineSymbolExpr(it - operands.begin(), ctx);
}

/// The offset of `view` from the start of the buffer, in elements.
AffineExpr SpikeBuffer::offsetOf(Value view) {
  if (view == alloc->getResult(0))
    return getAffineConstantExpr(0, ctx);
  if (auto it = offsets.find(view); it != offsets.end())
    return it->second;
  Operation *def = view.getDefiningOp();
  Value source = def->getOperand(0);
  AffineExpr offset = offsetOf(source);
  if (auto subview = dyn_cast<memref::SubViewOp>(def)) {
    auto [strides, unused] = cast<MemRefType>(source.getType()).getStridesAndOffset();
    for (auto [start, stride] : llvm::zip(subview.getMixedOffsets(), strides))
      offset = offset + exprOf(start) * stride;
  }
  return offsets[view] = offset;
}

static bool hasStaticStrides(Type type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(cast<MemRefType>(type).getStridesAndOffset(strides, offset)) &&
         llvm::none_of(strides, ShapedType::isDynamic);
}

/// The access `op` makes through `view`, if it is a load or store of it.
std::optional<Access> SpikeBuffer::accessOf(Operation *op, Value view) {
  Access access{op, view, {}, nullptr, nullptr};
  auto fromValues = [&](ValueRange indices) {
    for (Value index : indices)
      access.indices.push_back(exprOf(index));
  };
  auto fromMap = [&](AffineMap map, ValueRange mapOperands) {
    SmallVector<AffineExpr> replacements;
    for (Value operand : mapOperands)
      replacements.push_back(exprOf(operand));
    auto dims = ArrayRef(replacements).take_front(map.getNumDims());
    auto syms = ArrayRef(replacements).drop_front(map.getNumDims());
    for (AffineExpr result : map.getResults())
      access.indices.push_back(result.replaceDimsAndSymbols(dims, syms));
  };
  if (auto load = dyn_cast<memref::LoadOp>(op); load && load.getMemRef() == view) {
    fromValues(load.getIndices());
  } else if (auto load = dyn_cast<vector::LoadOp>(op); load && load.getBase() == view) {
    fromValues(load.getIndices());
    access.vector = load.getVectorType();
  } else if (auto store = dyn_cast<memref::StoreOp>(op); store && store.getMemRef() == view) {
    fromValues(store.getIndices());
    access.stored = store.getValueToStore();
  } else if (auto store = dyn_cast<vector::StoreOp>(op); store && store.getBase() == view) {
    fromValues(store.getIndices());
    access.stored = store.getValueToStore();
    access.vector = store.getVectorType();
  } else if (auto read = dyn_cast<affine::AffineReadOpInterface>(op);
             read && read.getMemRef() == view) {
    fromMap(read.getAffineMap(), read.getMapOperands());
    access.vector = dyn_cast<VectorType>(op->getResult(0).getType());
  } else if (auto write = dyn_cast<affine::AffineWriteOpInterface>(op);
             write && write.getMemRef() == view) {
    fromMap(write.getAffineMap(), write.getMapOperands());
    access.stored = write.getValueToStore();
    access.vector = dyn_cast<VectorType>(access.stored.getType());
  } else {
    return std::nullopt;
  }
  if (access.vector && access.vector.getRank() != 1)
    return std::nullopt;
  return access;
}

AffineExpr SpikeBuffer::linearIndex(const Access &access) {
  auto [strides, unused] = cast<MemRefType>(access.view.getType()).getStridesAndOffset();
  AffineExpr linear = offsetOf(access.view);
  for (auto [index, stride] : llvm::zip(access.indices, strides))
    linear = linear + index * stride;
  return linear;
}

Operation *SpikeBuffer::collect(Divisors &divisors) {
  SmallVector<Value> worklist{alloc->getResult(0)};
  while (!worklist.empty()) {
    Value view = worklist.pop_back_val();
    for (Operation *user : view.getUsers()) {
      if (isa<memref::SubViewOp, memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(
              user) &&
          user->getOperand(0) == view) {
        if (!hasStaticStrides(user->getResult(0).getType())) {
          reason = "a view with dynamic strides";
          return user;
        }
        views.push_back(user);
        worklist.push_back(user->getResult(0));
        continue;
      }
      if (isa<memref::DeallocOp>(user)) {
        deallocs.push_back(user);
        continue;
      }
      std::optional<Access> access = accessOf(user, view);
      if (!access) {
        reason = ("used by '" + user->getName().getStringRef() + "'").str();
        return user;
      }
      auto [strides, unused] = cast<MemRefType>(view.getType()).getStridesAndOffset();
      if (access->vector && strides.back() != 1) {
        reason = "a vector access along a strided dimension";
        return user;
      }
      if (access->vector && access->vector.getNumElements() % kSpikesPerByte != 0 &&
          access->vector.getNumElements() > kMaxLaneBits - kSpikesPerByte) {
        reason = "a vector of more than 56 spikes that are not whole bytes";
        return user;
      }
      // A read-modify-write of a byte is safe where no other thread runs.
      if (access->stored && !movesWholeBytes(*access, divisors) &&
          (user->getParentOfType<affine::AffineParallelOp>() ||
           user->getParentOfType<scf::ParallelOp>())) {
        reason = "a store of part of a byte in a parallel loop";
        return user;
      }
      accesses.push_back(*access);
    }
  }
  return nullptr;
}

Value SpikeBuffer::apply(OpBuilder &b, Location loc, AffineExpr expr) {
  // As dimensions: an operand need not be a valid affine symbol here.
  SmallVector<AffineExpr> dims;
  for (unsigned i = 0; i < operands.size(); ++i)
    dims.push_back(getAffineDimExpr(i, ctx));
  AffineMap map = AffineMap::get(operands.size(), 0, expr.replaceSymbols(dims));
  SmallVector<OpFoldResult> foldable(operands.begin(), operands.end());
  return getValueOrCreateConstantIndexOp(
      b, loc, affine::makeComposedFoldedAffineApply(b, loc, map, foldable));
}

/// The `numBytes` bytes of `packed` from `byte` on, as one integer whose
/// lowest bits are the first byte's.
static Value loadWord(OpBuilder &b, Location loc, Value packed, Value byte, int64_t numBytes) {
  if (numBytes == 1)
    return memref::LoadOp::create(b, loc, packed, byte);
  Value bytes =
      vector::LoadOp::create(b, loc, VectorType::get({numBytes}, b.getI8Type()), packed, byte);
  auto wide = VectorType::get({1}, b.getIntegerType(numBytes * kSpikesPerByte));
  return vector::ExtractOp::create(b, loc, vector::BitCastOp::create(b, loc, wide, bytes),
                                   ArrayRef<int64_t>{0});
}

/// Stores `word` (of whole bytes) at byte `byte` of `packed`.
static void storeWord(OpBuilder &b, Location loc, Value word, Value packed, Value byte) {
  int64_t numBytes = word.getType().getIntOrFloatBitWidth() / kSpikesPerByte;
  if (numBytes == 1) {
    memref::StoreOp::create(b, loc, word, packed, byte);
    return;
  }
  Value vector = vector::BroadcastOp::create(b, loc, VectorType::get({1}, word.getType()), word);
  Value bytes = vector::BitCastOp::create(
      b, loc, VectorType::get({numBytes}, b.getI8Type()), vector);
  vector::StoreOp::create(b, loc, bytes, packed, byte);
}

/// The lane positions 0..k-1 as a vector of `type`.
static Value lanePositions(OpBuilder &b, Location loc, VectorType type) {
  SmallVector<APInt> positions;
  for (int64_t i = 0; i < type.getNumElements(); ++i)
    positions.emplace_back(type.getElementTypeBitWidth(), i);
  return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, positions));
}

/// The lane type that spreads or gathers the bits of `word`: i32 or i64.
static IntegerType laneTypeFor(OpBuilder &b, Type word) {
  return b.getIntegerType(word.getIntOrFloatBitWidth() <= 32 ? 32 : kMaxLaneBits);
}

/// Bits 0..k-1 of `word` as spikes: an i1, or the lanes of `vector`. Vectors
/// of whole bytes are a bitcast; others shift each lane's bit into place:
/// an i2 bitcast to <2 x i1>, zero-extended, gave lanes of 0 and 2 on x86
/// (the mixed-form differential run, seed 400072).
static Value spikesOf(OpBuilder &b, Location loc, Value word, VectorType vector) {
  Type type = word.getType();
  if (!vector) {
    // Masked: snn-legalize-storage takes the truncation of a loaded byte for
    // a spike read from its byte container, and would store the byte back.
    Value one = arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, 1));
    return arith::TruncIOp::create(b, loc, b.getI1Type(), arith::AndIOp::create(b, loc, word, one));
  }
  int64_t k = vector.getNumElements();
  if (k % kSpikesPerByte == 0) {
    IntegerType exact = b.getIntegerType(k);
    if (type != exact)
      word = arith::TruncIOp::create(b, loc, exact, word);
    return vector::BitCastOp::create(
        b, loc, vector, vector::BroadcastOp::create(b, loc, VectorType::get({1}, exact), word));
  }
  IntegerType lane = laneTypeFor(b, type);
  if (lane != type)
    word = arith::ExtUIOp::create(b, loc, lane, word);
  auto lanes = VectorType::get({k}, lane);
  Value spread = arith::ShRUIOp::create(b, loc, vector::BroadcastOp::create(b, loc, lanes, word),
                                        lanePositions(b, loc, lanes));
  return arith::TruncIOp::create(b, loc, vector, spread);
}

/// Spikes (an i1 or a vector) as bits 0..k-1 of an integer of type `wide`.
static Value bitsOf(OpBuilder &b, Location loc, Value spikes, IntegerType wide) {
  auto vector = dyn_cast<VectorType>(spikes.getType());
  Value bits = spikes;
  if (vector && vector.getNumElements() % kSpikesPerByte == 0) {
    auto exact = VectorType::get({1}, b.getIntegerType(vector.getNumElements()));
    bits = vector::ExtractOp::create(b, loc, vector::BitCastOp::create(b, loc, exact, spikes),
                                     ArrayRef<int64_t>{0});
  } else if (vector) {
    IntegerType lane = laneTypeFor(b, wide);
    auto lanes = VectorType::get({vector.getNumElements()}, lane);
    Value placed = arith::ShLIOp::create(b, loc, arith::ExtUIOp::create(b, loc, lanes, spikes),
                                         lanePositions(b, loc, lanes));
    bits = vector::ReductionOp::create(b, loc, vector::CombiningKind::OR, placed);
    if (lane.getWidth() > wide.getWidth())
      return arith::TruncIOp::create(b, loc, wide, bits);
  }
  if (bits.getType() != wide)
    bits = arith::ExtUIOp::create(b, loc, wide, bits);
  return bits;
}

SpikeBuffer::Place SpikeBuffer::placeOf(OpBuilder &b, const Access &access,
                                        Divisors &divisors) {
  Location loc = access.op->getLoc();
  AffineExpr linear = linearIndex(access);
  Place place;
  place.spikes = access.vector ? access.vector.getNumElements() : 1;
  place.byte = apply(b, loc, linear.floorDiv(kSpikesPerByte));
  bool aligned = startsAtByte(access, divisors);
  place.wholeBytes = aligned && place.spikes % kSpikesPerByte == 0;
  // Unaligned, the spikes may start at any of a byte's bits.
  place.numBytes = llvm::divideCeil(aligned ? place.spikes : place.spikes + kSpikesPerByte - 1,
                                    kSpikesPerByte);
  if (!aligned)
    place.bit = apply(b, loc, linear % kSpikesPerByte);
  return place;
}

Value SpikeBuffer::load(OpBuilder &b, const Access &access, Value packed, Divisors &divisors) {
  Location loc = access.op->getLoc();
  Place place = placeOf(b, access, divisors);
  if (place.wholeBytes) {
    Value bytes = vector::LoadOp::create(
        b, loc, VectorType::get({place.numBytes}, b.getI8Type()), packed, place.byte);
    return vector::BitCastOp::create(b, loc, access.vector, bytes);
  }
  Value word = loadWord(b, loc, packed, place.byte, place.numBytes);
  if (place.bit)
    word = arith::ShRUIOp::create(
        b, loc, word, arith::IndexCastUIOp::create(b, loc, word.getType(), place.bit));
  return spikesOf(b, loc, word, access.vector);
}

void SpikeBuffer::store(OpBuilder &b, const Access &access, Value packed, Divisors &divisors) {
  Location loc = access.op->getLoc();
  Place place = placeOf(b, access, divisors);
  if (place.wholeBytes) {
    Value bytes = vector::BitCastOp::create(
        b, loc, VectorType::get({place.numBytes}, b.getI8Type()), access.stored);
    vector::StoreOp::create(b, loc, bytes, packed, place.byte);
    return;
  }
  // Read-modify-write: clear the spikes' bits, set the new ones.
  Value word = loadWord(b, loc, packed, place.byte, place.numBytes);
  auto wide = cast<IntegerType>(word.getType());
  Value bits = bitsOf(b, loc, access.stored, wide);
  Value mask = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(wide, APInt::getLowBitsSet(wide.getIntOrFloatBitWidth(),
                                                           place.spikes)));
  if (place.bit) {
    Value shift = arith::IndexCastUIOp::create(b, loc, wide, place.bit);
    bits = arith::ShLIOp::create(b, loc, bits, shift);
    mask = arith::ShLIOp::create(b, loc, mask, shift);
  }
  Value ones = arith::ConstantOp::create(b, loc, b.getIntegerAttr(wide, -1));
  Value kept = arith::AndIOp::create(b, loc, word, arith::XOrIOp::create(b, loc, mask, ones));
  storeWord(b, loc, arith::OrIOp::create(b, loc, kept, bits), packed, place.byte);
}

void SpikeBuffer::pack(RewriterBase &b, Divisors &divisors) {
  auto type = cast<MemRefType>(alloc->getResult(0).getType());
  Location loc = alloc->getLoc();
  int64_t used = llvm::divideCeil(type.getNumElements(), kSpikesPerByte);
  auto packedType = MemRefType::get({used + kSlackBytes}, b.getI8Type());
  b.setInsertionPoint(alloc);
  OperationState state(loc, alloc->getName(), {}, {packedType}, alloc->getAttrs());
  Value packed = b.create(state)->getResult(0);
  // The slack is read only by loads whose last byte lies past the spikes:
  // defined bits, then shifted out.
  Value zeros = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(VectorType::get({kSlackBytes}, b.getI8Type()),
                                     b.getI8IntegerAttr(0)));
  vector::StoreOp::create(b, loc, zeros, packed,
                          arith::ConstantIndexOp::create(b, loc, used).getResult());
  for (const Access &access : accesses) {
    b.setInsertionPoint(access.op);
    if (!access.stored) {
      b.replaceOp(access.op, load(b, access, packed, divisors));
      continue;
    }
    store(b, access, packed, divisors);
    b.eraseOp(access.op);
  }
  for (Operation *dealloc : deallocs)
    b.modifyOpInPlace(dealloc, [&] { dealloc->setOperand(0, packed); });
  for (Operation *view : llvm::reverse(views))
    b.eraseOp(view);
  b.eraseOp(alloc);
}

namespace {

struct PackSpikesPass : public snn::impl::SNNPackSpikesBase<PackSpikesPass> {
  using Base::Base;

  void runOnOperation() override {
    std::vector<SpikeBuffer> buffers;
    getOperation().walk([&](Operation *op) {
      if (!isa<memref::AllocOp, memref::AllocaOp>(op))
        return;
      auto type = cast<MemRefType>(op->getResult(0).getType());
      if (type.getElementType().isInteger(1) && type.hasStaticShape() &&
          type.getLayout().isIdentity() && op->getNumOperands() == 0)
        buffers.emplace_back(op);
    });
    Divisors divisors;
    IRRewriter rewriter(&getContext());
    for (SpikeBuffer &buffer : buffers) {
      if (Operation *blocker = buffer.collect(divisors)) {
        if (report) {
          InFlightDiagnostic remark = buffer.alloc->emitRemark()
                                      << "spike buffer stays one byte per spike: "
                                      << buffer.reason;
          remark.attachNote(blocker->getLoc()) << "here";
        }
        continue;
      }
      buffer.pack(rewriter, divisors);
    }
  }
};

} // namespace
