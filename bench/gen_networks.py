#!/usr/bin/python3
"""Generates the STEMS benchmark networks as `snn` dialect MLIR.

The networks are facts in `bench/stems/*.json` (see the README there).
This script builds each with `snn_mlir.graph`, faithful to the JSON: every
conv layer is an `snn.conv2d` followed by its neuron, residual adds and max
pools are as given, element types come from the bit widths. Every op carries
`snn.block` (the scheduling unit of STEMS) and a location named after its
JSON layer, which is how the cost report names it.

Two sizes of the same architecture:
* full: the published shapes; the weights are function arguments, because
  the cost model needs their types, not megabytes of made-up values;
* reduced (`--reduced`): a smaller input, fewer time steps and optionally
  fewer channels, every spatial size recomputed, seeded random weights as
  constants so that `snn-run` and the reference simulator execute it.

Weights are symmetric random integers; thresholds and ReLU shifts are set
from the estimated spread of the partial sums they act on (the mean and mean
square of every activation are estimated along the network), so that every
layer is active without a calibration run, at any size.

    /usr/bin/python3 bench/gen_networks.py NETWORK.json -o OUT.mlir \\
        [--reduced --input-hw H W --time-steps T [--max-channels C]] [--blocks N]
        [--seed S]
    /usr/bin/python3 bench/gen_networks.py --all bench/networks

`--blocks N` keeps a prefix of the network: the layers of blocks 0..N-1,
the last of them the output (how a SEW-ResNet-18 runs on an input too small
for its seven pooling stages, as in bench/runtime.py and bench/cachegrind.py).

`--all` writes the three full networks of `bench/stems` and the reduced ones
the tests run (REDUCTIONS).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import statistics
import sys
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The STEMS networks and hardware (bench/stems/README.md).
STEMS_DIR = os.path.join(REPO, "bench", "stems")
sys.path.insert(0, os.path.join(REPO, "python"))

from snn_mlir import dtypes  # noqa: E402
from snn_mlir.graph import Network, Value  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sew_resnet152  # noqa: E402  (beside this script)

# The firing rate neurons are designed for: a threshold this many standard
# deviations above the mean of normal partial sums passes SPIKE_RATE of them
# (integrating LIF neurons fire at a similar rate).
SPIKE_RATE = 0.25
THRESHOLD_SPREADS = statistics.NormalDist().inv_cdf(1 - SPIKE_RATE)
# The decay of the (non-parametric) LIF neurons of RED-LIF.
LIF_BETA = 0.75


class GenerationError(Exception):
    """The JSON does not describe a network this generator can build at the
    requested size (inconsistent facts, or a window that no longer fits)."""


@dataclasses.dataclass(frozen=True)
class Reduction:
    """The size of a reduced network: input height and width, time steps and
    an optional cap on every channel count (the input's included)."""

    input_hw: Tuple[int, int]
    time_steps: int
    max_channels: Optional[int] = None


NETWORKS = ("sew-resnet18-7plif", "sew-resnet18-5plif", "red-lif")

# The reduced networks the tests execute. SEW-ResNet-18 halves its feature
# map seven times (1x1 at the end), so 128x128 is its smallest input; it is
# reduced in channels and time instead.
REDUCTIONS = {
    "sew-resnet18-7plif": Reduction((128, 128), 4, 8),
    "sew-resnet18-5plif": Reduction((128, 128), 4, 8),
    "red-lif": Reduction((48, 80), 3, 16),
}


# -- statistics that size thresholds and shifts --------------------------------------
# Moments are (mean, mean square) of the elements of an activation; a spike
# tensor firing at rate r has moments (r, r).

def _largest_magnitude(dtype: str) -> int:
    """The largest |value| of an element type (a spike counts 1)."""
    return 1 if dtype == "i1" else 1 << (dtypes.bits(dtype) - 1)


def _uniform_moments(dtype: str) -> Tuple[float, float]:
    """Moments of `random_input`: uniform over the non-negative range 0..m."""
    m = dtypes.int_range(dtype)[1]
    return m / 2, m * (2 * m + 1) / 6


def _relu_moments(scale: float, top: int) -> Tuple[float, float]:
    """Moments of clamp(floor(scale * z), 0, top) for a standard normal z:
    a ReLU output whose partial sums, shifted, have spread `scale`."""
    at_least = [0.5 * math.erfc(k / scale / math.sqrt(2)) for k in range(1, top + 1)]
    return sum(at_least), sum((2 * k - 1) * p for k, p in enumerate(at_least, 1))


def _sum_moments(terms: Sequence[Tuple[float, float]]) -> Tuple[float, float]:
    """Moments of a sum of independent terms (saturation ignored)."""
    mean = sum(m for m, _ in terms)
    return mean, mean ** 2 + sum(sq - m ** 2 for m, sq in terms)


def _any_spike_moments(rates: Sequence[float]) -> Tuple[float, float]:
    """Moments of the OR of independent spikes firing at `rates` (the OR of
    residual spikes, the max over a pooling window of spikes)."""
    rate = 1 - math.prod(1 - r for r in rates)
    return rate, rate


def _taps_inside(size: int, out: int, kernel: int, stride: int, pad: int) -> float:
    """The mean number of a window's taps (along one dimension) that fall
    inside the input rather than its zero padding: on small feature maps
    padding takes a large share of the window."""
    starts = np.arange(out) * stride - pad
    return float(np.mean(np.minimum(starts + kernel, size) - np.maximum(starts, 0)))


def _psum_spread(x_mean_square: float, w_dtype: str, products: float) -> float:
    """The standard deviation of a partial sum of `products` products of
    independent activations and `random_weights` (uniform over -m..m, mean 0)."""
    m = dtypes.int_range(w_dtype)[1]
    return math.sqrt(products * x_mean_square * m * (m + 1) / 3)


def random_weights(rng: np.random.Generator, shape, dtype: str) -> np.ndarray:
    """Integers uniform over -m..m (symmetric, so partial sums have mean 0)."""
    m = dtypes.int_range(dtype)[1]
    return rng.integers(-m, m + 1, size=shape)


def _psum_dtype(x_dtype: str, w_dtype: str, fan_in: int) -> str:
    """The partial sums of a neuron without `psum_bits`: i16 where every exact
    sum fits, else i32, so that the neuron integrates them unsaturated."""
    bound = fan_in * _largest_magnitude(x_dtype) * _largest_magnitude(w_dtype)
    return "i16" if bound < 1 << 15 else "i32"


# -- building ------------------------------------------------------------------------

class _Builder:
    """Builds one network from its JSON, layer by layer; `values` maps a JSON
    layer name (or the input's) to the value it produces, `moments` every
    value to its estimated moments."""

    def __init__(self, spec: dict, reduction: Optional[Reduction], seed: int):
        self.reduction = reduction
        self.rng = np.random.default_rng(seed)
        self.net = Network(reduction.time_steps if reduction else spec["time_steps"])
        source = spec["input"]
        channels, height, width = source["shape"]
        if reduction:
            height, width = reduction.input_hw
        x = self.net.input((self.channels(channels), height, width), f"i{source['bits']}",
                           name=source["name"])
        self.values: Dict[str, Value] = {source["name"]: x}
        self.moments: Dict[Value, Tuple[float, float]] = {x: _uniform_moments(x.dtype)}

    def channels(self, count: int) -> int:
        cap = self.reduction and self.reduction.max_channels
        return min(count, cap) if cap else count

    def add_layer(self, layer: dict) -> None:
        """Builds `layer` and tags the ops it made with its block."""
        first = len(self.net.nodes)
        build = {"conv2d": self.conv2d, "add": self.add, "maxpool2d": self.maxpool2d}
        if layer["op"] not in build:
            raise GenerationError(f"{layer['name']}: unknown op {layer['op']!r}")
        inputs = [self.values[name] for name in layer["inputs"]]
        self.values[layer["name"]] = build[layer["op"]](layer, inputs)
        for node in self.net.nodes[first:]:
            node.extra_attrs["snn.block"] = layer["block"]

    def out_hw(self, layer: dict, x: Value) -> Tuple[int, int]:
        """The output size by the convolution formula. Full networks must
        reproduce the JSON's `out_hw`; in reduced ones a window that no
        longer fits stops the generation."""
        kernel, stride, pad = layer["kernel"], layer["stride"], layer["padding"]
        out = tuple((size + 2 * pad - k) // stride + 1 for size, k in zip(x.shape[1:], kernel))
        if min(out) < 1:
            raise GenerationError(
                f"{layer['name']}: its {kernel[0]}x{kernel[1]} window (stride {stride}, "
                f"padding {pad}) does not fit its {x.shape[1]}x{x.shape[2]} input; "
                f"choose a larger --input-hw")
        if not self.reduction:
            _expect(layer, "out_hw", list(out), layer["out_hw"])
        return out

    def conv2d(self, layer: dict, inputs: List[Value]) -> Value:
        (x,) = inputs
        _expect(layer, "in_channels", x.shape[0], self.channels(layer["in_channels"]))
        _expect(layer, "input_bits", dtypes.bits(x.dtype), layer["input_bits"])
        out_hw = self.out_hw(layer, x)
        w_dtype = f"i{layer['weight_bits']}"
        shape = (self.channels(layer["out_channels"]), x.shape[0]) + tuple(layer["kernel"])
        fan_in = int(np.prod(shape[1:]))
        neuron = layer["neuron"]
        psum_dtype = (f"i{neuron['psum_bits']}" if "psum_bits" in neuron
                      else _psum_dtype(x.dtype, w_dtype, fan_in))
        psum = self.net.conv2d(x, random_weights(self.rng, shape, w_dtype),
                               stride=layer["stride"], padding=layer["padding"],
                               out_dtype=psum_dtype, weight_dtype=w_dtype, name=layer["name"])
        products = x.shape[0] * np.prod([
            _taps_inside(size, out, k, layer["stride"], layer["padding"])
            for size, out, k in zip(x.shape[1:], out_hw, layer["kernel"])])
        return self.neuron(layer, psum, _psum_spread(self.moments[x][1], w_dtype, products))

    def neuron(self, layer: dict, psum: Value, spread: float) -> Value:
        """The layer's neuron on its partial sums `psum` of standard deviation
        `spread`: spiking neurons fire at about SPIKE_RATE, ReLUs shift the
        spread to half their output range."""
        spec, name = layer["neuron"], layer["name"] + "_neuron"
        kind, out_dtype = spec["kind"], f"i{spec['output_bits']}"
        threshold = max(1, round(THRESHOLD_SPREADS * spread))
        if kind in ("plif", "lif"):
            _expect(layer, "neuron output_bits", 1, spec["output_bits"])
            state_type = f"i{spec['state_bits']}"
            # PLIF learns one decay per channel: seeded multiples of 1/64 in [0.5, 0.94].
            beta = (self.rng.integers(32, 61, size=psum.shape[0]) / 64 if kind == "plif"
                    else LIF_BETA)
            y = self.net.lif(psum, beta=beta, state_type=state_type, reset="subtract",
                             threshold=min(threshold, dtypes.int_range(state_type)[1]),
                             name=name)
            self.moments[y] = (SPIKE_RATE, SPIKE_RATE)
        elif kind == "threshold":
            _expect(layer, "neuron output_bits", 1, spec["output_bits"])
            y = self.net.threshold(psum, threshold, name=name)
            self.moments[y] = (SPIKE_RATE, SPIKE_RATE)
        elif kind == "relu":
            top = dtypes.int_range(out_dtype)[1]
            shift = max(0, round(math.log2(2 * spread / top)))
            y = self.net.relu(psum, shift, out_dtype=out_dtype, name=name)
            self.moments[y] = _relu_moments(spread / 2 ** shift, top)
        else:
            raise GenerationError(f"{layer['name']}: unknown neuron kind {kind!r}")
        return y

    def add(self, layer: dict, inputs: List[Value]) -> Value:
        y = self.net.add(*inputs, mode=layer["mode"], out_dtype=f"i{layer['output_bits']}",
                         name=layer["name"])
        moments = [self.moments[x] for x in inputs]
        self.moments[y] = (_any_spike_moments([m for m, _ in moments])
                           if layer["mode"] == "or" else _sum_moments(moments))
        return y

    def maxpool2d(self, layer: dict, inputs: List[Value]) -> Value:
        (x,) = inputs
        self.out_hw(layer, x)
        y = self.net.maxpool2d(x, layer["kernel"], layer["stride"], layer["padding"],
                               name=layer["name"])
        window = layer["kernel"][0] * layer["kernel"][1]
        # Spikes: the OR over the window; other values keep their moments (an
        # underestimate the thresholds tolerate).
        self.moments[y] = (_any_spike_moments([self.moments[x][0]] * window)
                           if x.dtype == "i1" else self.moments[x])
        return y


def _expect(layer: dict, field: str, actual, expected) -> None:
    """The JSON's own facts must agree with the network built from them."""
    if actual != expected:
        raise GenerationError(f"{layer['name']}: {field} is {actual}, the JSON says {expected}")


def prefix_spec(spec: dict, blocks: int) -> dict:
    """`spec` cut after its first `blocks` blocks (ids 0..blocks-1): their
    layers, with the last of them as the only output."""
    layers = [layer for layer in spec["layers"] if layer["block"] < blocks]
    if not layers:
        raise GenerationError(f"--blocks {blocks}: no layer of {spec['name']} is in blocks "
                              f"0..{blocks - 1}")
    kept = {layer["name"] for layer in layers}
    for layer in layers:
        outside = [name for name in layer["inputs"]
                   if name not in kept and name != spec["input"]["name"]]
        if outside:
            raise GenerationError(f"{layer['name']}: its inputs {outside} are outside the "
                                  f"prefix of {blocks} blocks")
    return {**spec, "layers": layers, "outputs": [layers[-1]["name"]]}


def build_network(spec: dict, reduction: Optional[Reduction] = None, seed: int = 0) -> Network:
    """The network of a STEMS JSON `spec`, full size or reduced."""
    builder = _Builder(spec, reduction, seed)
    for layer in spec["layers"]:
        builder.add_layer(layer)
    builder.net.output(*(builder.values[name] for name in spec["outputs"]))
    return builder.net


# -- figures -------------------------------------------------------------------------

def weight_bits(net: Network) -> int:
    """Bits of all parameter tensors, from their element types."""
    return sum(node.tensors[key].size * dtypes.bits(node.tensor_dtypes[key])
               for node, key in net.parameter_order())


def state_bits(net: Network) -> int:
    """Bits of the neuron state of one time step: every membrane at its
    `state_type` (the generated neurons read no previous spike)."""
    return sum(node.result.size * dtypes.bits(node.attrs["state_type"])
               for node in net.nodes if "state_type" in node.attrs)


def random_input(net: Network, seed: int = 0) -> Dict[str, np.ndarray]:
    """A random input per network input: spikes or event counts uniform over
    the type's non-negative range, in the storage type `snn-run` reads."""
    rng = np.random.default_rng(seed)
    return {value.name: rng.integers(0, dtypes.int_range(value.dtype)[1] + 1,
                                     size=(net.time_steps,) + value.shape)
            .astype(dtypes.numpy_type(value.dtype)) for value in net.inputs}


# -- files ---------------------------------------------------------------------------

def load_spec(path: str) -> dict:
    with open(path) as file:
        return json.load(file)


def mlir_text(net: Network, source: str, reduction: Optional[Reduction],
              blocks: Optional[int] = None) -> str:
    """The file contents: a header naming the source, then the module
    (weights as constants in reduced networks, as arguments in full ones)."""
    size = "full size, weights as arguments"
    if reduction:
        h, w = reduction.input_hw
        size = (f"reduced: input {h}x{w}, T={reduction.time_steps}, channels <= "
                f"{reduction.max_channels or 'as published'}, seeded weights")
    if blocks is not None:
        size += f"; blocks 0-{blocks - 1} only"
    header = (f"// Generated by bench/gen_networks.py from {os.path.basename(source)} "
              f"({size}); do not edit.\n")
    return header + net.to_mlir(weights="const" if reduction else "args")


def summary(name: str, net: Network) -> str:
    return (f"{name}: T={net.time_steps}, {len(net.nodes)} ops, weights "
            f"{weight_bits(net):,} bits, state {state_bits(net):,} bits")


def prefix_network(name: str, blocks: int, reduction: Optional[Reduction],
                   seed: int = 0) -> Tuple[Network, str]:
    """The network `bench/stems/<name>.json` cut after `blocks` blocks, at
    `reduction`, and its file contents (as `generate` writes them)."""
    source = os.path.join(STEMS_DIR, f"{name}.json")
    net = build_network(prefix_spec(load_spec(source), blocks), reduction, seed)
    return net, mlir_text(net, source, reduction, blocks)


def generate(source: str, output: str, reduction: Optional[Reduction], seed: int,
             blocks: Optional[int] = None) -> Network:
    """Writes the network of the JSON file `source` (its first `blocks`
    blocks, all without) to `output`."""
    spec = load_spec(source)
    net = build_network(prefix_spec(spec, blocks) if blocks is not None else spec,
                        reduction, seed)
    with open(output, "w") as file:
        file.write(mlir_text(net, source, reduction, blocks))
    print(summary(os.path.basename(output), net))
    return net


def generate_all(outdir: str, seed: int) -> None:
    """The three full networks, the reduced ones the tests run, and
    SEW-ResNet-152 (for the auto-scheduler's search time)."""
    os.makedirs(outdir, exist_ok=True)
    for name in NETWORKS:
        source = os.path.join(STEMS_DIR, f"{name}.json")
        generate(source, os.path.join(outdir, f"{name}.mlir"), None, seed)
        generate(source, os.path.join(outdir, f"{name}-reduced.mlir"), REDUCTIONS[name], seed)
    net = build_network(sew_resnet152.spec(), None, seed)
    output = os.path.join(outdir, "sew-resnet152.mlir")
    with open(output, "w") as file:
        file.write(mlir_text(net, "bench/sew_resnet152.py", None))
    print(summary(os.path.basename(output), net))


# -- command line ----------------------------------------------------------------------

def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _parse(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate snn dialect MLIR for the STEMS benchmark networks.")
    parser.add_argument("network", nargs="?", help="a STEMS network JSON file")
    parser.add_argument("-o", "--output", help="the .mlir file to write")
    parser.add_argument("--all", metavar="OUTDIR",
                        help="write the three full networks and their reduced versions")
    parser.add_argument("--reduced", action="store_true",
                        help="a small version with constant random weights, to execute")
    parser.add_argument("--input-hw", nargs=2, type=_positive, metavar=("H", "W"))
    parser.add_argument("--time-steps", type=_positive)
    parser.add_argument("--max-channels", type=_positive)
    parser.add_argument("--blocks", type=_positive, metavar="N",
                        help="keep only blocks 0..N-1 (a prefix; its last layer is the output)")
    parser.add_argument("--seed", type=int, default=0, help="seed of weights and decays")
    args = parser.parse_args(argv)
    if bool(args.all) == bool(args.network):
        parser.error("give either NETWORK.json or --all OUTDIR")
    if args.network and not args.output:
        parser.error("NETWORK.json needs -o OUT.mlir")
    if args.all and args.reduced:
        parser.error("--all writes fixed sizes; it takes no --reduced")
    if args.all and args.blocks:
        parser.error("--all writes whole networks; it takes no --blocks")
    if args.reduced and not (args.input_hw and args.time_steps):
        parser.error("--reduced needs --input-hw and --time-steps")
    if not args.reduced and (args.input_hw or args.time_steps or args.max_channels):
        parser.error("--input-hw, --time-steps and --max-channels go with --reduced")
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parse(argv)
    try:
        if args.all:
            generate_all(args.all, args.seed)
        else:
            reduction = (Reduction(tuple(args.input_hw), args.time_steps, args.max_channels)
                         if args.reduced else None)
            generate(args.network, args.output, reduction, args.seed, args.blocks)
    except (GenerationError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
