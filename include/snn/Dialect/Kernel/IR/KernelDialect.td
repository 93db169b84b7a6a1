//===- KernelDialect.td - Structured kernels of the lowering -*- tablegen -*-===//

#ifndef SNN_KERNEL_DIALECT_TD
#define SNN_KERNEL_DIALECT_TD

include "mlir/IR/OpBase.td"

def SNNKernel_Dialect : Dialect {
  let name = "snn_kernel";
  let cppNamespace = "::mlir::snn::kernel";
  let summary = "Structured kernels between the snn dialect and vector loops";
  let description = [{
    The code-generation level of snn-mlir. `convert-snn-to-linalg` lowers
    the graph-level `snn` ops to structured ops on tensors: `linalg.generic`
    where linalg can say what is computed, and `snn_kernel.generic` where it
    cannot: reductions over windows that skip the positions outside an input
    (the padding of convolutions and pools, and the halos of spatial tiles),
    so that no padded copy of an input ever exists. Both are destination
    style and bufferize in place; `snn-emit-vector-loops` then turns them into
    affine loop nests of vector operations for the target.

    `#snn_kernel.vectorize` is the lowering's hint of how a structured op is
    best vectorized (which loop runs across vector lanes, which one is
    unrolled into registers); the emitter sizes vectors and unrolling for the
    target's registers.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The discardable attribute carrying a VectorizeAttr on structured ops.
    static constexpr ::llvm::StringLiteral kVectorizeAttrName =
        "snn_kernel.vectorize";
  }];
}

#endif // SNN_KERNEL_DIALECT_TD
