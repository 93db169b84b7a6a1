//===- NIRExportLayers.cpp - snn synapse ops as NIR nodes -----------------===//
//
// The node of each stateless graph-level op, parameters and all: weights
// from their constants, scale and threshold factors with the layer's full
// shape, delays in seconds. Where the node goes in the graph is
// NIRExport.cpp's business.
//
//===----------------------------------------------------------------------===//

#include "NIRExportInternal.h"

#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace snn::nir;
using mlir::Operation;
using mlir::Value;
namespace ir = mlir::snn;

namespace {

/// A real-valued result (the importer makes every synapse's output f32).
llvm::Error checkF32(Operation *op) {
  auto type = mlir::cast<mlir::RankedTensorType>(op->getResult(0).getType());
  if (!type.getElementType().isF32())
    return exportError(op, "its result is not f32 (NIR carries real values; export float "
                           "networks)");
  return llvm::Error::success();
}

/// The numbers of a constant weight or bias operand.
llvm::Expected<Param> constant(Operation *op, Value value, const std::string &what) {
  mlir::DenseElementsAttr attr;
  if (!mlir::matchPattern(value, mlir::m_Constant(&attr)))
    return exportError(op, "its " + what + " is not a constant");
  if (!attr.getElementType().isF32())
    return exportError(op, "its " + what + " is not f32 (NIR weights are real numbers; "
                                            "export float networks)");
  std::vector<double> values;
  for (float v : attr.getValues<float>())
    values.push_back(v);
  return Param::array(attr.getType().getShape(), std::move(values));
}

/// A scale or threshold parameter with the layer's full shape.
llvm::Expected<Param> layerParam(Operation *op, mlir::Attribute attr, llvm::StringRef what) {
  if (op->hasAttr("layer_shape"))
    return exportError(op, "it is a spatial tile (snn-tile-spatial): export the network "
                           "before tiling");
  llvm::ArrayRef<int64_t> shape = stepShape(op->getOperand(0));
  mlir::FailureOr<ir::Param> param =
      ir::Param::get(attr, 0.0, shape, what, [&] { return op->emitError(); });
  if (mlir::failed(param))
    return exportError(op, "its '" + what + "' does not fit its layer");
  int64_t count = countOf(shape);
  int64_t perChannel = neuronsPerChannel(shape);
  std::vector<double> values;
  for (int64_t i = 0; i < count; ++i)
    values.push_back(param->at(i / perChannel, i));
  return Param::array(shape, std::move(values));
}

llvm::Expected<Node> conv2d(ir::Conv2dOp conv) {
  llvm::Expected<Node> node = exportWeights(conv, conv.getWeight(), conv.getBias());
  if (!node)
    return node.takeError();
  node->type = "Conv2d";
  node->params["stride"] = intArray(conv.getStride());
  node->params["padding"] = intArray(conv.getPadding());
  node->params["dilation"] = intArray(conv.getDilation());
  node->params["groups"] = Param::scalar(conv.getGroups());
  node->params["input_shape"] = intArray(stepShape(conv.getInput()).drop_front());
  return node;
}

template <typename PoolOp>
Node pool(PoolOp op, llvm::StringRef type) {
  Node node;
  node.type = type.str();
  node.params["kernel_size"] = intArray(op.getKernel());
  if (std::optional<llvm::ArrayRef<int64_t>> stride = op.getStride())
    node.params["stride"] = intArray(*stride);
  node.params["padding"] = intArray(op.getPadding());
  return node;
}

Node flatten(ir::FlattenOp op) {
  Node node;
  node.type = "Flatten";
  node.params["start_dim"] = Param::scalar(static_cast<int64_t>(op.getStartDim()));
  node.params["end_dim"] = Param::scalar(static_cast<int64_t>(op.getEndDim()));
  node.params["input_type"] = intArray(stepShape(op.getInput()));
  return node;
}

llvm::Expected<Node> scale(ir::ScaleOp op) {
  llvm::Expected<Param> factor = layerParam(op, op.getFactor(), "factor");
  if (!factor)
    return factor.takeError();
  Node node;
  node.type = "Scale";
  node.params["scale"] = std::move(*factor);
  return node;
}

llvm::Expected<Node> threshold(ir::ThresholdOp op, const ExportContext &context) {
  if (op.getCompare() != context.preset.compare)
    return exportError(op, llvm::formatv("it compares with '{0}', the {1} preset with '{2}' "
                                         "(NIR does not record the comparison)",
                                         ir::stringifyCompare(op.getCompare()),
                                         context.preset.name,
                                         ir::stringifyCompare(context.preset.compare)));
  llvm::Expected<Param> theta = layerParam(op, op.getThreshold(), "threshold");
  if (!theta)
    return theta.takeError();
  Node node;
  node.type = "Threshold";
  node.params["threshold"] = std::move(*theta);
  return node;
}

llvm::Expected<Node> delay(ir::DelayOp op, const ExportContext &context) {
  if (!op.getInit().empty())
    return exportError(op, "it is in explicit-state form (init operands): export the "
                           "network before snn-batch-time");
  llvm::ArrayRef<int64_t> shape = stepShape(op.getInput());
  double seconds = static_cast<double>(op.getSteps()) * context.dt;
  Node node;
  node.type = "Delay";
  node.params["delay"] = Param::array(shape, std::vector<double>(countOf(shape), seconds));
  return node;
}

} // namespace

llvm::Expected<Node> snn::nir::exportWeights(Operation *op, Value weight, Value bias,
                                             llvm::StringRef role) {
  llvm::Expected<Param> weights = constant(op, weight, role.str() + "weight");
  if (!weights)
    return weights.takeError();
  Node node;
  node.type = bias ? "Affine" : "Linear";
  node.params["weight"] = std::move(*weights);
  if (!bias)
    return node;
  llvm::Expected<Param> biases = constant(op, bias, role.str() + "bias");
  if (!biases)
    return biases.takeError();
  node.params["bias"] = std::move(*biases);
  return node;
}

llvm::Expected<Node> snn::nir::exportConv1d(ir::Conv2dOp conv, Value input) {
  llvm::Expected<Node> node = conv2d(conv);
  if (!node)
    return node.takeError();
  // (O, I, 1, K) is (O, I, K) in the same order; the kernel's first
  // dimension, of extent 1, has stride 1, no padding and dilation 1.
  node->type = "Conv1d";
  Param &weight = node->params["weight"];
  weight.shape.erase(weight.shape.begin() + 2);
  for (const char *name : {"stride", "padding", "dilation"}) {
    Param &param = node->params[name];
    param.shape = {1};
    param.values.erase(param.values.begin());
  }
  node->params["input_shape"] = intArray(stepShape(input).drop_front());
  return node;
}

llvm::Expected<Node> snn::nir::exportLayer(Operation *op, const ExportContext &context) {
  // Flatten and delay pass their input's type on, a threshold makes spikes.
  if (mlir::isa<ir::DenseOp, ir::Conv2dOp, ir::SumPool2dOp, ir::AvgPool2dOp, ir::ScaleOp>(op))
    if (llvm::Error error = checkF32(op))
      return std::move(error);
  return llvm::TypeSwitch<Operation *, llvm::Expected<Node>>(op)
      .Case([](ir::DenseOp dense) {
        return exportWeights(dense, dense.getWeight(), dense.getBias());
      })
      .Case([](ir::Conv2dOp conv) { return conv2d(conv); })
      .Case([](ir::SumPool2dOp op) { return pool(op, "SumPool2d"); })
      .Case([](ir::AvgPool2dOp op) { return pool(op, "AvgPool2d"); })
      .Case([](ir::FlattenOp op) { return flatten(op); })
      .Case([](ir::ScaleOp op) { return scale(op); })
      .Case([&](ir::ThresholdOp op) { return threshold(op, context); })
      .Case([&](ir::DelayOp op) { return delay(op, context); })
      .Default([](Operation *other) {
        return exportError(other, "it is not a graph-level snn op (export imported or "
                                  "hand-written networks, before lowering)");
      });
}
