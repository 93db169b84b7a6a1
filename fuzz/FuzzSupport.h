//===- FuzzSupport.h - Shared pieces of the snn-mlir fuzz targets -*- C++ -*-===//
//
// Every target in this folder defines `LLVMFuzzerTestOneInput`. Built with
// -DSNN_ENABLE_FUZZERS=ON it links libFuzzer's main (a coverage-guided
// fuzzer); always, it is also linked with ReplayMain.cpp into a plain
// `*-replay` executable that runs the corpus and regression inputs once, so
// the regular test suite checks them on every build (docs/Reliability.md).
//
// A target returns normally for every input the compiler handles (accepted,
// or rejected with a diagnostic). A bug is a crash, a sanitizer report or a
// broken invariant, which `fuzzCheck` turns into an abort with a message.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_FUZZ_FUZZSUPPORT_H
#define SNN_FUZZ_FUZZSUPPORT_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace snnfuzz {

/// Aborts with `message` (and `detail`, e.g. the IR) when `ok` is false: the
/// fuzzer records the input as a crash.
void fuzzCheck(bool ok, llvm::StringRef message, llvm::StringRef detail = "");

/// True when SNN_FUZZ_VERBOSE is set: targets then print what they ran and
/// the diagnostics they swallowed (to debug a regression input).
bool verbose();

/// Swallows the diagnostics of `context` (printing them when verbose()),
/// remembering whether an error was among them and its text.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(mlir::MLIRContext &context);
  bool sawError() const { return errors != 0; }
  unsigned numErrors() const { return errors; }
  const std::string &text() const { return all; }
  void reset() {
    errors = 0;
    all.clear();
  }

private:
  mlir::ScopedDiagnosticHandler handler;
  unsigned errors = 0;
  std::string all;
};

/// Reads the bytes of a fuzz input as a stream of choices; past the end
/// every choice is 0 (the first option), so short inputs give small, plain
/// programs.
class ByteReader {
public:
  ByteReader(const uint8_t *data, size_t size) : data(data), size(size) {}
  uint8_t byte() { return pos < size ? data[pos++] : 0; }
  /// A value in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi);
  /// True with probability about `percent` / 100 (false past the end).
  bool chance(unsigned percent) { return byte() % 100 >= 100 - percent; }
  template <typename T, size_t N> const T &pick(const T (&options)[N]) {
    return options[range(0, N - 1)];
  }
  bool exhausted() const { return pos >= size; }

private:
  const uint8_t *data;
  size_t size;
  size_t pos = 0;
};

} // namespace snnfuzz

#endif // SNN_FUZZ_FUZZSUPPORT_H
