//===- GenericBuilder.cpp - Assembling linalg.generic ops ------------------===//

#include "GenericBuilder.h"

#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;

AffineMap GenericBuilder::projection(ArrayRef<unsigned> dims) {
  SmallVector<AffineExpr> exprs;
  for (unsigned d : dims)
    exprs.push_back(b.getAffineDimExpr(d));
  return AffineMap::get(numLoops, 0, exprs, b.getContext());
}

unsigned GenericBuilder::addInput(Value tensor, ArrayRef<unsigned> dims) {
  return addInput(tensor, projection(dims));
}

unsigned GenericBuilder::addInput(Value tensor, AffineMap map) {
  assert(outputs.empty() && "inputs come before outputs");
  inputs.push_back(tensor);
  inputMaps.push_back(map);
  windowed.push_back(false);
  return inputs.size() - 1;
}

unsigned GenericBuilder::addWindowedInput(Value tensor, AffineMap map) {
  unsigned index = addInput(tensor, map);
  windowed.back() = true;
  return index;
}

AffineExpr GenericBuilder::addSymbol(Value value) {
  auto it = llvm::find(symbols, value);
  if (it == symbols.end()) {
    symbols.push_back(value);
    it = std::prev(symbols.end());
  }
  return b.getAffineSymbolExpr(it - symbols.begin());
}

unsigned GenericBuilder::addOutput(Value init, ArrayRef<unsigned> dims) {
  outputs.push_back(init);
  outputMaps.push_back(projection(dims));
  return inputs.size() + outputs.size() - 1;
}

Operation *GenericBuilder::build(ArrayRef<utils::IteratorType> iterators, BodyFn body) {
  SmallVector<AffineMap> maps;
  for (AffineMap map : llvm::concat<const AffineMap>(inputMaps, outputMaps))
    maps.push_back(AffineMap::get(numLoops, symbols.size(), map.getResults(),
                                  b.getContext()));
  SmallVector<Type> resultTypes;
  for (Value out : outputs)
    resultTypes.push_back(out.getType());
  Operation *op;
  if (llvm::is_contained(windowed, true) || !symbols.empty()) {
    SmallVector<Attribute> iteratorAttrs;
    for (utils::IteratorType t : iterators)
      iteratorAttrs.push_back(linalg::IteratorTypeAttr::get(b.getContext(), t));
    auto generic = kernel::GenericOp::create(
        b, loc, resultTypes, inputs, outputs, symbols, b.getAffineMapArrayAttr(maps),
        b.getArrayAttr(iteratorAttrs), b.getDenseBoolArrayAttr(windowed));
    SmallVector<Type> argTypes;
    SmallVector<Location> argLocs;
    for (Value v : llvm::concat<Value>(inputs, outputs)) {
      argTypes.push_back(getElementTypeOrSelf(v.getType()));
      argLocs.push_back(loc);
    }
    OpBuilder::InsertionGuard guard(b);
    Block *block = b.createBlock(&generic.getBody(), {}, argTypes, argLocs);
    ScalarMath m(b, loc);
    kernel::YieldOp::create(b, loc, body(m, block->getArguments()));
    op = generic;
  } else {
    op = linalg::GenericOp::create(
        b, loc, resultTypes, inputs, outputs, maps, iterators,
        [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
          ScalarMath m(nested, nestedLoc);
          linalg::YieldOp::create(nested, nestedLoc, body(m, args));
        });
  }
  if (hint)
    op->setAttr(kernel::SNNKernelDialect::kVectorizeAttrName,
                kernel::VectorizeAttr::get(b.getContext(), hint->first, hint->second));
  return op;
}

static double encode(double value, ParamEncoding encoding) {
  switch (encoding) {
  case ParamEncoding::Float:
  case ParamEncoding::Integer:
    return value;
  case ParamEncoding::Q16:
    return static_cast<double>(toQ16(value));
  case ParamEncoding::Floor:
    return std::floor(value);
  case ParamEncoding::Ceil:
    return std::ceil(value);
  }
  llvm_unreachable("unknown parameter encoding");
}

/// Clamps a real to the i64 range (thresholds compared with integers may be
/// far outside any integer's range).
static int64_t toI64(double value) {
  if (value >= 9.2e18)
    return INT64_MAX;
  if (value <= -9.2e18)
    return INT64_MIN;
  return static_cast<int64_t>(value);
}

ParamOperand::ParamOperand(GenericBuilder &g, const Param &param,
                           ParamEncoding encoding, Type floatType,
                           ArrayRef<unsigned> stepDims, ArrayRef<int64_t> tileShape,
                           ArrayRef<int64_t> layerShape, ValueRange at)
    : encoding(encoding), floatType(floatType) {
  if (param.isScalar()) {
    scalar = encode(param.scalar(), encoding);
    return;
  }
  OpBuilder &b = g.builder();
  Location loc = g.getLoc();
  bool perChannel = param.getKind() == Param::Kind::PerChannel;
  SmallVector<int64_t> shape = perChannel ? SmallVector<int64_t>{layerShape.front()}
                                          : SmallVector<int64_t>(layerShape);
  Type elt = encoding == ParamEncoding::Float ? floatType : b.getI64Type();
  auto type = RankedTensorType::get(shape, elt);
  DenseElementsAttr values;
  if (encoding == ParamEncoding::Float) {
    SmallVector<Attribute> attrs;
    for (double v : param.getValues())
      attrs.push_back(b.getFloatAttr(elt, v));
    values = DenseElementsAttr::get(type, attrs);
  } else {
    SmallVector<int64_t> ints;
    for (double v : param.getValues())
      ints.push_back(toI64(encode(v, encoding)));
    values = DenseElementsAttr::get(type, ArrayRef<int64_t>(ints));
  }
  Value tensor = arith::ConstantOp::create(b, loc, values);
  SmallVector<unsigned> dims = perChannel ? SmallVector<unsigned>{stepDims.front()}
                                          : SmallVector<unsigned>(stepDims);
  if (!at.empty()) {
    // A tile reads its part of the layer's parameters.
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (unsigned i = 0, e = dims.size(); i < e; ++i) {
      offsets.push_back(at[i]);
      sizes.push_back(b.getIndexAttr(tileShape[i]));
      strides.push_back(b.getIndexAttr(1));
    }
    tensor = tensor::ExtractSliceOp::create(b, loc, tensor, offsets, sizes, strides);
  }
  argIndex = g.addInput(tensor, dims);
}

Value ParamOperand::get(ScalarMath &m, ValueRange args) const {
  if (argIndex)
    return args[*argIndex];
  if (encoding == ParamEncoding::Float)
    return m.floatConst(scalar, floatType);
  return m.i64Const(toI64(scalar));
}

Value mlir::snn::emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                             Type elementType) {
  return tensor::EmptyOp::create(b, loc, shape, elementType);
}

Value mlir::snn::filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                              Value value) {
  Value empty = emptyTensor(b, loc, shape, value.getType());
  return linalg::FillOp::create(b, loc, value, empty).getResult(0);
}
