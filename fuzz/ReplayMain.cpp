//===- ReplayMain.cpp - Run fuzz inputs without libFuzzer ------------------===//
//
// `<target>-replay FILE|DIR...` runs LLVMFuzzerTestOneInput once on every
// file named or found (recursively, in sorted order) under the directories
// (but README* and dot files), so that the corpus and the regression inputs
// are replayed by the regular test suite. A bug aborts in the target;
// otherwise it prints how many inputs ran.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (!llvm::sys::fs::is_directory(argv[i])) {
      files.push_back(argv[i]);
      continue;
    }
    std::error_code ec;
    for (llvm::sys::fs::recursive_directory_iterator it(argv[i], ec), end;
         it != end && !ec; it.increment(ec)) {
      // A folder's README says what its inputs are; it is not one.
      llvm::StringRef name = llvm::sys::path::filename(it->path());
      if (llvm::sys::fs::is_regular_file(it->path()) && !name.starts_with(".") &&
          !name.starts_with("README"))
        files.push_back(it->path());
    }
    if (ec) {
      llvm::errs() << argv[0] << ": cannot list '" << argv[i] << "': " << ec.message()
                   << "\n";
      return 1;
    }
  }
  llvm::sort(files);
  for (const std::string &file : files) {
    auto buffer = llvm::MemoryBuffer::getFile(file);
    if (!buffer) {
      llvm::errs() << argv[0] << ": cannot read '" << file
                   << "': " << buffer.getError().message() << "\n";
      return 1;
    }
    if (snnfuzz::verbose())
      llvm::errs() << "== " << file << "\n";
    llvm::StringRef bytes = (*buffer)->getBuffer();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  }
  llvm::outs() << "replayed " << files.size() << " inputs\n";
  return 0;
}
