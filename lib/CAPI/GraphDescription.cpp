//===- GraphDescription.cpp - A graph-level function as JSON ---------------===//
//
// snnModuleDescribeGraph: the snn ops of one function with their operands by
// value name, parameters, attributes and result types, for a client that
// rebuilds the network in its own terms (Python's graph.Network, which the
// reference simulator runs).
//
//===----------------------------------------------------------------------===//

#include "Diagnostics.h"
#include "JSON.h"

#include "snn-c/SNN.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::capi;
namespace json = llvm::json;

namespace {

/// An error naming the op (by location name) and what cannot be described.
llvm::Error describeError(Operation *op, const llvm::Twine &reason) {
  std::string name;
  if (auto loc = op->getLoc()->findInstanceOf<NameLoc>())
    name = " '" + loc.getName().str() + "'";
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot describe '" + op->getName().getStringRef() + "'" +
                                     name + ": " + reason);
}

std::string typeText(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

/// The per-step shape and element type of a tensor with a time dimension.
json::Object describeStep(Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  return json::Object{{"shape", json::Array(type.getShape().drop_front())},
                      {"dtype", typeText(type.getElementType())}};
}

/// A constant tensor's elements in a little-endian NumPy storage type
/// (`<f4`, `<f8`, or `<i8` holding integers sign-extended, spikes 0/1),
/// base64-encoded: exact, and compact for large weights.
json::Object describeConstant(DenseElementsAttr dense) {
  Type element = dense.getElementType();
  std::string bytes, storage;
  auto append = [&](auto value) {
    char raw[sizeof(value)];
    llvm::support::endian::write(raw, value, llvm::endianness::little);
    bytes.append(raw, sizeof(raw));
  };
  if (element.isF32()) {
    storage = "<f4";
    for (const APFloat &value : dense.getValues<APFloat>())
      append(value.convertToFloat());
  } else if (element.isF64()) {
    storage = "<f8";
    for (const APFloat &value : dense.getValues<APFloat>())
      append(value.convertToDouble());
  } else {
    storage = "<i8";
    bool spikes = element.isInteger(1);
    for (const APInt &value : dense.getValues<APInt>())
      append(spikes ? static_cast<int64_t>(value.getZExtValue()) : value.getSExtValue());
  }
  return json::Object{{"shape", json::Array(dense.getType().getShape())},
                      {"dtype", typeText(element)},
                      {"storage", storage},
                      {"data", llvm::encodeBase64(bytes)}};
}

template <typename EnumAttrT>
std::optional<json::Value> enumText(Attribute attr) {
  if (auto value = dyn_cast<EnumAttrT>(attr))
    return json::Value(stringifyEnum(value.getValue()).str());
  return std::nullopt;
}

/// An attribute as JSON: numbers (reals as jsonReal gives them), integer
/// or real arrays, type names, enum
/// cases by name, and any other attribute as its MLIR text.
json::Value describeAttribute(Attribute attr) {
  if (auto value = dyn_cast<FloatAttr>(attr))
    return jsonReal(value.getValueAsDouble());
  if (auto value = dyn_cast<BoolAttr>(attr))
    return value.getValue();
  if (auto value = dyn_cast<IntegerAttr>(attr))
    return value.getValue().getSExtValue();
  if (auto value = dyn_cast<DenseI64ArrayAttr>(attr))
    return json::Array(value.asArrayRef());
  if (auto value = dyn_cast<DenseF64ArrayAttr>(attr))
    return json::Array(llvm::map_range(value.asArrayRef(), jsonReal));
  if (auto value = dyn_cast<TypeAttr>(attr))
    return typeText(value.getValue());
  if (auto value = dyn_cast<StringAttr>(attr))
    return value.getValue().str();
  for (auto text : {enumText<CompareAttr>(attr), enumText<ResetModeAttr>(attr),
                    enumText<ResetTimingAttr>(attr), enumText<RoundingAttr>(attr),
                    enumText<OverflowAttr>(attr), enumText<AddModeAttr>(attr)})
    if (text)
      return *text;
  std::string text;
  llvm::raw_string_ostream os(text);
  attr.print(os);
  return json::Object{{"mlir", text}};
}

/// The parameter operands of `op` (weights, biases, recurrent weights) by
/// role; every other operand is an activation.
SmallVector<std::pair<StringRef, Value>> parameterOperands(Operation *op) {
  SmallVector<std::pair<StringRef, Value>> roles;
  auto add = [&](StringRef role, Value value) {
    if (value)
      roles.push_back({role, value});
  };
  llvm::TypeSwitch<Operation *>(op)
      .Case<DenseOp, Conv2dOp>([&](auto synapse) {
        add("weight", synapse.getWeight());
        add("bias", synapse.getBias());
      })
      .Case<LIFOp, CubaLIFOp, LIOp, CubaLIOp>([&](auto neuron) {
        add("recurrent", neuron.getRecurrent());
        add("recurrent_bias", neuron.getRecurrentBias());
      });
  return roles;
}

/// Describes one function; every value gets a unique name, from its
/// location where it has a name.
class GraphDescriber {
public:
  llvm::Expected<json::Object> describe(func::FuncOp func) {
    json::Array inputs, ops, outputs;
    for (BlockArgument arg : func.getArguments()) {
      json::Object input = describeStep(arg);
      input["name"] = nameValue(arg, "input");
      inputs.push_back(std::move(input));
    }
    // Dimension 0 of every tensor is time.
    int64_t timeSteps = 0;
    FunctionType type = func.getFunctionType();
    for (Type tensor : llvm::concat<const Type>(type.getInputs(), type.getResults()))
      if (auto ranked = dyn_cast<RankedTensorType>(tensor); ranked && ranked.getRank())
        timeSteps = ranked.getDimSize(0);
    // Name every result first: inside an snn.cycle an op may read a value
    // defined after it.
    func.walk([&](Operation *op) {
      if (isa<CycleOp>(op))
        return;
      if (op->getDialect() && isa<SNNDialect>(op->getDialect()) && op->getNumResults())
        nameValue(op->getResult(0), "v");
    });
    for (Operation &op : func.getBody().getOps())
      if (llvm::Error error = describeOp(&op, ops, outputs))
        return std::move(error);
    return json::Object{{"name", func.getSymName().str()},
                        {"time_steps", timeSteps},
                        {"inputs", std::move(inputs)},
                        {"ops", std::move(ops)},
                        {"outputs", std::move(outputs)}};
  }

private:
  llvm::DenseMap<Value, std::string> names;
  llvm::StringSet<> taken;

  /// Names `value` after its location (or `fallback`), unique in the graph.
  std::string nameValue(Value value, StringRef fallback) {
    std::string base = fallback.str();
    if (auto loc = value.getLoc()->findInstanceOf<NameLoc>())
      base = loc.getName().str();
    std::string name = base;
    for (int n = 1; !taken.insert(name).second; ++n)
      name = base + "_" + std::to_string(n);
    names[value] = name;
    return name;
  }

  llvm::Expected<std::string> valueName(Operation *user, Value value) {
    auto it = names.find(value);
    if (it == names.end())
      return describeError(user, "an operand is neither an argument nor the result of an "
                                 "snn op");
    return it->second;
  }

  llvm::Error describeOp(Operation *op, json::Array &ops, json::Array &outputs) {
    if (isa<arith::ConstantOp>(op))
      return llvm::Error::success(); // read through the ops using it
    if (auto ret = dyn_cast<func::ReturnOp>(op))
      return describeUses(op, ret.getOperands(), outputs);
    if (auto cycle = dyn_cast<CycleOp>(op)) {
      auto yield = cast<YieldOp>(cycle.getBody().front().getTerminator());
      // A result of the cycle is the value its body yields.
      for (auto [result, yielded] : llvm::zip(cycle.getResults(), yield.getValues()))
        names[result] = names.lookup(yielded);
      for (Operation &inner : cycle.getBody().front().without_terminator())
        if (llvm::Error error = describeOp(&inner, ops, outputs))
          return error;
      return llvm::Error::success();
    }
    if (!op->getDialect() || !isa<SNNDialect>(op->getDialect()))
      return describeError(op, "not an snn op");
    if (op->getNumResults() != 1)
      return describeError(op, "an op with several results (explicit state) is not "
                               "graph-level");
    json::Object params;
    llvm::SmallPtrSet<Value, 4> isParam;
    for (auto [role, value] : parameterOperands(op)) {
      DenseElementsAttr dense;
      if (!matchPattern(value, m_Constant(&dense)))
        return describeError(op, "its " + role + " is not a constant tensor");
      params[role] = describeConstant(dense);
      isParam.insert(value);
    }
    json::Array operands;
    for (Value operand : op->getOperands())
      if (!isParam.contains(operand)) {
        llvm::Expected<std::string> name = valueName(op, operand);
        if (!name)
          return name.takeError();
        operands.push_back(*name);
      }
    json::Object attrs;
    for (NamedAttribute attr : op->getAttrDictionary())
      if (attr.getName() != "operandSegmentSizes")
        attrs[attr.getName().getValue()] = describeAttribute(attr.getValue());
    json::Object entry{{"op", op->getName().stripDialect().str()},
                       {"name", names.lookup(op->getResult(0))},
                       {"operands", std::move(operands)},
                       {"params", std::move(params)},
                       {"attrs", std::move(attrs)},
                       {"result", describeStep(op->getResult(0))}};
    ops.push_back(std::move(entry));
    return llvm::Error::success();
  }

  llvm::Error describeUses(Operation *user, ValueRange values, json::Array &into) {
    for (Value value : values) {
      llvm::Expected<std::string> name = valueName(user, value);
      if (!name)
        return name.takeError();
      into.push_back(*name);
    }
    return llvm::Error::success();
  }
};

/// Function `entry` of `module`, or its only function when `entry` is empty.
llvm::Expected<func::FuncOp> findFunction(ModuleOp module, StringRef entry) {
  auto funcs = llvm::to_vector(module.getOps<func::FuncOp>());
  for (func::FuncOp func : funcs)
    if (func.getSymName() == entry && !func.isExternal())
      return func;
  if (entry.empty() && funcs.size() == 1 && !funcs[0].isExternal())
    return funcs[0];
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      entry.empty() ? llvm::formatv("the module has {0} functions: name the one to describe",
                                    funcs.size())
                          .str()
                    : llvm::formatv("no function @{0} with a body", entry).str());
}

} // namespace

char *snnModuleDescribeGraph(MlirModule module, MlirStringRef entry, char **error) {
  clearError(error);
  llvm::Expected<func::FuncOp> func = findFunction(unwrap(module), unwrap(entry));
  if (!func) {
    setError(error, llvm::toString(func.takeError()));
    return nullptr;
  }
  llvm::Expected<json::Object> description = GraphDescriber().describe(*func);
  if (!description) {
    setError(error, llvm::toString(description.takeError()));
    return nullptr;
  }
  return copyString(llvm::formatv("{0}", json::Value(std::move(*description))).str());
}
