//===- TileGeometry.cpp - Windows of a spatially tiled group ---------------===//

#include "snn/Dialect/SNN/Utils/TileGeometry.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

using namespace mlir;
using namespace mlir::snn;

unsigned mlir::snn::getTileDim(TileAxis axis) {
  switch (axis) {
  case TileAxis::Channels:
    return 0;
  case TileAxis::Rows:
    return 1;
  case TileAxis::Cols:
    return 2;
  case TileAxis::None:
    break;
  }
  llvm_unreachable("no dimension for tile axis none");
}

namespace {
/// An error on `op`, or a silent failure when `op` is null: emitting on an
/// op prints it into the diagnostic, which for the schedule search (trying
/// many tiles that do not apply) cost more than the search itself. (An
/// inactive InFlightDiagnostic must not be streamed into: MLIR asserts.)
class Failure {
public:
  explicit Failure(Operation *op) {
    if (op)
      diagnostic.emplace(op->emitError());
  }
  template <typename T>
  Failure &operator<<(T &&value) {
    if (diagnostic)
      *diagnostic << std::forward<T>(value);
    return *this;
  }
  template <typename T>
  operator FailureOr<T>() const {
    return failure();
  }

private:
  std::optional<InFlightDiagnostic> diagnostic;
};
} // namespace

static Failure error(Operation *op) { return Failure(op); }

FailureOr<TileGeometry> TileGeometry::compute(ArrayRef<Operation *> ops, unsigned dim,
                                              int64_t tileSize, Operation *diagOp) {
  TileGeometry g;
  g.dim = dim;
  g.tileSize = tileSize;
  g.anchor = ops.back();
  llvm::SmallPtrSet<Operation *, 16> inGroup(ops.begin(), ops.end());

  for (Operation *op : ops) {
    auto layer = dyn_cast<LayerOpInterface>(op);
    ArrayRef<int64_t> step = getStepShape(op->getResult(0));
    if (!layer || step.size() <= dim)
      return error(diagOp) << "cannot tile along per-step dimension " << dim
                                 << ": '" << op->getName() << "' has no such dimension";
    g.users[op];
    // Bands compute a layer's window only: a value read elsewhere must be
    // the last op's, whose bands cover it whole.
    if (op != g.anchor && llvm::any_of(op->getResult(0).getUsers(), [&](Operation *user) {
          return !inGroup.contains(user);
        }))
      return error(diagOp) << "cannot tile along per-step dimension " << dim << ": '"
                                 << op->getName()
                                 << "' is also read outside the group, and only the last "
                                    "op's result leaves a tiled group";
    for (unsigned operand : layer.getActivationOperands()) {
      FailureOr<AxisMap> map = layer.getAxisMap(operand, dim);
      if (failed(map))
        return error(diagOp) << "cannot tile along per-step dimension " << dim
                                   << ": '" << op->getName()
                                   << "' does not support spatial tiling";
      g.axisMaps[{op, operand}] = *map;
      if (Operation *producer = op->getOperand(operand).getDefiningOp())
        if (inGroup.contains(producer))
          g.users[producer].push_back({op, operand});
    }
  }

  // The anchor's bands: the last one shifted back inside the layer.
  int64_t extent = getStepShape(g.anchor->getResult(0))[dim];
  g.numBands = llvm::divideCeil(extent, tileSize);
  // Windows are kept per band: bound their number (bands of one column of a
  // layer of 2^31 columns would take gigabytes to describe).
  constexpr int64_t kMaxBands = int64_t(1) << 16;
  if (g.numBands > kMaxBands)
    return error(diagOp) << "cannot tile along per-step dimension " << dim
                               << " in bands of " << tileSize << ": " << g.numBands
                               << " bands, more than " << kMaxBands;
  Window &anchorWindow = g.windows[g.anchor];
  anchorWindow.extent = extent;
  anchorWindow.size = std::min(tileSize, extent);
  IntDomain d;
  for (int64_t b = 0; b < g.numBands; ++b)
    anchorWindow.starts.push_back(g.anchorStart(d, b));

  // Every other op: the union of what its consumers read, in reverse order.
  for (Operation *op : llvm::reverse(ops.drop_back())) {
    Window &w = g.windows[op];
    w.extent = getStepShape(op->getResult(0))[dim];
    if (g.users[op].empty())
      return error(diagOp) << "cannot tile a fusion group with several results: '"
                                 << op->getName() << "' is not used inside the group";
    SmallVector<std::pair<int64_t, int64_t>> needs;
    for (int64_t b = 0; b < g.numBands; ++b) {
      int64_t lo = w.extent, hi = 0;
      for (auto [user, operand] : g.users[op]) {
        const Window &uw = g.windows[user];
        auto [l, h] = neededInterval(d, g.axisMaps[{user, operand}], uw.starts[b],
                                     uw.size, w.extent);
        lo = std::min(lo, l);
        hi = std::max(hi, h);
      }
      needs.push_back({lo, hi});
      w.size = std::max(w.size, std::min(hi, w.extent) - std::max(lo, int64_t(0)));
    }
    // A consumer may read only padding of this op (e.g. a strided, padded
    // convolution over a layer of one row); still compute one element so
    // that every tile has a non-empty shape.
    w.size = std::max<int64_t>(w.size, 1);
    for (auto [lo, hi] : needs)
      w.starts.push_back(std::min(std::max(lo, int64_t(0)), w.extent - w.size));
  }
  g.planHaloReuse(ops);
  return g;
}

void TileGeometry::planHaloReuse(ArrayRef<Operation *> ops) {
  ArrayRef<Operation *> inner = ops.drop_back();
  for (Operation *op : inner) {
    if (!isStepwiseSynapse(op))
      continue;
    Operation *neuron = *op->getUsers().begin();
    if (llvm::is_contained(ops, neuron) && getAxisMap(neuron, 0).isIdentity())
      deferred.insert(op);
  }
  for (Operation *op : inner) {
    const Window &w = getWindow(op);
    int64_t step = 0;
    for (int64_t band = 1; band < numBands; ++band)
      step = std::max(step, w.starts[band] - w.starts[band - 1]);
    // Delays keep a history of steps, not of positions: never reused.
    if (!deferred.contains(op) && step < w.size && !isa<DelayOp>(op))
      haloSteps[op] = step;
  }
  if (haloSteps.empty() || numBands < 2) {
    for (int64_t band = 0; band < numBands; ++band)
      wholeBands.push_back(band);
    return;
  }
  // The first band is computed whole; every later one moves each reused
  // window by 0 to its halo step (windows only advance), keeps what the
  // previous band computed and computes the last halo-step elements. The
  // interior ends before the trailing bands, whose windows are held back
  // at the layer's end.
  wholeBands.push_back(0);
  interiorBegin = 1;
  interiorEnd = numBands;
  while (interiorEnd > interiorBegin + 1 && llvm::any_of(ops, [&](Operation *op) {
           return !readsInside(op, interiorEnd - 1);
         }))
    --interiorEnd;
}

int64_t TileGeometry::freshSize(Operation *op, int64_t band) const {
  const Window &w = getWindow(op);
  if (!reusesHalo(op) || band < interiorBegin || interiorEnd == 0)
    return w.size;
  if (band >= interiorEnd && separateTrailing())
    return w.starts[band] - w.starts[band - 1];
  return haloStep(op);
}

bool TileGeometry::readsInside(Operation *op, int64_t band) const {
  const Window &w = getWindow(op);
  // A synapse computed step by step computes its neuron's part.
  int64_t fresh = freshSize(deferred.contains(op) ? *op->getUsers().begin() : op, band);
  IntDomain d;
  for (unsigned operand : cast<LayerOpInterface>(op).getActivationOperands()) {
    int64_t extent = getStepShape(op->getOperand(operand))[dim];
    auto [lo, hi] = neededInterval(d, getAxisMap(op, operand),
                                   w.starts[band] + w.size - fresh, fresh, extent);
    if (fresh > 0 && (lo < 0 || hi > extent))
      return false;
  }
  return true;
}

SmallVector<std::pair<int64_t, int64_t>>
TileGeometry::computedIntervals(Operation *op) const {
  const Window &w = getWindow(op);
  SmallVector<std::pair<int64_t, int64_t>> intervals;
  for (int64_t band = 0; band < numBands; ++band)
    if (int64_t fresh = freshSize(op, band))
      intervals.push_back({w.starts[band] + w.size - fresh, w.starts[band] + w.size});
  return intervals;
}
