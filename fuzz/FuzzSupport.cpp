//===- FuzzSupport.cpp - Shared pieces of the snn-mlir fuzz targets --------===//

#include "FuzzSupport.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;

void snnfuzz::fuzzCheck(bool ok, llvm::StringRef message, llvm::StringRef detail) {
  if (ok)
    return;
  llvm::errs() << "snn-fuzz: BUG: " << message << "\n";
  if (!detail.empty())
    llvm::errs() << detail << "\n";
  llvm::errs().flush();
  std::abort();
}

bool snnfuzz::verbose() {
  static const bool on = std::getenv("SNN_FUZZ_VERBOSE") != nullptr;
  return on;
}

snnfuzz::DiagnosticCollector::DiagnosticCollector(MLIRContext &context)
    : handler(&context, [this](Diagnostic &diag) {
        if (diag.getSeverity() == DiagnosticSeverity::Error)
          ++errors;
        std::string line;
        llvm::raw_string_ostream os(line);
        os << diag.getLocation() << ": " << diag << "\n";
        for (const Diagnostic &note : diag.getNotes())
          os << "  note: " << note << "\n";
        all += line;
        if (verbose())
          llvm::errs() << line;
        return success();
      }) {}

int64_t snnfuzz::ByteReader::range(int64_t lo, int64_t hi) {
  uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  uint64_t value = byte();
  if (span > 256)
    value = (value << 8) | byte();
  return lo + static_cast<int64_t>(value % span);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
// LLVM's headers poison and unpoison BumpPtrAllocator slabs when compiled
// with ASan; Debian's libMLIR.so/libLLVM.so, compiled without it, allocate
// from the same slabs without unpoisoning, so ASan would report their
// accesses (use-after-poison). Manual poisoning is off for that reason
// (docs/Reliability.md); ASan's own checks are unaffected.
extern "C" const char *__asan_default_options() { return "allow_user_poisoning=0"; }
#endif
#endif
