//===- NIR.cpp - NIR files in the C API ------------------------------------===//

#include "Diagnostics.h"
#include "JSON.h"

#include "snn-c/NIR.h"
#include "snn/Dialect/SNN/IR/SNNAttrs.h"
#include "snn/Target/NIR/Isolation.h"
#include "snn/Target/NIR/NIRPresets.h"
#include "snn/Target/NIR/NIRTranslation.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::snn::capi;
namespace json = llvm::json;
namespace nir = ::snn::nir;

SNNNIRImportOptions snnNIRImportOptionsGetDefault(void) {
  SNNNIRImportOptions options = {};
  return options;
}

/// `text`, or nothing when it is empty.
static std::optional<std::string> optional(MlirStringRef text) {
  if (!text.length)
    return std::nullopt;
  return unwrap(text).str();
}

static nir::ImportOptions unwrap(const SNNNIRImportOptions &options) {
  nir::ImportOptions result;
  result.preset = optional(options.preset).value_or(result.preset);
  if (options.hasDt)
    result.dt = options.dt;
  result.timeSteps = options.timeSteps;
  result.reset = optional(options.reset);
  result.resetTiming = optional(options.resetTiming);
  result.inputType = optional(options.inputType);
  result.funcName = optional(options.funcName).value_or(result.funcName);
  return result;
}

MlirModule snnImportNIRFile(MlirContext context, MlirStringRef path,
                            const SNNNIRImportOptions *options, char **error) {
  clearError(error);
  nir::ImportOptions importOptions = unwrap(*options);
  MLIRContext *ctx = unwrap(context);
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      options->isolateSeconds
          ? nir::importNIRFileIsolated(unwrap(path), importOptions, *ctx,
                                       options->isolateSeconds)
          : nir::importNIRFile(unwrap(path), importOptions, *ctx);
  if (!module) {
    setError(error, llvm::toString(module.takeError()));
    return MlirModule{nullptr};
  }
  return wrap(module->release());
}

static json::Value paramToJSON(const nir::Param &param) {
  if (param.isText())
    return json::Object{{"text", *param.text}};
  return json::Object{{"shape", json::Array(param.shape)},
                      {"values", json::Array(llvm::map_range(param.values, jsonReal))}};
}

static json::Object nodeToJSON(const nir::Node &node) {
  json::Object object{{"type", node.type}};
  if (node.isGraph()) {
    json::Object nodes;
    for (const auto &[name, inner] : node.nodes)
      nodes[name] = nodeToJSON(inner);
    json::Array edges;
    for (const auto &[source, target] : node.edges)
      edges.push_back(json::Array{source, target});
    object["nodes"] = std::move(nodes);
    object["edges"] = std::move(edges);
  }
  for (const auto &[name, param] : node.params)
    object[name] = paramToJSON(param);
  return object;
}

/// The graph of the file at `path` as JSON text.
static llvm::Expected<std::string> readGraphJSON(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!file)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read '" + path + "': " + file.getError().message());
  StringRef bytes = (*file)->getBuffer();
  llvm::Expected<nir::Graph> graph = nir::readNIR({bytes.data(), bytes.size()});
  if (!graph)
    return graph.takeError();
  json::Object object = nodeToJSON(graph->root);
  object["version"] = graph->version;
  return llvm::formatv("{0}", json::Value(std::move(object))).str();
}

char *snnReadNIRFileJSON(MlirStringRef path, unsigned isolateSeconds, char **error) {
  clearError(error);
  StringRef file = unwrap(path);
  llvm::Expected<std::string> text =
      isolateSeconds ? ::snn::runIsolated([&] { return readGraphJSON(file); }, isolateSeconds,
                                          "the NIR reader", "'" + file + "'")
                     : readGraphJSON(file);
  if (!text) {
    setError(error, llvm::toString(text.takeError()));
    return nullptr;
  }
  return copyString(*text);
}

/// The names of every case of an enum of the snn dialect.
template <typename Enum>
static json::Array enumNames(uint64_t maxValue, StringRef (*stringify)(Enum)) {
  json::Array names;
  for (uint64_t value = 0; value <= maxValue; ++value)
    names.push_back(stringify(static_cast<Enum>(value)).str());
  return names;
}

static json::Value fixedPointToJSON(const std::optional<nir::LoihiFixedPoint> &fixed) {
  if (!fixed)
    return nullptr;
  return json::Object{{"decay_bits", fixed->decayBits},
                      {"state_bits", fixed->stateBits},
                      {"shift", fixed->shift},
                      {"weight_scale", fixed->weightScale},
                      {"weight_bits", fixed->weightBits},
                      {"threshold_bits", fixed->thresholdBits},
                      {"bias_bits", fixed->biasBits}};
}

char *snnNIRPresetsJSON(void) {
  json::Array presets;
  for (const nir::Preset &preset : nir::getPresets())
    presets.push_back(json::Object{
        {"name", preset.name},
        {"default_dt", preset.defaultDt ? json::Value(*preset.defaultDt) : json::Value(nullptr)},
        {"not_modelled", preset.notModelled},
        {"fixed_point", fixedPointToJSON(preset.fixedPoint)}});
  json::Object object{
      {"default", nir::kDefaultPreset},
      {"presets", std::move(presets)},
      {"reset_modes", enumNames(mlir::snn::getMaxEnumValForResetMode(),
                                mlir::snn::stringifyResetMode)},
      {"reset_timings", enumNames(mlir::snn::getMaxEnumValForResetTiming(),
                                  mlir::snn::stringifyResetTiming)},
      // What ImportOptions::inputType accepts.
      {"input_types", json::Array{"f32", "i1"}}};
  return copyString(llvm::formatv("{0}", json::Value(std::move(object))).str());
}
