"""Measured synapse activity: how often the inputs of conv2d and dense layers are events.

`snn-choose-synapse-form` runs a conv2d or dense layer event-driven when the
expected fraction of its input elements that are events (spikes, or values
other than zero), its `activity`, is below the crossover;
`snn-annotate-activity` reads the activities from a JSON profile. This
module measures such a profile with the reference simulator on given
inputs.
"""

from __future__ import annotations

from typing import Dict, Sequence

import numpy as np

from .graph import Network, Node
from .reference import Inputs, simulate_all

#: The ops with an event-driven form.
EVENT_OPS = ("conv2d", "dense")


def has_event_form(node: Node) -> bool:
    return node.op in EVENT_OPS


def profile(net: Network, inputs: Sequence[Inputs]) -> Dict[str, float]:
    """Per layer with an event-driven form (by name): the fraction of its
    input elements that were events (not zero; a NaN counts), over the
    reference simulation of every input set in `inputs`."""
    layers = [node for node in net.nodes if has_event_form(node)]
    spikes = {node.result.name: 0 for node in layers}
    elements = {node.result.name: 0 for node in layers}
    for one in inputs:
        values = simulate_all(net, one)
        for node in layers:
            seen = values[node.inputs[0].name]
            spikes[node.result.name] += int(np.count_nonzero(seen))
            elements[node.result.name] += seen.size
    return {name: spikes[name] / elements[name] for name in spikes}
