//===- ReportWriter.cpp - Cost and schedule reports as text and JSON -------===//
//
// The one home of what the reports say: the totals of a CostReport, its
// table and JSON (snn-cost-report, the C API), and the report of a schedule
// search (snn-auto-schedule print-report and json).
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/ScheduleSearch.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::snn;
namespace json = llvm::json;

OperandBits CostReport::dramBits() const {
  OperandBits bits;
  for (const LayerCost &layer : layers) {
    bits += layer.dramRead;
    bits += layer.dramWrite;
  }
  return bits;
}

Energy CostReport::energy() const {
  Energy e;
  for (const LayerCost &layer : layers)
    e += layer.energy;
  return e;
}

int64_t CostReport::peakOnChipBits() const {
  int64_t peak = 0;
  for (const GroupCost &g : groups)
    peak = std::max(peak, g.footprintBits());
  return peak;
}

int64_t CostReport::stateBits() const {
  int64_t bits = 0;
  for (const LayerCost &layer : layers)
    bits += layer.stateBits;
  return bits;
}

double CostReport::latencyCycles() const {
  double cycles = 0;
  for (const GroupCost &g : groups)
    cycles += g.latencyCycles();
  return cycles;
}

bool CostReport::feasible() const {
  return llvm::all_of(groups, [](const GroupCost &g) { return g.feasible; });
}

/// "time_tile=1 cols x2 onchip" for a group's schedule.
static std::string describe(const GroupCost &g) {
  std::string text = "steps/tile=" + std::to_string(g.timeTile);
  if (g.schedule.tileAxis != TileAxis::None)
    text += " " + stringifyTileAxis(g.schedule.tileAxis).str() + "x" +
            std::to_string(g.schedule.tileSize);
  if (g.numTimeTiles > 1)
    text += g.schedule.state == StatePlacement::OnChip ? " state-onchip" : " state-spill";
  return text;
}

/// Bytes with thousands separators, e.g. 12,447,040.
static std::string bytes(int64_t bits) {
  std::string digits = std::to_string((bits + 7) / 8), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}

void CostReport::print(raw_ostream &os) const {
  os << "cost of @" << network << " on " << hardware << " (global buffer "
     << bytes(globalBufferBits) << " B), accounting " << stringifyAccounting(accounting);
  if (!schedule.empty())
    os << ", schedule " << schedule;
  os << "\n\ngroups:\n";
  os << llvm::formatv("  {0,5} {1,-34} {2,8} {3,14} {4,14} {5,8}\n", "group", "schedule",
                      "tiles", "footprint B", "cycles", "fits");
  for (auto [i, g] : llvm::enumerate(groups))
    os << llvm::formatv("  {0,5} {1,-34} {2,8} {3,14} {4,14:e2} {5,8}\n", i, describe(g),
                        std::to_string(g.numTimeTiles) + "x" + std::to_string(g.numBands),
                        bytes(g.footprintBits()), g.latencyCycles(),
                        g.streams ? "streams" : g.feasible ? "yes" : "NO");
  os << "\nlayers (off-chip bytes per operand, energy in uJ):\n";
  os << llvm::formatv("  {0,-22} {1,-10} {2,5} {3,12} {4,12} {5,12} {6,12} {7,12} {8,10} "
                      "{9,12} {10}\n",
                      "layer", "op", "group", "ops", "W", "I", "O", "V", "energy",
                      "state bits", "form");
  for (const LayerCost &l : layers) {
    OperandBits traffic = l.dramRead;
    traffic += l.dramWrite;
    os << llvm::formatv("  {0,-22} {1,-10} {2,5} {3,12} {4,12} {5,12} {6,12} {7,12} {8,10:f3} "
                        "{9,12}",
                        l.name, l.op->getName().stripDialect(), l.group, l.ops,
                        bytes(traffic.w), bytes(traffic.i), bytes(traffic.o), bytes(traffic.v),
                        l.energy.total() * 1e-6, l.stateBits);
    if (l.eventDriven)
      os << llvm::formatv(" event {0:f3}", l.activity);
    os << "\n";
  }
  OperandBits dram = dramBits();
  Energy e = energy();
  os << "\noff-chip traffic: " << bytes(dram.total()) << " B (W " << bytes(dram.w) << ", I "
     << bytes(dram.i) << ", O " << bytes(dram.o) << ", V " << bytes(dram.v) << ")\n";
  os << "neuron state:     " << stateBits() << " bits (" << bytes(stateBits())
     << " B), off-chip state traffic " << bytes(dram.v) << " B\n";
  os << "lower bound:      " << bytes(lowerBoundBits) << " B, ratio "
     << llvm::format("%.3f", lowerBoundBits ? double(dram.total()) / lowerBoundBits : 0.0)
     << "\n";
  os << llvm::formatv("energy:           {0:f3} uJ (off-chip {1:f3}, global buffer {2:f3}, "
                      "local buffers {3:f3}, compute {4:f3})\n",
                      e.total() * 1e-6, e.dram * 1e-6, e.globalBuffer * 1e-6,
                      e.localBuffers * 1e-6, e.compute * 1e-6);
  int64_t streaming = llvm::count_if(groups, [](const GroupCost &g) { return g.streams; });
  std::string fit = !feasible()   ? "SOME GROUP DOES NOT FIT"
                    : streaming ? std::to_string(streaming) + " of " +
                                      std::to_string(groups.size()) +
                                      " groups stream through the cache"
                                : "every group fits";
  os << llvm::formatv("latency:          {0:e3} cycles; peak on-chip {1} B; {2}\n",
                      latencyCycles(), bytes(peakOnChipBits()), fit);
}

static json::Object operandJSON(const OperandBits &bits) {
  return json::Object{{"W", (bits.w + 7) / 8},
                      {"I", (bits.i + 7) / 8},
                      {"O", (bits.o + 7) / 8},
                      {"V", (bits.v + 7) / 8}};
}

static json::Object energyJSON(const Energy &e) {
  return json::Object{{"dram", e.dram},
                      {"global_buffer", e.globalBuffer},
                      {"local_buffers", e.localBuffers},
                      {"compute", e.compute}};
}

json::Value CostReport::toJSON() const {
  OperandBits dram = dramBits();
  Energy e = energy();
  json::Array groupList, layerList;
  for (const GroupCost &g : groups)
    groupList.push_back(json::Object{
        {"id", g.id},
        {"time_tile", g.timeTile},
        {"time_tiles", g.numTimeTiles},
        {"tile_axis", stringifyTileAxis(g.schedule.tileAxis)},
        {"tile_size", g.schedule.tileSize},
        {"bands", g.numBands},
        {"state", stringifyStatePlacement(g.schedule.state)},
        {"working_set_bytes", (g.workingSetBits + 7) / 8},
        {"resident_state_bytes", (g.residentStateBits + 7) / 8},
        {"resident_weight_bytes", (g.residentWeightBits + 7) / 8},
        {"live_tensor_bytes", (g.liveTensorBits + 7) / 8},
        {"footprint_bytes", (g.footprintBits() + 7) / 8},
        {"latency_cycles", g.latencyCycles()},
        {"fits", g.feasible},
        {"streams", g.streams}});
  for (const LayerCost &l : layers) {
    OperandBits traffic = l.dramRead;
    traffic += l.dramWrite;
    layerList.push_back(json::Object{
        {"name", l.name},
        {"op", l.op->getName().stripDialect()},
        {"group", l.group},
        {"ops", l.ops},
        {"form", l.eventDriven ? "event" : "dense"},
        {"activity", l.activity},
        {"state_bits", l.stateBits},
        {"offchip_bytes_by_operand", operandJSON(traffic)},
        {"offchip_read_bytes_by_operand", operandJSON(l.dramRead)},
        {"offchip_write_bytes_by_operand", operandJSON(l.dramWrite)},
        {"buffer_read_bytes_by_operand", operandJSON(l.bufferRead)},
        {"buffer_write_bytes_by_operand", operandJSON(l.bufferWrite)},
        {"energy_pj", l.energy.total()},
        {"energy_pj_by_component", energyJSON(l.energy)}});
  }
  return json::Object{
      {"network", network},
      {"hardware", hardware},
      {"accounting", stringifyAccounting(accounting)},
      {"schedule", schedule},
      {"global_buffer_bytes", (globalBufferBits + 7) / 8},
      {"offchip_bytes", (dram.total() + 7) / 8},
      {"offchip_bytes_by_operand", operandJSON(dram)},
      {"energy_pj", e.total()},
      {"energy_pj_by_component", energyJSON(e)},
      {"state_bits", stateBits()},
      {"lower_bound_bytes", (lowerBoundBits + 7) / 8},
      {"ratio_to_lower_bound", lowerBoundBits ? double(dram.total()) / lowerBoundBits : 0.0},
      {"latency_cycles", latencyCycles()},
      {"peak_onchip_bytes", (peakOnChipBits() + 7) / 8},
      {"fits", feasible()},
      {"groups", std::move(groupList)},
      {"layers", std::move(layerList)}};
}

/// "16 steps per tile, column bands of 1, state on chip" for a group.
static std::string inWords(const GroupSchedule &s, int64_t steps) {
  std::string text = s.timeTile == 0 || s.timeTile >= steps
                         ? "all " + std::to_string(steps) + " steps per tile"
                         : std::to_string(s.timeTile) + " step(s) per tile, state " +
                               (s.state == StatePlacement::OnChip ? "kept on chip"
                                                                  : "spilled off chip") +
                               " between tiles";
  if (s.tileAxis == TileAxis::None)
    return text + ", whole layers";
  return text + ", bands of " + std::to_string(s.tileSize) + " " +
         (s.tileAxis == TileAxis::Channels ? "channel(s)"
                                           : stringifyTileAxis(s.tileAxis).str());
}

void ScheduleReport::print(raw_ostream &os) const {
  const CostReport &best = result.report;
  int64_t steps = model.getTimeSteps();
  os << llvm::formatv("snn-auto-schedule @{0} on {1}, objective {2}, accounting {3}: "
                      "{4} group schedules evaluated in {5:f3} s\n",
                      best.network, best.hardware, stringifyObjective(objective),
                      stringifyAccounting(best.accounting), result.evaluated, result.seconds);
  for (auto [i, g] : llvm::enumerate(result.schedule))
    os << llvm::formatv("  group {0,3}: {1} .. {2} ({3} ops): {4}\n", i,
                        model.getLayerName(g.ops.front()), model.getLayerName(g.ops.back()),
                        g.ops.size(), inWords(g.schedule, steps));
  auto line = [&](StringRef what, const CostReport &r) {
    os << llvm::formatv("  {0,-28} off-chip {1,14:N} B  energy {2,12:f3} uJ  latency "
                        "{3,10:e2} cycles{4}\n",
                        what, (r.dramBits().total() + 7) / 8, r.energy().total() * 1e-6,
                        r.latencyCycles(), r.feasible() ? "" : "  (does not fit)");
  };
  line("chosen", best);
  line("plain (layer by layer)", plain);
  for (auto &[name, r] : alternatives)
    line("best " + name.str(), r);
  os << llvm::formatv("  {0,-28} off-chip {1,14:N} B  (chosen / bound = {2:f3})\n",
                      "lower bound", (best.lowerBoundBits + 7) / 8,
                      double(best.dramBits().total()) / best.lowerBoundBits);
}

/// The totals of a report that the schedule report compares.
static json::Object costJSON(const CostReport &r) {
  return json::Object{{"offchip_bytes", (r.dramBits().total() + 7) / 8},
                      {"energy_pj", r.energy().total()},
                      {"latency_cycles", r.latencyCycles()},
                      {"fits", r.feasible()}};
}

json::Value ScheduleReport::toJSON() const {
  const CostReport &best = result.report;
  int64_t steps = model.getTimeSteps();
  json::Array groups;
  for (const GroupSpec &g : result.schedule)
    groups.push_back(json::Object{{"first", model.getLayerName(g.ops.front())},
                                  {"last", model.getLayerName(g.ops.back())},
                                  {"ops", int64_t(g.ops.size())},
                                  {"schedule", inWords(g.schedule, steps)}});
  json::Object alt;
  for (auto &[name, r] : alternatives)
    alt[name] = costJSON(r);
  json::Object out = costJSON(best);
  out["network"] = best.network;
  out["hardware"] = best.hardware;
  out["objective"] = stringifyObjective(objective);
  out["accounting"] = stringifyAccounting(best.accounting);
  out["search_seconds"] = result.seconds;
  out["evaluated"] = result.evaluated;
  out["lower_bound_bytes"] = (best.lowerBoundBits + 7) / 8;
  out["plain"] = costJSON(plain);
  out["alternatives"] = std::move(alt);
  out["groups"] = std::move(groups);
  return out;
}

LogicalResult mlir::snn::writeJSONFile(Operation *diagOp, StringRef path, json::Value value) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return diagOp->emitError() << "cannot write '" << path << "': " << ec.message();
  os << llvm::formatv("{0:2}", value) << "\n";
  return success();
}
