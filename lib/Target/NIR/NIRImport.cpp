//===- NIRImport.cpp - A NIR graph as a function of snn ops ---------------===//
//
// Demand-driven from the Output nodes, so that every node is built after its
// inputs and nodes that reach no Output are dropped. A node met again while
// it is being built closes a cycle: a spiking neuron fed back to itself
// through one Affine/Linear node becomes that neuron's recurrent weight;
// any other cycle is closed by a delay of one step on the edge out of the
// node met again (the edge then carries the previous step's value), and its
// ops become an snn.cycle. docs/NIR.md describes the mapping of every node
// type.
//
//===----------------------------------------------------------------------===//

#include "NIRInternal.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Target/NIR/NIRPresets.h"
#include "snn/Target/NIR/NIRTranslation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <set>

using namespace mlir;
using namespace ::snn::nir;
namespace snnd = ::mlir::snn;
namespace nird = ::snn::nir::detail;

static std::string typeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

/// A neuron op from its operands and attributes (the generic builder turns
/// them into properties).
using NeuronBuilder = Value (*)(OpBuilder &, Location, Type, ValueRange,
                                llvm::ArrayRef<NamedAttribute>);
template <typename OpTy>
static Value buildNeuron(OpBuilder &builder, Location at, Type result, ValueRange operands,
                         llvm::ArrayRef<NamedAttribute> attrs) {
  return OpTy::create(builder, at, TypeRange{result}, operands, attrs)->getResult(0);
}

static int64_t product(llvm::ArrayRef<int64_t> shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t(1), std::multiplies<>());
}

/// The nodes a fixed-point preset maps (Lava's Dense and LIF).
static constexpr llvm::StringLiteral kFixedPointNodes[] = {"Input",  "Output", "Identity",
                                                           "Affine", "Linear", "LIF"};

/// A parameter in the smallest form the snn ops accept: one value if all
/// agree, one per channel (dimension 0) if that suffices, else one per
/// neuron. NIR stores neuron parameters with the layer's full shape.
static llvm::Expected<Values> compactParam(const Values &flat, llvm::ArrayRef<int64_t> shape,
                                           llvm::StringRef what) {
  if (flat.empty())
    return nird::makeError("'" + what + "' is empty");
  if (llvm::all_of(flat, [&](double v) { return v == flat.front(); }))
    return Values{flat.front()};
  int64_t neurons = product(shape);
  if (shape.size() > 1 && int64_t(flat.size()) == shape[0])
    return flat;
  if (int64_t(flat.size()) != neurons)
    return nird::makeError(llvm::formatv("'{0}' has {1} values for a layer of shape {2}", what,
                                         flat.size(), nird::formatShape(shape)));
  if (shape.size() > 1) {
    int64_t inner = neurons / shape[0];
    bool perChannel = true;
    for (int64_t i = 0; i < neurons && perChannel; ++i)
      perChannel = flat[i] == flat[i - i % inner];
    if (perChannel) {
      Values channels;
      for (int64_t c = 0; c < shape[0]; ++c)
        channels.push_back(flat[c * inner]);
      return channels;
    }
  }
  return flat;
}

/// Symmetric padding for NIR's 'same' / 'valid' strings (snn ops pad both
/// sides equally, so 'same' needs an odd kernel extent and stride 1).
static llvm::Expected<llvm::SmallVector<int64_t>> samePadding(const Param &padding,
                                                              llvm::ArrayRef<int64_t> kernel,
                                                              llvm::ArrayRef<int64_t> dilation,
                                                              llvm::ArrayRef<int64_t> stride) {
  if (!padding.isText())
    return llvm::SmallVector<int64_t>(padding.values.begin(), padding.values.end());
  if (*padding.text == "valid")
    return llvm::SmallVector<int64_t>(kernel.size(), 0);
  if (llvm::any_of(stride, [](int64_t s) { return s != 1; }))
    return nird::makeError("padding 'same' needs stride 1, got " + nird::formatShape(stride));
  llvm::SmallVector<int64_t> pads;
  for (auto [k, d] : llvm::zip(kernel, dilation)) {
    if ((d * (k - 1)) % 2)
      return nird::makeError("padding 'same' with kernel " + nird::formatShape(kernel) +
                             " and dilation " + nird::formatShape(dilation) +
                             " needs uneven padding, which snn.conv2d cannot express; use an odd "
                             "kernel");
    pads.push_back(d * (k - 1) / 2);
  }
  return pads;
}

static llvm::Error expectRank(llvm::StringRef what, llvm::ArrayRef<int64_t> shape, size_t rank,
                              llvm::StringRef layout) {
  if (shape.size() == rank)
    return llvm::Error::success();
  return nird::makeError(llvm::formatv("expects a {0}-D {1} {2}, got shape {3}", rank, what, layout,
                                       nird::formatShape(shape)));
}

/// The output extent of a window over `size` (snn ops' convention).
static llvm::Expected<int64_t> windowSize(int64_t size, int64_t kernel, int64_t stride, int64_t pad,
                                          int64_t dilation) {
  int64_t span = size + 2 * pad - dilation * (kernel - 1) - 1;
  if (span < 0)
    return nird::makeError(llvm::formatv("kernel of extent {0} does not fit the padded input "
                                         "extent {1}",
                                         dilation * (kernel - 1) + 1, size + 2 * pad));
  return span / stride + 1;
}

static llvm::SmallVector<int64_t> ints(const Param &param) {
  return llvm::SmallVector<int64_t>(param.values.begin(), param.values.end());
}

namespace {

/// Builds the function of one flattened graph.
class Importer {
public:
  Importer(const nird::FlatGraph &graph, const Preset &preset, double dt,
           const ImportOptions &options, std::optional<snnd::ResetMode> reset,
           std::optional<snnd::ResetTiming> timing, Type inputType, MLIRContext &context)
      : graph(graph), preset(preset), dt(dt), options(options), reset(reset), timing(timing),
        inputType(inputType), builder(&context) {}

  llvm::Expected<OwningOpRef<ModuleOp>> run();

private:
  // Graph structure.
  llvm::Error findRecurrent();
  llvm::Expected<Value> value(const std::string &name);
  llvm::Expected<Value> drive(const std::string &name);
  llvm::Expected<Value> lower(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> openFeedback(const std::string &name);
  llvm::Error closeFeedbacks(const std::string &name, Value value);
  llvm::Expected<RankedTensorType> feedbackType(const std::string &name, const Node &node);
  void outlineCycles(Block &body);

  // One function per NIR node type; errors name no node (value() does).
  llvm::Expected<Value> output(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> dense(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> fixedDense(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> scale(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> conv2d(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> conv1d(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> pool(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> flattenOp(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> delay(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> threshold(const std::string &name, const Node &node, Value x);
  llvm::Expected<Value> neuron(const std::string &name, const Node &node, Value x);

  // Building blocks.
  Location loc(llvm::StringRef hint);
  RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape, Type element) const;
  static llvm::SmallVector<int64_t> shapeOf(Value value);
  static Type elementOf(Value value) { return getElementTypeOrSelf(value.getType()); }
  Value constant(Location at, llvm::ArrayRef<int64_t> shape, const std::vector<double> &values,
                 Type element);
  Attribute paramAttr(const Values &values);
  llvm::Expected<Value> conv2dOp(const std::string &name, Value x, const Param &weight,
                                 llvm::ArrayRef<int64_t> weightShape, const Param *bias,
                                 llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> padding,
                                 llvm::ArrayRef<int64_t> dilation, int64_t groups);
  Value reshape(Value x, llvm::ArrayRef<int64_t> shape, const std::string &name);
  Value delayOp(Value x, int64_t steps, const std::string &name);

  const nird::FlatGraph &graph;
  const Preset &preset;
  double dt;
  const ImportOptions &options;
  std::optional<snnd::ResetMode> reset;
  std::optional<snnd::ResetTiming> timing;
  Type inputType;
  OpBuilder builder;
  Type f32 = builder.getF32Type();

  std::map<std::string, std::vector<std::string>> preds;
  std::map<std::string, std::string> recurrent; // neuron -> its recurrent weight node
  std::map<std::string, Value> values;
  std::vector<std::string> stack;
  // Node -> placeholders for its value that feedback delays read until it
  // is built.
  std::map<std::string, std::vector<Operation *>> feedbacks;
  std::map<std::string, int> namesUsed;
};

} // namespace

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

/// A fresh name for an op's result from `hint` (its node's name), which is
/// also its location: diagnostics and cost reports name layers with it.
Location Importer::loc(llvm::StringRef hint) {
  std::string base;
  for (char c : hint)
    base += (llvm::isAlnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80) ? c : '_';
  if (base.empty())
    base = "v";
  if (llvm::isDigit(base.front()))
    base = "v" + base;
  int n = namesUsed[base]++;
  std::string name = n == 0 ? base : base + "_" + std::to_string(n);
  return NameLoc::get(builder.getStringAttr(name));
}

RankedTensorType Importer::tensorType(llvm::ArrayRef<int64_t> shape, Type element) const {
  llvm::SmallVector<int64_t> full{options.timeSteps};
  full.append(shape.begin(), shape.end());
  return RankedTensorType::get(full, element);
}

llvm::SmallVector<int64_t> Importer::shapeOf(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  return llvm::SmallVector<int64_t>(type.getShape().drop_front());
}

Value Importer::constant(Location at, llvm::ArrayRef<int64_t> shape,
                         const std::vector<double> &values, Type element) {
  auto type = RankedTensorType::get(shape, element);
  DenseElementsAttr attr;
  if (element.isF32()) {
    std::vector<float> floats(values.begin(), values.end());
    attr = DenseElementsAttr::get(type, llvm::ArrayRef<float>(floats));
  } else {
    llvm::SmallVector<APInt> integers;
    for (double v : values)
      integers.push_back(APInt(element.getIntOrFloatBitWidth(), static_cast<int64_t>(v),
                               /*isSigned=*/true));
    attr = DenseElementsAttr::get(type, integers);
  }
  return arith::ConstantOp::create(builder, at, attr);
}

Attribute Importer::paramAttr(const Values &values) {
  if (values.size() == 1)
    return builder.getF64FloatAttr(values.front());
  return builder.getDenseF64ArrayAttr(values);
}

Value Importer::reshape(Value x, llvm::ArrayRef<int64_t> shape, const std::string &name) {
  return snnd::ReshapeOp::create(builder, loc(name), tensorType(shape, elementOf(x)), x, nullptr);
}

Value Importer::delayOp(Value x, int64_t steps, const std::string &name) {
  return snnd::DelayOp::create(builder, loc(name), x.getType(), TypeRange(), x, ValueRange(),
                               uint64_t(steps), nullptr)
      .getResult();
}

//===----------------------------------------------------------------------===//
// Graph structure
//===----------------------------------------------------------------------===//

/// Spiking neuron -> the Affine/Linear node that feeds its own spikes back
/// to it (the node's only input is the neuron): that edge leaves the graph
/// and becomes the neuron's recurrent weight.
llvm::Error Importer::findRecurrent() {
  for (auto [name, node] : llvm::zip(graph.names, graph.nodes)) {
    const std::vector<std::string> &sources = preds[name];
    if ((node->type != "Affine" && node->type != "Linear") || sources.size() != 1)
      continue;
    const std::string &neuron = sources.front();
    const NeuronKind *kind = lookupNeuronKind(graph.lookup(neuron)->type);
    if (!kind || !kind->spiking || !llvm::is_contained(preds[neuron], name))
      continue;
    auto [it, added] = recurrent.try_emplace(neuron, name);
    if (!added)
      return nird::makeError("node '" + neuron + "' has two recurrent weights, '" + it->second +
                             "' and '" + name + "'");
  }
  for (const auto &[neuron, weight] : recurrent) {
    std::vector<std::string> &sources = preds[neuron];
    sources.erase(llvm::find(sources, weight));
  }
  return llvm::Error::success();
}

llvm::Expected<Value> Importer::value(const std::string &name) {
  if (auto it = values.find(name); it != values.end())
    return it->second;
  if (auto it = llvm::find(stack, name); it != stack.end()) {
    llvm::Expected<Value> feedback = openFeedback(name);
    if (!feedback) {
      std::string cycle = llvm::join(llvm::make_range(it, stack.end()), " -> ") + " -> " + name;
      return nird::makeError("cycle " + cycle + ": " + toString(feedback.takeError()));
    }
    return feedback;
  }
  const Node &node = *graph.lookup(name);
  if (preset.fixedPoint && !llvm::is_contained(kFixedPointNodes, node.type))
    return nird::makeError("node '" + name + "' (" + node.type + "): the " + preset.name +
                           " preset maps " +
                           llvm::join(llvm::ArrayRef<llvm::StringLiteral>(kFixedPointNodes), ", ") +
                           " nodes only (Lava's bit-accurate Dense and LIF, as the NIR paper's "
                           "fixed-point converter)");
  stack.push_back(name);
  llvm::Expected<Value> x = drive(name);
  if (!x)
    return x.takeError();
  llvm::Expected<Value> result = lower(name, node, *x);
  if (!result)
    return nird::makeError("node '" + name + "' (" + node.type +
                           "): " + toString(result.takeError()));
  stack.pop_back();
  values[name] = *result;
  if (llvm::Error err = closeFeedbacks(name, *result))
    return nird::makeError("node '" + name + "' (" + node.type + "): " + toString(std::move(err)));
  return *result;
}

/// The previous step's value of `name`, which is being built: a delay of one
/// step reading a placeholder of the type the node's parameters give, until
/// closeFeedbacks replaces it by the node's value.
llvm::Expected<Value> Importer::openFeedback(const std::string &name) {
  const Node &node = *graph.lookup(name);
  if (preset.fixedPoint)
    return nird::makeError("the " + preset.name + " preset has no recurrence");
  llvm::Expected<RankedTensorType> type = feedbackType(name, node);
  if (!type)
    return type.takeError();
  OpBuilder::InsertionGuard guard(builder);
  auto placeholder = UnrealizedConversionCastOp::create(builder, loc(name + "_open"),
                                                        TypeRange{*type}, ValueRange());
  feedbacks[name].push_back(placeholder);
  return delayOp(placeholder.getResult(0), 1, name + "_feedback");
}

/// Connects the feedback delays of `name` to its value.
llvm::Error Importer::closeFeedbacks(const std::string &name, Value value) {
  auto it = feedbacks.find(name);
  if (it == feedbacks.end())
    return llvm::Error::success();
  for (Operation *placeholder : it->second) {
    if (placeholder->getResult(0).getType() != value.getType())
      return nird::makeError(llvm::formatv("its value, of type {0}, closes a cycle whose "
                                           "feedback its parameters gave type {1}",
                                           value.getType(), placeholder->getResult(0).getType())
                                 .str());
    placeholder->getResult(0).replaceAllUsesWith(value);
    placeholder->erase();
  }
  feedbacks.erase(it);
  return llvm::Error::success();
}

/// The type of a node's value known before it is built, from its parameters:
/// neurons (NIR stores their parameters with the layer's shape), Affine and
/// Linear (the weight's rows), Scale and Threshold.
llvm::Expected<RankedTensorType> Importer::feedbackType(const std::string &name,
                                                        const Node &node) {
  const NeuronKind *kind = lookupNeuronKind(node.type);
  const Param *shaped = nullptr;
  Type element = f32;
  if (kind) {
    for (const auto &[key, param] : node.params)
      if (!param.isText() && (!shaped || param.shape.size() > shaped->shape.size()))
        shaped = &param;
    if (kind->spiking)
      element = builder.getI1Type();
  } else if (node.type == "Affine" || node.type == "Linear") {
    const Param &weight = *node.param("weight");
    if (weight.shape.size() == 2)
      return tensorType({weight.shape[0]}, f32);
  } else if (node.type == "Scale") {
    shaped = node.param("scale");
  } else if (node.type == "Threshold") {
    shaped = node.param("threshold");
    element = builder.getI1Type();
  }
  if (!shaped || shaped->shape.empty())
    return nird::makeError("the loop is closed on the edge out of '" + name + "' (" + node.type +
                           "), whose parameters do not give its shape (a neuron with "
                           "per-neuron parameters, an Affine, Linear, Scale or Threshold node "
                           "does)");
  return tensorType(shaped->shape, element);
}

/// The input of a node: its one source, or the float sum of several.
llvm::Expected<Value> Importer::drive(const std::string &name) {
  const std::vector<std::string> &sources = preds[name];
  if (sources.empty())
    return nird::makeError("node '" + name + "' (" + graph.lookup(name)->type +
                           ") has no incoming edge");
  llvm::SmallVector<Value> xs;
  for (const std::string &source : sources) {
    llvm::Expected<Value> x = value(source);
    if (!x)
      return x.takeError();
    xs.push_back(*x);
  }
  if (xs.size() == 1)
    return xs.front();
  if (preset.fixedPoint)
    return nird::makeError(llvm::formatv("node '{0}' has {1} inputs: the {2} preset does not sum "
                                         "inputs",
                                         name, xs.size(), preset.name)
                               .str());
  if (llvm::any_of(xs, [&](Value x) { return shapeOf(x) != shapeOf(xs.front()); })) {
    llvm::SmallVector<std::string> shapes;
    for (auto [source, x] : llvm::zip(sources, xs))
      shapes.push_back("'" + source + "' " + nird::formatShape(shapeOf(x)));
    return nird::makeError("node '" + name +
                           "': its inputs cannot be summed, their shapes differ (" +
                           llvm::join(shapes, ", ") + ")");
  }
  return snnd::AddOp::create(builder, loc(name + "_sum"), tensorType(shapeOf(xs.front()), f32), xs,
                             snnd::AddModeAttr(), nullptr)
      .getResult();
}

llvm::Expected<Value> Importer::lower(const std::string &name, const Node &node, Value x) {
  llvm::StringRef type = node.type;
  if (type == "Identity")
    return x;
  if (type == "Output")
    return output(name, node, x);
  if (type == "Affine" || type == "Linear")
    return dense(name, node, x);
  if (type == "Scale")
    return scale(name, node, x);
  if (type == "Conv2d")
    return conv2d(name, node, x);
  if (type == "Conv1d")
    return conv1d(name, node, x);
  if (type == "SumPool2d" || type == "AvgPool2d")
    return pool(name, node, x);
  if (type == "Flatten")
    return flattenOp(name, node, x);
  if (type == "Delay")
    return delay(name, node, x);
  if (type == "Threshold")
    return threshold(name, node, x);
  if (lookupNeuronKind(type))
    return neuron(name, node, x);
  // An Input reached through an edge is built already; the reader accepts
  // no other type.
  return nird::makeError("cannot be built from an incoming edge");
}

//===----------------------------------------------------------------------===//
// Node types
//===----------------------------------------------------------------------===//

llvm::Expected<Value> Importer::output(const std::string &name, const Node &node, Value x) {
  const Param *declared = node.param("shape");
  llvm::SmallVector<int64_t> shape = shapeOf(x);
  if (!declared || ints(*declared) == shape)
    return x;
  if (product(ints(*declared)) != product(shape))
    return nird::makeError("declares shape " + nird::formatShape(ints(*declared)) +
                           ", but receives " + nird::formatShape(shape));
  return reshape(x, ints(*declared), name);
}

llvm::Expected<Value> Importer::dense(const std::string &name, const Node &node, Value x) {
  const Param &weight = *node.param("weight");
  if (llvm::Error err = expectRank("weight", weight.shape, 2, "(out, in)"))
    return std::move(err);
  if (llvm::Error err = expectRank("input", shapeOf(x), 1, "(insert a Flatten before it)"))
    return std::move(err);
  if (preset.fixedPoint)
    return fixedDense(name, node, x);
  int64_t m = weight.shape[0], n = shapeOf(x)[0];
  if (weight.shape[1] != n)
    return nird::makeError("dense: weight " + nird::formatShape(weight.shape) + " does not take " +
                           std::to_string(n) + " inputs");
  const Param *bias = node.param("bias");
  if (bias && bias->size() != m)
    return nird::makeError(llvm::formatv("bias has {0} values for {1} outputs", bias->size(), m));
  Location at = loc(name);
  Value w = constant(at, weight.shape, weight.values, f32);
  Value b = bias ? constant(at, {m}, bias->values, f32) : Value();
  return snnd::DenseOp::create(builder, at, tensorType({m}, f32), x, w, b, nullptr, nullptr,
                               nullptr)
      .getResult();
}

/// Lava's Dense in front of the one LIF this node feeds, with that LIF's
/// input weight r dt/tau folded into its integer weights.
llvm::Expected<Value> Importer::fixedDense(const std::string &name, const Node &node, Value x) {
  std::vector<std::string> consumers;
  for (const std::string &target : graph.names)
    if (llvm::is_contained(preds[target], name))
      consumers.push_back(target);
  const Node *lif = consumers.size() == 1 ? graph.lookup(consumers.front()) : nullptr;
  if (!lif || lif->type != "LIF" || preds[consumers.front()].size() != 1)
    return nird::makeError("the " + preset.name + " preset needs an " + node.type +
                           " node to feed exactly one LIF, and nothing else (it becomes that LIF's "
                           "Dense)");
  if (!elementOf(x).isInteger(1))
    return nird::makeError("Lava's Dense reads spikes, not " + typeName(elementOf(x)) +
                           " (give spike inputs, --input-dtype i1)");
  const Param *bias = node.param("bias");
  if (bias && llvm::any_of(bias->values, [](double b) { return b != 0; }))
    return nird::makeError("Lava's Dense has no bias");
  const Param &weight = *node.param("weight");
  int64_t m = weight.shape[0], n = weight.shape[1];
  if (n != shapeOf(x)[0])
    return nird::makeError("dense: weight " + nird::formatShape(weight.shape) + " does not take " +
                           std::to_string(shapeOf(x)[0]) + " inputs");
  const Values &r = lif->param("r")->values, &tau = lif->param("tau")->values;
  if ((r.size() != 1 && int64_t(r.size()) != m) || (tau.size() != 1 && int64_t(tau.size()) != m) ||
      (r.size() != 1 && tau.size() != 1 && r.size() != tau.size()))
    return nird::makeError(
        llvm::formatv("the LIF's r and tau ({0} and {1} values) do not broadcast "
                      "to its {2} inputs",
                      r.size(), tau.size(), m));
  std::vector<double> scaled(weight.values);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      scaled[i * n + j] *= r[r.size() == 1 ? 0 : i] * dt / tau[tau.size() == 1 ? 0 : i];
  Location at = loc(name);
  Value w = constant(at, weight.shape, preset.fixedPoint->denseWeights(scaled),
                     builder.getIntegerType(16));
  return snnd::DenseOp::create(builder, at, tensorType({m}, builder.getIntegerType(32)), x, w,
                               Value(), nullptr, nullptr, nullptr)
      .getResult();
}

llvm::Expected<Value> Importer::scale(const std::string &name, const Node &node, Value x) {
  llvm::Expected<Values> factor = compactParam(node.param("scale")->values, shapeOf(x), "scale");
  if (!factor)
    return factor.takeError();
  return snnd::ScaleOp::create(builder, loc(name), tensorType(shapeOf(x), f32), x,
                               paramAttr(*factor), ValueRange(), nullptr, nullptr)
      .getResult();
}

llvm::Expected<Value> Importer::conv2dOp(const std::string &name, Value x, const Param &weight,
                                         llvm::ArrayRef<int64_t> weightShape, const Param *bias,
                                         llvm::ArrayRef<int64_t> stride,
                                         llvm::ArrayRef<int64_t> padding,
                                         llvm::ArrayRef<int64_t> dilation, int64_t groups) {
  llvm::SmallVector<int64_t> in = shapeOf(x);
  int64_t c = in[0], k = weightShape[0], cg = weightShape[1];
  if (c % groups || k % groups || cg != c / groups)
    return nird::makeError(llvm::formatv("conv2d: {0} input channels, {1} outputs, groups {2} and "
                                         "weight {3} do not fit together",
                                         c, k, groups, nird::formatShape(weightShape)));
  llvm::Expected<int64_t> oh =
      windowSize(in[1], weightShape[2], stride[0], padding[0], dilation[0]);
  if (!oh)
    return oh.takeError();
  llvm::Expected<int64_t> ow =
      windowSize(in[2], weightShape[3], stride[1], padding[1], dilation[1]);
  if (!ow)
    return ow.takeError();
  if (bias && bias->size() != k)
    return nird::makeError(llvm::formatv("bias has {0} values for {1} outputs", bias->size(), k));
  Location at = loc(name);
  Value w = constant(at, weightShape, weight.values, f32);
  Value b = bias ? constant(at, {k}, bias->values, f32) : Value();
  auto pairOrDefault = [&](llvm::ArrayRef<int64_t> pair, int64_t fallback) {
    return llvm::all_of(pair, [&](int64_t v) { return v == fallback; })
               ? DenseI64ArrayAttr()
               : builder.getDenseI64ArrayAttr(pair);
  };
  return snnd::Conv2dOp::create(builder, at, tensorType({k, *oh, *ow}, f32), x, w, b,
                                pairOrDefault(stride, 1), pairOrDefault(padding, 0),
                                pairOrDefault(dilation, 1),
                                groups == 1 ? IntegerAttr() : builder.getI64IntegerAttr(groups),
                                nullptr, nullptr, nullptr)
      .getResult();
}

llvm::Expected<Value> Importer::conv2d(const std::string &name, const Node &node, Value x) {
  const Param &weight = *node.param("weight");
  if (llvm::Error err = expectRank("weight", weight.shape, 4, "(out, in/groups, kh, kw)"))
    return std::move(err);
  if (llvm::Error err = expectRank("input", shapeOf(x), 3, "(C, H, W)"))
    return std::move(err);
  llvm::SmallVector<int64_t> stride = ints(*node.param("stride")),
                             dilation = ints(*node.param("dilation"));
  llvm::Expected<llvm::SmallVector<int64_t>> padding = samePadding(
      *node.param("padding"), llvm::ArrayRef(weight.shape).drop_front(2), dilation, stride);
  if (!padding)
    return padding.takeError();
  return conv2dOp(name, x, weight, weight.shape, node.param("bias"), stride, *padding, dilation,
                  int64_t(node.param("groups")->values.front()));
}

/// (C, L) -> (C, 1, L), a conv2d with kernel (1, K), -> (K, L').
llvm::Expected<Value> Importer::conv1d(const std::string &name, const Node &node, Value x) {
  const Param &weight = *node.param("weight");
  if (llvm::Error err = expectRank("weight", weight.shape, 3, "(out, in/groups, k)"))
    return std::move(err);
  llvm::SmallVector<int64_t> in = shapeOf(x);
  if (llvm::Error err = expectRank("input", in, 2, "(C, L)"))
    return std::move(err);
  llvm::SmallVector<int64_t> stride = ints(*node.param("stride")),
                             dilation = ints(*node.param("dilation"));
  llvm::Expected<llvm::SmallVector<int64_t>> padding =
      samePadding(*node.param("padding"), {weight.shape[2]}, dilation, stride);
  if (!padding)
    return padding.takeError();
  Value rows = reshape(x, {in[0], 1, in[1]}, name + "_2d");
  int64_t weightShape[] = {weight.shape[0], weight.shape[1], 1, weight.shape[2]};
  llvm::Expected<Value> y =
      conv2dOp(name, rows, weight, weightShape, node.param("bias"), {1, stride[0]},
               {0, (*padding)[0]}, {1, dilation[0]}, int64_t(node.param("groups")->values.front()));
  if (!y)
    return y.takeError();
  llvm::SmallVector<int64_t> out = shapeOf(*y);
  return reshape(*y, {out[0], out[2]}, name + "_1d");
}

llvm::Expected<Value> Importer::pool(const std::string &name, const Node &node, Value x) {
  llvm::SmallVector<int64_t> in = shapeOf(x);
  if (llvm::Error err = expectRank("input", in, 3, "(C, H, W)"))
    return std::move(err);
  llvm::SmallVector<int64_t> kernel = ints(*node.param("kernel_size"));
  const Param *strideParam = node.param("stride");
  llvm::SmallVector<int64_t> stride = strideParam ? ints(*strideParam) : kernel;
  llvm::SmallVector<int64_t> padding = ints(*node.param("padding"));
  llvm::Expected<int64_t> oh = windowSize(in[1], kernel[0], stride[0], padding[0], 1);
  if (!oh)
    return oh.takeError();
  llvm::Expected<int64_t> ow = windowSize(in[2], kernel[1], stride[1], padding[1], 1);
  if (!ow)
    return ow.takeError();
  RankedTensorType type = tensorType({in[0], *oh, *ow}, f32);
  DenseI64ArrayAttr strideAttr = stride == kernel ? nullptr : builder.getDenseI64ArrayAttr(stride);
  DenseI64ArrayAttr paddingAttr = llvm::all_of(padding, [](int64_t p) { return p == 0; })
                                      ? nullptr
                                      : builder.getDenseI64ArrayAttr(padding);
  DenseI64ArrayAttr kernelAttr = builder.getDenseI64ArrayAttr(kernel);
  if (node.type == "SumPool2d")
    return snnd::SumPool2dOp::create(builder, loc(name), type, x, kernelAttr, strideAttr,
                                     paddingAttr, nullptr)
        .getResult();
  return snnd::AvgPool2dOp::create(builder, loc(name), type, x, kernelAttr, strideAttr, paddingAttr,
                                   nullptr)
      .getResult();
}

/// NIR's dims count from the per-sample shape; files whose input_type has
/// one dimension more counted a batch dimension: shift them back.
llvm::Expected<Value> Importer::flattenOp(const std::string &name, const Node &node, Value x) {
  int64_t start = int64_t(node.param("start_dim")->values.front());
  int64_t end = int64_t(node.param("end_dim")->values.front());
  llvm::SmallVector<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  if (const Param *declared = node.param("input_type"); declared && declared->size() == rank + 1) {
    start = start > 0 ? start - 1 : start;
    end = end > 0 ? end - 1 : end;
  }
  int64_t s = start < 0 ? start + rank : start, e = end < 0 ? end + rank : end;
  if (!(0 <= s && s <= e && e < rank))
    return nird::makeError(
        llvm::formatv("flatten: bad dims {0}..{1} for rank {2}", start, end, rank));
  llvm::SmallVector<int64_t> out(in.begin(), in.begin() + s);
  out.push_back(product(llvm::ArrayRef(in).slice(s, e - s + 1)));
  out.append(in.begin() + e + 1, in.end());
  return snnd::FlattenOp::create(builder, loc(name), tensorType(out, elementOf(x)), x,
                                 start == 0 ? IntegerAttr() : builder.getI64IntegerAttr(start),
                                 end == -1 ? IntegerAttr() : builder.getI64IntegerAttr(end),
                                 nullptr)
      .getResult();
}

llvm::Expected<Value> Importer::delay(const std::string &name, const Node &node, Value x) {
  const Values &delays = node.param("delay")->values;
  std::set<double> steps;
  for (double d : delays)
    steps.insert(std::nearbyint(d / dt)); // half to even, as NumPy
  if (steps.size() != 1) {
    llvm::SmallVector<std::string> listed;
    for (double s : steps)
      listed.push_back(llvm::formatv("{0:f1}", s).str());
    return nird::makeError(llvm::formatv("delays of [{0}] steps (dt = {1}) differ across neurons; "
                                         "snn.delay takes one",
                                         llvm::join(listed, ", "), nird::formatNumber(dt)));
  }
  double count = *steps.begin();
  if (count < 0)
    return nird::makeError("negative delay " +
                           nird::formatNumber(*std::min_element(delays.begin(), delays.end())));
  if (count == 0)
    return x;
  if (count >= double(int64_t(1) << 31))
    return nird::makeError("a delay of " + nird::formatNumber(count) + " steps is too long");
  return delayOp(x, int64_t(count), name);
}

llvm::Expected<Value> Importer::threshold(const std::string &name, const Node &node, Value x) {
  llvm::Expected<Values> theta =
      compactParam(node.param("threshold")->values, shapeOf(x), "threshold");
  if (!theta)
    return theta.takeError();
  return snnd::ThresholdOp::create(builder, loc(name), tensorType(shapeOf(x), builder.getI1Type()),
                                   x, paramAttr(*theta),
                                   snnd::CompareAttr::get(builder.getContext(), preset.compare),
                                   ValueRange(), nullptr, nullptr)
      .getResult();
}

llvm::Expected<Value> Importer::neuron(const std::string &name, const Node &node, Value x) {
  const NeuronKind &kind = *lookupNeuronKind(node.type);
  llvm::SmallVector<int64_t> shape = shapeOf(x);
  int64_t neurons = product(shape);
  std::map<std::string, Values> params;
  for (const auto &[key, param] : node.params)
    params[key] = param.values;
  bool folded = false;
  if (preset.fixedPoint) {
    folded = llvm::is_contained({llvm::StringRef("Affine"), llvm::StringRef("Linear")},
                                graph.lookup(preds[name].front())->type);
    if (recurrent.count(name))
      return nird::makeError("the " + preset.name + " preset has no recurrence");
    if (!elementOf(x).isInteger())
      return nird::makeError("Lava's LIF takes integer activations or spikes, not f32 (give spike "
                             "inputs, --input-dtype i1)");
    for (auto &[key, values] : params) {
      if (values.size() == 1)
        values.assign(neurons, values.front());
      else if (int64_t(values.size()) != neurons)
        return nird::makeError(llvm::formatv("'{0}' has {1} values for a layer of shape {2}", key,
                                             values.size(), nird::formatShape(shape)));
    }
  }
  llvm::Expected<NeuronAttrs> attrs =
      neuronAttrs(preset, node.type, params, dt, reset, timing, folded);
  if (!attrs)
    return attrs.takeError();
  llvm::SmallVector<NamedAttribute> named;
  for (const auto &[key, values] : attrs->params) {
    llvm::Expected<Values> compact = compactParam(values, shape, key);
    if (!compact)
      return compact.takeError();
    named.emplace_back(builder.getStringAttr(key), paramAttr(*compact));
  }
  Type state = attrs->stateBits ? Type(builder.getIntegerType(*attrs->stateBits)) : f32;
  named.emplace_back(builder.getStringAttr("state_type"), TypeAttr::get(state));
  MLIRContext *context = builder.getContext();
  // The op the preset chose: a fixed-point LIF is Lava's current-based one.
  bool current = attrs->op.starts_with("cuba");
  if (current && attrs->stateBits)
    named.emplace_back(builder.getStringAttr("syn_type"), TypeAttr::get(state));
  auto addMode = [&](llvm::StringRef key, auto mode, auto fallback, auto get) {
    if (mode && *mode != fallback)
      named.emplace_back(builder.getStringAttr(key), get(context, *mode));
  };
  addMode("rounding", attrs->rounding, snnd::Rounding::Floor, snnd::RoundingAttr::get);
  addMode("overflow", attrs->overflow, snnd::Overflow::Saturate, snnd::OverflowAttr::get);
  addMode("syn_rounding", attrs->synRounding, snnd::Rounding::Floor, snnd::RoundingAttr::get);
  addMode("syn_overflow", attrs->synOverflow, snnd::Overflow::Saturate, snnd::OverflowAttr::get);
  addMode("compare", attrs->compare, snnd::Compare::GT, snnd::CompareAttr::get);
  addMode("reset", attrs->reset, snnd::ResetMode::Subtract, snnd::ResetModeAttr::get);
  addMode("reset_timing", attrs->resetTiming, snnd::ResetTiming::Same, snnd::ResetTimingAttr::get);

  const Node *weightNode = nullptr;
  if (auto it = recurrent.find(name); it != recurrent.end()) {
    weightNode = graph.lookup(it->second);
    if (llvm::Error err =
            expectRank("layer", shape, 1, "for the recurrent weight '" + it->second + "'"))
      return std::move(err);
    const Param &weight = *weightNode->param("weight");
    if (weight.shape != llvm::ArrayRef<int64_t>{neurons, neurons})
      return nird::makeError("recurrent weight '" + it->second + "' has shape " +
                             nird::formatShape(weight.shape) + ", expected " +
                             nird::formatShape({neurons, neurons}));
    if (const Param *bias = weightNode->param("bias"); bias && bias->size() != neurons)
      return nird::makeError(llvm::formatv("recurrent bias '{0}' has {1} values for {2} neurons",
                                           it->second, bias->size(), neurons));
  }
  if (preset.synapseDelay)
    x = delayOp(x, preset.synapseDelay, name + "_synapse_delay");
  Location at = loc(name);
  llvm::SmallVector<Value> operands{x};
  int32_t recurrentOperands = 0, biasOperands = 0;
  if (weightNode) {
    // The recurrent drive has the type of the state it enters.
    operands.push_back(
        constant(at, {neurons, neurons}, weightNode->param("weight")->values, state));
    recurrentOperands = 1;
    if (const Param *bias = weightNode->param("bias")) {
      operands.push_back(constant(at, {neurons}, bias->values, state));
      biasOperands = 1;
    }
  }
  named.emplace_back(builder.getStringAttr("operandSegmentSizes"),
                     builder.getDenseI32ArrayAttr({1, recurrentOperands, biasOperands, 0, 0}));
  Type result = tensorType(shape, kind.spiking ? Type(builder.getI1Type()) : state);
  NeuronBuilder create = llvm::StringSwitch<NeuronBuilder>(attrs->op)
                             .Case("lif", buildNeuron<snnd::LIFOp>)
                             .Case("cuba_lif", buildNeuron<snnd::CubaLIFOp>)
                             .Case("li", buildNeuron<snnd::LIOp>)
                             .Default(buildNeuron<snnd::CubaLIOp>);
  Value y = create(builder, at, result, operands, named);
  if (preset.spikeDelay && kind.spiking)
    y = delayOp(y, preset.spikeDelay, name + "_spike_delay");
  return y;
}

//===----------------------------------------------------------------------===//
// The function
//===----------------------------------------------------------------------===//

/// Moves the ops of each loop of `body` (a strongly connected set of ops,
/// which only the feedback delays make) into an snn.cycle placed where its
/// last op was: the ops the loop reads were built before it, the ops that
/// read it after it.
void Importer::outlineCycles(Block &body) {
  // Tarjan's algorithm over the ops' operands, in block order.
  llvm::DenseMap<Operation *, unsigned> order, low;
  llvm::SmallVector<Operation *> stackOps;
  llvm::SmallPtrSet<Operation *, 16> onStack;
  std::vector<llvm::SmallVector<Operation *>> loops;
  unsigned counter = 0;
  std::function<void(Operation *)> visit = [&](Operation *op) {
    order[op] = low[op] = counter++;
    stackOps.push_back(op);
    onStack.insert(op);
    for (Value operand : op->getOperands()) {
      Operation *def = operand.getDefiningOp();
      if (!def || def->getBlock() != &body)
        continue;
      if (!order.count(def)) {
        visit(def);
        low[op] = std::min(low[op], low[def]);
      } else if (onStack.contains(def)) {
        low[op] = std::min(low[op], order[def]);
      }
    }
    if (low[op] != order[op])
      return;
    llvm::SmallVector<Operation *> component;
    Operation *member;
    do {
      member = stackOps.pop_back_val();
      onStack.erase(member);
      component.push_back(member);
    } while (member != op);
    bool readsItself =
        llvm::any_of(op->getOperands(), [&](Value v) { return v.getDefiningOp() == op; });
    if (component.size() > 1 || readsItself)
      loops.push_back(component);
  };
  for (Operation &op : body)
    if (!order.count(&op))
      visit(&op);

  for (llvm::SmallVector<Operation *> &members : loops) {
    llvm::sort(members, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    llvm::SmallPtrSet<Operation *, 16> inside(members.begin(), members.end());
    llvm::SmallVector<Value> escaping;
    for (Operation *op : members)
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *u) { return !inside.contains(u); }))
          escaping.push_back(result);
    builder.setInsertionPointAfter(members.back());
    auto cycle = snnd::CycleOp::create(builder, members.front()->getLoc(),
                                       ValueRange(escaping).getTypes());
    Block &cycleBody = cycle.getBody().front();
    for (Operation *op : members)
      op->moveBefore(&cycleBody, cycleBody.end());
    builder.setInsertionPointToEnd(&cycleBody);
    snnd::YieldOp::create(builder, cycle.getLoc(), escaping);
    for (auto [value, result] : llvm::zip(escaping, cycle.getResults()))
      value.replaceUsesWithIf(result, [&](OpOperand &use) {
        return use.getOwner()->getParentOp() != cycle;
      });
  }
}

llvm::Expected<OwningOpRef<ModuleOp>> Importer::run() {
  for (const std::string &name : graph.names)
    preds[name];
  for (const auto &[source, target] : graph.edges)
    preds[target].push_back(source);
  if (llvm::Error err = findRecurrent())
    return std::move(err);

  MLIRContext &context = *builder.getContext();
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, UnknownLoc::get(&context), options.funcName,
                                   builder.getFunctionType({}, {}));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToStart(body);
  llvm::SmallVector<Type> inputs;
  for (auto [name, node] : llvm::zip(graph.names, graph.nodes)) {
    if (node->type != "Input")
      continue;
    RankedTensorType type = tensorType(ints(*node->param("shape")), inputType);
    values[name] = body->addArgument(type, loc(name));
    inputs.push_back(type);
  }
  llvm::SmallVector<Value> results;
  for (auto [name, node] : llvm::zip(graph.names, graph.nodes)) {
    if (node->type != "Output")
      continue;
    llvm::Expected<Value> result = value(name);
    if (!result)
      return result.takeError();
    results.push_back(*result);
  }
  if (results.empty())
    return nird::makeError("the graph has no Output node");
  func::ReturnOp::create(builder, UnknownLoc::get(&context), results);
  func.setFunctionType(builder.getFunctionType(inputs, ValueRange(results).getTypes()));
  outlineCycles(*body);

  // An importer emits only what the verifier accepts.
  std::string diagnostic;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diagnostic.empty())
      diagnostic = diag.str();
    return success();
  });
  if (failed(verify(*module)))
    return nird::makeError("the imported module does not verify: " + diagnostic);
  return module;
}

namespace snn::nir {
llvm::Expected<OwningOpRef<ModuleOp>> importNIR(const Graph &graph, const ImportOptions &options,
                                                MLIRContext &context) {
  context.loadDialect<snnd::SNNDialect, arith::ArithDialect, func::FuncDialect>();
  llvm::Expected<const Preset &> preset = getPreset(options.preset);
  std::string input = options.inputType.value_or("");
  bool fixed = preset && preset->fixedPoint;
  if (input.empty())
    input = fixed ? "i1" : "f32";
  else if (fixed && input != "i1")
    return nird::makeError("the " + options.preset + " preset takes spikes (input dtype i1), not " +
                           input + ": Lava's fixed-point Dense reads spikes");
  if (input != "f32" && input != "i1")
    return nird::makeError("input dtype must be one of f32, i1, got '" + input + "'");
  if (!preset)
    return preset.takeError();
  llvm::Expected<double> dt = resolveDt(*preset, options.dt);
  if (!dt)
    return dt.takeError();
  std::optional<snnd::ResetMode> reset;
  if (options.reset) {
    llvm::Expected<snnd::ResetMode> mode = parseResetMode(*options.reset);
    if (!mode)
      return mode.takeError();
    reset = *mode;
  }
  std::optional<snnd::ResetTiming> timing;
  if (options.resetTiming) {
    llvm::Expected<snnd::ResetTiming> parsed = parseResetTiming(*options.resetTiming);
    if (!parsed)
      return parsed.takeError();
    timing = *parsed;
  }
  if (options.timeSteps < 1)
    return nird::makeError("a network needs at least one time step");
  if (!graph.root.isGraph())
    return nird::makeError("the root node is a " + graph.root.type + ", not a NIRGraph");
  llvm::Expected<nird::FlatGraph> flat = nird::flatten(graph.root);
  if (!flat)
    return flat.takeError();
  OpBuilder types(&context);
  Type inputType = input == "i1" ? Type(types.getI1Type()) : Type(types.getF32Type());
  return Importer(*flat, *preset, *dt, options, reset, timing, inputType, context).run();
}
} // namespace snn::nir
