//===- SNNDialect.td - Spiking neural network dialect ------*- tablegen -*-===//

#ifndef SNN_DIALECT_TD
#define SNN_DIALECT_TD

include "mlir/IR/OpBase.td"

def SNN_Dialect : Dialect {
  let name = "snn";
  let cppNamespace = "::mlir::snn";
  let summary = "Spiking neural networks with an explicit time dimension";
  let description = [{
    The `snn` dialect represents spiking neural networks at graph level, on
    ranked, statically shaped tensors whose leading dimension is time. Synapse
    ops (`snn.conv2d`, `snn.dense`, `snn.add`, pooling, `snn.flatten`, ...)
    are stateless and time-parallel: step `t` of the result depends only on
    step `t` of the operands. Neuron ops (`snn.lif`, `snn.cuba_lif`,
    `snn.li`, `snn.cuba_li`) own a state that evolves across time steps.

    Precision lives in the element types: spikes are `i1`, weights and
    activations any signless integer (two's complement) or float type, and a
    neuron's state type is an attribute of the op. The update equations of
    every op are the contract documented in `docs/Semantics.md`; the
    reference simulator in `python/snn_mlir/reference.py` implements exactly
    that page and every lowering and schedule must agree with it.

    Ops may carry a `schedule` attribute (`#snn.schedule`) that states how the
    compiler should map them onto time tiles, spatial tiles and fusion groups;
    the `snn-*` transformation passes apply what it says.

    Three discardable attributes belong to the dialect, and the verifier
    checks their type and where they appear:

    - `snn.block = N` (a non-negative integer) on a layer op: the block of
      the network it belongs to, which `snn-set-schedule` groups by and
      `snn-eliminate-state` selects with `blocks`;
    - `snn.stateless` (a unit attribute) on a neuron op: a request that
      `snn-eliminate-state` make that neuron stateless;
    - `snn.hardware = #snn.hardware<...>` on a `builtin.module`: the
      hardware the cost model and the auto-scheduler work with
      (`snn-set-hardware` attaches it).

    Any other `snn.` attribute on an op is an error.
  }];
  let discardableAttrs = (ins
    "::mlir::IntegerAttr":$block,
    "::mlir::UnitAttr":$stateless,
    "::mlir::snn::HardwareAttr":$hardware
  );
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 0;
  let hasOperationAttrVerify = 1;
}

#endif // SNN_DIALECT_TD
