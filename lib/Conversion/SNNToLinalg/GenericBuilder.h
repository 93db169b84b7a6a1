//===- GenericBuilder.h - Assembling linalg.generic ops ---------*- C++ -*-===//
//
// Every snn op lowers to one or a few structured ops whose operands are read
// through affine maps of the loops: linalg.generic, or snn_kernel.generic when
// an input is a window whose reads outside it are skipped. GenericBuilder
// collects those operands; ParamOperand adds a per-neuron parameter as a
// constant (scalar) or as a constant tensor operand (per channel, per neuron).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_CONVERSION_SNNTOLINALG_GENERICBUILDER_H
#define SNN_LIB_CONVERSION_SNNTOLINALG_GENERICBUILDER_H

#include "ScalarMath.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::snn {

/// Collects the operands of one structured op and builds it.
class GenericBuilder {
public:
  using BodyFn = function_ref<SmallVector<Value>(ScalarMath &, ValueRange)>;

  GenericBuilder(OpBuilder &b, Location loc, unsigned numLoops)
      : b(b), loc(loc), numLoops(numLoops) {}

  /// Adds an input whose dimension i is loop dimension dims[i]; returns the
  /// index of its scalar among the body arguments.
  unsigned addInput(Value tensor, ArrayRef<unsigned> dims);
  /// Adds an input read through an arbitrary affine map of the loops.
  unsigned addInput(Value tensor, AffineMap map);
  /// Adds an input whose reads outside its shape skip the iteration (the op
  /// becomes an snn_kernel.generic).
  unsigned addWindowedInput(Value tensor, AffineMap map);
  /// Adds an output (destination) indexed like `addInput`.
  unsigned addOutput(Value init, ArrayRef<unsigned> dims);
  /// The expression of an index value the maps may read (a symbol).
  AffineExpr addSymbol(Value value);
  /// The vectorization hint of the op: lanes along loop `lanes`, positions
  /// of loop `block` unrolled into registers.
  void setVectorize(int64_t lanes, int64_t block = -1) { hint = {lanes, block}; }

  /// Builds the op with `iterators`; `body` receives the scalars of inputs
  /// then outputs and returns one value per output.
  Operation *build(ArrayRef<utils::IteratorType> iterators, BodyFn body);

  OpBuilder &builder() { return b; }
  Location getLoc() { return loc; }
  unsigned getNumLoops() const { return numLoops; }

private:
  AffineMap projection(ArrayRef<unsigned> dims);

  OpBuilder &b;
  Location loc;
  unsigned numLoops;
  SmallVector<Value> inputs, outputs, symbols;
  SmallVector<AffineMap> inputMaps, outputMaps;
  SmallVector<bool> windowed;
  std::optional<std::pair<int64_t, int64_t>> hint;
};

/// How a parameter's values are encoded for the arithmetic that uses them.
enum class ParamEncoding {
  Float,   ///< rounded to the float type of the computation
  Integer, ///< an exact i64 (additive parameters of integer neurons)
  Q16,     ///< round-half-even(value * 2^16) as i64 (integer factors)
  Floor,   ///< floor(value) as i64 (integer `x > theta`)
  Ceil,    ///< ceil(value) as i64 (integer `x >= theta`)
};

/// A per-neuron parameter inside a linalg.generic whose loops `stepDims`
/// run over the per-step dimensions of a tile of the op's layer.
class ParamOperand {
public:
  /// `at` are the tile's offsets in the layer (empty for a whole layer),
  /// `tileShape` its per-step shape, `layerShape` the layer's.
  ParamOperand(GenericBuilder &g, const Param &param, ParamEncoding encoding,
               Type floatType, ArrayRef<unsigned> stepDims,
               ArrayRef<int64_t> tileShape, ArrayRef<int64_t> layerShape,
               ValueRange at);

  /// The scalar for the current loop iteration, given the body arguments.
  Value get(ScalarMath &m, ValueRange args) const;

private:
  double scalar = 0.0;
  ParamEncoding encoding;
  Type floatType;
  std::optional<unsigned> argIndex;
};

/// An empty tensor of `shape` and `elementType`.
Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  Type elementType);
/// A tensor of `shape` filled with the scalar `value`.
Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   Value value);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_SNNTOLINALG_GENERICBUILDER_H
