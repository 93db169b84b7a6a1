//===- Isolation.h - Work on untrusted input in a child process -*- C++ -*-===//
//
// Debian's HDF5 can crash or hang on byte-corrupted files. A compiler that
// embeds the NIR importer must not be taken down by a bad file: the
// isolated import reads and imports in a forked child with a time limit and
// passes the module back as MLIR bytecode through a pipe; a crash, a
// non-zero exit or a timeout of the child becomes a one-line error.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_TARGET_NIR_ISOLATION_H
#define SNN_TARGET_NIR_ISOLATION_H

#include "snn/Target/NIR/NIRTranslation.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/Twine.h"

namespace snn {

/// The bytes `work` returns, computed in a forked child process that has
/// `seconds` (>= 1) to finish; `work`'s own error is returned as it is.
/// Otherwise errors read "<what> crashed (signal 11) on <subject>",
/// "<what> did not finish within N s on <subject>" or "<what> exited with
/// status N on <subject>". POSIX only: elsewhere `work` runs in process.
llvm::Expected<std::string> runIsolated(llvm::function_ref<llvm::Expected<std::string>()> work,
                                        unsigned seconds, const llvm::Twine &what,
                                        const llvm::Twine &subject);

namespace nir {

/// importNIRBytes / importNIRFile with the reading and the import in a
/// child process (runIsolated, what = "the NIR reader"); the module is
/// parsed back into `context`.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importNIRBytesIsolated(llvm::ArrayRef<char> bytes, llvm::StringRef name,
                       const ImportOptions &options, mlir::MLIRContext &context, unsigned seconds);
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importNIRFileIsolated(llvm::StringRef path, const ImportOptions &options,
                      mlir::MLIRContext &context, unsigned seconds);

} // namespace nir
} // namespace snn

#endif // SNN_TARGET_NIR_ISOLATION_H
