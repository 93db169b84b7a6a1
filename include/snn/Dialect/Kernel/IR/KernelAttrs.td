//===- KernelAttrs.td - Attributes of the kernel dialect ---*- tablegen -*-===//

#ifndef SNN_KERNEL_ATTRS_TD
#define SNN_KERNEL_ATTRS_TD

include "mlir/IR/AttrTypeBase.td"
include "snn/Dialect/Kernel/IR/KernelDialect.td"

def Kernel_VectorizeAttr : AttrDef<SNNKernel_Dialect, "Vectorize"> {
  let mnemonic = "vectorize";
  let summary = "How a structured op is best vectorized";
  let description = [{
    A hint attached to a structured op (as the discardable attribute
    `snn_kernel.vectorize`): loop `lanes` runs across the lanes of vector
    registers, and loop `block` (optional) is unrolled so that several
    positions of it share each value loaded for the others. Both must be
    parallel loops. For a convolution whose weights were packed with the
    output channels innermost, `lanes` is the output-channel loop and
    `block` the output-column loop: each weight vector is loaded once for a
    block of columns, each input value once for all channels.

    ```mlir
    #snn_kernel.vectorize<lanes = 3, block = 2>
    ```
  }];
  let parameters = (ins "int64_t":$lanes,
                        DefaultValuedParameter<"int64_t", "-1">:$block);
  let assemblyFormat = "`<` `lanes` `=` $lanes (`,` `block` `=` $block^)? `>`";
  let genVerifyDecl = 1;
}

#endif // SNN_KERNEL_ATTRS_TD
