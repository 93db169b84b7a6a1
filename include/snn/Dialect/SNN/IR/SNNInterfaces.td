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
    step takes, and how an interval of output positions along one per-step
    dimension maps to the interval of each activation operand it reads.
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
  ];
}

def SNN_NeuronInterface : OpInterface<"NeuronOpInterface"> {
  let cppNamespace = "::mlir::snn";
  let description = [{
    Stateful neurons: the components of their state (membrane, synaptic
    current, previous spikes), which the explicit-state form carries and the
    cost model counts as operand `V`.
  }];
  let methods = [
    InterfaceMethod<[{
        Element types of the state components in explicit-state order, each
        of the per-step shape of the input.
      }], "::llvm::SmallVector<::mlir::Type>", "getStateElementTypes">,
    InterfaceMethod<[{
        Bits of state one neuron keeps between steps (the cost model's `V`):
        the membrane, the synaptic current, and one bit for the previous
        spike where the next step reads it (reset in the next step,
        recurrence).
      }], "int64_t", "getStateBitsPerNeuron">,
  ];
}

#endif // SNN_INTERFACES_TD
