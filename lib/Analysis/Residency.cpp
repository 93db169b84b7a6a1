//===- Residency.cpp - Activations that cross schedule groups --------------===//
//
// The tensors crossing groups are placed one by one, largest saving of
// off-chip traffic first (ties in order of first appearance): a tensor stays
// in the global buffer if it fits next to everything else on chip during its
// whole lifetime, from its producing group to its last reader; otherwise it
// is written off chip once and every reader reads its windows back.
//
//===----------------------------------------------------------------------===//

#include "Residency.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

#include "llvm/ADT/MapVector.h"

using namespace mlir;
using namespace mlir::snn;

namespace {

/// An activation that crosses groups: a network input or a group's result.
struct CrossingTensor {
  Value value;
  int64_t bits = 0;
  /// The producing layer (none for a network input) and group.
  std::optional<unsigned> producer;
  unsigned firstGroup = 0, lastGroup = 0;
  bool returned = false;
  SmallVector<const ExternalRead *> reads;
  /// Position of first appearance, a deterministic tie-break.
  unsigned order = 0;

  /// Off-chip traffic avoided by keeping the tensor on chip: its write and
  /// every reader's windows, less the one read of a network input.
  int64_t savedBits() const {
    int64_t offChip = producer && !returned ? bits : 0;
    for (const ExternalRead *read : reads)
      offChip += read->bits;
    return offChip - (producer ? 0 : bits);
  }
};

/// Places every crossing tensor and charges its traffic to its producer
/// (outputs O) and readers (inputs I).
class Residency {
public:
  Residency(const CostModel &model, CostReport &report, ArrayRef<GroupEvaluation> groups)
      : model(model), report(report), groups(groups),
        capacity(model.getHardware().getUsableBits()) {}

  void run() {
    collect();
    SmallVector<int64_t> live(groups.size(), 0);
    for (CrossingTensor &t : tensors) {
      bool fits = true;
      for (unsigned g = t.firstGroup; g <= t.lastGroup; ++g)
        fits &= report.groups[g].footprintBits() + live[g] + t.bits <= capacity;
      if (fits)
        for (unsigned g = t.firstGroup; g <= t.lastGroup; ++g)
          live[g] += t.bits;
      charge(t, fits);
    }
    for (auto [g, bits] : llvm::enumerate(live))
      report.groups[g].liveTensorBits = bits;
  }

private:
  void collect() {
    llvm::MapVector<Value, CrossingTensor> byValue;
    for (auto [g, group] : llvm::enumerate(groups))
      for (auto [value, layer] : group.results) {
        CrossingTensor &t = byValue[value];
        t.value = value;
        t.producer = layer;
        t.firstGroup = t.lastGroup = g;
        t.returned = isReturned(value);
      }
    for (auto [g, group] : llvm::enumerate(groups))
      for (const ExternalRead &read : group.externalReads) {
        bool fresh = !byValue.count(read.tensor);
        CrossingTensor &t = byValue[read.tensor];
        if (fresh) {
          t.value = read.tensor;
          t.firstGroup = g;
        }
        t.lastGroup = std::max<unsigned>(t.lastGroup, g);
        t.reads.push_back(&read);
      }
    for (auto &entry : byValue) {
      entry.second.bits = tensorBits(model, entry.first);
      entry.second.order = tensors.size();
      tensors.push_back(std::move(entry.second));
    }
    // Largest savings first; ties in order of first appearance.
    llvm::sort(tensors, [](const CrossingTensor &a, const CrossingTensor &b) {
      return std::make_pair(-a.savedBits(), a.order) < std::make_pair(-b.savedBits(), b.order);
    });
  }

  /// True if layer `layer` belongs to a group streaming through a cache,
  /// whose every access is charged already.
  bool streams(unsigned layer) const {
    return report.groups[report.layers[layer].group].streams;
  }

  void charge(const CrossingTensor &t, bool resident) {
    if (t.producer && (!resident || t.returned) && !streams(*t.producer)) {
      LayerCost &producer = report.layers[*t.producer];
      const GroupCost &group = report.groups[producer.group];
      int64_t bits = storedBits(model, t.value, group.schedule.hasLoops(group.timeSteps));
      producer.dramWrite.o += bits;
      producer.bufferRead.o += bits;
    }
    if (!t.producer && resident && !t.reads.empty() && !streams(t.reads.front()->layer)) {
      // A network input staged on chip once.
      LayerCost &reader = report.layers[t.reads.front()->layer];
      reader.dramRead.i += t.bits;
      reader.bufferWrite.i += t.bits;
    }
    if (resident)
      return;
    for (const ExternalRead *read : t.reads) {
      if (streams(read->layer))
        continue;
      LayerCost &reader = report.layers[read->layer];
      reader.dramRead.i += read->bits;
      reader.bufferWrite.i += read->bits;
    }
  }

  const CostModel &model;
  CostReport &report;
  ArrayRef<GroupEvaluation> groups;
  int64_t capacity;
  SmallVector<CrossingTensor> tensors;
};

} // namespace

void mlir::snn::placeCrossingTensors(const CostModel &model, CostReport &report,
                                     ArrayRef<GroupEvaluation> groups) {
  Residency(model, report, groups).run();
}
