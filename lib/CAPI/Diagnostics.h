//===- Diagnostics.h - Error strings of the C API ---------------*- C++ -*-===//
//
// The C API's `char **error` convention: MLIR's diagnostics captured while a
// call runs, with the source lines of the texts snnModuleParse keeps in the
// context, copied into malloc'd strings.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_CAPI_DIAGNOSTICS_H
#define SNN_LIB_CAPI_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace mlir::snn::capi {

/// A malloc'd, NUL-terminated copy of `text` (what snnStringFree frees).
char *copyString(llvm::StringRef text);

/// Stores a copy of `message`, or of `fallback` when it is empty (no
/// diagnostic was emitted), into `*error` if the caller asked for it.
void setError(char **error, llvm::StringRef message, llvm::StringRef fallback = "");

/// Stores NULL into `*error` if the caller asked for messages.
void clearError(char **error);

/// Keeps `source` in `context` until the context is destroyed, replacing a
/// kept text of the same buffer name, so that diagnostics captured later
/// quote its lines.
void keepSource(MLIRContext *context, std::unique_ptr<llvm::MemoryBuffer> source);

struct SourceStore;

/// Collects the diagnostics emitted in `context` while in scope, as one text
/// with locations and the lines of the kept sources. Ops are not printed
/// with their diagnostics meanwhile: the location and source line say where.
class DiagnosticCapture {
public:
  explicit DiagnosticCapture(MLIRContext *context);
  ~DiagnosticCapture();

  /// The diagnostics so far, without trailing white space.
  llvm::StringRef str() const { return llvm::StringRef(text).rtrim(); }

private:
  MLIRContext *context;
  bool printedOps;
  std::shared_ptr<SourceStore> sources;
  llvm::SourceMgr sourceMgr;
  std::string text;
  llvm::raw_string_ostream os;
  std::unique_ptr<SourceMgrDiagnosticHandler> handler;
};

} // namespace mlir::snn::capi

#endif // SNN_LIB_CAPI_DIAGNOSTICS_H
