//===- Passes.td - SNN conversion passes -------------------*- tablegen -*-===//

#ifndef SNN_CONVERSION_PASSES_TD
#define SNN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSNNToLinalg : Pass<"convert-snn-to-linalg"> {
  let summary = "Lower graph-level snn ops to linalg, tensor and scf on tensors";
  let description = [{
    Replaces every compute op of the `snn` dialect by tensor-level upstream
    ops that implement `docs/Semantics.md` exactly:

    - synapses become `linalg.generic` reductions (integer convolution and
      dense layers accumulate in the narrowest of `i16`, `i32` and `i64`
      that holds every partial sum, then saturate in a second element-wise
      `linalg.generic`); padding is a `tensor.pad`;
    - neurons become an `scf.for` over time whose iteration arguments are the
      state tensors (membrane, synaptic current, previous spikes), each step an
      element-wise `linalg.generic` over the neurons, written into the result
      with `tensor.insert_slice`;
    - flatten and reshape become `tensor.collapse_shape`/`expand_shape`.

    The result is bufferized by One-Shot Bufferize: every state tensor becomes
    one buffer updated in place across the time loop. `snn.group` ops must
    have been removed by the scheduling passes first, and `snn.cycle` ops by
    `snn-step-cycles` (an error names the cycle otherwise). The module's
    `snn.hardware`, an input of the schedule, is dropped: the lowered code
    no longer depends on the dialect.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::snn::kernel::SNNKernelDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SNNDropEmptySlices : Pass<"snn-drop-empty-slices"> {
  let summary = "Replace tensor slices without elements by tensor.empty";
  let description = [{
    A spatial band whose input window lies wholly in the padding reads a
    slice of width 0 of its producer. Once canonicalization has made that
    width a constant, the slice, and every per-step slice of it, has no
    elements, and its contents do not matter: this pass replaces each
    `tensor.extract_slice` whose result type has a dimension of size 0 by a
    `tensor.empty` of that type. It runs before bufferization because the
    buffers of such slices would be `memref.subview`s of buffers with a
    dimension of size 0, which MLIR 22's subview verifier rejects at any
    offset ("offset 0 is out-of-bounds: 0 >= 0").
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def SNNEmitVectorLoops : Pass<"snn-emit-vector-loops"> {
  let summary = "Lower structured ops on buffers to affine loop nests of vector operations";
  let description = [{
    Replaces every `linalg` op and `snn_kernel.generic` on buffers by a loop
    nest vectorized for the target (named linalg ops are generalized first):

    - one parallel loop runs across vector lanes: the op's
      `snn_kernel.vectorize` hint says which, or else the last parallel loop
      along which every output is contiguous; the vector width is the
      target's register width over the widest element that moves along the
      lanes;
    - with reduction loops, the outputs stay in vector registers across
      them (several vectors, and the positions of the hint's `block` loop,
      as many as the registers hold), so that each loaded value serves
      several accumulators;
    - inputs that do not move with the lanes are loaded once and broadcast,
      contiguous ones are loaded as vectors, others gathered lane by lane;
    - a short reduction loop that a window couples with the block loop (the
      kernel columns for a block of output columns) is unrolled, so that
      the positions the block and the taps share are loaded once; when the
      sums are integer (their order does not matter), that loop is moved
      innermost first (the kernel rows for a block of output rows);
    - windows of `snn_kernel.generic` clip the reduction loops' bounds, and a
      vectorized loop that a window clips is split into an interior (vectors,
      no clipping) and borders (one position at a time);
    - the remainder of a vectorized loop runs in narrower vectors.

    Loops and accesses are `affine` where their bounds and indices are affine
    in valid dimensions and symbols, `scf.for` and `memref`/`vector`
    accesses elsewhere (bounds that depend on values computed inside
    non-affine loops). The body of the op is cloned on vectors; it must
    consist of element-wise ops (arith, math) and `linalg.index`.

    `snn_kernel.event_scatter` (an event-driven synapse) becomes loops over
    its spikes instead: each row of spikes is read 64 columns at a time as
    the bits of an integer, every set bit (lowest first: count trailing
    zeros, clear the lowest bit) is one spike, and each spike adds its
    weight vectors (lanes along the output channels) to the outputs it
    reaches, whose range is computed from the stride and dilation.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"0",
           "Width of the target's vector registers in bits (0: the host's, "
           "read from its CPU features; 1: no vectors)">,
    Option<"threads", "threads", "bool", /*default=*/"false",
           "Share the outermost parallel loop of every large op between threads "
           "(affine.parallel, which the snn-to-llvm pipeline lowers to OpenMP)">,
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark with the vectorization of every op">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def SNNFuseElementwise : Pass<"snn-fuse-elementwise"> {
  let summary = "Merge chains of element-wise linalg.generic ops on tensors";
  let description = [{
    Fuses every element-wise `linalg.generic` whose result only one other
    element-wise `linalg.generic` reads into that consumer (upstream linalg
    elementwise fusion, restricted to these pairs): the saturation and
    layout change of a convolution's accumulators runs inside the neuron
    update that reads them, in one loop nest and without the buffer between
    them. Reductions are never fused into, so that their inputs, converted
    once, stay out of their inner loops.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // SNN_CONVERSION_PASSES_TD
