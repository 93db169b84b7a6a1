//===- ImportFile.cpp - NIR files to snn IR, in process or isolated -------===//

#include "NIRInternal.h"
#include "snn/Dialect/SNN/IR/SNNDialect.h"
#include "snn/Target/NIR/Isolation.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"

using mlir::MLIRContext;
using mlir::ModuleOp;
using mlir::OwningOpRef;

/// The bytes of the file at `path`, or an error naming it.
static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readFile(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!file)
    return ::snn::nir::detail::makeError("cannot read '" + path +
                                         "': " + file.getError().message());
  return std::move(*file);
}

llvm::Expected<OwningOpRef<ModuleOp>> snn::nir::importNIRBytes(llvm::ArrayRef<char> bytes,
                                                               llvm::StringRef name,
                                                               const ImportOptions &options,
                                                               MLIRContext &context) {
  llvm::Expected<Graph> graph = readNIR(bytes);
  if (!graph) {
    // Errors about the file as a whole name it; errors about a node name
    // the node.
    std::string message;
    bool aboutFile = false;
    llvm::handleAllErrors(graph.takeError(), [&](const llvm::StringError &err) {
      aboutFile = err.convertToErrorCode() == detail::fileErrorCode();
      message = err.getMessage();
    });
    return ::snn::nir::detail::makeError(aboutFile ? "'" + name + "': " + message
                                                   : llvm::Twine(message));
  }
  return importNIR(*graph, options, context);
}

llvm::Expected<OwningOpRef<ModuleOp>>
snn::nir::importNIRFile(llvm::StringRef path, const ImportOptions &options, MLIRContext &context) {
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> file = readFile(path);
  if (!file)
    return file.takeError();
  llvm::StringRef bytes = (*file)->getBuffer();
  return importNIRBytes({bytes.data(), bytes.size()}, path, options, context);
}

llvm::Expected<OwningOpRef<ModuleOp>> snn::nir::importNIRBytesIsolated(llvm::ArrayRef<char> bytes,
                                                                       llvm::StringRef name,
                                                                       const ImportOptions &options,
                                                                       MLIRContext &context,
                                                                       unsigned seconds) {
  llvm::Expected<std::string> bytecode = runIsolated(
      [&]() -> llvm::Expected<std::string> {
        // A fresh context: the parent's may have threads, which fork does
        // not copy.
        MLIRContext local(MLIRContext::Threading::DISABLED);
        llvm::Expected<OwningOpRef<ModuleOp>> module = importNIRBytes(bytes, name, options, local);
        if (!module)
          return module.takeError();
        std::string text;
        llvm::raw_string_ostream os(text);
        if (mlir::failed(mlir::writeBytecodeToFile(**module, os)))
          return ::snn::nir::detail::makeError("cannot write the imported module as bytecode");
        return text;
      },
      seconds, "the NIR reader", "'" + name + "'");
  if (!bytecode)
    return bytecode.takeError();
  context.loadDialect<mlir::snn::SNNDialect, mlir::arith::ArithDialect, mlir::func::FuncDialect>();
  std::string diagnostic;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diagnostic.empty())
      diagnostic = diag.str();
    return mlir::success();
  });
  OwningOpRef<ModuleOp> module = mlir::parseSourceString<ModuleOp>(*bytecode, &context);
  if (!module)
    return ::snn::nir::detail::makeError(
        "cannot read back the module the NIR reader imported from '" + name + "': " + diagnostic);
  return module;
}

llvm::Expected<OwningOpRef<ModuleOp>> snn::nir::importNIRFileIsolated(llvm::StringRef path,
                                                                      const ImportOptions &options,
                                                                      MLIRContext &context,
                                                                      unsigned seconds) {
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> file = readFile(path);
  if (!file)
    return file.takeError();
  llvm::StringRef bytes = (*file)->getBuffer();
  return importNIRBytesIsolated({bytes.data(), bytes.size()}, path, options, context, seconds);
}
