//===- SNNInterfaces.td - SNN op interfaces ----------------*- tablegen -*-===//

#ifndef SNN_INTERFACES_TD
#define SNN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def SNN_LayerInterface : OpInterface<"LayerOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    The facts about a graph-level op that the cost model and the tiling
    transformations need, so that both are op-agnostic: which operands are
    activations (`I`) and which are parameters (`W`), how much work one time
    step takes and how a MAC array unrolls it, and how an interval of output
    positions along one per-step dimension maps to the interval of each
    activation operand it reads.
    Dimension 0 of every value is time; "per-step dimension" `d` is tensor
    dimension `d + 1`.
  }];
  let methods = [
    InterfaceMethod<[{
        Indices of the operands that are activations (read per time step,
        operand `I` of the cost model).
      }], "::llvm::SmallVector<unsigned>", "getActivationOperands", (ins),
      /*methodBody=*/"", /*defaultImplementation=*/[{ return {0}; }]>,
    InterfaceMethod<[{
        Indices of the operands that are parameters (weights and biases,
        operand `W` of the cost model).
      }], "::llvm::SmallVector<unsigned>", "getWeightOperands", (ins),
      /*methodBody=*/"", /*defaultImplementation=*/[{ return {}; }]>,
    InterfaceMethod<[{
        Operations per time step over the whole output: multiply-accumulates
        for synapses, element updates for neurons and element-wise ops.
      }], "int64_t", "getOpsPerStep">,
    InterfaceMethod<[{
        How output interval [lo, hi) along per-step dimension `resultDim` maps
        to the interval read from activation operand `operand` (along the same
        dimension index), or failure if the op cannot be tiled along it.
      }], "::mlir::FailureOr<::mlir::snn::AxisMap>", "getAxisMap",
      (ins "unsigned":$operand, "unsigned":$resultDim)>,
    InterfaceMethod<[{
        The layer's schedule (`#snn.schedule`: fusion group, time tile,
        spatial tile, state placement), or null when it has none.
      }], "::mlir::snn::ScheduleAttr", "getScheduleAttr", (ins),
      /*methodBody=*/[{ return $_op.getScheduleAttr(); }]>,
    InterfaceMethod<[{
        Sets the layer's schedule; null removes it.
      }], "void", "setScheduleAttr", (ins "::mlir::snn::ScheduleAttr":$schedule),
      /*methodBody=*/[{
        if (schedule)
          $_op.setScheduleAttr(schedule);
        else
          $_op.removeScheduleAttr();
      }]>,
    InterfaceMethod<[{
        Extents of the window of activation positions that one output
        element combines without weights: the kernel of a pooling op, empty
        for other ops, whose products multiply weights. An output element
        takes at most one product per weight and window position.
      }], "::llvm::SmallVector<int64_t>", "getWindowExtents", (ins),
      /*methodBody=*/"", /*defaultImplementation=*/[{ return {}; }]>,
    InterfaceMethod<[{
        Extents of the multiply-accumulate loops in the order a MAC array
        unrolls them, `(K, C, OY, OX)`: output channels, input channels per
        group, output rows and columns. `K` is per-step dimension 0 of the
        result, `OY` and `OX` are dimensions 1 and 2. Empty (the default)
        for ops that keep every unit of the array busy.
      }], "::llvm::SmallVector<int64_t>", "getMacArrayExtents", (ins),
      /*methodBody=*/"", /*defaultImplementation=*/[{ return {}; }]>,
  ];
}

def SNN_StatefulInterface : OpInterface<"StatefulOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    Layers that keep state from one time step to the next (neurons, delays).
    Without `init` operands the state starts at its initial value. In the
    explicit-state form, as produced by `snn-batch-time`, the `init` operands
    give the state at the first step and the results after the first give
    the state after the last step, one per state component in the same
    order.
  }];
  let methods = [
    InterfaceMethod<[{
        The `init` operands: the state at the first step, or none.
      }], "::mlir::OperandRange", "getInit", (ins),
      /*methodBody=*/[{ return $_op.getInit(); }]>,
    InterfaceMethod<[{
        The `init` operands as a range that assigning to resizes (with the
        op's `operandSegmentSizes`, if any).
      }], "::mlir::MutableOperandRange", "getInitMutable", (ins),
      /*methodBody=*/[{ return $_op.getInitMutable(); }]>,
    InterfaceMethod<[{
        Types of the state components in explicit-state order: the types of
        the `init` operands and of the final-state results. Empty where the
        layer keeps no state (a delay of 0 steps).
      }], "::llvm::SmallVector<::mlir::Type>", "getStateTypes">,
    InterfaceMethod<[{
        Bits of state the whole layer keeps between steps (the cost model's
        `V`): NeuronOpInterface::getStateBitsPerNeuron per neuron of a neuron
        layer, the last `steps` inputs of a delay.
      }], "int64_t", "getStateBits">,
  ];
}

def SNN_TilePlacementInterface : OpInterface<"TilePlacementOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    Layers whose per-channel or per-neuron parameters describe a whole layer
    while the op may compute a spatial tile of it (neurons, `snn.scale`,
    `snn.threshold`): the `at` operands give the tile's offset along every
    per-step dimension of the layer, whose per-step shape is `layer_shape`,
    and the tile reads its part of the parameters.
  }];
  let methods = [
    InterfaceMethod<[{
        Places the op on the tile at offsets `at` (one per per-step
        dimension) of a layer of per-step shape `layerShape`.
      }], "void", "setTilePlacement",
      (ins "::mlir::ValueRange":$at, "::llvm::ArrayRef<int64_t>":$layerShape),
      /*methodBody=*/[{
        $_op.getAtMutable().assign(at);
        $_op.setLayerShape(layerShape);
      }]>,
  ];
}

def SNN_NeuronInterface : OpInterface<"NeuronOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    Stateful neurons: the components of their state (synaptic current,
    membrane, threshold adaptation, refractory counter, previous spikes),
    which the explicit-state form carries and the cost model counts as
    operand `V`.
  }];
  let methods = [
    InterfaceMethod<[{
        Element types of the state components in explicit-state order, each
        of the per-step shape of the input.
      }], "::llvm::SmallVector<::mlir::Type>", "getStateElementTypes">,
    InterfaceMethod<[{
        Bits of state one neuron keeps between steps (the cost model's `V`):
        the membrane, the synaptic current, the threshold adaptation, the
        refractory counter, and one bit for the previous spike where the
        next step reads it (reset in the next step, recurrence).
      }], "int64_t", "getStateBitsPerNeuron">,
  ];
}

#endif // SNN_INTERFACES_TD
