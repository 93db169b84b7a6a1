//===- HardwareJson.cpp - Hardware descriptions from JSON ------------------===//
//
// The JSON form of bench/*.hw.json:
//   {"name": str, "note": str?, "mac": {"units": int, "array": {"K","C","OY","OX"},
//    "pj_per_op": num, "pj_per_op_multibit_input": num},
//    "levels": [{"name": str, "kind": "register"|"sram"|"dram",
//                "operands": ["W","I","O","V"], "bytes": int|null,
//                "bits": {operand: int}?, "bw_bits_per_cycle": int|null,
//                "read_pj_per_bit": num, "write_pj_per_bit": num}, ...]}
// Every problem is reported with the path of the field, e.g. levels[2].bytes.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::snn;
namespace json = llvm::json;

namespace {

/// Reads fields of one JSON object, remembering the first error.
class FieldReader {
public:
  FieldReader(const json::Object &object, std::string path, std::string &error)
      : object(object), path(std::move(path)), error(error) {}

  /// Fails on keys outside `allowed`.
  bool onlyKeys(ArrayRef<StringRef> allowed) {
    for (const auto &entry : object)
      if (!llvm::is_contained(allowed, entry.first.str()))
        return fail("unknown field '" + where(entry.first.str()) + "'");
    return true;
  }
  const json::Value *get(StringRef key, bool required = true) {
    const json::Value *v = object.get(key);
    if ((!v || v->kind() == json::Value::Null) && required) {
      fail("missing field '" + where(key) + "'");
      return nullptr;
    }
    return v && v->kind() != json::Value::Null ? v : nullptr;
  }
  bool string(StringRef key, std::string &out) {
    const json::Value *v = get(key);
    if (!v)
      return false;
    if (auto s = v->getAsString()) {
      out = s->str();
      return true;
    }
    return fail("field '" + where(key) + "' must be a string");
  }
  /// A non-negative integer; `optional` allows null or absence (-> 0).
  bool count(StringRef key, int64_t &out, bool optional = false) {
    const json::Value *v = get(key, !optional);
    if (!v) {
      out = 0;
      return optional;
    }
    std::optional<int64_t> n = v->getAsInteger();
    if (!n)
      return fail("field '" + where(key) + "' must be an integer");
    if (*n < 0)
      return fail("field '" + where(key) + "' must not be negative, got " +
                  std::to_string(*n));
    out = *n;
    return true;
  }
  bool number(StringRef key, double &out) {
    const json::Value *v = get(key);
    if (!v)
      return false;
    std::optional<double> n = v->getAsNumber();
    if (!n)
      return fail("field '" + where(key) + "' must be a number");
    if (*n < 0 || !std::isfinite(*n))
      return fail("field '" + where(key) + "' must be finite and not negative");
    out = *n;
    return true;
  }
  const json::Object *object_(StringRef key) {
    const json::Value *v = get(key);
    if (!v)
      return nullptr;
    if (const json::Object *o = v->getAsObject())
      return o;
    fail("field '" + where(key) + "' must be an object");
    return nullptr;
  }
  const json::Array *array(StringRef key) {
    const json::Value *v = get(key);
    if (!v)
      return nullptr;
    if (const json::Array *a = v->getAsArray())
      return a;
    fail("field '" + where(key) + "' must be a list");
    return nullptr;
  }
  std::string where(StringRef key) const {
    return path.empty() ? key.str() : path + "." + key.str();
  }
  bool fail(const std::string &message) {
    if (error.empty())
      error = message;
    return false;
  }

private:
  const json::Object &object;
  std::string path;
  std::string &error;
};

FailureOr<MemoryLevelAttr> parseLevel(const json::Value &value, unsigned index,
                                      MLIRContext *context, std::string &error) {
  std::string path = "levels[" + std::to_string(index) + "]";
  const json::Object *object = value.getAsObject();
  if (!object) {
    error = "'" + path + "' must be an object";
    return failure();
  }
  FieldReader r(*object, path, error);
  std::string name, kindName;
  int64_t bytes = 0, bw = 0;
  double readPj = 0, writePj = 0;
  if (!r.onlyKeys({"name", "kind", "operands", "bytes", "bits", "bw_bits_per_cycle",
                   "read_pj_per_bit", "write_pj_per_bit"}) ||
      !r.string("name", name) || !r.string("kind", kindName))
    return failure();
  std::optional<MemoryKind> kind = symbolizeMemoryKind(kindName);
  if (!kind) {
    r.fail("field '" + r.where("kind") + "' must be register, sram or dram, got '" +
           kindName + "'");
    return failure();
  }
  bool isSram = *kind == MemoryKind::SRAM;
  if (!r.count("bytes", bytes, /*optional=*/!isSram) ||
      !r.count("bw_bits_per_cycle", bw, /*optional=*/true) ||
      !r.number("read_pj_per_bit", readPj) || !r.number("write_pj_per_bit", writePj))
    return failure();
  if (isSram && bytes == 0) {
    r.fail("field '" + r.where("bytes") + "' of an sram must be positive");
    return failure();
  }
  const json::Array *operands = r.array("operands");
  if (!operands)
    return failure();
  std::string serves;
  for (const json::Value &operand : *operands) {
    std::optional<StringRef> letter = operand.getAsString();
    if (!letter || letter->size() != 1 || !StringRef("WIOV").contains((*letter)[0])) {
      r.fail("field '" + r.where("operands") + "' must list operands among W, I, O, V");
      return failure();
    }
    serves += letter->str();
  }
  if (const json::Value *bits = object->get("bits")) {
    const json::Object *perOperand = bits->getAsObject();
    if (!perOperand) {
      r.fail("field '" + r.where("bits") + "' must be an object");
      return failure();
    }
    FieldReader b(*perOperand, r.where("bits"), error);
    if (!b.onlyKeys({"W", "I", "O", "V"}))
      return failure();
    for (const auto &entry : *perOperand) {
      int64_t n;
      if (!b.count(entry.first, n))
        return failure();
    }
  }
  auto emit = [&]() { return emitError(UnknownLoc::get(context)); };
  llvm::function_ref<InFlightDiagnostic()> diag = emit;
  ScopedDiagnosticHandler capture(context, [&](Diagnostic &d) {
    if (error.empty())
      error = path + ": " + d.str();
    return success();
  });
  MemoryLevelAttr level = MemoryLevelAttr::getChecked(
      diag, context, StringRef(name), *kind, StringRef(serves), bytes, bw,
      llvm::APFloat(readPj), llvm::APFloat(writePj));
  if (!level)
    return failure();
  return level;
}

} // namespace

FailureOr<HardwareAttr> mlir::snn::parseHardwareJSON(StringRef text, MLIRContext *context,
                                                     std::string &error) {
  // The attributes below need the dialect loaded, not only registered.
  context->getOrLoadDialect<SNNDialect>();
  llvm::Expected<json::Value> parsed = json::parse(text);
  if (!parsed) {
    error = "invalid JSON: " + llvm::toString(parsed.takeError());
    return failure();
  }
  const json::Object *root = parsed->getAsObject();
  if (!root) {
    error = "the hardware description must be a JSON object";
    return failure();
  }
  FieldReader r(*root, "", error);
  std::string name;
  if (!r.onlyKeys({"name", "note", "mac", "levels"}) || !r.string("name", name))
    return failure();
  const json::Object *mac = r.object_("mac");
  if (!mac)
    return failure();
  FieldReader m(*mac, "mac", error);
  int64_t units;
  double pj, pjMultibit;
  if (!m.onlyKeys({"units", "array", "pj_per_op", "pj_per_op_multibit_input"}) ||
      !m.count("units", units) || !m.number("pj_per_op", pj) ||
      !m.number("pj_per_op_multibit_input", pjMultibit))
    return failure();
  const json::Object *array = m.object_("array");
  if (!array)
    return failure();
  FieldReader a(*array, "mac.array", error);
  SmallVector<int64_t> unroll(4);
  if (!a.onlyKeys({"K", "C", "OY", "OX"}) || !a.count("K", unroll[0]) ||
      !a.count("C", unroll[1]) || !a.count("OY", unroll[2]) || !a.count("OX", unroll[3]))
    return failure();
  const json::Array *levelList = r.array("levels");
  if (!levelList)
    return failure();
  if (levelList->empty()) {
    error = "field 'levels' must list at least one memory level";
    return failure();
  }
  SmallVector<MemoryLevelAttr> levels;
  for (auto [i, value] : llvm::enumerate(*levelList)) {
    FailureOr<MemoryLevelAttr> level = parseLevel(value, i, context, error);
    if (failed(level))
      return failure();
    levels.push_back(*level);
  }
  ScopedDiagnosticHandler capture(context, [&](Diagnostic &d) {
    if (error.empty())
      error = d.str();
    return success();
  });
  auto emit = [&]() { return emitError(UnknownLoc::get(context)); };
  HardwareAttr hw = HardwareAttr::getChecked(
      llvm::function_ref<InFlightDiagnostic()>(emit), context, StringRef(name), units,
      ArrayRef<int64_t>(unroll), llvm::APFloat(pj), llvm::APFloat(pjMultibit),
      ArrayRef<MemoryLevelAttr>(levels));
  if (!hw)
    return failure();
  return hw;
}

FailureOr<HardwareAttr> mlir::snn::loadHardwareFile(StringRef path, Operation *diagOp) {
  // Reported at the op's location without the op attached: the op is
  // usually the module, which a note would print in full.
  auto file = llvm::MemoryBuffer::getFile(path);
  if (!file) {
    emitError(diagOp->getLoc()) << "cannot read hardware description '" << path
                                << "': " << file.getError().message();
    return failure();
  }
  std::string error;
  FailureOr<HardwareAttr> hw =
      parseHardwareJSON((*file)->getBuffer(), diagOp->getContext(), error);
  if (failed(hw))
    emitError(diagOp->getLoc()) << "invalid hardware description '" << path << "': " << error;
  return hw;
}

