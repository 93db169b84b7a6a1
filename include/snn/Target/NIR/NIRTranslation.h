//===- NIRTranslation.h - NIR graphs to and from snn IR ---------*- C++ -*-===//
//
// `importNIR` builds a module of snn ops (one func.func, every value with a
// leading time dimension) from a NIR graph, discretising its continuous-time
// neurons with a preset (NIRPresets.h); `exportNIR` writes such a module back
// as a NIR graph, inverting the same preset. docs/NIR.md describes both.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGET_NIR_NIRTRANSLATION_H
#define SNN_TARGET_NIR_NIRTRANSLATION_H

#include "snn/Target/NIR/NIRGraph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace snn::nir {

/// How a NIR graph becomes snn ops. Unset fields take the preset's choice.
struct ImportOptions {
  std::string preset = "exact";
  std::optional<double> dt;            // seconds
  int64_t timeSteps = 0;               // required, >= 1
  std::optional<std::string> reset;        // subtract, zero, to_value, none
  std::optional<std::string> resetTiming;  // same, next
  std::optional<std::string> inputType;    // f32 or i1
  std::string funcName = "main";
};

/// The module of `graph`, or a one-line error naming the node.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importNIR(const Graph &graph, const ImportOptions &options, mlir::MLIRContext &context);

/// How snn ops go back to NIR: the preset and time step they were imported
/// with, whose discretisation the export inverts.
struct ExportOptions {
  std::string preset = "exact";
  std::optional<double> dt;
  /// The import's reset overrides (NIR does not record the reset): the
  /// neurons must reset as the preset does with them.
  std::optional<std::string> reset;        // subtract, zero, to_value, none
  std::optional<std::string> resetTiming;  // same, next
};

/// The NIR graph of the module's one function, or a one-line error naming
/// the op (with its location) that NIR cannot express.
llvm::Expected<Graph> exportNIR(mlir::ModuleOp module, const ExportOptions &options);

/// The module of a NIR file's bytes (readNIR, then importNIR); errors about
/// the bytes as a whole name the file as `name`.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importNIRBytes(llvm::ArrayRef<char> bytes, llvm::StringRef name, const ImportOptions &options,
               mlir::MLIRContext &context);
/// importNIRBytes of the file at `path`. Isolation.h has the same in a child
/// process, for files that may be corrupted.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importNIRFile(llvm::StringRef path, const ImportOptions &options, mlir::MLIRContext &context);

/// Registers the NIR translations of snn-translate (`--import-nir`,
/// `--export-nir`) and their options with MLIR's translation registry.
void registerNIRTranslations();

} // namespace snn::nir

#endif // SNN_TARGET_NIR_NIRTRANSLATION_H
