//===- TestFootprint.cpp - Cost model footprint against the tiled IR -------===//
//
// test-snn-footprint checks that the buffers the scheduling transformations
// build have the sizes the cost model assumed for the same schedule. On a
// module whose ops carry `#snn.schedule` attributes it
//
//  1. evaluates the written schedule with the cost model, keeping every
//     layer's share of its group's footprint (GroupCost::layerFootprints);
//  2. applies the schedule to a copy of every function (nested in a scratch
//     module that is erased again): snn-fuse-layers, snn-batch-time,
//     snn-tile-spatial, each layer op tagged so that its tiles are found;
//  3. measures, from the static tensor types of the tiled IR, the same terms
//     for every layer (the largest over its copies: the last, shorter time
//     tile has smaller tiles) and reports per group
//     `group N: IR buffers X bits, model Y bits (...)` as a remark on the
//     function, and every term of a layer that differs as an error on the
//     layer op.
//
// What each side counts (IR / model):
//
//  * result tiles: a layer's result inside an snn.group that a layer op of
//    the same group reads (directly or through extract_slice, pad, cast),
//    unless the layer is a step-wise synapse (its only user a neuron,
//    threshold or ReLU, which the lowering feeds one step at a time: the
//    partial sums live in registers) / LayerFootprint::resultTileBits. A
//    result only inserted into the group's output (the group's result, a
//    crossing tensor) counts on neither side: the model places crossing
//    tensors as live tensors, outside the group.
//  * staged inputs: inside a band loop, each activation operand of a layer
//    whose source (through extract_slice, pad, cast) is an input of the
//    snn.group, at the operand's type (the band's window, halo and padding
//    included) / stagedInputBits. Without bands a layer reads its input where
//    it lies: nothing on either side. Slices and padded copies of tiles of
//    the same group are views of the producer's tile and count nothing (the
//    model reads the producer's tile, padding being addressing).
//  * state tiles: the state an op instance updates: its implicit state (the
//    state types of its tile-shaped operand) or its `init` operands, except
//    an `init` that is the loop-carried state itself in an on-chip schedule
//    (updated in place) / stateTileBits.
//  * resident state: in a schedule with `state = onchip`, the state the time
//    loop carries into the group (the group operand an `init` is sliced
//    from) / residentStateBits. With `state = spill` it lives off chip.
//  * old state: in a band loop over carried on-chip state, the state a band
//    reads (as it was at the start of the time tile) after an earlier band
//    has written its new value into the loop's accumulator: both versions
//    exist at once. The IR side evaluates the index arithmetic of the
//    extract_slice (reads of the carried state) and insert_slice (writes
//    into the accumulator) ops for every band and takes, over the band
//    boundaries, the most elements written so far that a later band still
//    reads / oldStateBits (the same peak from TileGeometry's windows).
//
// Weights (whole tensors read by the group, on chip if the model keeps them
// resident) and crossing tensors (live tensors) are printed but not
// compared: the tiled IR says nothing about where they lie.
//
// Options `model-tile-size` and `model-time-tile` evaluate the model with
// another spatial or time tile than the one the IR is tiled with, to show
// that mismatches are reported.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/BitVector.h"

using namespace mlir;
using namespace mlir::snn;

namespace {

constexpr StringLiteral kLayerAttr = "test_snn_footprint.layer";

/// The compared terms of one layer, in bits.
struct Terms {
  int64_t tile = 0, staged = 0, state = 0, resident = 0, oldState = 0;

  int64_t total() const { return tile + staged + state + resident + oldState; }
  Terms &operator+=(const Terms &o) {
    tile += o.tile;
    staged += o.staged;
    state += o.state;
    resident += o.resident;
    oldState += o.oldState;
    return *this;
  }
  void takeMax(const Terms &o) {
    tile = std::max(tile, o.tile);
    staged = std::max(staged, o.staged);
    state = std::max(state, o.state);
    resident = std::max(resident, o.resident);
    oldState = std::max(oldState, o.oldState);
  }
};

struct TermInfo {
  const char *name;
  int64_t Terms::*field;
};
constexpr TermInfo kTerms[] = {{"result tile", &Terms::tile},
                               {"staged inputs", &Terms::staged},
                               {"state tile", &Terms::state},
                               {"resident state", &Terms::resident},
                               {"old state", &Terms::oldState}};

/// Bits of a statically shaped tensor type.
int64_t typeBits(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return 0;
  return tensor.getNumElements() * getElementBits(tensor.getElementType());
}

/// The value `v` is a slice, padded copy or cast of.
Value viewSource(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def))
      v = slice.getSource();
    else if (auto pad = dyn_cast<tensor::PadOp>(def))
      v = pad.getSource();
    else if (auto cast = dyn_cast<tensor::CastOp>(def))
      v = cast.getSource();
    else
      break;
  }
  return v;
}

/// True if a layer op reads `v`, directly or through slices, pads, casts.
bool readByLayer(Value v) {
  for (OpOperand &use : v.getUses()) {
    Operation *user = use.getOwner();
    if (isa<LayerOpInterface>(user))
      return true;
    bool view = isa<tensor::ExtractSliceOp, tensor::PadOp, tensor::CastOp>(user) &&
                use.getOperandNumber() == 0;
    if (view && readByLayer(user->getResult(0)))
      return true;
  }
  return false;
}

/// True if `v` is an argument of the body of `group`.
bool isGroupInput(Value v, GroupOp group) {
  auto arg = dyn_cast<BlockArgument>(v);
  return group && arg && arg.getOwner()->getParentOp() == group.getOperation();
}

/// Index arithmetic of a band loop body evaluated for one band (the
/// induction variable `iv` equal to `band`), memoised: window expressions
/// share their subexpressions.
struct BandEvaluator {
  Value iv;
  int64_t band;
  llvm::DenseMap<Value, int64_t> known;

  std::optional<int64_t> eval(Value v) {
    if (v == iv)
      return band;
    if (std::optional<int64_t> c = getConstantIntValue(v))
      return c;
    if (auto it = known.find(v); it != known.end())
      return it->second;
    Operation *def = v.getDefiningOp();
    if (!def || def->getNumOperands() != 2)
      return std::nullopt;
    std::optional<int64_t> a = eval(def->getOperand(0)), b = eval(def->getOperand(1));
    if (!a || !b)
      return std::nullopt;
    std::optional<int64_t> r;
    if (isa<arith::AddIOp>(def))
      r = *a + *b;
    else if (isa<arith::SubIOp>(def))
      r = *a - *b;
    else if (isa<arith::MulIOp>(def))
      r = *a * *b;
    else if (isa<arith::MinSIOp>(def))
      r = std::min(*a, *b);
    else if (isa<arith::MaxSIOp>(def))
      r = std::max(*a, *b);
    if (r)
      known[v] = *r;
    return r;
  }

  std::optional<int64_t> eval(OpFoldResult ofr) {
    if (std::optional<int64_t> c = getConstantIntValue(ofr))
      return c;
    return eval(cast<Value>(ofr));
  }
};

/// Marks in `set` the elements of a tensor of `shape` that a slice with
/// `offsets` and `sizes` (unit strides) covers in one band.
LogicalResult markBox(llvm::BitVector &set, ArrayRef<int64_t> shape,
                      ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                      BandEvaluator &band) {
  SmallVector<int64_t> lo, hi;
  for (unsigned d = 0; d < shape.size(); ++d) {
    std::optional<int64_t> off = band.eval(offsets[d]);
    std::optional<int64_t> size = band.eval(sizes[d]);
    if (!off || !size)
      return failure();
    lo.push_back(std::max<int64_t>(0, *off));
    hi.push_back(std::min(shape[d], *off + *size));
    if (lo.back() >= hi.back())
      return success();
  }
  SmallVector<int64_t> idx(lo);
  while (true) {
    int64_t flat = 0;
    for (unsigned d = 0; d < shape.size(); ++d)
      flat = flat * shape[d] + idx[d];
    set.set(flat);
    int d = shape.size() - 1;
    for (; d >= 0; --d) {
      if (++idx[d] < hi[d])
        break;
      idx[d] = lo[d];
    }
    if (d < 0)
      return success();
  }
}

/// The bits of carried state `carried` (an input of the group that `loop`
/// runs the bands of) that must exist in two versions: the positions a band
/// reads from `carried` after an earlier band has written them into the
/// loop's accumulator started from `carried`. The peak over band boundaries.
FailureOr<int64_t> oldStateBits(scf::ForOp loop, Value carried) {
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  if (!lb || !ub || !step || *step <= 0)
    return failure();
  Value acc;
  for (auto [init, arg] : llvm::zip(loop.getInitArgs(), loop.getRegionIterArgs()))
    if (init == carried)
      acc = arg;
  if (!acc)
    return int64_t(0);
  SmallVector<tensor::ExtractSliceOp> reads;
  SmallVector<tensor::InsertSliceOp> writes;
  loop.getBody()->walk([&](Operation *op) {
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op); slice && slice.getSource() == carried)
      reads.push_back(slice);
    if (auto insert = dyn_cast<tensor::InsertSliceOp>(op); insert && insert.getDest() == acc)
      writes.push_back(insert);
  });
  auto type = cast<RankedTensorType>(carried.getType());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t n = type.getNumElements();
  Value iv = loop.getInductionVar();
  SmallVector<int64_t> bands;
  for (int64_t b = *lb; b < *ub; b += *step)
    bands.push_back(b);
  SmallVector<llvm::BitVector> read(bands.size(), llvm::BitVector(n)),
      written(bands.size(), llvm::BitVector(n));
  for (auto [i, b] : llvm::enumerate(bands)) {
    BandEvaluator band{iv, b, llvm::DenseMap<Value, int64_t>()};
    for (tensor::ExtractSliceOp r : reads)
      if (failed(markBox(read[i], shape, r.getMixedOffsets(), r.getMixedSizes(), band)))
        return failure();
    for (tensor::InsertSliceOp w : writes)
      if (failed(markBox(written[i], shape, w.getMixedOffsets(), w.getMixedSizes(), band)))
        return failure();
  }
  // After band k: written by bands <= k and still to be read by a later band.
  int64_t peak = 0;
  llvm::BitVector writtenSoFar(n);
  for (unsigned k = 0; k + 1 < bands.size(); ++k) {
    writtenSoFar |= written[k];
    llvm::BitVector readLater(n);
    for (unsigned b = k + 1; b < bands.size(); ++b)
      readLater |= read[b];
    readLater &= writtenSoFar;
    peak = std::max<int64_t>(peak, readLater.count());
  }
  return peak * getElementBits(type.getElementType());
}

/// The terms of one layer op of the tiled IR.
FailureOr<Terms> measure(Operation *op) {
  Terms t;
  auto group = op->getParentOfType<GroupOp>();
  scf::ForOp bandLoop;
  for (Operation *p = op->getParentOp(); group && p != group.getOperation();
       p = p->getParentOp())
    if (auto loop = dyn_cast<scf::ForOp>(p); loop && loop->getParentOp() == group.getOperation())
      bandLoop = loop;

  if (group && readByLayer(op->getResult(0)) && !isStepwiseSynapse(op))
    t.tile = typeBits(op->getResult(0).getType());

  if (bandLoop)
    for (unsigned operand : cast<LayerOpInterface>(op).getActivationOperands())
      if (isGroupInput(viewSource(op->getOperand(operand)), group))
        t.staged += typeBits(op->getOperand(operand).getType());

  if (getStateTypes(op).empty())
    return t;
  OperandRange inits = cast<StatefulOpInterface>(op).getInit();
  if (inits.empty()) {
    for (Type type : getStateTypes(op))
      t.state += typeBits(type);
    return t;
  }
  bool onChip = group && group.getSchedule().getState() == StatePlacement::OnChip;
  for (Value init : inits) {
    Value source = viewSource(init);
    bool carried = isGroupInput(source, group);
    if (carried && onChip) {
      t.resident += typeBits(source.getType());
      if (init == source)
        continue;
      if (bandLoop) {
        FailureOr<int64_t> old = oldStateBits(bandLoop, source);
        if (failed(old))
          return op->emitError("test-snn-footprint: cannot evaluate the band windows of "
                               "its state");
        t.oldState += *old;
      }
    }
    t.state += typeBits(init.getType());
  }
  return t;
}

Terms modelTerms(const LayerFootprint &f) {
  Terms t;
  t.tile = f.resultTileBits;
  t.staged = f.stagedInputBits;
  t.state = f.stateTileBits;
  t.oldState = f.oldStateBits;
  t.resident = f.residentStateBits;
  return t;
}

/// What the model said about one function.
struct FunctionFigures {
  func::FuncOp func;
  SmallVector<Operation *> layers;
  SmallVector<std::string> names;
  SmallVector<unsigned> groupOf;
  SmallVector<Terms> model, ir;
  SmallVector<bool> seen;
  SmallVector<GroupCost> groups;
};

struct TestFootprintPass : public PassWrapper<TestFootprintPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestFootprintPass)

  TestFootprintPass() = default;
  TestFootprintPass(const TestFootprintPass &other) : PassWrapper(other) {}

  StringRef getArgument() const final { return "test-snn-footprint"; }
  StringRef getDescription() const final {
    return "Compare the cost model's footprint per group with the tiles of the scheduled IR";
  }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<scf::SCFDialect, tensor::TensorDialect, arith::ArithDialect>();
  }

  Option<int64_t> modelTileSize{
      *this, "model-tile-size", llvm::cl::init(0),
      llvm::cl::desc("Evaluate the model with this spatial tile size instead of the written one "
                     "(a deliberately inconsistent model)")};
  Option<int64_t> modelTimeTile{
      *this, "model-time-tile", llvm::cl::init(0),
      llvm::cl::desc("Evaluate the model with this time tile where the schedule has one")};

  void runOnOperation() override {
    ModuleOp module = getOperation();
    HardwareAttr hw = getModuleHardware(module);
    if (!hw) {
      module.emitError() << "test-snn-footprint needs snn.hardware";
      return signalPassFailure();
    }

    // 1. The model's figures, per layer.
    std::vector<FunctionFigures> functions;
    for (func::FuncOp func : module.getOps<func::FuncOp>()) {
      FailureOr<CostModel> model = CostModel::create(func, hw, Accounting::Default);
      if (failed(model))
        return signalPassFailure();
      SmallVector<GroupSpec> specs = model->getWrittenSchedule();
      for (GroupSpec &spec : specs) {
        if (modelTileSize > 0 && spec.schedule.tileAxis != TileAxis::None)
          spec.schedule.tileSize = modelTileSize;
        if (modelTimeTile > 0 && spec.schedule.timeTile != 0)
          spec.schedule.timeTile = modelTimeTile;
      }
      FailureOr<CostReport> report = model->evaluate(specs);
      if (failed(report))
        return signalPassFailure();
      FunctionFigures f;
      f.func = func;
      llvm::append_range(f.layers, model->getLayers());
      llvm::DenseMap<Operation *, unsigned> index;
      for (auto [i, op] : llvm::enumerate(f.layers)) {
        index[op] = i;
        f.names.push_back(model->getLayerName(op));
      }
      f.groupOf.resize(f.layers.size());
      f.model.resize(f.layers.size());
      f.ir.resize(f.layers.size());
      f.seen.resize(f.layers.size());
      for (auto [g, group] : llvm::enumerate(report->groups)) {
        Terms sum;
        int64_t weights = 0;
        for (const LayerFootprint &lf : group.layerFootprints) {
          unsigned i = index.lookup(lf.op);
          f.groupOf[i] = g;
          f.model[i] = modelTerms(lf);
          sum += f.model[i];
          weights += lf.residentWeightBits;
        }
        if (sum.tile + sum.staged + sum.state + sum.oldState != group.workingSetBits ||
            sum.resident != group.residentStateBits || weights != group.residentWeightBits) {
          func.emitError() << "test-snn-footprint: the layers' footprints of group " << g
                           << " do not add up to the group's";
          return signalPassFailure();
        }
      }
      f.groups = report->groups;
      functions.push_back(std::move(f));
    }

    // 2. The schedule applied to copies in a scratch module.
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    auto scratch = ModuleOp::create(b, module.getLoc());
    b.setInsertionPointToEnd(scratch.getBody());
    for (auto [fi, f] : llvm::enumerate(functions)) {
      IRMapping mapping;
      b.clone(*f.func, mapping);
      for (auto [i, op] : llvm::enumerate(f.layers))
        mapping.lookup(op)->setAttr(
            kLayerAttr, b.getI64ArrayAttr({int64_t(fi), int64_t(i)}));
    }
    OpPassManager pm(ModuleOp::getOperationName());
    pm.addPass(createSNNFuseLayers());
    pm.addPass(createSNNBatchTime());
    pm.addPass(createSNNTileSpatial());
    if (failed(runPipeline(pm, scratch))) {
      scratch.erase();
      return signalPassFailure();
    }

    // 3. The IR's figures: the largest over the copies of each layer; every
    // snn.group must hold layers of one model group.
    bool failedMeasure = false;
    llvm::DenseMap<Operation *, std::pair<unsigned, unsigned>> groupOfInstance;
    scratch.walk([&](Operation *op) {
      auto tag = op->getAttrOfType<ArrayAttr>(kLayerAttr);
      if (!tag)
        return;
      unsigned fi = cast<IntegerAttr>(tag[0]).getInt(), i = cast<IntegerAttr>(tag[1]).getInt();
      FunctionFigures &f = functions[fi];
      FailureOr<Terms> t = measure(op);
      if (failed(t)) {
        failedMeasure = true;
        return;
      }
      f.ir[i].takeMax(*t);
      f.seen[i] = true;
      if (auto group = op->getParentOfType<GroupOp>()) {
        auto [it, fresh] = groupOfInstance.try_emplace(group, fi, f.groupOf[i]);
        if (!fresh && it->second.second != f.groupOf[i]) {
          f.layers[i]->emitError() << "'" << f.names[i] << "' shares an snn.group with layers of "
                                   << "model group " << it->second.second
                                   << " but the model puts it in group " << f.groupOf[i];
          failedMeasure = true;
        }
      }
    });
    scratch.erase();
    if (failedMeasure)
      return signalPassFailure();

    // 4. The comparison; the pass fails if any term differs.
    bool mismatch = false;
    for (FunctionFigures &f : functions) {
      SmallVector<Terms> irSum(f.groups.size()), modelSum(f.groups.size());
      for (unsigned i = 0; i < f.layers.size(); ++i) {
        if (!f.seen[i]) {
          f.layers[i]->emitError() << "'" << f.names[i] << "' is missing from the tiled IR";
          mismatch = true;
          continue;
        }
        irSum[f.groupOf[i]] += f.ir[i];
        modelSum[f.groupOf[i]] += f.model[i];
        for (const TermInfo &term : kTerms)
          if (f.ir[i].*term.field != f.model[i].*term.field) {
            f.layers[i]->emitError()
                << "'" << f.names[i] << "' " << term.name << ": " << f.ir[i].*term.field
                << " bits in the IR, " << f.model[i].*term.field << " bits in the model";
            mismatch = true;
          }
      }
      for (unsigned g = 0; g < f.groups.size(); ++g) {
        const GroupCost &group = f.groups[g];
        InFlightDiagnostic remark = f.func.emitRemark();
        remark << "group " << g << ": IR buffers " << irSum[g].total() << " bits, model "
               << modelSum[g].total() << " bits (IR/model: ";
        llvm::interleaveComma(kTerms, remark, [&](const TermInfo &term) {
          remark << term.name << " " << irSum[g].*term.field << "/"
                 << modelSum[g].*term.field;
        });
        remark << "); not compared: resident weights " << group.residentWeightBits
               << ", live tensors " << group.liveTensorBits;
      }
    }
    if (mismatch)
      signalPassFailure();
  }
};

} // namespace

namespace mlir::snn::test {
void registerTestFootprintPass() { PassRegistration<TestFootprintPass>(); }
} // namespace mlir::snn::test
