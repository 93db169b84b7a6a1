//===- Diagnostics.cpp - Error strings of the C API -------------------------===//

#include "Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace mlir;
using namespace mlir::snn::capi;

char *mlir::snn::capi::copyString(StringRef text) {
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  if (!copy)
    return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

void mlir::snn::capi::setError(char **error, StringRef message, StringRef fallback) {
  if (error)
    *error = copyString(message.empty() ? fallback : message);
}

void mlir::snn::capi::clearError(char **error) {
  if (error)
    *error = nullptr;
}

/// The texts kept in one context, by buffer name.
struct mlir::snn::capi::SourceStore {
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> buffers;
};

/// The store of `context`, created if `create`. An MLIRContext has no slot
/// for a client's data, so the store lives in a diagnostic handler that
/// passes every diagnostic on: it dies with the context, which expires the
/// weak reference kept here.
static std::shared_ptr<SourceStore> getSourceStore(MLIRContext *context, bool create) {
  static std::mutex mutex;
  static llvm::DenseMap<MLIRContext *, std::weak_ptr<SourceStore>> stores;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = stores.find(context);
  if (it != stores.end()) {
    if (std::shared_ptr<SourceStore> store = it->second.lock())
      return store;
    stores.erase(it);
  }
  if (!create)
    return nullptr;
  // Forget the contexts destroyed since (another may reuse their address).
  llvm::SmallVector<MLIRContext *> dead;
  for (auto &[other, store] : stores)
    if (store.expired())
      dead.push_back(other);
  for (MLIRContext *other : dead)
    stores.erase(other);
  auto store = std::make_shared<SourceStore>();
  context->getDiagEngine().registerHandler([store](Diagnostic &) { return failure(); });
  stores[context] = store;
  return store;
}

void mlir::snn::capi::keepSource(MLIRContext *context,
                                 std::unique_ptr<llvm::MemoryBuffer> source) {
  std::shared_ptr<SourceStore> store = getSourceStore(context, /*create=*/true);
  std::string name = source->getBufferIdentifier().str();
  store->buffers[name] = std::move(source);
}

DiagnosticCapture::DiagnosticCapture(MLIRContext *context)
    : context(context), printedOps(context->shouldPrintOpOnDiagnostic()),
      sources(getSourceStore(context, /*create=*/false)), os(text) {
  if (sources)
    for (auto &entry : sources->buffers)
      sourceMgr.AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBuffer(entry.second->getMemBufferRef(),
                                           /*RequiresNullTerminator=*/false),
          llvm::SMLoc());
  context->printOpOnDiagnostic(false);
  handler = std::make_unique<SourceMgrDiagnosticHandler>(sourceMgr, context, os);
}

DiagnosticCapture::~DiagnosticCapture() {
  handler.reset();
  context->printOpOnDiagnostic(printedOps);
}
