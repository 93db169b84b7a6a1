//===- NIRExport.cpp - Graph-level snn IR to a NIR graph ------------------===//
//
// The inverse of NIRImport.cpp. The module's one function becomes a NIR
// graph: its arguments Input nodes, its results Output nodes, each
// graph-level snn op one node named by its location. What the importer adds
// around nodes is folded back: the `snn.add` of a fan-in becomes several
// edges into the consumer, the reshapes around a Conv1d's `snn.conv2d` and
// before an Output its shape, a neuron's recurrent weight an Affine/Linear
// node on a cycle, the preset's synapse and spike delays nothing, and the
// one-step delay closing each loop of an `snn.cycle` (`<node>_feedback`) an
// edge from the node it delays (the importer closes loops so). Edges are
// written consumer by consumer in the order of the ops and their operands,
// which is the order the importer visits them in, so that importing the
// result builds the same ops in the same order.
//
//===----------------------------------------------------------------------===//

#include "NIRExportInternal.h"

#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Target/NIR/NIRTranslation.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstdio>
#include <set>

using namespace snn::nir;
using namespace mlir;
namespace ir = mlir::snn;

namespace snn::nir {

std::string exactText(double value) {
  char text[32];
  snprintf(text, sizeof(text), "%.17g", value);
  return text;
}

std::string locationName(Location loc) {
  if (auto name = loc->findInstanceOf<NameLoc>())
    return name.getName().str();
  return "";
}

/// A node name from a location: HDF5 would read a '/' as a path separator.
static std::string nodeName(Location loc) {
  std::string name = locationName(loc);
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

llvm::Error exportError(Operation *op, const llvm::Twine &reason) {
  std::string where;
  if (auto file = op->getLoc()->findInstanceOf<FileLineColLoc>())
    where = llvm::formatv("{0}:{1}:{2}: ", file.getFilename().getValue(), file.getLine(),
                          file.getColumn());
  std::string name = locationName(op->getLoc());
  std::string node = name.empty() ? "" : " (node '" + name + "')";
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 where + "'" + op->getName().getStringRef().str() + "'" +
                                     node + " cannot be exported to NIR: " + reason);
}

} // namespace snn::nir

namespace {

/// The reshapes the importer puts around the `snn.conv2d` of a NIR Conv1d:
/// (C, L) -> (C, 1, L) before it, (O, 1, L') -> (O, L') after it.
struct Conv1dReshapes {
  ir::ReshapeOp before, after;
};

std::optional<Conv1dReshapes> matchConv1d(ir::Conv2dOp conv) {
  auto before = conv.getInput().getDefiningOp<ir::ReshapeOp>();
  if (!before || !before->hasOneUse() || !conv->hasOneUse())
    return std::nullopt;
  auto after = dyn_cast<ir::ReshapeOp>(*conv->getUsers().begin());
  llvm::ArrayRef<int64_t> in = stepShape(before.getInput()), rows = stepShape(conv.getInput());
  llvm::ArrayRef<int64_t> out = stepShape(conv.getResult());
  if (!after || in.size() != 2 || rows.size() != 3 || rows[1] != 1 ||
      cast<RankedTensorType>(conv.getWeight().getType()).getDimSize(2) != 1 ||
      conv.getStride()[0] != 1 || conv.getPadding()[0] != 0 || conv.getDilation()[0] != 1)
    return std::nullopt;
  llvm::ArrayRef<int64_t> flat = stepShape(after.getResult());
  if (flat.size() != 2 || flat[0] != out[0] || flat[1] != out[2])
    return std::nullopt;
  return Conv1dReshapes{before, after};
}

bool isNeuron(Operation *op) {
  return isa<ir::LIFOp, ir::CubaLIFOp, ir::LIOp, ir::CubaLIOp>(op);
}

bool isSpikingNeuron(Operation *op) { return isa<ir::LIFOp, ir::CubaLIFOp>(op); }

class Exporter {
public:
  Exporter(func::FuncOp func, const ExportContext &context) : func(func), context(context) {}

  llvm::Expected<Graph> run() {
    Graph graph;
    graph.root.type = "NIRGraph";
    graph.version = "1.0.0";
    root = &graph.root;
    func.walk([&](Operation *op) {
      std::string name = nodeName(op->getLoc());
      if (!name.empty())
        reserved.insert(name);
    });
    if (llvm::Error error = exportInputs())
      return std::move(error);
    for (Operation &op : func.getBody().front()) {
      if (llvm::Error error = exportOp(&op))
        return std::move(error);
    }
    if (llvm::Error error = exportOutputs())
      return std::move(error);
    return graph;
  }

private:
  //===--- names and edges ---------------------------------------------===//

  /// `wanted` if no node has it yet, else `wanted` (or `fallback`) with a
  /// suffix no location names.
  std::string uniqueName(const std::string &wanted, llvm::StringRef fallback) {
    if (!wanted.empty() && used.insert(wanted).second)
      return wanted;
    std::string base = wanted.empty() ? fallback.str() : wanted;
    for (int i = 0;; ++i) {
      std::string candidate = base + "_" + std::to_string(i);
      if (!reserved.count(candidate) && used.insert(candidate).second)
        return candidate;
    }
  }

  /// Names for the Input (or Output) nodes, in the order of the function's
  /// arguments (results): the importer orders them by name. Those the
  /// locations give (`wanted`) when they sort in that order, else
  /// `prefix_<i>` with the indices padded to sort. Outputs are named last,
  /// when only the names of nodes matter.
  std::vector<std::string> portNames(llvm::ArrayRef<std::string> wanted,
                                     llvm::StringRef prefix, bool last) {
    auto taken = [&](const std::string &name) {
      return used.count(name) || (!last && reserved.count(name));
    };
    std::vector<std::string> names(wanted.begin(), wanted.end());
    bool sorted = llvm::all_of(names, [](const std::string &n) { return !n.empty(); }) &&
                  llvm::all_of(names, [&](const std::string &n) { return !used.count(n); });
    for (size_t i = 1; sorted && i < names.size(); ++i)
      sorted = names[i - 1] < names[i];
    if (!sorted) {
      std::string base = prefix.str();
      size_t width = std::to_string(wanted.size() ? wanted.size() - 1 : 0).size();
      auto generate = [&] {
        for (size_t i = 0; i < wanted.size(); ++i) {
          std::string index = std::to_string(i);
          names[i] = wanted.size() == 1
                         ? base
                         : base + "_" + std::string(width - index.size(), '0') + index;
        }
      };
      generate();
      while (llvm::any_of(names, taken)) {
        base += "_";
        generate();
      }
    }
    used.insert(names.begin(), names.end());
    return names;
  }

  /// The nodes whose outputs `value` is: one, or those an `snn.add` sums
  /// (NIR sums the edges into a node).
  /// The values of the nodes whose outputs `value` is: itself, or those an
  /// `snn.add` sums (NIR sums the edges into a node); an snn.cycle's result
  /// stands for the value it yields.
  llvm::Expected<llvm::SmallVector<Value>> sources(Value value, Operation *consumer) {
    auto resolve = [&](Value v) { return yielded.lookup(v) ? yielded.lookup(v) : v; };
    auto isNode = [&](Value v) { return producers.count(v) || feedbacks.count(v); };
    value = resolve(value);
    if (isNode(value))
      return llvm::SmallVector<Value>{value};
    auto add = value.getDefiningOp<ir::AddOp>();
    if (!add) {
      Operation *def = value.getDefiningOp();
      return exportError(consumer, "its input comes from '" +
                                       def->getName().getStringRef().str() +
                                       "', which is no NIR node");
    }
    llvm::SmallVector<Value> inputs;
    for (Value input : add.getInputs()) {
      inputs.push_back(resolve(input));
      if (!isNode(inputs.back()))
        return exportError(add, "it sums a value that is no NIR node's output (NIR sums "
                                "only the edges into one node)");
    }
    return inputs;
  }

  /// Edges into `target` from the nodes of `input`. An edge out of a node
  /// of a loop not exported yet (through a feedback delay) keeps its place
  /// in the list and gets its source once the loop is exported.
  llvm::Error connect(Value input, Operation *consumer, const std::string &target) {
    llvm::Expected<llvm::SmallVector<Value>> values = sources(input, consumer);
    if (!values)
      return values.takeError();
    for (Value source : *values) {
      if (auto it = feedbacks.find(source); it != feedbacks.end()) {
        pendingSources.push_back({root->edges.size(), it->second});
        root->edges.emplace_back("", target);
        continue;
      }
      root->edges.emplace_back(producers.lookup(source), target);
    }
    return llvm::Error::success();
  }

  /// Adds `node`, the node of `op`, fed by `input`, whose output is `output`.
  llvm::Error addNode(Operation *op, llvm::Expected<Node> node, Value input, Value output) {
    if (!node)
      return node.takeError();
    std::string name = uniqueName(nodeName(op->getLoc()), op->getName().stripDialect());
    root->nodes[name] = std::move(*node);
    producers[output] = name;
    return connect(input, op, name);
  }

  //===--- ports -------------------------------------------------------===//

  llvm::Error exportInputs() {
    std::vector<std::string> wanted;
    for (BlockArgument arg : func.getArguments())
      wanted.push_back(nodeName(arg.getLoc()));
    std::vector<std::string> names = portNames(wanted, "input", /*last=*/false);
    for (BlockArgument arg : func.getArguments()) {
      auto type = dyn_cast<RankedTensorType>(arg.getType());
      if (!type || type.getRank() < 1 ||
          !(type.getElementType().isF32() || type.getElementType().isInteger(1)))
        return exportError(func, llvm::formatv("argument {0} is a {1}, not a "
                                               "tensor<T x ... x f32> (or i1 spikes)",
                                               arg.getArgNumber(), arg.getType()));
      Node node;
      node.type = "Input";
      node.params["shape"] = intArray(stepShape(arg));
      node.params["input_type"] = intArray(stepShape(arg));
      root->nodes[names[arg.getArgNumber()]] = std::move(node);
      producers[arg] = names[arg.getArgNumber()];
    }
    return llvm::Error::success();
  }

  llvm::Error exportOutputs() {
    Operation *ret = func.getBody().front().getTerminator();
    if (ret->getNumOperands() == 0)
      return exportError(func, "it returns nothing (a NIR graph needs an Output)");
    std::vector<std::string> wanted;
    llvm::SmallVector<Value> drives;
    for (Value result : ret->getOperands()) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (!type || type.getRank() < 1)
        return exportError(ret, "a result is not a tensor<T x ...>");
      // The importer reshapes a value whose shape differs from its Output's.
      auto reshape = result.getDefiningOp<ir::ReshapeOp>();
      bool folded = reshape && reshape->hasOneUse() && !absorbed.contains(reshape);
      wanted.push_back(folded ? nodeName(reshape.getLoc()) : "");
      drives.push_back(folded ? reshape.getInput() : result);
    }
    std::vector<std::string> names = portNames(wanted, "output", /*last=*/true);
    for (auto [index, result] : llvm::enumerate(ret->getOperands())) {
      Node node;
      node.type = "Output";
      node.params["shape"] = intArray(stepShape(result));
      node.params["output_type"] = intArray(stepShape(result));
      root->nodes[names[index]] = std::move(node);
      if (llvm::Error error = connect(drives[index], ret, names[index]))
        return error;
    }
    return llvm::Error::success();
  }

  //===--- ops ---------------------------------------------------------===//

  llvm::Error exportOp(Operation *op) {
    if (absorbed.contains(op) || isa<func::ReturnOp>(op) || matchPattern(op, m_Constant()))
      return llvm::Error::success(); // constants are weights, read by their users
    if (op->hasAttr("schedule") || isa<ir::GroupOp>(op))
      return exportError(op, "it is scheduled (NIR has no schedules): export the network "
                             "before scheduling it");
    if (isNeuron(op))
      return exportNeuronOp(op);
    if (auto conv = dyn_cast<ir::Conv2dOp>(op)) {
      if (std::optional<Conv1dReshapes> conv1d = matchConv1d(conv)) {
        absorbed.insert(conv1d->after);
        Value input = conv1d->before.getInput();
        return addNode(op, exportConv1d(conv, input), input, conv1d->after.getResult());
      }
    }
    if (auto delay = dyn_cast<ir::DelayOp>(op); delay && isSynapseDelay(delay))
      return llvm::Error::success(); // the neuron's, exported with it
    return llvm::TypeSwitch<Operation *, llvm::Error>(op)
        .Case([&](ir::AddOp add) { return checkAdd(add); })
        .Case([&](ir::ReshapeOp reshape) { return checkReshape(reshape); })
        .Case([&](ir::MaxPool2dOp) {
          return exportError(op, "NIR has no max pooling (SumPool2d and AvgPool2d only)");
        })
        .Case([&](ir::ReluOp) { return exportError(op, "NIR has no ReLU"); })
        .Case([&](ir::CycleOp cycle) { return exportCycle(cycle); })
        .Default([&](Operation *layer) -> llvm::Error {
          llvm::Expected<Node> node = exportLayer(layer, context);
          if (!node)
            return node.takeError();
          return addNode(layer, std::move(node), layer->getOperand(0), layer->getResult(0));
        });
  }

  /// A loop across time steps: its members as nodes, in the order a step
  /// computes them, and each feedback delay the importer closed the loop
  /// with as the edges out of the node it delays. A loop closed otherwise
  /// would come back from the importer with another delay: refused.
  llvm::Error exportCycle(ir::CycleOp cycle) {
    Block &body = cycle.getBody().front();
    for (auto delay : body.getOps<ir::DelayOp>())
      if (isFeedback(delay))
        feedbacks[delay.getResult()] = delay.getInput();
    if (llvm::none_of(body.getOps<ir::DelayOp>(), [&](ir::DelayOp d) { return isFeedback(d); }))
      return exportError(cycle, "NIR closes a loop with an edge carrying the previous step, "
                                "which the importer writes as a one-step snn.delay named "
                                "'<node>_feedback'; this loop has none");
    for (Operation *op : cycle.getStepOrder()) {
      auto delay = dyn_cast<ir::DelayOp>(op);
      if (delay && feedbacks.count(delay.getResult()))
        continue;
      if (llvm::Error error = exportOp(op))
        return error;
    }
    for (auto [index, value] : pendingSources) {
      auto it = producers.find(value);
      if (it == producers.end())
        return exportError(cycle, "a feedback delay reads a value that is no NIR node's "
                                  "output");
      root->edges[index].first = it->second;
    }
    pendingSources.clear();
    auto yield = cast<ir::YieldOp>(body.getTerminator());
    for (auto [result, value] : llvm::zip(cycle.getResults(), yield.getValues()))
      yielded[result] = value;
    return llvm::Error::success();
  }

  /// A delay the importer closed a loop with: one step, in an snn.cycle,
  /// named `<node>_feedback` (a suffix `_<n>` where names repeat).
  static bool isFeedback(ir::DelayOp delay) {
    llvm::StringRef name = locationName(delay.getLoc());
    size_t at = name.rfind("_feedback");
    return delay.getSteps() == 1 && isa<ir::CycleOp>(delay->getParentOp()) &&
           at != llvm::StringRef::npos &&
           (at + 9 == name.size() ||
            (name[at + 9] == '_' && llvm::all_of(name.drop_front(at + 10), llvm::isDigit)));
  }

  /// A preset's synapse delay: the one-use `snn.delay` into a neuron's input.
  bool isSynapseDelay(ir::DelayOp delay) {
    int64_t steps = context.preset.synapseDelay;
    if (!steps || static_cast<int64_t>(delay.getSteps()) != steps || !delay->hasOneUse())
      return false;
    OpOperand &use = *delay.getResult().use_begin();
    return isNeuron(use.getOwner()) && use.getOperandNumber() == 0;
  }

  llvm::Error checkAdd(ir::AddOp add) {
    if (add.getMode() != ir::AddMode::Sum)
      return exportError(add, "NIR sums the edges into a node; other add modes ('" +
                                  ir::stringifyAddMode(add.getMode()) +
                                  "') have no NIR form");
    if (!cast<RankedTensorType>(add.getType()).getElementType().isF32())
      return exportError(add, "its result is not f32 (NIR sums real values)");
    return llvm::Error::success();
  }

  llvm::Error checkReshape(ir::ReshapeOp reshape) {
    if (reshape->hasOneUse()) {
      Operation *user = *reshape->getUsers().begin();
      if (isa<func::ReturnOp>(user))
        return llvm::Error::success(); // an Output's shape
      if (auto conv = dyn_cast<ir::Conv2dOp>(user); conv && matchConv1d(conv))
        return llvm::Error::success(); // a Conv1d's, exported with it
    }
    return exportError(reshape, "NIR has no reshape (the importer makes them only for "
                                "Conv1d and for an Output's shape)");
  }

  llvm::Error exportNeuronOp(Operation *op) {
    const Preset &preset = context.preset;
    Value input = op->getOperand(0);
    if (preset.synapseDelay) {
      auto delay = input.getDefiningOp<ir::DelayOp>();
      if (!delay || !isSynapseDelay(delay))
        return exportError(op, llvm::formatv("the {0} preset delays each neuron's input by "
                                             "{1} step(s) (an snn.delay of the importer), "
                                             "which this neuron lacks",
                                             preset.name, preset.synapseDelay));
      input = delay.getInput();
    }
    Value output = op->getResult(0);
    if (preset.spikeDelay && isSpikingNeuron(op)) {
      auto delay = output.hasOneUse() ? dyn_cast<ir::DelayOp>(*output.getUsers().begin())
                                      : ir::DelayOp();
      if (!delay || static_cast<int64_t>(delay.getSteps()) != preset.spikeDelay ||
          !delay.getInit().empty())
        return exportError(op, llvm::formatv("the {0} preset emits every spike {1} step(s) "
                                             "late (an snn.delay of the importer after each "
                                             "spiking neuron, its only user), which this "
                                             "neuron lacks",
                                             preset.name, preset.spikeDelay));
      absorbed.insert(delay);
      output = delay.getResult();
    }
    if (llvm::Error error = addNode(op, exportNeuron(op, context), input, output))
      return error;
    return exportRecurrence(op, producers[output]);
  }

  /// A neuron's recurrent weight: an Affine/Linear node on the cycle
  /// neuron -> weight -> neuron, which the importer folds back.
  llvm::Error exportRecurrence(Operation *op, const std::string &neuron) {
    Value weight, bias;
    if (auto lif = dyn_cast<ir::LIFOp>(op)) {
      weight = lif.getRecurrent();
      bias = lif.getRecurrentBias();
    } else if (auto cuba = dyn_cast<ir::CubaLIFOp>(op)) {
      weight = cuba.getRecurrent();
      bias = cuba.getRecurrentBias();
    }
    if (!weight)
      return llvm::Error::success();
    llvm::Expected<Node> node = exportWeights(op, weight, bias, "recurrent ");
    if (!node)
      return node.takeError();
    std::string name = uniqueName(neuron + "_w_rec", "w_rec");
    root->nodes[name] = std::move(*node);
    root->edges.emplace_back(neuron, name);
    root->edges.emplace_back(name, neuron);
    return llvm::Error::success();
  }

  func::FuncOp func;
  const ExportContext &context;
  Node *root = nullptr;
  /// The node whose output each value is.
  llvm::DenseMap<Value, std::string> producers;
  /// Feedback delays (their results) and the values they delay; edges whose
  /// source is such a value until its node exists; the values snn.cycle
  /// results yield.
  llvm::DenseMap<Value, Value> feedbacks, yielded;
  llvm::SmallVector<std::pair<size_t, Value>> pendingSources;
  /// Ops exported as part of another op's node.
  llvm::DenseSet<Operation *> absorbed;
  /// Every name a location gives, and the names of the nodes so far.
  std::set<std::string> reserved, used;
};

} // namespace

namespace snn::nir {

llvm::Expected<Graph> exportNIR(ModuleOp module, const ExportOptions &options) {
  auto fail = [](const llvm::Twine &message) -> llvm::Error {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  llvm::Expected<const Preset &> preset = getPreset(options.preset);
  if (!preset)
    return preset.takeError();
  if (preset->fixedPoint)
    return fail("the " + preset->name +
                " preset cannot be exported: it quantises the NIR parameters to Loihi's "
                "integers (8-bit weights, 12-bit decays), which cannot be inverted");
  llvm::Expected<double> dt = resolveDt(*preset, options.dt);
  if (!dt)
    return dt.takeError();
  ir::ResetMode reset = preset->reset;
  if (options.reset) {
    llvm::Expected<ir::ResetMode> mode = parseResetMode(*options.reset);
    if (!mode)
      return mode.takeError();
    reset = *mode;
  }
  std::optional<ir::ResetTiming> timing;
  if (options.resetTiming) {
    llvm::Expected<ir::ResetTiming> parsed = parseResetTiming(*options.resetTiming);
    if (!parsed)
      return parsed.takeError();
    timing = *parsed;
  }

  llvm::SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
  if (funcs.size() != 1 || funcs.front().isExternal())
    return fail(llvm::formatv("NIR export takes a module with one function (the network), "
                              "got {0}",
                              funcs.size()));
  ExportContext context{*preset, *dt, reset, timing};
  return Exporter(funcs.front(), context).run();
}

} // namespace snn::nir
