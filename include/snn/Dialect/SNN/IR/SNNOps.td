//===- SNNOps.td - SNN operations --------------------------*- tablegen -*-===//

#ifndef SNN_OPS_TD
#define SNN_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "snn/Dialect/SNN/IR/SNNDialect.td"
include "snn/Dialect/SNN/IR/SNNAttrs.td"
include "snn/Dialect/SNN/IR/SNNEnums.td"
include "snn/Dialect/SNN/IR/SNNInterfaces.td"

class SNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNN_Dialect, mnemonic, traits> {
  let hasVerifier = 1;
}

/// Element types with defined semantics: signless integers of 1 to 32 bits
/// (`i1` spikes are 0/1, wider ones two's complement) and f32/f64.
def SNN_Element : Type<And<[AnySignlessInteger.predicate,
    CPred<"::llvm::cast<::mlir::IntegerType>($_self).getWidth() <= 32">]>,
    "signless integer of at most 32 bits">;
def SNN_ElementType : AnyTypeOf<[SNN_Element, F32, F64]>;

/// Values of the graph level: ranked tensors whose dimension 0 is time.
def SNN_Tensor : RankedTensorOf<[SNN_ElementType]>;

/// A per-neuron parameter: a scalar, or an array with one value per channel
/// (dimension 1) or per neuron (all per-step dimensions, row-major).
def SNN_ParamAttr : AnyAttrOf<[F64Attr, DenseF64ArrayAttr]>;

/// Synapse ops: stateless and time-parallel.
class SNN_SynapseOp<string mnemonic, list<Trait> traits = [],
                    list<string> overrides = []>
    : SNN_Op<mnemonic, !listconcat(traits, [Pure,
        DeclareOpInterfaceMethods<SNN_LayerInterface, overrides>])>;

//===----------------------------------------------------------------------===//
// Synapses
//===----------------------------------------------------------------------===//

def SNN_Conv2dOp : SNN_SynapseOp<"conv2d", [],
    ["getWeightOperands", "getMacArrayExtents"]> {
  let summary = "2-D convolution applied to every time step";
  let description = [{
    `input` is `tensor<T x C x H x W>`, `weight` `tensor<K x C/groups x KH x KW>`,
    the optional `bias` `tensor<K>`, the result `tensor<T x K x OH x OW>` with
    `OH = (H + 2*pad_h - dil_h*(KH-1) - 1) / stride_h + 1` (and likewise for
    `OW`). For every step, output channel `k` and position `(oh, ow)`:

        y = bias[k] + sum over c, kh, kw (in that order) of
            x[t, g*C/groups + c, oh*s_h - p_h + kh*d_h, ow*s_w - p_w + kw*d_w] * w[k, c, kh, kw]

    where `g` is the group of `k` and positions outside the input are zero.
    Integer results: the sum is exact and then saturated to the result type;
    `i1` inputs count as 0/1, other integers are signed. Float results: the
    inputs may be `i1` spikes (0.0/1.0) or the result's float type; the sum is
    accumulated in the result type in the order above.

    **Event-driven form.** `form = #snn.synapse_form<event>` computes the
    same sums by visiting only the *events*, the inputs that are not zero
    (spikes; for floats `x != 0.0`): for every step, in increasing input
    order, each event adds its weights (times its value, unless a spike) to
    the outputs it reaches. The dense form's other terms are `0 * w`, so
    skipping them changes nothing for integers (whose sums are exact) and
    nothing for floats as long as every weight is finite (`0 * inf` is NaN)
    and the bias holds no `-0.0` (`-0.0 + 0.0` is `+0.0`): the lowering
    refuses the form otherwise. Each output receives its events in the dense
    order, so float sums round identically. `activity` is the expected
    fraction of input elements that are events, which
    `snn-choose-synapse-form` compares with the measured crossover.

    Example:
    ```mlir
    %y = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
        : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi16>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Tensor:$weight,
                   Optional<SNN_Tensor>:$bias,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$stride,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$padding,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilation,
                   DefaultValuedAttr<I64Attr, "1">:$groups,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule,
                   OptionalAttr<SNN_SynapseFormAttr>:$form,
                   OptionalAttr<F64Attr>:$activity);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def SNN_DenseOp : SNN_SynapseOp<"dense", [], ["getWeightOperands"]> {
  let summary = "Affine (linear) layer applied to every time step";
  let description = [{
    `input` is `tensor<T x N>`, `weight` `tensor<M x N>`, the optional `bias`
    `tensor<M>`; the result `tensor<T x M>` is
    `y[t, m] = bias[m] + sum over n (in order) of x[t, n] * w[m, n]`, with the
    same integer/float rules as `snn.conv2d`, and the same optional
    event-driven `form` and `activity`.

    ```mlir
    %y = snn.dense %x, %w, %b : (tensor<10x128xi1>, tensor<10x128xf32>, tensor<10xf32>) -> tensor<10x10xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Tensor:$weight,
                   Optional<SNN_Tensor>:$bias,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule,
                   OptionalAttr<SNN_SynapseFormAttr>:$form,
                   OptionalAttr<F64Attr>:$activity);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def SNN_AddOp : SNN_SynapseOp<"add", [], ["getActivationOperands"]> {
  let summary = "Element-wise sum or OR of two or more tensors (residuals, fan-in)";
  let description = [{
    All operands and the result have the same shape. `mode = sum` (default)
    adds the operands: exactly and saturated for integer results (operands
    are sign-extended, `i1` counts as 0/1); in operand order for float
    results (`i1` operands count as 0.0/1.0). `mode = or` requires `i1`
    everywhere and computes the logical OR, the spike-element-wise residual
    of SEW-ResNet.

    ```mlir
    %r = snn.add %a, %b {mode = #snn.add_mode<or>} : tensor<4x8x16x16xi1>, tensor<4x8x16x16xi1> -> tensor<4x8x16x16xi1>
    ```
  }];
  let arguments = (ins Variadic<SNN_Tensor>:$inputs,
                   DefaultValuedAttr<SNN_AddModeAttr, "::mlir::snn::AddMode::Sum">:$mode,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` type($inputs) `->` type($result)
  }];
}

class SNN_PoolOp<string mnemonic> : SNN_SynapseOp<mnemonic, [], ["getWindowExtents"]> {
  let arguments = (ins SNN_Tensor:$input,
                   DenseI64ArrayAttr:$kernel,
                   OptionalAttr<DenseI64ArrayAttr>:$stride,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$padding,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDeclaration = [{
    /// The stride; defaults to the kernel size.
    ::llvm::ArrayRef<int64_t> getStrideOrKernel() {
      return getStride() ? *getStride() : getKernel();
    }
  }];
}

def SNN_MaxPool2dOp : SNN_PoolOp<"maxpool2d"> {
  let summary = "2-D max pooling applied to every time step";
  let description = [{
    `tensor<T x C x H x W>` to `tensor<T x C x OH x OW>` with the output size
    formula of `snn.conv2d` (dilation 1, stride defaults to the kernel).
    Padded positions are ignored (they never win). On `i1` spikes this is the
    OR over the window. The element type is unchanged.
  }];
}

def SNN_SumPool2dOp : SNN_PoolOp<"sumpool2d"> {
  let summary = "2-D sum pooling applied to every time step";
  let description = [{
    Sum over each window (padded positions count as zero). Integer results:
    exact sum saturated to the result type (`i1` inputs count as 0/1); float
    results: summed in row-major window order. The result element type may
    be wider than the input's.
  }];
}

def SNN_AvgPool2dOp : SNN_PoolOp<"avgpool2d"> {
  let summary = "2-D average pooling applied to every time step";
  let description = [{
    The window sum of `snn.sumpool2d` divided by the window area `KH*KW`
    (padded positions included). Integer results use floor division, float
    results an IEEE division in the result type.
  }];
}

def SNN_FlattenOp : SNN_SynapseOp<"flatten"> {
  let summary = "Collapse consecutive per-step dimensions";
  let description = [{
    Collapses per-step dimensions `start_dim` to `end_dim` (inclusive, counted
    without the time dimension; negative values count from the end) into one,
    in row-major order, as NIR's `Flatten`. Time stays dimension 0.

    ```mlir
    %f = snn.flatten %x : tensor<4x8x4x4xi1> -> tensor<4x128xi1>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input,
                   DefaultValuedAttr<I64Attr, "0">:$start_dim,
                   DefaultValuedAttr<I64Attr, "-1">:$end_dim,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def SNN_ReshapeOp : SNN_SynapseOp<"reshape"> {
  let summary = "Reinterpret the per-step shape (row-major)";
  let description = [{
    Gives every time step a new shape with the same number of elements, in
    row-major order (e.g. to run a 1-D convolution as a 2-D one with height
    1). Time stays dimension 0 and the element type is unchanged.
  }];
  let arguments = (ins SNN_Tensor:$input, OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def SNN_ScaleOp : SNN_SynapseOp<"scale",
    [DeclareOpInterfaceMethods<SNN_TilePlacementInterface>]> {
  let summary = "Multiply every element by a per-neuron factor";
  let description = [{
    `y = factor * x` (NIR's `Scale`). Float: one IEEE multiplication in the
    result type. Integer: the fixed-point product `mulq(x, factor)` of
    `docs/Semantics.md`, saturated. `at` and `layer_shape` place a spatial
    tile in the full layer (see `snn.lif`).
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_ParamAttr:$factor,
                   Variadic<Index>:$at,
                   OptionalAttr<DenseI64ArrayAttr>:$layer_shape,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = [{
    $input (`at` `(` $at^ `)`)? attr-dict `:` type($input) `->` type($result)
  }];
}

def SNN_DelayOp : SNN_SynapseOp<"delay",
    [DeclareOpInterfaceMethods<SNN_StatefulInterface>]> {
  let summary = "Delay a signal by a whole number of time steps";
  let description = [{
    `y[t] = x[t - steps]` for `t >= steps` and zero before (NIR's `Delay`
    after discretisation). The element type is unchanged.

    Explicit state, as produced by `snn-batch-time`: `init(%h)` gives the
    `steps` inputs before the first step (`tensor<steps x ...>`, oldest first)
    instead of zeros, and the op also returns the last `steps` inputs.
  }];
  let arguments = (ins SNN_Tensor:$input, Variadic<SNN_Tensor>:$init, I64Attr:$steps,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result, Variadic<SNN_Tensor>:$final);
  let assemblyFormat = [{
    $input (`init` `(` $init^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Stateless activations
//===----------------------------------------------------------------------===//

def SNN_ThresholdOp : SNN_SynapseOp<"threshold",
    [DeclareOpInterfaceMethods<SNN_TilePlacementInterface>]> {
  let summary = "Stateless spike generation";
  let description = [{
    `s[t] = x[t] > threshold` (or `>=` with `compare = ge`), an `i1` result
    of the input's shape. Used for stateless neurons (e.g. the early blocks of
    SEW-ResNet-18 5PLIF) and for NIR's `Threshold`.
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_ParamAttr:$threshold,
                   DefaultValuedAttr<SNN_CompareAttr, "::mlir::snn::Compare::GT">:$compare,
                   Variadic<Index>:$at,
                   OptionalAttr<DenseI64ArrayAttr>:$layer_shape,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = [{
    $input (`at` `(` $at^ `)`)? attr-dict `:` type($input) `->` type($result)
  }];
}

def SNN_ReluOp : SNN_SynapseOp<"relu"> {
  let summary = "Quantised ReLU for the ANN blocks of hybrid networks";
  let description = [{
    Integer to integer: `y = clamp(x >> shift, 0, 2^(N-1) - 1)` for an `iN`
    result (arithmetic shift, i.e. floor division by `2^shift`). Float to the
    same float type: `y = max(x, 0)` (`shift` must be 0).
  }];
  let arguments = (ins SNN_Tensor:$input,
                   DefaultValuedAttr<I64Attr, "0">:$shift,
                   OptionalAttr<SNN_ScheduleAttr>:$schedule);
  let results = (outs SNN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Neurons
//===----------------------------------------------------------------------===//

/// Attributes every neuron op has: membrane decay, gain, leak, initial
/// value and bias, the integer membrane's rounding and overflow modes, and
/// its state type.
defvar SNN_MembraneAttrs = (ins
    OptionalAttr<SNN_ParamAttr>:$beta,
    OptionalAttr<SNN_ParamAttr>:$tau,
    OptionalAttr<F64Attr>:$dt,
    OptionalAttr<SNN_ParamAttr>:$gain,
    OptionalAttr<SNN_ParamAttr>:$v_leak,
    OptionalAttr<SNN_ParamAttr>:$v_init,
    OptionalAttr<SNN_ParamAttr>:$bias,
    OptionalAttr<SNN_RoundingAttr>:$rounding,
    OptionalAttr<SNN_OverflowAttr>:$overflow,
    TypeAttr:$state_type);

/// Attributes of spiking neurons: threshold and reset conventions, the
/// refractory period and the adaptive threshold.
defvar SNN_SpikingAttrs = (ins
    SNN_ParamAttr:$threshold,
    DefaultValuedAttr<SNN_CompareAttr, "::mlir::snn::Compare::GT">:$compare,
    DefaultValuedAttr<SNN_ResetModeAttr, "::mlir::snn::ResetMode::Subtract">:$reset,
    DefaultValuedAttr<SNN_ResetTimingAttr, "::mlir::snn::ResetTiming::Same">:$reset_timing,
    OptionalAttr<SNN_ParamAttr>:$v_reset,
    OptionalAttr<I64Attr>:$refractory,
    OptionalAttr<SNN_ParamAttr>:$adapt,
    OptionalAttr<SNN_ParamAttr>:$adapt_decay,
    OptionalAttr<SNN_ParamAttr>:$tau_adapt);

/// Attributes of the synaptic current of current-based neurons.
defvar SNN_SynapticAttrs = (ins
    OptionalAttr<SNN_ParamAttr>:$alpha,
    OptionalAttr<SNN_ParamAttr>:$tau_syn,
    OptionalAttr<SNN_ParamAttr>:$syn_gain,
    OptionalAttr<SNN_ParamAttr>:$i_init,
    OptionalAttr<TypeAttr>:$syn_type,
    OptionalAttr<SNN_RoundingAttr>:$syn_rounding,
    OptionalAttr<SNN_OverflowAttr>:$syn_overflow);

defvar SNN_NeuronOperands = (ins
    SNN_Tensor:$input,
    Optional<SNN_Tensor>:$recurrent,
    Optional<SNN_Tensor>:$recurrent_bias,
    Variadic<SNN_Tensor>:$init,
    Variadic<Index>:$at,
    OptionalAttr<DenseI64ArrayAttr>:$layer_shape,
    OptionalAttr<SNN_ScheduleAttr>:$schedule);

class SNN_NeuronOp<string mnemonic, dag attrs> : SNN_Op<mnemonic,
    [Pure, AttrSizedOperandSegments,
     DeclareOpInterfaceMethods<SNN_LayerInterface, ["getWeightOperands"]>,
     DeclareOpInterfaceMethods<SNN_NeuronInterface>,
     DeclareOpInterfaceMethods<SNN_StatefulInterface>,
     DeclareOpInterfaceMethods<SNN_TilePlacementInterface>]> {
  let arguments = !con(SNN_NeuronOperands, attrs);
  let results = (outs SNN_Tensor:$output, Variadic<SNN_Tensor>:$final);
  let assemblyFormat = [{
    $input (`recurrent` `(` $recurrent^ (`,` $recurrent_bias^)? `)`)?
    (`init` `(` $init^ `)`)? (`at` `(` $at^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
}

defvar SNN_NeuronCommonDoc = [{
    Every parameter (`beta`, `gain`, `v_leak`, `threshold`, ...) is a scalar
    `f64` or an `array<f64: ...>` with one value per channel (dimension 1) or
    per neuron (all per-step dimensions, row-major). The decay is given as
    `beta` in [0, 1] or as `tau` together with `dt` (`beta = 1 - dt/tau`,
    forward Euler); the default is `beta = 1` (no leak). `state_type` is the
    membrane's element type (`f32`, `f64` or a signless integer of up to 32
    bits); integer state arithmetic is exact and saturates to that width, and
    real-valued factors are applied as Q16 fixed point (see
    `docs/Semantics.md`).

    `bias` is added to the membrane's charge every step (Lava's neuron bias):
    `h = beta * (v - v_leak) + v_leak + gain * x' + bias`, last for floats;
    an integer of the state type for integer state. Integer neurons may
    choose how their membrane's products `beta * (v - v_leak)` and
    `gain * x'` round (`rounding = #snn.rounding<floor>`, the default,
    `toward_zero` or `nearest_even`) and what a membrane beyond the state
    type becomes (`overflow = #snn.overflow<saturate>`, the default, `wrap`
    in two's complement, or `saturate_symmetric` to
    `[-(2^(N-1) - 1), 2^(N-1) - 1]`); current-based neurons choose the same
    for their current with `syn_rounding` and `syn_overflow`. These modes are
    only accepted on integer state.

    The optional `recurrent` weight `tensor<N x N>` (and bias `tensor<N>`)
    feeds the layer's own spikes of step t-1 back into its input:
    `x'[t] = x[t] + W_rec s[t-1] + b_rec` (2-D inputs only).

    Without `init` operands the state starts at its initial value and only the
    output is returned. With `init` operands the op is in explicit-state form,
    as produced by `snn-batch-time`: `init` gives the state at the first step
    and the op returns the state after the last step as extra results.
    `at` gives the tile's position in the full layer, whose per-step shape
    is `layer_shape`, when the op works on a spatial tile (set by
    `snn-tile-spatial`): per-channel and per-neuron parameters describe the
    full layer and the tile reads its part of them.
}];

def SNN_LIFOp : SNN_NeuronOp<"lif", !con(SNN_MembraneAttrs, SNN_SpikingAttrs)> {
  let summary = "Leaky integrate-and-fire neuron (IF, PLIF as special cases)";
  let description = [{
    For every neuron and step t (`v[-1] = v_init`, `s[-1] = 0`):

        h    = beta * (v[t-1] - v_leak) + v_leak + gain * x'[t]
        h    = R(h, s[t-1])              if reset_timing = next
        s[t] = h > threshold             (>= with compare = ge)
        v[t] = R(h, s[t])                if reset_timing = same, else h

    with `R(h, s) = s ? h - threshold : h` (`reset = subtract`), `0`
    (`zero`), `v_reset` (`to_value`) or `h` (`none`). The result is the `i1`
    spike train `s`. IF is `beta = 1`; a parametric (learnable-tau) PLIF is an
    LIF with a per-channel `beta`.

    `refractory = N` (steps, at least 1) silences a neuron for the `N` steps
    after each spike: its membrane is held (no decay, no input; the reset of
    `reset_timing = next` still applies) and it cannot spike. `adapt` makes
    the threshold adaptive (ALIF): each spike adds `adapt` to the neuron's
    threshold, and the addition decays by `adapt_decay` (or `1 - dt /
    tau_adapt`; default 1, no decay) every step:

        theta[t] = threshold + a[t-1],   a[-1] = 0
        a[t]     = adapt_decay * a[t-1] + (s[t] ? adapt : 0)

    `theta[t]` replaces the threshold in the comparison and in the
    subtractive reset of step t. `adapt` needs `reset_timing = same`.
  }] # SNN_NeuronCommonDoc # [{
    Explicit state: `init(%v, %s)` with the membrane and the previous step's
    spikes, each of the per-step shape; with an adaptive threshold the
    adaptation (state type) follows the membrane, then the refractory
    counter (`i8`, or `i16`/`i32` for periods beyond 127/32767 steps), then
    the previous spikes.

    ```mlir
    %s = snn.lif %x {beta = 0.9 : f64, threshold = 1.0 : f64, state_type = f32}
        : (tensor<10x4xf32>) -> tensor<10x4xi1>
    ```
  }];
}

def SNN_CubaLIFOp : SNN_NeuronOp<"cuba_lif",
    !con(SNN_MembraneAttrs, SNN_SpikingAttrs, SNN_SynapticAttrs)> {
  let summary = "Current-based LIF neuron (synaptic current as a second state)";
  let description = [{
    A synaptic current `i` (`i[-1] = i_init`) filters the input and drives an
    `snn.lif` membrane:

        i[t] = alpha * i[t-1] + syn_gain * x'[t]
        then the snn.lif update with i[t] in place of x'[t]

    The current keeps filtering its input while the membrane is refractory.

    `alpha` is given directly or as `tau_syn` with `dt` (`1 - dt/tau_syn`);
    `syn_type` is the current's element type (default: `state_type`).
  }] # SNN_NeuronCommonDoc # [{
    Explicit state: `init(%i, %v, %s)`, with the adaptation and the
    refractory counter of `snn.lif` between membrane and spikes.
  }];
}

def SNN_LIOp : SNN_NeuronOp<"li", SNN_MembraneAttrs> {
  let summary = "Leaky integrator: outputs its membrane, never spikes";
  let description = [{
    `v[t] = beta * (v[t-1] - v_leak) + v_leak + gain * x[t]`; the result is
    the membrane trace `v` with element type `state_type`. NIR's `LI` and,
    with `beta = 1`, its integrator `I`.
  }] # SNN_NeuronCommonDoc # [{
    Explicit state: `init(%v)`. There is no recurrence (LI does not spike).
  }];
}

def SNN_CubaLIOp : SNN_NeuronOp<"cuba_li", !con(SNN_MembraneAttrs, SNN_SynapticAttrs)> {
  let summary = "Current-based leaky integrator (NIR's CubaLI)";
  let description = [{
    The synaptic current of `snn.cuba_lif` driving an `snn.li` membrane; the
    result is the membrane trace.
  }] # SNN_NeuronCommonDoc # [{
    Explicit state: `init(%i, %v)`.
  }];
}

//===----------------------------------------------------------------------===//
// Fusion groups
//===----------------------------------------------------------------------===//

def SNN_GroupOp : SNN_Op<"group", [IsolatedFromAbove,
    SingleBlockImplicitTerminator<"YieldOp">]> {
  let summary = "A fusion group: layers scheduled as one loop nest";
  let description = [{
    Produced by `snn-fuse-layers` from ops that share a `#snn.schedule` group
    id. The region computes the group from its operands (block arguments in
    the same order) and yields the values used outside the group. `schedule`
    holds the group's time tile and spatial tile; `snn-batch-time` and
    `snn-tile-spatial` turn the group into loops over them.

    ```mlir
    %out = snn.group(%x, %w) {schedule = #snn.schedule<group = 0, time_tile = 1>}
        : (tensor<4x2x8x8xi1>, tensor<8x2x3x3xi8>) -> tensor<4x8x8x8xi1> {
    ^bb0(%a: tensor<4x2x8x8xi1>, %b: tensor<8x2x3x3xi8>):
      ...
      snn.yield %s : tensor<4x8x8x8xi1>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, SNN_ScheduleAttr:$schedule);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes, "::mlir::ValueRange":$inputs,
                   "::mlir::snn::ScheduleAttr":$schedule)>
  ];
}

def SNN_CycleOp : SNN_Op<"cycle", [
    DeclareOpInterfaceMethods<RegionKindInterface>,
    SingleBlockImplicitTerminator<"YieldOp">]> {
  let summary = "Layers that feed each other across time steps (a recurrent loop)";
  let description = [{
    A loop of layers through time: NIR's cycles, such as a LIF whose spikes
    drive an LI whose output comes back into the LIF one step later. The
    body is a graph region, so its ops may use values defined after them;
    every cycle among them must pass through an `snn.delay` (of at least one
    step, which its verifier checks), the edge that carries the previous
    step's value. Every value then has one meaning: at step `t` each op
    computes from its operands at `t`, and a delay of `k` steps from its
    input at `t - k` (zero before step `k`). The body may use values defined
    above the cycle (inputs, weights); it yields the values used outside.

    ```mlir
    %s = snn.cycle -> (tensor<8x4xi1>) {
      %fb = snn.delay %z {steps = 1 : i64} : (tensor<8x4xf32>) -> tensor<8x4xf32>
      %in = snn.add %x, %fb : tensor<8x4xf32>, tensor<8x4xf32> -> tensor<8x4xf32>
      %v = snn.lif %in {beta = 0.9 : f64, threshold = 1.0 : f64, state_type = f32}
          : (tensor<8x4xf32>) -> tensor<8x4xi1>
      %z = snn.dense %v, %w : (tensor<8x4xi1>, tensor<4x4xf32>) -> tensor<8x4xf32>
      snn.yield %v : tensor<8x4xi1>
    }
    ```

    The schedule passes leave a cycle's members alone (they are always one
    group computed a step at a time); `snn-step-cycles` lowers it to a loop
    over time steps, and the cost model counts it as such a group.
  }];
  let results = (outs Variadic<SNN_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "(`->` `(` type($results)^ `)`)? attr-dict-with-keyword $body";
  // The members are checked once they are known to be well formed.
  let hasVerifier = 0;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::mlir::TypeRange":$resultTypes)>];
  let extraClassDeclaration = [{
    /// The layer ops of the body in an order that computes each step:
    /// every op after the ops it reads at the same step (delays first).
    ::llvm::SmallVector<::mlir::Operation *> getStepOrder();
  }];
}

def SNN_YieldOp : SNN_Op<"yield", [Pure, Terminator, ReturnLike,
    ParentOneOf<["GroupOp", "CycleOp"]>]> {
  let summary = "Terminates an snn.group or snn.cycle, naming the values it produces";
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let hasVerifier = 0;
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, ::mlir::ValueRange()); }]>];
}

#endif // SNN_OPS_TD
