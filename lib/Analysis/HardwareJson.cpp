//===- HardwareJson.cpp - Hardware descriptions from JSON ------------------===//
//
// The JSON form of bench/*.hw.json:
//   {"name": str, "note": str?, "mac": {"units": int, "array": {"K","C","OY","OX"},
//    "pj_per_op": num, "pj_per_op_multibit_input": num},
//    "levels": [{"name": str, "kind": "register"|"sram"|"cache"|"dram",
//                "operands": ["W","I","O","V"], "bytes": int|null,
//                "bits": {operand: int}?, "bw_bits_per_cycle": int|null,
//                "read_pj_per_bit": num, "write_pj_per_bit": num}, ...]}
// It is read in two steps: llvm::json::fromJSON maps the text onto the
// structs below (fields, their types, unknown keys), then the figures are
// checked and the attributes built. Every problem is reported with the
// path of the field (a json::Path), e.g. levels[2].bytes.
//
//===----------------------------------------------------------------------===//

#include "snn/Analysis/Hardware.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <map>

using namespace mlir;
using namespace mlir::snn;
namespace json = llvm::json;

namespace {

//===----------------------------------------------------------------------===//
// Problems
//===----------------------------------------------------------------------===//

/// json::Path::Root's messages, as this reader words them.
constexpr llvm::StringLiteral kUnknownField = "unknown field";
constexpr llvm::StringLiteral kMissingField = "missing value"; // ObjectMapper's
/// An attribute's verifier rejected the values: the detail says why.
constexpr llvm::StringLiteral kRejected = "rejected";

/// The problem with a description: json::Path::Root keeps where it is and a
/// fixed message, `detail` what a fixed message cannot say (the value found,
/// a verifier's words).
class Problem {
public:
  json::Path::Root root;
  std::string detail;

  /// Reports `message` about the value at `at`; returns false.
  bool report(json::Path at, llvm::StringLiteral message, std::string found = "") {
    at.report(message);
    detail = std::move(found);
    return false;
  }

  /// The message for the user, e.g. "field 'levels[0].bytes' must not be
  /// negative, got -5". The path refers to keys of the JSON value and of the
  /// decoded description: call it while both live.
  std::string describe() const {
    // Root words it "<message> at (root).<path>", or "<message>" at the root.
    std::string text = llvm::toString(root.getError());
    auto [message, path] = StringRef(text).split(" at (root)");
    path.consume_front(".");
    if (message == kUnknownField)
      return ("unknown field '" + path + "'").str();
    if (message == kMissingField)
      return ("missing field '" + path + "'").str();
    if (message == kRejected)
      return path.empty() ? detail : (path + ": " + detail).str();
    std::string wording = llvm::StringSwitch<std::string>(message)
                              .Case("expected integer", "must be an integer")
                              .Case("expected number", "must be a number")
                              .Case("expected string", "must be a string")
                              .Case("expected object", "must be an object")
                              .Case("expected array", "must be a list")
                              .Default(message.str());
    if (path.empty())
      return message == "expected object" ? "the hardware description must be a JSON object"
                                          : "the hardware description " + wording;
    std::string result = path.ends_with("]") ? ("'" + path + "' " + wording).str()
                                             : ("field '" + path + "' " + wording).str();
    if (!detail.empty())
      result += ", got " + detail;
    return result;
  }
};

//===----------------------------------------------------------------------===//
// The JSON form
//===----------------------------------------------------------------------===//

/// json::ObjectMapper for this format: an object with the given keys only,
/// where a field that is null is missing (`"bytes": null` for a DRAM).
class FieldMapper {
public:
  FieldMapper(const json::Value &value, json::Path path, ArrayRef<llvm::StringLiteral> keys)
      : mapper(value, path), object(value.getAsObject()), path(path) {
    if (!object)
      return;
    for (const auto &entry : *object)
      if (!llvm::is_contained(keys, StringRef(entry.first))) {
        path.field(entry.first).report(kUnknownField);
        return;
      }
    valid = true;
  }

  /// Whether the value is an object with none but the given keys; must be
  /// checked before mapping.
  explicit operator bool() const { return valid; }

  /// Maps a required field.
  template <typename T>
  bool map(llvm::StringLiteral key, T &out) {
    if (const json::Value *field = object->get(key); field && field->getAsNull()) {
      path.field(key).report(kMissingField);
      return false;
    }
    return mapper.map(key, out);
  }
  /// Maps a field that may be missing or null.
  template <typename T>
  bool map(llvm::StringLiteral key, std::optional<T> &out) {
    return mapper.map(key, out);
  }
  /// Maps a field that may be missing (`out` is then unchanged).
  template <typename T>
  bool mapOptional(llvm::StringLiteral key, T &out) {
    return mapper.mapOptional(key, out);
  }

private:
  json::ObjectMapper mapper;
  const json::Object *object;
  json::Path path;
  bool valid = false;
};

/// The operands a level serves, letters of "WIOV".
struct Operands {
  std::string letters;
};

bool fromJSON(const json::Value &value, Operands &out, json::Path path) {
  const json::Array *list = value.getAsArray();
  if (!list) {
    path.report("must be a list");
    return false;
  }
  for (const json::Value &operand : *list) {
    std::optional<StringRef> letter = operand.getAsString();
    if (!letter || letter->size() != 1 || !StringRef("WIOV").contains(letter->front())) {
      path.report("must list operands among W, I, O, V");
      return false;
    }
    out.letters += letter->str();
  }
  return true;
}

/// Bits per element of some operands: checked, unused by the cost model.
struct BitsJson {
  std::map<std::string, int64_t> perOperand;
};

bool fromJSON(const json::Value &value, BitsJson &out, json::Path path) {
  static constexpr llvm::StringLiteral kOperands[] = {"W", "I", "O", "V"};
  FieldMapper o(value, path, kOperands);
  if (!o)
    return false;
  for (llvm::StringLiteral operand : kOperands)
    if (value.getAsObject()->get(operand) && !o.map(operand, out.perOperand[operand.str()]))
      return false;
  return true;
}

struct LevelJson {
  std::string name, kind;
  std::optional<int64_t> bytes, bw;
  double readPj = 0, writePj = 0;
  Operands operands;
  BitsJson bits;
};

bool fromJSON(const json::Value &value, LevelJson &out, json::Path path) {
  FieldMapper o(value, path,
                {"name", "kind", "operands", "bytes", "bits", "bw_bits_per_cycle",
                 "read_pj_per_bit", "write_pj_per_bit"});
  return o && o.map("name", out.name) && o.map("kind", out.kind) && o.map("bytes", out.bytes) &&
         o.map("bw_bits_per_cycle", out.bw) && o.map("read_pj_per_bit", out.readPj) &&
         o.map("write_pj_per_bit", out.writePj) && o.map("operands", out.operands) &&
         o.mapOptional("bits", out.bits);
}

/// The MAC array's unrolling, in HardwareAttr's order [K, C, OY, OX].
struct UnrollJson {
  SmallVector<int64_t, 4> factors = SmallVector<int64_t, 4>(4);
};

bool fromJSON(const json::Value &value, UnrollJson &out, json::Path path) {
  FieldMapper o(value, path, {"K", "C", "OY", "OX"});
  return o && o.map("K", out.factors[0]) && o.map("C", out.factors[1]) &&
         o.map("OY", out.factors[2]) && o.map("OX", out.factors[3]);
}

struct MacJson {
  int64_t units = 0;
  double pj = 0, pjMultibit = 0;
  UnrollJson array;
};

bool fromJSON(const json::Value &value, MacJson &out, json::Path path) {
  FieldMapper o(value, path, {"units", "array", "pj_per_op", "pj_per_op_multibit_input"});
  return o && o.map("units", out.units) && o.map("pj_per_op", out.pj) &&
         o.map("pj_per_op_multibit_input", out.pjMultibit) && o.map("array", out.array);
}

struct HardwareJson {
  std::string name;
  MacJson mac;
  std::vector<LevelJson> levels;
};

bool fromJSON(const json::Value &value, HardwareJson &out, json::Path path) {
  FieldMapper o(value, path, {"name", "note", "mac", "levels"});
  return o && o.map("name", out.name) && o.map("mac", out.mac) && o.map("levels", out.levels);
}

//===----------------------------------------------------------------------===//
// Figures and attributes
//===----------------------------------------------------------------------===//

bool checkCount(Problem &problem, json::Path at, int64_t n) {
  return n >= 0 || problem.report(at, "must not be negative", std::to_string(n));
}

bool checkEnergy(Problem &problem, json::Path at, double pj) {
  return (pj >= 0 && std::isfinite(pj)) ||
         problem.report(at, "must be finite and not negative");
}

/// AttrT::getChecked with the verifier's message, if any, as the problem
/// at `at`.
template <typename AttrT, typename... Args>
AttrT getVerified(Problem &problem, json::Path at, MLIRContext *context, Args... args) {
  std::string message;
  ScopedDiagnosticHandler capture(context, [&](Diagnostic &d) {
    if (message.empty())
      message = d.str();
    return success();
  });
  auto emit = [&]() { return emitError(UnknownLoc::get(context)); };
  AttrT attr = AttrT::getChecked(llvm::function_ref<InFlightDiagnostic()>(emit), context,
                                 args...);
  if (!attr)
    problem.report(at, kRejected, message);
  return attr;
}

MemoryLevelAttr buildLevel(const LevelJson &level, json::Path at, MLIRContext *context,
                           Problem &problem) {
  std::optional<MemoryKind> kind = symbolizeMemoryKind(level.kind);
  if (!kind) {
    problem.report(at.field("kind"), "must be register, sram, cache or dram",
                   "'" + level.kind + "'");
    return {};
  }
  // SRAMs and caches hold tiles: they need a size.
  bool isSram = *kind == MemoryKind::SRAM || *kind == MemoryKind::Cache;
  if ((level.bytes && !checkCount(problem, at.field("bytes"), *level.bytes)) ||
      (level.bw && !checkCount(problem, at.field("bw_bits_per_cycle"), *level.bw)) ||
      !checkEnergy(problem, at.field("read_pj_per_bit"), level.readPj) ||
      !checkEnergy(problem, at.field("write_pj_per_bit"), level.writePj))
    return {};
  if (isSram && !level.bytes) {
    problem.report(at.field("bytes"), kMissingField);
    return {};
  }
  if (isSram && *level.bytes == 0) {
    problem.report(at.field("bytes"), "of an sram or a cache must be positive");
    return {};
  }
  for (const auto &[operand, bits] : level.bits.perOperand)
    if (!checkCount(problem, at.field("bits").field(operand), bits))
      return {};
  return getVerified<MemoryLevelAttr>(
      problem, at, context, StringRef(level.name), *kind, StringRef(level.operands.letters),
      level.bytes.value_or(0), level.bw.value_or(0), llvm::APFloat(level.readPj),
      llvm::APFloat(level.writePj));
}

HardwareAttr buildHardware(const HardwareJson &hw, MLIRContext *context, Problem &problem) {
  json::Path root(problem.root);
  json::Path mac = root.field("mac"), array = mac.field("array");
  if (!checkCount(problem, mac.field("units"), hw.mac.units) ||
      !checkEnergy(problem, mac.field("pj_per_op"), hw.mac.pj) ||
      !checkEnergy(problem, mac.field("pj_per_op_multibit_input"), hw.mac.pjMultibit))
    return {};
  // A named array: the range of a for statement does not extend the life of
  // an initializer list's elements (ASan: stack-use-after-scope).
  static constexpr StringLiteral kArrayKeys[] = {"K", "C", "OY", "OX"};
  for (auto [key, factor] : llvm::zip_equal(kArrayKeys, hw.mac.array.factors))
    if (!checkCount(problem, array.field(key), factor))
      return {};
  if (hw.levels.empty()) {
    problem.report(root.field("levels"), "must list at least one memory level");
    return {};
  }
  SmallVector<MemoryLevelAttr> levels;
  for (auto [i, level] : llvm::enumerate(hw.levels)) {
    MemoryLevelAttr attr = buildLevel(level, root.field("levels").index(i), context, problem);
    if (!attr)
      return {};
    levels.push_back(attr);
  }
  return getVerified<HardwareAttr>(
      problem, root, context, StringRef(hw.name), hw.mac.units,
      ArrayRef<int64_t>(hw.mac.array.factors), llvm::APFloat(hw.mac.pj),
      llvm::APFloat(hw.mac.pjMultibit), ArrayRef<MemoryLevelAttr>(levels));
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
  Problem problem;
  HardwareJson hw;
  HardwareAttr attr;
  if (fromJSON(*parsed, hw, problem.root))
    attr = buildHardware(hw, context, problem);
  if (!attr) {
    error = problem.describe();
    return failure();
  }
  return attr;
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
