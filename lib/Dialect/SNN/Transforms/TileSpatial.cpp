//===- TileSpatial.cpp - Split fusion groups into spatial bands ------------===//
//
// group(...) with tile_axis A and tile_size S becomes
//
//   snn.group(...) {
//     %r = scf.for %b = 0 to nb iter_args(%out, %states...) {
//       <for every member: its window of the band, computed from tiles of its
//        producers (sliced, and padded where the window leaves the layer)>
//       tensor.insert_slice <the last member's tile> into %out
//       tensor.insert_slice <final states of explicit-state members> into %states
//     }
//     snn.yield %r
//   }
//
// Window positions and sizes come from TileGeometry, which the cost model
// uses too.
//
// Halos are computed once: where consecutive windows of a member overlap
// (the halo a consumer's window needs around its band), a band keeps the
// overlap from the previous band's tile and computes only the new part.
// This needs a regular step: the bands whose windows all advance by their
// usual step (the interior) run in a second loop that carries every such
// member's tile; the others (the first band, and bands shifted at the
// layer's borders) compute whole windows in the first loop, which ends with
// the band before the interior. Every band still reads the state of the
// neurons it computes as it was at the start of the time tile: a new part
// holds only neurons no earlier band of the time tile has computed.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/Rebuild.h"
#include "snn/Dialect/SNN/Utils/TileGeometry.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNTILESPATIAL
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {

/// Index arithmetic in the IR, for TileGeometry's templates.
struct IRDomain {
  OpBuilder &b;
  Location loc;
  using Value = mlir::Value;
  Value constant(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value a, Value c) { return arith::AddIOp::create(b, loc, a, c); }
  Value mul(Value a, int64_t c) { return arith::MulIOp::create(b, loc, a, constant(c)); }
  Value min(Value a, Value c) { return arith::MinSIOp::create(b, loc, a, c); }
  Value max(Value a, Value c) { return arith::MaxSIOp::create(b, loc, a, c); }
  Value sub(Value a, Value c) { return arith::SubIOp::create(b, loc, a, c); }
};

/// The value padded positions of `op`'s input hold: the lowest value of the
/// type for max pooling, zero otherwise.
static Attribute padValueAttr(OpBuilder &b, Operation *op, Type elt) {
  if (!isa<MaxPool2dOp>(op))
    return b.getZeroAttr(elt);
  if (auto f = dyn_cast<FloatType>(elt))
    return b.getFloatAttr(elt, APFloat::getInf(f.getFloatSemantics(), /*Negative=*/true));
  unsigned width = elt.getIntOrFloatBitWidth();
  return b.getIntegerAttr(elt, width == 1 ? APInt(1, 0) : APInt::getSignedMinValue(width));
}

/// The spatial padding of a convolution or pooling op.
static std::optional<SmallVector<int64_t>> getPadding(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<SmallVector<int64_t>>>(op)
      .Case<Conv2dOp, MaxPool2dOp, SumPool2dOp, AvgPool2dOp>(
          [](auto windowed) { return SmallVector<int64_t>(windowed.getPadding()); })
      .Default([](Operation *) { return std::nullopt; });
}

/// Offsets, sizes and strides of the slice [offset, offset + size) along
/// tensor dimension `dim` of a tensor of `shape`, whole along the others.
struct SliceGeometry {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};
static SliceGeometry sliceGeometry(OpBuilder &b, ArrayRef<int64_t> shape, unsigned dim,
                                   OpFoldResult offset, OpFoldResult size) {
  SliceGeometry g{SmallVector<OpFoldResult>(shape.size(), b.getIndexAttr(0)), {},
                  SmallVector<OpFoldResult>(shape.size(), b.getIndexAttr(1))};
  for (int64_t d : shape)
    g.sizes.push_back(b.getIndexAttr(d));
  g.offsets[dim] = offset;
  g.sizes[dim] = size;
  return g;
}

/// A slice of `source` along tensor dimension `dim`: [offset, offset + size).
static Value sliceAlong(OpBuilder &b, Location loc, Value source, unsigned dim,
                        OpFoldResult offset, OpFoldResult size) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(source.getType()).getShape();
  SliceGeometry g = sliceGeometry(b, shape, dim, offset, size);
  return tensor::ExtractSliceOp::create(b, loc, source, g.offsets, g.sizes, g.strides);
}

static Value insertAlong(OpBuilder &b, Location loc, Value value, Value into,
                         unsigned dim, OpFoldResult offset) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(value.getType()).getShape();
  SliceGeometry g = sliceGeometry(b, shape, dim, offset, b.getIndexAttr(shape[dim]));
  return tensor::InsertSliceOp::create(b, loc, value, into, g.offsets, g.sizes, g.strides);
}

/// `type` with extent `size` along tensor dimension `dim`.
static RankedTensorType resized(Type type, unsigned dim, int64_t size) {
  auto tensor = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(tensor.getShape());
  shape[dim] = size;
  return RankedTensorType::get(shape, tensor.getElementType());
}

class SpatialTiler {
public:
  SpatialTiler(GroupOp group, TileGeometry geometry)
      : group(group), geometry(std::move(geometry)), members(getGroupMembers(group)),
        dim(this->geometry.getDim()) {}

  /// Checks that the group yields only its last member's result and final
  /// states, and records which state accumulator each final state is.
  LogicalResult classifyResults() {
    Operation *anchor = geometry.getAnchor();
    for (Value v : cast<YieldOp>(group.getBody().front().getTerminator()).getValues()) {
      auto result = dyn_cast<OpResult>(v);
      if (result && result.getOwner() == anchor && result.getResultNumber() == 0)
        continue;
      if (result && result.getResultNumber() > 0 &&
          llvm::is_contained(members, result.getOwner()))
        continue;
      return group.emitError() << "cannot tile fusion group "
                               << group.getSchedule().getGroup()
                               << " spatially: it has results other than its last op's";
    }
    return success();
  }

  void run(IRRewriter &b) {
    Location loc = group.getLoc();
    Block &oldBody = group.getBody().front();
    ScheduleAttr old = group.getSchedule();
    b.setInsertionPoint(group);
    auto tiled = GroupOp::create(
        b, loc, group.getResultTypes(), group.getInputs(),
        ScheduleAttr::get(b.getContext(), old.getGroup(), old.getTimeTile(), TileAxis::None,
                          0, old.getState()));
    Block &body = tiled.getBody().front();
    for (auto [from, to] : llvm::zip(oldBody.getArguments(), body.getArguments()))
      outer[from] = to;

    // Accumulators: the last member's result, then every final state, which
    // starts as the state the group was given.
    OpBuilder ob = OpBuilder::atBlockEnd(&body);
    Operation *anchor = geometry.getAnchor();
    auto anchorType = cast<RankedTensorType>(anchor->getResult(0).getType());
    SmallVector<Value> init{tensor::EmptyOp::create(ob, loc, anchorType.getShape(),
                                                    anchorType.getElementType())};
    for (Operation *op : members) {
      unsigned numStates = op->getNumResults() - 1;
      if (numStates == 0)
        continue;
      stateSlot[op] = init.size();
      for (Value v : cast<StatefulOpInterface>(op).getInit())
        init.push_back(outer.lookup(v));
    }

    for (Operation *op : ArrayRef<Operation *>(members).drop_back())
      if (geometry.reusesHalo(op))
        reused.push_back(op);
    unsigned numAcc = init.size();
    for (Operation *op : reused) {
      auto type = cast<RankedTensorType>(op->getResult(0).getType());
      RankedTensorType tileType = resized(type, dim + 1, geometry.getWindow(op).size);
      init.push_back(tensor::EmptyOp::create(ob, loc, tileType.getShape(),
                                             tileType.getElementType()));
    }

    // The bands computed whole (the first ones), then the interior and the
    // trailing bands reusing halos. The trailing bands read past the
    // layer's end: a few run on their own, where their windows and
    // advances are constants, more as a loop.
    int64_t numWhole = geometry.getWholeBands().size();
    auto [interiorBegin, interiorEnd] = geometry.getInterior();
    auto from = [](int64_t first) {
      return [first](OpBuilder &nb, Location nl, Value k) -> Value {
        if (first == 0)
          return k;
        return arith::AddIOp::create(nb, nl, k, arith::ConstantIndexOp::create(nb, nl, first));
      };
    };
    SmallVector<Value> carried =
        forBands(ob, loc, numWhole, init, from(0), /*reuse=*/false, /*staticSlices=*/false);
    carried = forBands(ob, loc, interiorEnd - interiorBegin, carried, from(interiorBegin),
                       /*reuse=*/true, /*staticSlices=*/true);
    int64_t numTrailing = interiorEnd > 0 ? geometry.getNumBands() - interiorEnd : 0;
    if (!geometry.separateTrailing())
      carried = forBands(ob, loc, numTrailing, carried, from(interiorEnd), /*reuse=*/true,
                         /*staticSlices=*/false);
    else
      for (int64_t band = interiorEnd; band < interiorEnd + numTrailing; ++band)
        carried = emitBand(ob, loc, arith::ConstantIndexOp::create(ob, loc, band), carried,
                           /*reuse=*/true, /*staticSlices=*/false);
    SmallVector<Value> results(ArrayRef<Value>(carried).take_front(numAcc));

    SmallVector<Value> yielded;
    for (Value v : cast<YieldOp>(oldBody.getTerminator()).getValues()) {
      auto result = cast<OpResult>(v);
      unsigned slot = result.getOwner() == anchor && result.getResultNumber() == 0
                          ? 0
                          : stateSlot[result.getOwner()] + result.getResultNumber() - 1;
      yielded.push_back(results[slot]);
    }
    YieldOp::create(ob, loc, yielded);
    b.replaceOp(group, tiled.getResults());
  }

private:
  /// A loop of `count` bands (band = bandOf(k)) carrying `init`: the
  /// accumulators, then the tiles of the reused members.
  SmallVector<Value> forBands(OpBuilder &b, Location loc, int64_t count, ValueRange init,
                              function_ref<Value(OpBuilder &, Location, Value)> bandOf,
                              bool reuse, bool staticSlices) {
    if (count == 0)
      return SmallVector<Value>(init);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value end = arith::ConstantIndexOp::create(b, loc, count);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, zero, end, one, init,
        [&](OpBuilder &nb, Location nl, Value k, ValueRange carried) {
          scf::YieldOp::create(
              nb, nl, emitBand(nb, nl, bandOf(nb, nl, k), carried, reuse, staticSlices));
        });
    return SmallVector<Value>(loop.getResults());
  }

  /// One band: every member's window (with `reuse`, only the new part of
  /// the reused members'; with `staticSlices`, reading the interior's static
  /// slices where no interior band reads past the layer); returns the
  /// updated accumulators and tiles.
  SmallVector<Value> emitBand(OpBuilder &b, Location loc, Value band, ValueRange carried,
                              bool reuse, bool staticSlices) {
    IRDomain d{b, loc};
    llvm::DenseMap<Operation *, Value> starts;
    starts[geometry.getAnchor()] = geometry.anchorStart(d, band);
    for (Operation *op : llvm::reverse(ArrayRef<Operation *>(members).drop_back()))
      starts[op] = geometry.start(d, op, starts);
    // In the interior, each reused tile moves by its window's advance since
    // the band before (between 0 and its halo step).
    llvm::DenseMap<Operation *, Value> previousStarts;
    if (reuse) {
      previousStarts[geometry.getAnchor()] =
          geometry.anchorStart(d, d.add(band, d.constant(-1)));
      for (Operation *op : llvm::reverse(ArrayRef<Operation *>(members).drop_back()))
        previousStarts[op] = geometry.start(d, op, previousStarts);
    }

    unsigned numAcc = carried.size() - reused.size();
    SmallVector<Value> next(carried);
    llvm::DenseMap<Value, Value> tiles;
    for (Operation *op : members) {
      if (geometry.isDeferred(op))
        continue;
      int64_t size = geometry.getWindow(op).size;
      Value start = starts[op];
      auto slot = llvm::find(reused, op);
      Value previous = slot != reused.end() ? carried[numAcc + (slot - reused.begin())]
                                            : Value();
      std::optional<int64_t> constantBand = getConstantIntValue(band);
      int64_t fresh = !previous || !reuse ? size
                      : constantBand      ? geometry.freshSize(op, *constantBand)
                                          : geometry.haloStep(op);
      Value tile = previous && reuse && fresh == 0 ? previous : Value();
      if (!tile) {
        // The part of the window no earlier band computed: all of it, or
        // its last `fresh` elements.
        Value freshStart = fresh == size ? start : d.add(start, d.constant(size - fresh));
        Operation *computed =
            emitTile(b, loc, op, freshStart, fresh, starts, tiles, staticSlices);
        tile = computed->getResult(0);
        if (stateSlot.count(op))
          for (auto [i, final] : llvm::enumerate(computed->getResults().drop_front())) {
            unsigned stateIndex = stateSlot[op] + i;
            next[stateIndex] =
                insertAlong(b, loc, final, next[stateIndex], stateDim(op), freshStart);
          }
        if (fresh < size) {
          // The kept halo, shifted to the start of the window, then the new part.
          Value kept = sliceAlong(b, loc, previous, dim + 1, d.sub(start, previousStarts[op]),
                                  b.getIndexAttr(size - fresh));
          auto type = cast<RankedTensorType>(previous.getType());
          Value empty = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
          Value whole = insertAlong(b, loc, kept, empty, dim + 1, b.getIndexAttr(0));
          tile = insertAlong(b, loc, tile, whole, dim + 1, b.getIndexAttr(size - fresh));
        }
      }
      tiles[op->getResult(0)] = tile;
      if (previous)
        next[numAcc + (slot - reused.begin())] = tile;
    }
    Operation *anchor = geometry.getAnchor();
    next[0] = insertAlong(b, loc, tiles[anchor->getResult(0)], next[0], dim + 1,
                          starts[anchor]);
    return next;
  }

  /// The tensor dimension of `op`'s state components along the tiled axis
  /// (a delay's history has its steps first).
  unsigned stateDim(Operation *op) const { return isa<DelayOp>(op) ? dim + 1 : dim; }

  /// `size` elements of `op`'s result from `start`, built from its
  /// producers' tiles (whose windows start at `starts`).
  Operation *emitTile(OpBuilder &b, Location loc, Operation *op, Value start, int64_t size,
                      const llvm::DenseMap<Operation *, Value> &starts,
                      const llvm::DenseMap<Value, Value> &tiles, bool interior) {
    IRDomain d{b, loc};
    auto layer = cast<LayerOpInterface>(op);
    SmallVector<Value> operands = llvm::map_to_vector(
        op->getOperands(), [&](Value v) { return outer.lookup(v) ? outer.lookup(v) : v; });

    for (unsigned operand : layer.getActivationOperands())
      operands[operand] =
          activationTile(b, loc, op, operand, start, size, starts, tiles, interior);

    bool channels = dim == 0;
    if (channels)
      for (unsigned operand : layer.getWeightOperands())
        operands[operand] = sliceAlong(b, loc, operands[operand], 0, start, b.getIndexAttr(size));

    SmallVector<NamedAttribute> overrides;
    if (std::optional<SmallVector<int64_t>> padding = getPadding(op); padding && !channels) {
      // The band's input is padded explicitly along the tiled axis.
      (*padding)[dim - 1] = 0;
      overrides.push_back(b.getNamedAttr("padding", b.getDenseI64ArrayAttr(*padding)));
    }
    // Parameters of the whole layer: the tile reads its part.
    ArrayRef<int64_t> step = getStepShape(op->getResult(0));
    SmallVector<Value> at;
    if (isa<TilePlacementOpInterface>(op)) {
      at.assign(step.size(), d.constant(0));
      at[dim] = start;
    }

    SmallVector<Type> types;
    types.push_back(resized(op->getResult(0).getType(), dim + 1, size));
    if (stateSlot.count(op))
      for (OpOperand &state : cast<StatefulOpInterface>(op).getInitMutable()) {
        Value &tile = operands[state.getOperandNumber()];
        tile = sliceAlong(b, loc, tile, stateDim(op), start, b.getIndexAttr(size));
        types.push_back(tile.getType());
      }
    Operation *tiled = rebuildOp(b, op, operands, types, overrides);
    if (auto placed = dyn_cast<TilePlacementOpInterface>(tiled))
      placed.setTilePlacement(at, step);
    return tiled;
  }

  /// True if `op` reads only positions inside the layers it reads in every
  /// interior band.
  bool insideInInterior(Operation *op) {
    auto [begin, end] = geometry.getInterior();
    for (int64_t band = begin; band < end; ++band)
      if (!geometry.readsInside(op, band))
        return false;
    return true;
  }

  /// The part of activation operand `operand` that `op`'s window reads:
  /// sliced from its producer's tile (or the group input) and padded where
  /// it leaves the layer.
  Value activationTile(OpBuilder &b, Location loc, Operation *op, unsigned operand,
                       Value start, int64_t size,
                       const llvm::DenseMap<Operation *, Value> &starts,
                       const llvm::DenseMap<Value, Value> &tiles, bool interior) {
    IRDomain d{b, loc};
    Value value = op->getOperand(operand);
    Operation *producer = value.getDefiningOp();
    // A synapse feeding its neuron step by step is computed for exactly the
    // neuron's window, so that it stays step-wise.
    if (producer && geometry.isDeferred(producer))
      return emitTile(b, loc, producer, start, size, starts, tiles, interior)->getResult(0);
    bool inGroup = producer && tiles.count(value);
    Value source = inGroup ? tiles.lookup(value) : outer.lookup(value);
    int64_t extent = getStepShape(value)[dim];
    const AxisMap &map = geometry.getAxisMap(op, operand);
    int64_t sourceSize = cast<RankedTensorType>(source.getType()).getDimSize(dim + 1);
    int64_t readSize = map.readSize(size, extent);
    if (map.full)
      return source;
    if (map.isIdentity() && inGroup && sourceSize == readSize &&
        geometry.getUsers(producer).size() == 1)
      return source;

    auto [lo, hi] = neededInterval(d, map, start, size, extent);
    Value sourceStart = inGroup ? starts.lookup(producer) : d.constant(0);
    if (interior && insideInInterior(op)) {
      // No interior band reads past the layer: a plain slice of static size.
      Value slice = sliceAlong(b, loc, source, dim + 1, d.sub(lo, sourceStart),
                               b.getIndexAttr(readSize));
      return tensor::CastOp::create(b, loc, resized(value.getType(), dim + 1, readSize),
                                    slice);
    }
    Value loClip = d.min(d.max(lo, d.constant(0)), d.constant(extent));
    Value hiClip = d.max(d.min(hi, d.constant(extent)), loClip);
    Value length = d.sub(hiClip, loClip);
    Value slice = sliceAlong(b, loc, source, dim + 1, d.sub(loClip, sourceStart), length);
    if (map.isIdentity())
      return tensor::CastOp::create(b, loc, resized(value.getType(), dim + 1, readSize),
                                    slice);
    auto type = cast<RankedTensorType>(slice.getType());
    SmallVector<OpFoldResult> low(type.getRank(), b.getIndexAttr(0));
    SmallVector<OpFoldResult> high(low);
    // A window wholly in the padding reads nothing; its padding is then
    // placed so that the empty slice lands inside the padded tile (a
    // zero-size subview at offset == size fails upstream verification).
    Value padLow = d.min(d.sub(loClip, lo), d.constant(readSize - 1));
    low[dim + 1] = padLow;
    high[dim + 1] = d.sub(d.sub(d.constant(readSize), length), padLow);
    Value padValue = arith::ConstantOp::create(
        b, loc, cast<TypedAttr>(padValueAttr(b, op, type.getElementType())));
    return tensor::PadOp::create(b, loc, resized(value.getType(), dim + 1, readSize), slice,
                                 low, high, padValue);
  }

  GroupOp group;
  TileGeometry geometry;
  SmallVector<Operation *> members;
  unsigned dim;
  /// Old block arguments to the tiled group's.
  llvm::DenseMap<Value, Value> outer;
  /// Index of each explicit-state member's first state accumulator.
  llvm::DenseMap<Operation *, unsigned> stateSlot;
  /// Members whose tiles carry their halo to the next band, in order.
  SmallVector<Operation *> reused;
};

struct SNNTileSpatialPass : public snn::impl::SNNTileSpatialBase<SNNTileSpatialPass> {
  void runOnOperation() override {
    SmallVector<GroupOp> groups;
    getOperation()->walk([&](GroupOp group) {
      if (group.getSchedule().getTileAxis() != TileAxis::None)
        groups.push_back(group);
    });
    IRRewriter rewriter(&getContext());
    for (GroupOp group : groups) {
      ScheduleAttr s = group.getSchedule();
      SmallVector<Operation *> members = getGroupMembers(group);
      FailureOr<TileGeometry> geometry = TileGeometry::compute(
          members, getTileDim(s.getTileAxis()), s.getTileSize(), group);
      if (failed(geometry))
        return signalPassFailure();
      SpatialTiler tiler(group, std::move(*geometry));
      if (failed(tiler.classifyResults()))
        return signalPassFailure();
      tiler.run(rewriter);
    }
  }
};

} // namespace
