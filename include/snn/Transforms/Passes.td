//===- Passes.td - Passes on the bufferized program --------*- tablegen -*-===//

#ifndef SNN_TRANSFORMS_PASSES_TD
#define SNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNHoistBuffers : Pass<"snn-hoist-buffers", "::mlir::func::FuncOp"> {
  let summary = "Allocate the buffers of loop bodies once per function";
  let description = [{
    One-Shot Bufferize allocates a temporary where the tensor program
    creates one: inside a time loop, a step's convolution result or a
    converted input is a new buffer at every step. This pass moves every
    `memref.alloc` of a static shape out of all loops to the start of the
    function, so that the same buffer serves every iteration, provided the
    buffer does not outlive its iteration: it (or a view of it) is neither
    yielded by a loop, returned, passed to a call nor stored. A buffer that
    does is left where it is, with one exception: a buffer that an
    `scf.for` yields as the new value of an iteration argument whose old
    value dies in that iteration (a neuron state updated out of place
    across time tiles) rotates with the old one. The loop then carries both
    buffers and yields them swapped, so two buffers allocated before the
    loop serve every iteration. Run it before the buffer deallocation
    passes, which then free each buffer once at the end of the function.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def SNNPackSpikes : Pass<"snn-pack-spikes", "::mlir::func::FuncOp"> {
  let summary = "Store spike buffers one bit per spike";
  let description = [{
    A spike buffer that the function allocates (the spikes one layer passes
    to the next, a time step's spikes) becomes a flat `i8` buffer holding
    eight spikes per byte, element `i` in bit `i mod 8` of byte `i / 8` (in
    row-major order of the original shape). This is what the cost model
    counts: one bit per spike.

    Every access is rewritten through the views of the buffer (subviews,
    reshapes, casts), which fold into its linear index:
    - a vector load or store of `8k` spikes at an index that is provably a
      multiple of 8 moves `k` whole bytes (`vector.bitcast`);
    - any other load reads the bytes that hold its spikes as one integer
      and shifts them into place;
    - any other store is a read-modify-write of those bytes.
    A read-modify-write inside a parallel loop could interleave with
    another thread's on the same byte: a buffer with such a store, or used
    by anything other than these accesses, its views and its deallocation
    (a call, a loop's iteration argument or result), stays one byte per
    spike (`snn-legalize-storage`).

    Alignment is proved from the index expressions: constants, loop
    induction variables (lower bound and step), `affine.apply`, and integer
    sums and products. The packed buffer has eight more bytes than it needs,
    zeroed, so that a load of an unaligned vector may read one byte past
    its last spike. Function arguments keep their layout (one byte per
    spike, as NumPy stores booleans). With `report`, each spike buffer left
    unpacked gets a remark saying why.
  }];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "Remark on every spike buffer left one byte per spike">,
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

def SNNLegalizeStorage : Pass<"snn-legalize-storage", "::mlir::ModuleOp"> {
  let summary = "Store i1 and odd-width integers in whole-byte containers";
  let description = [{
    LLVM packs a vector of `i1` (or of `i4`, `i12`, ...) in memory bit by
    bit while a scalar of such a type takes whole bytes, so vector loads and
    stores of those types must not meet buffers written element by element.
    This pass gives every buffer of such a type a container type (`i1` and
    `i2`..`i7` in `i8`, `i9`..`i15` in `i16`, `i17`..`i31` in `i32`) and
    converts at each access: loads truncate, stores extend (spikes with zeros,
    signed integers with their sign). Function signatures change the same
    way: a spike buffer argument is one byte (0 or 1) per spike, an `i4`
    buffer one sign-extended byte per element, the layout NumPy uses.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def SNNCopiesToLinalg : Pass<"snn-copies-to-linalg"> {
  let summary = "Turn memref.copy into linalg.copy";
  let description = [{
    Bufferization copies buffers with `memref.copy`, which the LLVM lowering
    turns into a call to the `memrefCopy` runtime function for strided
    buffers. Rewriting the copies as `linalg.copy` lets them lower to loops
    like every other op, so the compiled code needs no runtime library.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def SNNOrderGlobals : Pass<"snn-order-globals", "::mlir::ModuleOp"> {
  let summary = "Name and place the private memref.global constants in order of first use";
  let description = [{
    One-Shot Bufferize turns constant tensors into private `memref.global`
    ops, but with several functions in a module it names and places them in
    an order that depends on heap addresses, so the same input could lower
    to different text from run to run. This pass renames every private
    global that a `memref.get_global` uses to `__constant_<N>_<shape>`, N
    counting in order of first use (functions in module order), and puts
    them in that order at the top of the module: the output no longer
    depends on the order bufferization created them in.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // SNN_TRANSFORMS_PASSES_TD
