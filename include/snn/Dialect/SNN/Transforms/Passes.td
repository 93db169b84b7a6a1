//===- Passes.td - SNN dialect transformations -------------*- tablegen -*-===//

#ifndef SNN_DIALECT_SNN_TRANSFORMS_PASSES_TD
#define SNN_DIALECT_SNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

// Typed options: the values of an enum option are listed here with their
// spellings, as upstream passes do; a value outside the list fails when the
// pipeline is parsed, naming the option. The enums are the C++ types of
// snn/Analysis/AnalysisEnums.h, SNNEnums.td and Passes.h.

// `accounting` of snn-cost-report and snn-auto-schedule.
defvar AccountingValues = [{::llvm::cl::values(
  clEnumValN(::mlir::snn::Accounting::Default, "default",
             "state starts on chip and is dropped after the run"),
  clEnumValN(::mlir::snn::Accounting::Stems, "stems",
             "state read before and written after the run, as STEMS counts"))}];

def SNNFuseLayers : Pass<"snn-fuse-layers"> {
  let summary = "Outline the fusion groups of #snn.schedule into snn.group ops";
  let description = [{
    Ops whose `#snn.schedule` share a non-negative `group` id are moved into
    one `snn.group` op, placed where the last of them was; values defined
    outside become its operands and values used outside its results. An op
    with a non-default schedule but no group becomes a group of its own. The
    group carries the members' schedule, which must agree on `time_tile`,
    `tile_axis`, `tile_size` and `state`; the members lose theirs. Existing
    `snn.group` ops, time-tiled or split into bands or not, stay as they are:
    fusing fused IR (as `snn-to-loops` does) changes nothing.

    Errors: members that disagree, or a group that is not contiguous (an op
    between its members uses one of its values).
  }];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNBatchTime : Pass<"snn-batch-time"> {
  let summary = "Split the time loop of fusion groups into time tiles";
  let description = [{
    A group whose `time_tile` N is between 1 and its number of steps T runs as
    an `scf.for` over time tiles of N steps (a last, shorter tile when N does
    not divide T). Each iteration slices N steps of the group's activations,
    runs a copy of the group on them and inserts its results; every neuron
    becomes explicit-state (`init(...)`), its state tensors carried by the loop,
    so the membrane outlives the tile exactly as the whole-time semantics
    require. Delays carry their last `steps` inputs the same way. The copy's
    schedule says `time_tile = 0`: its tiles are batched over all their steps.

    Errors: a group to split that `snn-tile-spatial` has already split into
    bands (its layer ops inside a loop); time tiles come first.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def SNNStepCycles : Pass<"snn-step-cycles"> {
  let summary = "Compute each snn.cycle one time step at a time";
  let description = [{
    A cycle (layers that feed each other across time steps, see `snn.cycle`)
    becomes an `scf.for` over its time steps. Each iteration computes one
    step of every member in step order: a delay's output first (the oldest
    step of its history, which the loop carries), then the ops that read it,
    each on one step of what it reads, neurons in explicit-state form with
    their state carried by the loop; finally each delay's history takes the
    step's input. The outputs are inserted step by step. `snn-to-loops` runs
    it first, so the schedule passes after it meet loops of ordinary ops.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def SNNTileSpatial : Pass<"snn-tile-spatial"> {
  let summary = "Split fusion groups into spatial tiles (bands)";
  let description = [{
    A group with `tile_axis` rows, cols or channels runs as an `scf.for` over
    bands of `tile_size` elements of its result along that axis. In each band
    every op computes a static-size window of its result: what its consumers
    in the group read, halos of convolutions and pooling included, so
    intermediate activations are tile-sized tensors (see TileGeometry.h).
    Halos are recomputed by neighbouring bands; neuron state of an
    explicit-state group is read per band from the state at the start of the
    time tile and written back, overlapping neurons giving identical values.
    Padding becomes `tensor.pad` of the band's input, and ops with per-channel
    or per-neuron parameters get their position through `at`/`layer_shape`.

    The group must have one result (its last op) and every op must support
    tiling along the axis (no flatten/reshape, no recurrence).
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def SNNSetHardware : Pass<"snn-set-hardware", "::mlir::ModuleOp"> {
  let summary = "Attach a hardware description to the module";
  let description = [{
    Reads a hardware description in the JSON form of `bench/*.hw.json` and
    attaches it as the module's `snn.hardware` attribute, where the cost report
    and the auto-scheduler find it. Invalid descriptions fail with a message
    naming the offending field (e.g. `levels[2].bytes`).

    `file=host` describes the machine running the compiler instead: its data
    caches, read from Linux's sysfs (`$SNN_HOST_CACHE_DIR` replaces
    `/sys/devices/system/cpu/cpu0/cache`), become SRAM levels serving every
    operand between registers and DRAM, the last-level cache being the
    global buffer. Energies are 0: the model then reports traffic, not
    energy (see `docs/CostModel.md`, "The host").
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"\"\"",
           "JSON file with the hardware description, or `host`">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNSetSchedule : Pass<"snn-set-schedule", "::mlir::func::FuncOp"> {
  let summary = "Write one of the STEMS schedule modes into #snn.schedule";
  let description = [{
    Writes the `#snn.schedule` of the layer ops of the selected blocks (ops
    carry their block as `snn.block = N`; an op without one is a block of its
    own) according to `mode`, the hand-set modes of the STEMS study applied per
    block:

    - `st-lbl`: time-step-major, layer by layer: the block is one group run step
      by step (`time_tile = 1`), each layer whole;
    - `tb-lbl`: time-batched, layer by layer: every layer alone over all steps
      (the schedule is removed);
    - `st-f`: time-step-major, fused: the block is one group run step by step in
      bands of `tile-size` output columns;
    - `tb-f`: time-batched, fused: the block is one group, every band running
      all time steps.

    Step-by-step modes keep the state `state` (default `spill`) between steps.
    The fused modes tile output columns as the study does; `tile-axis=rows`
    or `channels` tiles those instead (on a CPU, row bands walk row-major
    tensors in order). This pass only decides; snn-fuse-layers, snn-batch-time and
    snn-tile-spatial apply the schedule and the cost report evaluates it.
  }];
  let options = [
    Option<"mode", "mode", "::mlir::snn::ScheduleMode",
           /*default=*/"::mlir::snn::ScheduleMode::TbLbl",
           "st-lbl, tb-lbl, st-f or tb-f", [{::llvm::cl::values(
             clEnumValN(::mlir::snn::ScheduleMode::StLbl, "st-lbl",
                        "time-step-major, layer by layer"),
             clEnumValN(::mlir::snn::ScheduleMode::TbLbl, "tb-lbl",
                        "time-batched, layer by layer"),
             clEnumValN(::mlir::snn::ScheduleMode::StF, "st-f", "time-step-major, fused"),
             clEnumValN(::mlir::snn::ScheduleMode::TbF, "tb-f", "time-batched, fused"))}]>,
    ListOption<"blocks", "blocks", "int64_t", "Blocks to schedule (default: all)">,
    Option<"tileSize", "tile-size", "int64_t", /*default=*/"1",
           "Output columns (rows, channels) per band of the fused modes">,
    Option<"tileAxis", "tile-axis", "::mlir::snn::TileAxis",
           /*default=*/"::mlir::snn::TileAxis::Cols",
           "What the fused modes tile: cols (as STEMS), rows or channels",
           [{::llvm::cl::values(
             clEnumValN(::mlir::snn::TileAxis::Cols, "cols", "output columns"),
             clEnumValN(::mlir::snn::TileAxis::Rows, "rows", "output rows"),
             clEnumValN(::mlir::snn::TileAxis::Channels, "channels", "output channels"))}]>,
    Option<"state", "state", "::mlir::snn::StatePlacement",
           /*default=*/"::mlir::snn::StatePlacement::Spill",
           "Where step-by-step modes keep neuron state: onchip or spill",
           [{::llvm::cl::values(
             clEnumValN(::mlir::snn::StatePlacement::OnChip, "onchip",
                        "kept in the global buffer between time tiles"),
             clEnumValN(::mlir::snn::StatePlacement::Spill, "spill",
                        "written off chip and read back between time tiles"))}]>,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNCostReport : Pass<"snn-cost-report", "::mlir::ModuleOp"> {
  let summary = "Print the data movement, energy and latency of the schedule";
  let description = [{
    Evaluates the schedule written in every function (its `#snn.schedule`
    attributes or `snn.group` ops; ops without one run layer by layer over all
    time steps) on the module's `snn.hardware` (or the JSON file given with
    `hardware`) and prints a table: per group its loop structure and on-chip
    footprint, per layer the off-chip traffic of each operand (W, I, O, V) and
    energy, and the totals, the compulsory lower bound and their ratio. `json`
    writes the same as JSON (`-` for standard output); docs/CostModel.md gives
    the schema and every formula. The IR is left unchanged.
  }];
  let options = [
    Option<"hardware", "hardware", "std::string", /*default=*/"\"\"",
           "JSON hardware description, or `host` for this machine's caches "
           "(default: the module's snn.hardware)">,
    Option<"accounting", "accounting", "::mlir::snn::Accounting",
           /*default=*/"::mlir::snn::Accounting::Default",
           "default, or stems: state read before and written after the run",
           AccountingValues>,
    Option<"json", "json", "std::string", /*default=*/"\"\"",
           "Also write the report as JSON to this file ('-': stdout)">,
    Option<"table", "table", "bool", /*default=*/"true", "Print the table">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNAutoSchedule : Pass<"snn-auto-schedule", "::mlir::ModuleOp"> {
  let summary = "Search the schedule space and write the best schedule found";
  let description = [{
    Chooses, for every function, how its layers are cut into fusion groups
    (any consecutive layers, residual branches included) and, per group, the
    time tile (all steps, or 1, 2, 4, ... steps with the state kept on chip or
    spilled between tiles) and the spatial tile (bands of 1, 2, 4, ... rows or
    columns, or channel splits), minimising `objective` under the global
    buffer capacity of the module's `snn.hardware` (or `hardware`). The search
    is a dynamic program over the cut positions whose state includes where
    the activations crossing a cut live; docs/AutoSchedule.md describes it.
    Layers named in `pin` keep the schedule group they have.

    The pass writes `#snn.schedule` attributes and nothing else: the
    transformations apply them. With `print-report` it prints the chosen
    schedule per group in words, its cost against the plain schedule and the
    lower bound, and the best schedules without fusion, without spatial tiles
    and without time tiles; `json` writes the same as JSON.
  }];
  let options = [
    Option<"hardware", "hardware", "std::string", /*default=*/"\"\"",
           "JSON hardware description, or `host` for this machine's caches "
           "(default: the module's snn.hardware)">,
    Option<"accounting", "accounting", "::mlir::snn::Accounting",
           /*default=*/"::mlir::snn::Accounting::Default",
           "default or stems (see snn-cost-report)", AccountingValues>,
    Option<"objective", "objective", "::mlir::snn::Objective",
           /*default=*/"::mlir::snn::Objective::Energy",
           "energy, traffic, latency or mix", [{::llvm::cl::values(
             clEnumValN(::mlir::snn::Objective::Energy, "energy", "total energy"),
             clEnumValN(::mlir::snn::Objective::Traffic, "traffic", "off-chip traffic"),
             clEnumValN(::mlir::snn::Objective::Latency, "latency", "latency in cycles"),
             clEnumValN(::mlir::snn::Objective::Mix, "mix",
                        "weighted sum of the three, each relative to the plain schedule"))}]>,
    Option<"energyWeight", "energy-weight", "double", /*default=*/"1.0",
           "Weight of energy in the mix objective (relative to the plain schedule)">,
    Option<"trafficWeight", "traffic-weight", "double", /*default=*/"1.0",
           "Weight of off-chip traffic in the mix objective">,
    Option<"latencyWeight", "latency-weight", "double", /*default=*/"1.0",
           "Weight of latency in the mix objective">,
    Option<"maxGroup", "max-group", "unsigned", /*default=*/"16",
           "Longest fusion group, in layer ops">,
    ListOption<"pin", "pin", "std::string",
               "Layers (by name location) whose schedule group is kept">,
    Option<"printReport", "print-report", "bool", /*default=*/"false",
           "Print the chosen schedule and the alternatives">,
    Option<"json", "json", "std::string", /*default=*/"\"\"",
           "Write the report as JSON to this file ('-': stdout)">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNEliminateState : Pass<"snn-eliminate-state"> {
  let summary = "Make neurons stateless where provable or requested; narrow state types";
  let description = [{
    Three rewrites of neuron ops, each reported as a remark on the op with the
    state bits it saves, and a summary remark on the pass's operation
    (`neuron state: before -> after bits (Nx fewer)`):

    1. provable (`provable`, on by default): a neuron whose state cannot
       influence any later step - decay `beta = 0` (and `alpha = 0` for a
       current-based one), no recurrence, and a reset in the same step or
       none - becomes a stateless `snn.scale` + `snn.threshold` (or
       `snn.scale` for a leaky integrator) computing exactly the same values:
       the charge `gain * x` against `threshold - v_leak`. Cases where the
       stateless form could differ (a float neuron with `v_leak != 0`,
       integer inputs wider than a float mantissa, a charge beyond 32 bits, a
       threshold at the end of the state type's range) are left alone;
    2. on request: neurons named in `layers` (by name location), in a block
       listed in `blocks` (their `snn.block` attribute) or carrying the unit
       attribute `snn.stateless` become stateless the same way whatever their
       decay: each step starts from the resting potential `v_leak`. This is
       for models trained so (e.g. SEW-ResNet-18 5PLIF) and changes outputs
       otherwise; measure the effect with `python -m snn_mlir fidelity`
       first. A requested neuron without a stateless form (recurrent; a
       leaky integrator with `v_leak != 0`) is an error;
    3. precision (`narrow`, on by default): an integer neuron whose membrane
       provably stays in a narrower range (bounded inputs, decay, reset; see
       `IntRanges.h`) gets the narrowest state type holding that range and
       its constants. No value changes.
  }];
  let options = [
    ListOption<"layers", "layers", "std::string",
               "Neurons (by name location) to make stateless">,
    ListOption<"blocks", "blocks", "int64_t",
               "Blocks (snn.block) whose neurons to make stateless">,
    Option<"provable", "provable", "bool", /*default=*/"true",
           "Make provably stateless neurons stateless">,
    Option<"narrow", "narrow", "bool", /*default=*/"true",
           "Narrow integer state types to their proven range">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNChooseSynapseForm : Pass<"snn-choose-synapse-form"> {
  let summary = "Choose dense or event-driven synapses from their expected activity";
  let description = [{
    Sets the `form` of every `snn.conv2d` and `snn.dense`: `event` where its
    `activity` (the expected fraction of its input elements that are not
    zero: spikes, or values; `assume-activity` where it has none) is below
    the crossover of its kind (`crossover` for convolutions,
    `dense-crossover` for dense layers) and the event-driven form is exact,
    `dense` otherwise. Where the activity asks for the event form but it
    would not be exact (float weights that are not finite constants, a bias
    with -0.0), the layer stays dense and a remark says why. Layers without
    an activity keep their form unless `assume-activity` is set.

    The defaults are where the two forms cost the same on the machine the
    project is measured on (`bench/density.py --layers`, quoted in
    docs/CodeGeneration.md): a convolution's event-driven form is faster up
    to an activity of 0.25 to 0.45 depending on its channels, a dense
    layer's up to 0.6 or more. A crossover of 0 makes every layer of its
    kind dense, 2 every exact one event-driven.

    ```
    snn-opt net.mlir --snn-choose-synapse-form='crossover=0.3 assume-activity=0.1'
    ```
  }];
  let options = [
    Option<"crossover", "crossover", "double", /*default=*/"0.25",
           "activity below which a convolution runs event-driven">,
    Option<"denseCrossover", "dense-crossover", "double", /*default=*/"0.6",
           "activity below which a dense layer runs event-driven">,
    Option<"assumeActivity", "assume-activity", "double", /*default=*/"-1.0",
           "activity of layers without one (negative: keep their form)">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNAnnotateActivity : Pass<"snn-annotate-activity", "::mlir::ModuleOp"> {
  let summary = "Set the expected activity of synapses from a measured profile";
  let description = [{
    Reads a JSON object mapping layer names (the name locations of
    `snn.conv2d` and `snn.dense` ops) to the fraction of their input elements
    that were not zero (spikes, or values), as `python3 -m snn_mlir
    profile-activity` measures it with the reference simulator, and sets each
    named layer's `activity`. A name that matches no such layer is an error,
    as is a value outside [0, 1].

    ```json
    {"conv1": 0.021, "fc2": 0.05}
    ```
  }];
  let options = [
    Option<"profile", "profile", "std::string", /*default=*/"\"\"",
           "JSON file of layer name -> fraction of its inputs that are events">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNImportSchedule : Pass<"snn-import-schedule", "::mlir::ModuleOp"> {
  let summary = "Copy the schedules of another module onto this one, layer by name";
  let description = [{
    Parses the module in `from` (typically a full-size network planned by
    `snn-auto-schedule` and printed with `--mlir-print-debuginfo`) and writes
    the `#snn.schedule` of each of its layers onto the layer of this module
    with the same name location (`loc("b0_conv_a")`), typically a reduced
    copy of the network with smaller time, spatial and channel extents (as
    `bench/gen_networks.py` writes them). Fusion groups, tile axes and state
    placement stay as they are; a layer without a schedule in `from` loses
    its schedule here. Sizes that do not fit the smaller extents are
    adjusted, each adjustment reported as a remark on the group's first
    layer:

    ```
    remark: c0..c0_neuron: time_tile 4 -> 1 (time steps 8 -> 2: tiles of 4 of 8: scaled to keep several of 2)
    ```

    * `time_tile`: 0 (all steps) stays 0. A tile of all T steps (or more)
      becomes a tile of all T' steps of this module. A smaller tile (several
      time tiles) is kept if it is smaller than T', else scaled to
      `round(time_tile * T' / T)` (ties to even), at least 1 and at most
      T' - 1, so that the group still runs several time tiles (1 if T' = 1).
    * `tile_size` along `rows`, `cols` or `channels`, counted in elements of
      the group's last op (the one whose bands `snn-tile-spatial` cuts): the
      same rule, with that op's extent along the axis in place of T. The
      fitted bands must be legal here as `snn-tile-spatial` decides.

    Both modules must have the same layers (every `snn` op) in the same order,
    each with a unique name location, of the same op kinds, reading the
    results of the same layers (by name) and with results of the same ranks,
    so that fusion groups stay consecutive and every tile axis stays legal;
    fusion groups must not be outlined yet (`snn.group`). Anything else is an
    error: an unreadable or invalid file, a layer without a name, a layer on
    one side only, a different op kind or producer, members of a group with
    different schedules, a `from` without any schedule, or a schedule that
    no longer applies.

    ```sh
    snn-opt full.mlir --mlir-print-debuginfo -o full-auto.mlir \
      --pass-pipeline='builtin.module(snn-auto-schedule{hardware=hw.json})'
    snn-opt reduced.mlir --snn-import-schedule=from=full-auto.mlir -o reduced-auto.mlir
    ```
  }];
  let options = [
    Option<"from", "from", "std::string", /*default=*/"\"\"",
           "MLIR file whose layers' schedules are copied (layers matched by name location)">,
  ];
  let dependentDialects = ["::mlir::snn::SNNDialect", "::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect", "::mlir::tensor::TensorDialect"];
}

#endif // SNN_DIALECT_SNN_TRANSFORMS_PASSES_TD
