//===- NIRExportInternal.h - Shared pieces of the NIR export ----*- C++ -*-===//
//
// Private to lib/Target/NIR: the context of one export, errors naming the op
// that cannot be exported, and the node of each op: synapses
// (NIRExportLayers.cpp) and neurons (NIRExportNeurons.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_NIR_NIREXPORTINTERNAL_H
#define LIB_TARGET_NIR_NIREXPORTINTERNAL_H

#include "snn/Target/NIR/NIRGraph.h"
#include "snn/Target/NIR/NIRPresets.h"

#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace snn::nir {

/// What every op's export needs: the preset and time step it was imported
/// with, and the reset the neurons must have.
struct ExportContext {
  const Preset &preset;
  double dt;
  mlir::snn::ResetMode reset;
  std::optional<mlir::snn::ResetTiming> resetTiming; // override of the preset's
};

/// A one-line error "<file:line:col>: 'snn.lif' (node 'name') cannot be
/// exported to NIR: <reason>".
llvm::Error exportError(mlir::Operation *op, const llvm::Twine &reason);

/// A number with every digit that tells it apart (%.17g).
std::string exactText(double value);

/// The name a location gives, or "" when it has none.
std::string locationName(mlir::Location loc);

/// The per-step shape of a value `tensor<T x ...>`.
inline llvm::ArrayRef<int64_t> stepShape(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType()).getShape().drop_front();
}

inline int64_t countOf(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// The neurons of one channel (per-step dimension 0) of a layer: an snn
/// parameter with one value per channel gives neuron `i` value `i / this`.
inline int64_t neuronsPerChannel(llvm::ArrayRef<int64_t> shape) {
  return shape.empty() || shape[0] == 0 ? 1 : countOf(shape) / shape[0];
}

/// Integers (a shape, strides) as a NIR parameter.
inline Param intArray(llvm::ArrayRef<int64_t> values) {
  return Param::array({static_cast<int64_t>(values.size())},
                      std::vector<double>(values.begin(), values.end()));
}

/// The NIR node of a stateless graph-level op (dense, conv2d, pooling,
/// flatten, scale, threshold, delay), or an error naming it.
llvm::Expected<Node> exportLayer(mlir::Operation *op, const ExportContext &context);

/// The Conv1d node of an `snn.conv2d` with kernel (1, K) that the importer
/// made for one, whose input before its reshape is `input` (C, L).
llvm::Expected<Node> exportConv1d(mlir::snn::Conv2dOp conv, mlir::Value input);

/// An Affine node (Linear without `bias`) of the constant weights of `op`;
/// errors call them its `role`weight and `role`bias.
llvm::Expected<Node> exportWeights(mlir::Operation *op, mlir::Value weight,
                                   mlir::Value bias, llvm::StringRef role = "");

/// The NIR neuron node (LIF, IF, CubaLIF, LI, I, CubaLI) of a neuron op,
/// its parameters inverted from the preset's discretisation so that
/// importing it with `context` gives the op's attributes back exactly.
llvm::Expected<Node> exportNeuron(mlir::Operation *op, const ExportContext &context);

} // namespace snn::nir

#endif // LIB_TARGET_NIR_NIREXPORTINTERNAL_H
