//===- ScheduleEvaluation.cpp - The cost of a whole schedule ---------------===//
//
// CostModel::evaluate: the groups are evaluated one by one
// (GroupEvaluation.cpp); then the activations that cross groups are placed
// (Residency.cpp). Energy, latency and the lower bound follow. Also the cost
// of the schedules written in a module (snn-cost-report, the C API). This
// sits above the group evaluation, which reads the schedule-independent
// facts of CostModel.cpp.
//
//===----------------------------------------------------------------------===//

#include "Residency.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"

using namespace mlir;
using namespace mlir::snn;

FailureOr<CostReport> CostModel::evaluate(ArrayRef<GroupSpec> specs) const {
  CostReport report;
  report.network = getFunction().getSymName().str();
  report.hardware = hardware.getName().str();
  report.accounting = accounting;
  report.globalBufferBits = hardware.getGlobalBufferBits();

  std::vector<GroupEvaluation> groups;
  unsigned firstLayer = 0;
  for (auto [i, spec] : llvm::enumerate(specs)) {
    FailureOr<GroupEvaluation> group = evaluateGroup(*this, spec, i, firstLayer);
    if (failed(group))
      return failure();
    firstLayer += spec.ops.size();
    report.groups.push_back(group->cost);
    llvm::append_range(report.layers, group->layers);
    groups.push_back(std::move(*group));
  }
  placeCrossingTensors(*this, report, groups);

  MemoryLevelAttr dram = hardware.getDRAM(), gb = hardware.getGlobalBuffer();
  for (LayerCost &layer : report.layers) {
    layer.name = getLayerName(layer.op);
    layer.energy = layerEnergy(layer, hardware);
    GroupCost &g = report.groups[layer.group];
    if (dram.getBw() > 0)
      g.dramCycles += double(layer.dramRead.total() + layer.dramWrite.total()) / dram.getBw();
    if (gb.getBw() > 0)
      g.bufferCycles +=
          double(layer.bufferRead.total() + layer.bufferWrite.total()) / gb.getBw();
  }

  // Compulsory traffic: weights, network inputs and outputs once; state once
  // in and once out when the accounting counts it.
  int64_t bound = 0;
  llvm::SmallPtrSet<Value, 16> seen;
  for (Operation *op : layers) {
    auto iface = cast<LayerOpInterface>(op);
    for (unsigned operand : iface.getWeightOperands())
      bound += tensorBits(*this, op->getOperand(operand));
    for (unsigned operand : iface.getActivationOperands()) {
      Value input = op->getOperand(operand);
      if (isa<BlockArgument>(input) && seen.insert(input).second)
        bound += tensorBits(*this, input);
    }
    if (isReturned(op->getResult(0)))
      bound += tensorBits(*this, op->getResult(0));
    if (accounting == Accounting::Stems)
      if (auto neuron = dyn_cast<NeuronOpInterface>(op))
        bound += 2 * neuron.getStateBitsPerNeuron() *
                 getNumElements(getStepShape(op->getResult(0)));
  }
  report.lowerBoundBits = bound;
  return report;
}

FailureOr<std::vector<CostReport>>
mlir::snn::evaluateWrittenSchedules(ModuleOp module, HardwareAttr hardware,
                                    Accounting accounting) {
  std::vector<CostReport> reports;
  for (func::FuncOp func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    FailureOr<CostModel> model = CostModel::create(func, hardware, accounting);
    if (failed(model))
      return failure();
    if (model->getLayers().empty())
      continue;
    FailureOr<CostReport> report = model->evaluate(model->getWrittenSchedule());
    if (failed(report))
      return failure();
    reports.push_back(std::move(*report));
  }
  return reports;
}
