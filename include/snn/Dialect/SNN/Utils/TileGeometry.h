//===- TileGeometry.h - Windows of a spatially tiled group ------*- C++ -*-===//
//
// A fusion group tiled along one per-step dimension runs as a loop over
// bands of its result. For each band every op of the group computes a window
// of its own result: exactly what its consumers in the group read (their
// halos included), with a static size so that every tile tensor has a static
// shape. Windows that would leave the layer are shifted back inside, so the
// last band may overlap the one before. snn-tile-spatial builds this
// structure and the cost model counts it, both through this class.
//
// Halos are computed once: an op whose consecutive windows overlap computes
// its whole window in the first band only. In every later band its window
// advances by 0 to its halo step (the largest advance); it keeps the overlap
// with the previous band's window and computes the last halo-step elements
// (recomputing some where the window advanced less, at the layer's borders,
// which gives identical values). The bands after the first are the interior,
// a loop, then the trailing bands: the last bands, from the first whose
// reads leave the layer on (at the layer's end, where windows are held
// back).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_DIALECT_SNN_UTILS_TILEGEOMETRY_H
#define SNN_DIALECT_SNN_UTILS_TILEGEOMETRY_H

#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::snn {

/// The interval [lo, hi) of a producer that operand `operand` of `consumer`
/// reads when `consumer` computes its window [start, start + size).
template <typename Domain>
std::pair<typename Domain::Value, typename Domain::Value>
neededInterval(Domain &d, const AxisMap &map, typename Domain::Value start,
               int64_t size, int64_t producerExtent) {
  using V = typename Domain::Value;
  if (map.full)
    return {d.constant(0), d.constant(producerExtent)};
  V lo = d.add(d.mul(start, map.stride), d.constant(-map.pad));
  V hi = d.add(d.mul(start, map.stride),
               d.constant(map.stride * (size - 1) - map.pad + map.extent));
  return {lo, hi};
}

/// Integer arithmetic for evaluating windows at compile time.
struct IntDomain {
  using Value = int64_t;
  int64_t constant(int64_t v) { return v; }
  int64_t add(int64_t a, int64_t b) { return a + b; }
  int64_t mul(int64_t a, int64_t c) { return a * c; }
  int64_t min(int64_t a, int64_t b) { return std::min(a, b); }
  int64_t max(int64_t a, int64_t b) { return std::max(a, b); }
};

/// The windows of one spatially tiled group.
class TileGeometry {
public:
  struct Window {
    int64_t extent = 0; ///< the layer's extent along the tiled dimension
    int64_t size = 0;   ///< the static window size every band computes
    /// Start of the window in each band.
    SmallVector<int64_t> starts;
  };

  /// Computes the windows of `ops` (a group in topological order whose last
  /// op is its only result) tiled along per-step dimension `dim` in bands of
  /// `tileSize` elements of the last op's result. Fails with a diagnostic on
  /// `diagOp` (silently if it is null) when an op cannot be tiled along `dim`.
  static FailureOr<TileGeometry> compute(ArrayRef<Operation *> ops, unsigned dim,
                                         int64_t tileSize, Operation *diagOp);

  /// True if `op` is a synapse its neuron reads step by step over the same
  /// window: it is computed inside the neuron's tile, never on its own.
  bool isDeferred(Operation *op) const { return deferred.contains(op); }
  /// True if `op` keeps its halo from band to band after the first band,
  /// whose new part is then the last `haloStep(op)` elements of its window.
  bool reusesHalo(Operation *op) const { return haloSteps.count(op); }
  int64_t haloStep(Operation *op) const { return haloSteps.lookup(op); }
  /// The interior bands [begin, end): they reuse halos. The trailing bands
  /// [end, getNumBands()) follow it and reuse halos too (none if the
  /// interior is empty).
  std::pair<int64_t, int64_t> getInterior() const { return {interiorBegin, interiorEnd}; }
  /// At most this many trailing bands run one by one, as constants (more
  /// run as a loop).
  static constexpr int64_t kMaxSeparateTrailing = 2;
  bool separateTrailing() const { return numBands - interiorEnd <= kMaxSeparateTrailing; }
  /// How many elements at the end of `op`'s window `band` computes: all of
  /// them in a whole band or for an op that does not reuse its halo, its
  /// halo step in the interior (and in trailing bands run as a loop), its
  /// window's advance in a trailing band run on its own.
  int64_t freshSize(Operation *op, int64_t band) const;
  /// True if what `op` computes in `band` (its new part after the first
  /// band if it reuses its halo; a synapse computed step by step, its
  /// neuron's) reads only positions inside the layers it reads.
  bool readsInside(Operation *op, int64_t band) const;
  /// The bands computed whole, in order: the first band, or every band
  /// when no op reuses halos.
  ArrayRef<int64_t> getWholeBands() const { return wholeBands; }
  /// The (non-empty) intervals of `op`'s result computed by the bands, in
  /// the order the bands run.
  SmallVector<std::pair<int64_t, int64_t>> computedIntervals(Operation *op) const;

  unsigned getDim() const { return dim; }
  int64_t getNumBands() const { return numBands; }
  int64_t getTileSize() const { return tileSize; }
  Operation *getAnchor() const { return anchor; }
  const Window &getWindow(Operation *op) const { return windows.find(op)->second; }
  /// The axis map of activation operand `operand` of `op`.
  const AxisMap &getAxisMap(Operation *op, unsigned operand) const {
    return axisMaps.find({op, operand})->second;
  }
  /// Consumers inside the group of each op, with the operand they read.
  ArrayRef<std::pair<Operation *, unsigned>> getUsers(Operation *op) const {
    return users.find(op)->second;
  }
  /// Start of the window of the anchor in a band, in any domain.
  template <typename Domain>
  typename Domain::Value anchorStart(Domain &d, typename Domain::Value band) const {
    const Window &w = getWindow(anchor);
    return d.min(d.mul(band, tileSize), d.constant(w.extent - w.size));
  }
  /// Start of `op`'s window given the starts of its consumers, in any domain.
  template <typename Domain>
  typename Domain::Value
  start(Domain &d, Operation *op,
        const llvm::DenseMap<Operation *, typename Domain::Value> &starts) const {
    const Window &w = getWindow(op);
    typename Domain::Value lo = d.constant(w.extent);
    for (auto [user, operand] : getUsers(op)) {
      const Window &uw = getWindow(user);
      lo = d.min(lo, neededInterval(d, getAxisMap(user, operand), starts.lookup(user),
                                    uw.size, w.extent)
                         .first);
    }
    return d.min(d.max(lo, d.constant(0)), d.constant(w.extent - w.size));
  }

private:
  /// Decides the deferred synapses, the halo steps, the whole bands and the
  /// interior.
  void planHaloReuse(ArrayRef<Operation *> ops);

  unsigned dim = 0;
  int64_t numBands = 0, tileSize = 0;
  Operation *anchor = nullptr;
  llvm::DenseMap<Operation *, Window> windows;
  llvm::DenseMap<std::pair<Operation *, unsigned>, AxisMap> axisMaps;
  llvm::DenseMap<Operation *, SmallVector<std::pair<Operation *, unsigned>>> users;
  llvm::SmallPtrSet<Operation *, 8> deferred;
  llvm::DenseMap<Operation *, int64_t> haloSteps;
  int64_t interiorBegin = 0, interiorEnd = 0;
  SmallVector<int64_t> wholeBands;
};

/// The per-step dimension a tile axis splits (channels 0, rows 1, cols 2).
unsigned getTileDim(TileAxis axis);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_TILEGEOMETRY_H
