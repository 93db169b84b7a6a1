"""Which neuron layers can forget their state: fidelity of stateless layers.

STEMS (Eissa et al., IEEE TC 2025) showed that the early layers of
SEW-ResNet-18 need no neuron state: dropping it in blocks 0-1 cut the state
20x and the energy 1.4x without losing accuracy. The pass
`snn-eliminate-state` makes chosen layers stateless; this module tells which
ones to choose, by running the reference simulator on sample inputs with and
without each layer's state.

A stateless neuron starts every step from its resting potential: its charge
is h[t] = v_leak + gain x'[t] (current-based neurons: the current is
stateless too, i[t] = syn_gain x'[t], and h[t] = v_leak + gain i[t]); it
spikes where h > threshold (>= with compare ge) and has no reset and no
recurrence; `li`/`cuba_li` return h. `remove_state` expresses this with the
ops the dialect has: the same neuron with beta = 0 (and alpha = 0), v_init =
v_leak, reset none and reset_timing same. Docs/Semantics.md's charge
`beta (v - v_leak) + v_leak + gain x'` then loses its decayed term: integer
state computes sat_S(mulq(v - v_leak, 0) + v_leak + mulq(x', gain)) with
mulq(., 0) = 0 exactly; float state adds a zero (0 * (v - v_leak)) first,
which changes at most the sign of a zero h (equal for the spike comparison)
and only differs when the membrane overflowed to infinity.

`measure` removes one layer's state at a time and compares with the
original network; `recommend` grows the largest set of layers that can lose
their state together while the network's output stays within a budget.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from matplotlib.patches import Patch

from . import dtypes, plots, reference
from .testing.differential import _equal as equal_elements
from .graph import Network, Node, param_array

NEURON_OPS = ("lif", "cuba_lif", "li", "cuba_li")
Inputs = Mapping[str, np.ndarray]
Values = Dict[str, np.ndarray]


class FidelityError(ValueError):
    """A layer whose state cannot be removed (unknown, not a neuron, recurrent),
    or arguments the measurement cannot use."""


# -- removing state --------------------------------------------------------------------

def _node(net: Network, name: str) -> Node:
    for node in net.nodes:
        if node.result.name == name:
            return node
    raise FidelityError(f"no layer named '{name}'")


def _why_not_removable(node: Node) -> Optional[str]:
    """Why `node`'s state cannot be removed, or None. These are the cases
    snn-eliminate-state refuses: only neurons hold state; a recurrent
    neuron's drive is its own previous spikes (without them it is a
    different network, not the same one with less memory); a leaky
    integrator's output with v_leak != 0, a multi-bit integer drive into
    a float state, a bias, an overflow mode other than saturate and a gain
    product rounded otherwise than down have no stateless form in the
    dialect's ops."""
    name = node.result.name
    if node.op not in NEURON_OPS:
        return f"'{name}' is an snn.{node.op}, not a neuron: it holds no state"
    if "recurrent" in node.tensors:
        return (f"'{name}' has a recurrent weight: its drive depends on its previous "
                f"spikes, so its state cannot be removed")
    if node.op in ("li", "cuba_li") and np.any(np.asarray(node.attrs.get("v_leak", 0.0)) != 0):
        return f"'{name}' is a leaky integrator with v_leak != 0: it has no stateless form"
    if "refractory" in node.attrs:
        return (f"'{name}' has a refractory period, which a spike carries into later "
                "steps")
    if "adapt" in node.attrs:
        return f"'{name}' has an adaptive threshold, which a spike raises for later steps"
    # snn.scale floors and saturates, snn.threshold adds no bias.
    if "bias" in node.attrs:
        return f"'{name}' has a bias, which the stateless form does not add"
    if any(key in node.attrs for key in ("overflow", "syn_overflow")):
        return f"'{name}' overflows otherwise than by saturating: it has no stateless form"
    for key, gain in (("rounding", "gain"), ("syn_rounding", "syn_gain")):
        if key in node.attrs and np.any(np.asarray(node.attrs.get(gain, 1.0)) != 1.0):
            return (f"'{name}' rounds its {gain} product {node.attrs[key]}, which snn.scale "
                    "cannot express")
    steps = [node.inputs[0].dtype, node.attrs["state_type"]]
    if node.op.startswith("cuba"):
        steps.insert(1, node.attrs.get("syn_type", node.attrs["state_type"]))
    for source, target in zip(steps, steps[1:]):
        # snn.scale converts integers to integers and spikes to anything.
        if not (dtypes.is_int(target) and dtypes.is_int(source) or source == target
                or dtypes.is_spike(source)):
            return f"'{name}' would need a conversion from {source} to {target}"
    return None


def _check_removable(node: Node) -> None:
    problem = _why_not_removable(node)
    if problem:
        raise FidelityError(problem)


def _stateless_attrs(node: Node) -> Dict[str, object]:
    """The attributes that make `node` start every step from v_leak (see the
    module docstring); thresholds, gains, v_leak and types stay."""
    dropped = ("tau", "tau_syn", "dt", "v_init", "i_init", "v_reset")
    attrs = {key: value for key, value in node.attrs.items() if key not in dropped}
    attrs["beta"] = param_array(0.0)
    if "v_leak" in attrs:
        attrs["v_init"] = attrs["v_leak"]
    if node.op.startswith("cuba"):
        attrs["alpha"] = param_array(0.0)
    if "reset" in attrs:
        attrs.update(reset="none", reset_timing="same")
    return attrs


def remove_state(net: Network, layer_names: Sequence[str]) -> Network:
    """A copy of `net` in which the neuron layers named `layer_names` (their
    result names, as the passes' layer options take them) are stateless.
    FidelityError names a layer that is not a removable neuron."""
    stateless = copy.deepcopy(net)
    for name in layer_names:
        node = _node(stateless, name)
        _check_removable(node)
        node.attrs = _stateless_attrs(node)
    return stateless


# -- facts of a layer ------------------------------------------------------------------

def removable_layers(net: Network) -> List[str]:
    """The neuron layers whose state can be removed (as snn-eliminate-state
    would on request)."""
    return [node.result.name for node in net.nodes
            if node.op in NEURON_OPS and _why_not_removable(node) is None]


def state_bits(node: Node) -> int:
    """Bits of neuron state the layer holds, counted as the cost model does
    (Semantics.md "Precision of the cost model"): per neuron its membrane,
    its synaptic current, and one bit of previous spike where that is read."""
    per_neuron = dtypes.bits(node.attrs["state_type"])
    if node.op.startswith("cuba"):
        per_neuron += dtypes.bits(node.attrs.get("syn_type", node.attrs["state_type"]))
    if node.attrs.get("reset_timing") == "next" or "recurrent" in node.tensors:
        per_neuron += 1
    return node.result.size * per_neuron


# -- measuring -------------------------------------------------------------------------

@dataclasses.dataclass
class LayerRecord:
    """One layer's state removed alone. Agreements are fractions of equal
    elements over all samples and steps; `argmax_agreement` is the fraction
    of (sample, spiking output) pairs whose most-spiking neuron is unchanged
    (None without spiking outputs)."""

    name: str
    op: str
    neurons: int
    state_bits: int
    layer_agreement: float
    output_agreement: float
    argmax_agreement: Optional[float]


@dataclasses.dataclass
class JointRecord:
    """Several layers' state removed together: one step of `recommend`."""

    layers: List[str]
    state_bits: int
    output_agreement: float
    argmax_agreement: Optional[float]
    accepted: bool


def random_inputs(net: Network, samples: int, seed: int = 0,
                  density: float = 0.5) -> List[Dict[str, np.ndarray]]:
    """`samples` random input dicts for `net`: spikes (i1, and 0.0/1.0 for
    float inputs, NIR's events) firing with probability `density`; wider
    integers uniform over their non-negative range, the event counts
    bench/gen_networks.py sizes its thresholds for."""
    rng = np.random.default_rng(seed)

    def one(value) -> np.ndarray:
        shape = (net.time_steps,) + value.shape
        if dtypes.is_spike(value.dtype) or dtypes.is_float(value.dtype):
            array = rng.random(shape) < density
        else:
            array = rng.integers(0, dtypes.int_range(value.dtype)[1] + 1, size=shape)
        return array.astype(dtypes.numpy_type(value.dtype))

    return [{value.name: one(value) for value in net.inputs} for _ in range(samples)]


def _agreement(expected: Sequence[np.ndarray], actual: Sequence[np.ndarray]) -> float:
    """The fraction of equal elements over all the arrays."""
    equal = sum(int(np.count_nonzero(equal_elements(e, a))) for e, a in zip(expected, actual))
    return equal / sum(e.size for e in expected)


class _Experiment:
    """A network and its values on the sample inputs, against which versions
    with less state are compared."""

    def __init__(self, net: Network, inputs_list: Sequence[Inputs]):
        if not inputs_list:
            raise FidelityError("the measurement needs at least one sample input")
        self.net = net
        self.originals = [reference.simulate_all(net, inputs) for inputs in inputs_list]
        self.index = {node.result.name: k for k, node in enumerate(net.nodes)}

    def run(self, layers: Sequence[str]) -> List[Values]:
        """All values on every sample with the state of `layers` removed."""
        changed = remove_state(self.net, layers)
        start = min(self.index[name] for name in layers)
        return [_resimulate(changed, original, start) for original in self.originals]

    def output_agreements(self, runs: Sequence[Values]) -> Tuple[float, Optional[float]]:
        """(element agreement of the outputs, argmax agreement of the spiking
        outputs' spike counts) of `runs` with the original."""
        names = [value.name for value in self.net.outputs]
        elements = _agreement([o[n] for o in self.originals for n in names],
                              [r[n] for r in runs for n in names])
        spiking = [value.name for value in self.net.outputs if value.dtype == "i1"]
        if not spiking:
            return elements, None
        same = [np.argmax(o[n].sum(axis=0)) == np.argmax(r[n].sum(axis=0))
                for o, r in zip(self.originals, runs) for n in spiking]
        return elements, float(np.mean(same))

    def layer_record(self, name: str) -> LayerRecord:
        runs = self.run([name])
        node = self.net.nodes[self.index[name]]
        own = _agreement([o[name] for o in self.originals], [r[name] for r in runs])
        return LayerRecord(name, node.op, node.result.size, state_bits(node), own,
                           *self.output_agreements(runs))

    def joint_record(self, layers: Sequence[str], budget: float) -> JointRecord:
        outputs, argmax = self.output_agreements(self.run(layers))
        bits = sum(state_bits(self.net.nodes[self.index[name]]) for name in layers)
        return JointRecord(list(layers), bits, outputs, argmax, outputs >= 1.0 - budget)


def _resimulate(net: Network, original: Values, start: int) -> Values:
    """All values of `net`, whose nodes before `start` compute what they
    computed in `original`: only the rest is simulated, as a network of its
    own whose inputs are the values crossing the cut. Removing the state of a
    late layer then costs a fraction of a full simulation."""
    suffix = Network(net.time_steps, net.name)
    suffix.nodes = net.nodes[start:]
    produced = {node.result.name for node in suffix.nodes}
    crossing = {value.name: value for node in suffix.nodes for value in node.inputs
                if value.name not in produced}
    suffix.inputs = list(crossing.values())
    values = dict(original)
    values.update(reference.simulate_all(suffix, {name: original[name] for name in crossing}))
    return values


def measure(net: Network, inputs_list: Sequence[Inputs],
            layers: Optional[Sequence[str]] = None) -> List[LayerRecord]:
    """For every removable neuron layer (or the given ones), its state
    removed alone, measured on the sample inputs `inputs_list` against `net`."""
    names = removable_layers(net) if layers is None else list(layers)
    for name in names:
        _check_removable(_node(net, name))
    experiment = _Experiment(net, inputs_list)
    return [experiment.layer_record(name) for name in names]


def recommend(net: Network, inputs_list: Sequence[Inputs], budget: float,
              singles: Optional[Sequence[LayerRecord]] = None
              ) -> Tuple[List[str], List[JointRecord]]:
    """The layers whose state can be removed together while the network's
    output agreement stays >= 1 - budget, and the joint measurement of every
    step. Greedy: candidates in the order of their single measurements
    (`singles`, measured here if not given: most harmless first, more state
    first among equals), each added only if the joint removal stays within
    the budget; the first that does not ends the search (its record says
    accepted = False)."""
    if not 0.0 <= budget <= 1.0:
        raise FidelityError(f"the budget is a fraction of output elements in [0, 1], "
                            f"got {budget}")
    experiment = _Experiment(net, inputs_list)
    if singles is None:
        singles = [experiment.layer_record(name) for name in removable_layers(net)]
    order = sorted(singles, key=lambda r: (-r.output_agreement, -r.state_bits))
    chosen: List[str] = []
    steps: List[JointRecord] = []
    for candidate in order:
        step = experiment.joint_record(chosen + [candidate.name], budget)
        steps.append(step)
        if not step.accepted:
            break
        chosen.append(candidate.name)
    return chosen, steps


# -- reporting -------------------------------------------------------------------------

def _fraction(value: Optional[float], digits: int = 4) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_table(records: Sequence[LayerRecord], chosen: Sequence[str],
                 steps: Sequence[JointRecord], budget: float) -> str:
    """The single-layer measurements (recommended layers starred), the steps
    of the greedy search and the recommendation, as text."""
    width = max([len("layer")] + [len(r.name) for r in records])
    lines = [f"{'layer':<{width}}  {'op':<8} {'neurons':>9} {'state bits':>12} "
             f"{'layer agr':>9} {'output agr':>10} {'argmax agr':>10}"]
    for r in records:
        mark = "  *" if r.name in chosen else ""
        lines.append(f"{r.name:<{width}}  {r.op:<8} {r.neurons:>9,} {r.state_bits:>12,} "
                     f"{_fraction(r.layer_agreement):>9} {_fraction(r.output_agreement):>10} "
                     f"{_fraction(r.argmax_agreement):>10}{mark}")
    lines.append("")
    lines.append(f"joint removal, greedy (budget {budget:g}: output agreement >= "
                 f"{1.0 - budget:.4g}):")
    for step in steps:
        verdict = "kept" if step.accepted else "over budget, stop"
        lines.append(f"  + {step.layers[-1]:<{width}}  output agr "
                     f"{_fraction(step.output_agreement)}, argmax agr "
                     f"{_fraction(step.argmax_agreement)}, state {step.state_bits:,} bits: "
                     f"{verdict}")
    lines.append("")
    lines.append(f"recommended layers ({len(chosen)}): {','.join(chosen) or '(none)'}")
    lines.append(summary(records, chosen))
    return "\n".join(lines) + "\n"


def saved_bits(records: Sequence[LayerRecord], chosen: Sequence[str]) -> Tuple[int, int]:
    """(state bits of the chosen layers, state bits of all measured layers)."""
    return (sum(r.state_bits for r in records if r.name in chosen),
            sum(r.state_bits for r in records))


def summary(records: Sequence[LayerRecord], chosen: Sequence[str]) -> str:
    saved, total = saved_bits(records, chosen)
    share = f" ({100.0 * saved / total:.1f}%)" if total else ""
    return f"state saved: {saved:,} of {total:,} bits{share}"


def plot(records: Sequence[LayerRecord], chosen: Sequence[str], steps: Sequence[JointRecord],
         budget: float, path: str, title: str = "") -> str:
    """Two panels over the layers: the network's output agreement when the
    layer alone loses its state (the budget's bound dashed), and the state
    bits it holds (log scale); recommended layers in colour, their joint
    agreement in the title. Writes `path`."""
    fig = plots._figure(len(records))
    fig.set_figheight(7.5)
    agreement, bits = fig.subplots(2, 1, sharex=True)
    x = np.arange(len(records))
    colors = ["tab:green" if r.name in chosen else "tab:gray" for r in records]
    values = [r.output_agreement for r in records]
    agreement.bar(x, values, color=colors)
    bound = agreement.axhline(1.0 - budget, color="red", linestyle="--",
                              label=f"1 - budget ({1.0 - budget:.4g})")
    lowest = min(values + [1.0 - budget])
    bottom = max(0.0, 1.0 - 1.3 * max(1.0 - lowest, 0.01))
    agreement.set_ylim(bottom, 1.0 + 0.05 * (1.0 - bottom))
    agreement.set_ylabel("output agreement\n(this layer stateless)")
    agreement.grid(axis="y", alpha=0.3)
    bits.bar(x, [r.state_bits for r in records], color=colors)
    bits.set_yscale("log")
    bits.set_ylabel("state bits")
    bits.grid(axis="y", alpha=0.3)
    bits.set_xticks(x)
    bits.set_xticklabels([f"{r.name} ({r.op})" for r in records],
                         rotation=90 if len(records) > 6 else 0, fontsize=8)
    agreement.legend(handles=[Patch(color="tab:green", label="recommended"),
                              Patch(color="tab:gray", label="keeps its state"), bound],
                     fontsize=8, ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    heading = "Removing one layer's neuron state" + (f": {title}" if title else "")
    accepted = [step for step in steps if step.accepted]
    together = (f" (output agreement together {accepted[-1].output_agreement:.4f})"
                if accepted else "")
    fig.suptitle(f"{heading}\nrecommended {len(chosen)} layers{together}\n"
                 f"{summary(records, chosen)}")
    return plots._save(fig, path)
