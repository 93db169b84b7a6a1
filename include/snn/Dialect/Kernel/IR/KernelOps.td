//===- KernelOps.td - Operations of the kernel dialect -----*- tablegen -*-===//

#ifndef SNN_KERNEL_OPS_TD
#define SNN_KERNEL_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Dialect/Linalg/IR/LinalgBase.td"
include "snn/Dialect/Kernel/IR/KernelDialect.td"
include "snn/Dialect/Kernel/IR/KernelAttrs.td"

class Kernel_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNNKernel_Dialect, mnemonic, traits>;

def Kernel_GenericOp : Kernel_Op<"generic", [
    AttrSizedOperandSegments, SingleBlock,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DestinationStyleOpInterface, RecursiveMemoryEffects]> {
  let summary = "A structured op whose windowed inputs skip what lies outside them";
  let description = [{
    Like `linalg.generic`: a loop nest over the iteration space of
    `iterator_types`, whose body (the region) receives one element of every
    operand, read through its indexing map, and yields the new element of
    every output. Parallel points may run in any order; the points of the
    reduction loops run in increasing lexicographic order, so that float
    accumulations are exactly those of the semantics (`docs/Semantics.md`).

    What linalg cannot say: an input listed in `windowed` may be read outside
    its bounds along the indices that move with a reduction loop. A point of
    the iteration space at which such an index falls outside the input's
    shape is skipped: the body does not run there and the outputs keep their
    values. (Indices of a windowed input that move with no reduction loop must
    stay in bounds, as for any input.) This is how a convolution or a pool
    skips its padding (`ih = oh * stride + kh * dilation - pad`) without a
    padded copy of its input, and how a tile reads a halo clipped at the
    layer's border (the offsets of the clipped window are `symbols`, which
    the indexing maps read as `s0, s1, ...`).

    Rules (checked by the verifier):
    - every loop is the bare result `dN` of some indexing map of an operand
      that is not windowed, which gives its trip count; outputs are indexed
      by parallel loops only;
    - each result of a windowed map is linear in the loops and symbols and
      holds at most one reduction loop, with a positive coefficient (so that
      the points skipped are a range of that loop, which the emitter clips
      instead of testing each point).

    On tensors the op returns the new values of its outputs; on buffers it
    updates them in place and returns nothing.

    ```mlir
    // y[k, oh] = sum over kh of x[oh + kh - 1] * w[k, kh] (a 1-D convolution
    // padded by 1 on both sides).
    %y = snn_kernel.generic {
        indexing_maps = [affine_map<(k, oh, kh) -> (oh + kh - 1)>,
                         affine_map<(k, oh, kh) -> (k, kh)>,
                         affine_map<(k, oh, kh) -> (k, oh)>],
        iterator_types = [#linalg.iterator_type<parallel>,
                          #linalg.iterator_type<parallel>,
                          #linalg.iterator_type<reduction>],
        windowed = array<i1: true, false>}
        ins(%x, %w : tensor<8xi16>, tensor<4x3xi16>) outs(%acc : tensor<4x8xi16>) {
    ^bb0(%a: i16, %b: i16, %c: i16):
      %m = arith.muli %a, %b : i16
      %s = arith.addi %c, %m : i16
      snn_kernel.yield %s : i16
    } -> tensor<4x8xi16>
    ```
  }];
  let arguments = (ins Variadic<AnyShaped>:$inputs, Variadic<AnyShaped>:$outputs,
                   Variadic<Index>:$symbols,
                   AffineMapArrayAttr:$indexing_maps,
                   IteratorTypeArrayAttr:$iterator_types,
                   DenseBoolArrayAttr:$windowed);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    attr-dict `ins` `(` $inputs `:` type($inputs) `)`
    `outs` `(` $outputs `:` type($outputs) `)`
    (`symbols` `(` $symbols^ `)`)? $body (`->` type($results)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() { return getOutputsMutable(); }
    ::mlir::SmallVector<::mlir::AffineMap> getIndexingMapsArray() {
      return ::llvm::to_vector(getIndexingMaps().getAsValueRange<::mlir::AffineMapAttr>());
    }
    ::mlir::SmallVector<::mlir::utils::IteratorType> getIteratorTypesArray();
    unsigned getNumLoops() { return getIteratorTypes().size(); }
    /// The indexing map of operand `operand` (inputs, then outputs).
    ::mlir::AffineMap getMatchingIndexingMap(::mlir::OpOperand *operand);
    /// True if input `index` is windowed.
    bool isWindowed(unsigned index) { return getWindowed()[index]; }
    /// True if the body reads the element of `operand`.
    bool payloadUsesValueFromOperand(::mlir::OpOperand *operand);
  }];
}

def Kernel_YieldOp : Kernel_Op<"yield", [Pure, Terminator, ReturnLike,
                                          HasParent<"GenericOp">]> {
  let summary = "Yields the new output elements of an snn_kernel.generic";
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "$values attr-dict `:` type($values)";
}

def Kernel_EventScatterOp : Kernel_Op<"event_scatter", [
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DestinationStyleOpInterface]> {
  let summary = "Event-driven convolution: each non-zero input adds its weights to the outputs it reaches";
  let description = [{
    `input` is `T x C x H x W`, of `i1` (spikes) or of the element type of
    `weights` (`G x C/G x KH x KW x K`, output channels innermost) and `acc`
    (`T x G x OH x OW x K`, channels last). An *event* is an input element
    that is not zero (for floats `x != 0.0`: a NaN is an event, `-0.0` is
    not). For every step `t`, group `g`, input channel `c` of the group and
    input position `(ih, iw)`, in increasing lexicographic order, if
    `x = input[t, g*C/G + c, ih, iw]` is an event: for every kernel offset
    `(kh, kw)` such that `ih = oh * stride_h + kh * dilation_h - pad_rows`
    (and likewise the columns) for an output position `(oh, ow)` inside
    `acc`,

        acc[t, g, oh, ow, :] += weights[g, c, kh, kw, :]        (spikes)
        acc[t, g, oh, ow, :] += x * weights[g, c, kh, kw, :]    (values)

    (for floats the product is rounded, then the sum, as in a dense
    convolution; integer arithmetic wraps). Each output thus receives its
    events in the order `(c, kh, kw)` of a dense convolution, whose other
    terms are `0 * w`. A dense layer is the case `H = KH = 1`, `W = KW`,
    `OW = 1`. `pad_rows` and `pad_cols` may be dynamic (a tile's halo
    clipped at the layer's border).

    On tensors the op returns the new accumulators; on buffers it updates
    `acc` in place and returns nothing.

    ```mlir
    %acc2 = snn_kernel.event_scatter %x, %w into %acc pad(%c1, %c1)
        {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
        : tensor<4x2x8x8xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x8x8x16xf32> -> tensor<4x1x8x8x16xf32>
    ```
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$weights, AnyShaped:$acc,
                   Index:$pad_rows, Index:$pad_cols,
                   DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$dilation);
  let results = (outs Optional<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    $input `,` $weights `into` $acc `pad` `(` $pad_rows `,` $pad_cols `)` attr-dict
    `:` type($input) `,` type($weights) `,` type($acc) (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() { return getAccMutable(); }
    /// True if the input is spikes (i1): an event adds the weights as they are.
    bool hasSpikeInput() {
      return ::llvm::cast<::mlir::ShapedType>(getInput().getType()).getElementType().isInteger(1);
    }
  }];
}

#endif // SNN_KERNEL_OPS_TD
