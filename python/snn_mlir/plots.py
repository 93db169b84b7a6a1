"""PNG charts of cost reports (the dicts of `compiler.cost_report`).

Four views of where a schedule spends energy and memory traffic:

* `energy_by_layer`: energy of every layer, stacked by component (DRAM,
  global buffer, local buffers, compute);
* `traffic_by_layer`: off-chip bytes of every layer, stacked by operand
  (weights W, inputs I, outputs O, neuron state V);
* `schedule_comparison`: totals of several named reports side by side (a
  schedule against its baseline), with the lower bound of the traffic;
* `footprint_by_group`: on-chip footprint of every group in execution
  order, stacked by what occupies it, against the global buffer capacity.

Figures are drawn without pyplot (no global state, no display needed).
"""

from __future__ import annotations

import os
from typing import Dict, List, Mapping, Sequence, Tuple

import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure

OPERANDS = {"W": "weights (W)", "I": "inputs (I)", "O": "outputs (O)",
            "V": "neuron state (V)"}
COMPONENTS = {"dram": "DRAM", "global_buffer": "global buffer",
              "local_buffers": "local buffers", "compute": "compute"}
FOOTPRINT = {"working_set_bytes": "working set", "resident_state_bytes": "resident state",
             "resident_weight_bytes": "resident weights", "live_tensor_bytes": "live tensors"}
# Different palettes, so that a colour never means two things.
OPERAND_COLORS, COMPONENT_COLORS, FOOTPRINT_COLORS = "tab10", "Dark2", "Set2"
ENERGY_UNITS = [(1.0, "pJ"), (1e3, "nJ"), (1e6, "µJ"), (1e9, "mJ"), (1e12, "J")]
BYTE_UNITS = [(1.0, "B"), (2.0 ** 10, "KiB"), (2.0 ** 20, "MiB"), (2.0 ** 30, "GiB")]


def _unit(largest: float, units: Sequence[Tuple[float, str]]) -> Tuple[float, str]:
    """The largest unit in which `largest` is at least 1, so that axes read
    '12.5 MiB' rather than '1.3e7 B'."""
    chosen = units[0]
    for unit in units:
        if largest >= unit[0]:
            chosen = unit
    return chosen


def _format(value: float, units: Sequence[Tuple[float, str]]) -> str:
    scale, name = _unit(value, units)
    return f"{value / scale:.3g} {name}"


def _stacked_bars(ax, labels: Sequence[str], series: Mapping[str, Sequence[float]],
                  units: Sequence[Tuple[float, str]], quantity: str, colormap: str) -> float:
    """One bar per label, one stacked segment per series (legend entry) in the
    colours of `colormap`; the y axis in the unit that suits the tallest bar,
    returned as its divisor."""
    totals = np.sum([np.asarray(v, dtype=float) for v in series.values()], axis=0)
    scale, name = _unit(float(np.max(totals, initial=0.0)), units)
    x = np.arange(len(labels))
    bottom = np.zeros(len(labels))
    for k, (legend, values) in enumerate(series.items()):
        heights = np.asarray(values, dtype=float) / scale
        ax.bar(x, heights, bottom=bottom, label=legend, color=colormaps[colormap](k),
               width=0.8)
        bottom += heights
    ax.set_xticks(x)
    ax.set_xticklabels(labels, rotation=90 if len(labels) > 6 else 0, fontsize=8)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_ylabel(f"{quantity} ({name})")
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return scale


def _figure(bars: int, panels: int = 1) -> Figure:
    """A figure wide enough for `bars` labelled bars per panel."""
    width = max(7.0, 2.0 + 0.28 * bars) * panels
    return Figure(figsize=(min(width, 30.0), 5.5), layout="constrained")


def _save(fig: Figure, path: str) -> str:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def _where(report: dict) -> str:
    return f"@{report['network']} on {report['hardware']}"


def _layer_labels(layers: Sequence[dict]) -> List[str]:
    """'b0_conv_a (conv2d)': imported networks have terse names ('v3')."""
    return [f"{layer['name']} ({layer['op']})" for layer in layers]


def _label_bars(ax, tops: Sequence[float], texts: Sequence[str]) -> None:
    """`texts` above the bars of heights `tops`."""
    for x, (top, text) in enumerate(zip(tops, texts)):
        ax.annotate(text, (x, top), ha="center", va="bottom", fontsize=8, xytext=(0, 2),
                    textcoords="offset points")


def _by_layer(report: dict, path: str, quantity: str, total: str, units,
              parts: Mapping[str, str], part: str, colormap: str) -> str:
    """Bar chart of every layer's `quantity` (report[`total`] in all),
    stacked by the `parts` of layer[f"{total}_by_{part}"]; writes `path`."""
    layers = report["layers"]
    fig = _figure(len(layers))
    ax = fig.add_subplot()
    series = {label: [layer[f"{total}_by_{part}"][key] for layer in layers]
              for key, label in parts.items()}
    _stacked_bars(ax, _layer_labels(layers), series, units, quantity, colormap)
    ax.set_title(f"{quantity[0].upper()}{quantity[1:]} by layer\n{_where(report)}, total "
                 f"{_format(report[total], units)}")
    ax.legend(title=part)
    return _save(fig, path)


def energy_by_layer(report: dict, path: str) -> str:
    """Bar chart of every layer's energy, stacked by component; writes `path`."""
    return _by_layer(report, path, "energy", "energy_pj", ENERGY_UNITS, COMPONENTS, "component",
                     COMPONENT_COLORS)


def traffic_by_layer(report: dict, path: str) -> str:
    """Bar chart of every layer's off-chip bytes, stacked by operand; writes `path`."""
    return _by_layer(report, path, "off-chip traffic", "offchip_bytes", BYTE_UNITS, OPERANDS,
                     "operand", OPERAND_COLORS)


def schedule_comparison(reports: Mapping[str, dict], path: str) -> str:
    """Off-chip traffic (by operand) and energy (by component) of each named
    report side by side, totals above the bars; a dashed line over each
    traffic bar marks its lower bound, the label gives the ratio to it.
    Writes `path`."""
    names = [name if report["fits"] else f"{name}\n(does not fit)"
             for name, report in reports.items()]
    values = list(reports.values())
    fig = _figure(2 * len(names), panels=2)
    traffic, energy = fig.subplots(1, 2)
    scale = _stacked_bars(traffic, names, {
        label: [r["offchip_bytes_by_operand"][key] for r in values]
        for key, label in OPERANDS.items()}, BYTE_UNITS, "off-chip traffic", OPERAND_COLORS)
    for x, report in enumerate(values):
        traffic.hlines(report["lower_bound_bytes"] / scale, x - 0.45, x + 0.45, colors="black",
                       linestyles="--", label="lower bound" if x == 0 else None)
    _label_bars(traffic, [r["offchip_bytes"] / scale for r in values],
                [f"{_format(r['offchip_bytes'], BYTE_UNITS)}, "
                 f"{r['ratio_to_lower_bound']:.2f}x bound" for r in values])
    traffic.set_title("Off-chip traffic")
    traffic.legend(title="operand", fontsize=8)
    scale = _stacked_bars(energy, names, {
        label: [r["energy_pj_by_component"][key] for r in values]
        for key, label in COMPONENTS.items()}, ENERGY_UNITS, "energy", COMPONENT_COLORS)
    _label_bars(energy, [r["energy_pj"] / scale for r in values],
                [_format(r["energy_pj"], ENERGY_UNITS) for r in values])
    energy.set_title("Energy")
    energy.legend(title="component", fontsize=8)
    fig.suptitle(f"Schedules compared\n{_where(values[0])}")
    return _save(fig, path)


def _group_label(report: dict, index: int) -> str:
    """'3: b0_add (add)' or '0: b0_conv_a (conv2d) +7': the group's first layer
    and how many follow."""
    members = _layer_labels([layer for layer in report["layers"] if layer["group"] == index])
    more = f" +{len(members) - 1}" if len(members) > 1 else ""
    return f"{index}: {members[0]}{more}" if members else str(index)


def footprint_by_group(report: dict, path: str) -> str:
    """On-chip footprint of each group in execution order, stacked by what
    occupies the global buffer, with the buffer's capacity as a line; groups
    that do not fit have red labels. Writes `path`."""
    groups = report["groups"]
    fig = _figure(len(groups))
    ax = fig.add_subplot()
    series = {label: [group[key] for group in groups] for key, label in FOOTPRINT.items()}
    labels = [_group_label(report, k) for k in range(len(groups))]
    scale = _stacked_bars(ax, labels, series, BYTE_UNITS, "on-chip footprint",
                          FOOTPRINT_COLORS)
    capacity = report["global_buffer_bytes"]
    ax.axhline(capacity / scale, color="red", linestyle="--",
               label=f"global buffer ({_format(capacity, BYTE_UNITS)})")
    for tick, group in zip(ax.get_xticklabels(), groups):
        if not group["fits"]:
            tick.set_color("red")
    ax.set_xlabel("group (in execution order): first layer, +further layers")
    ax.set_title(f"On-chip footprint over the schedule\n{_where(report)}, peak "
                 f"{_format(report['peak_onchip_bytes'], BYTE_UNITS)}")
    ax.legend()
    return _save(fig, path)


def plot_report(report: dict, comparison: Mapping[str, dict], directory: str,
                prefix: str) -> List[str]:
    """The four charts of one function's report, written to
    `directory/prefix-{energy,traffic,comparison,footprint}.png`; their paths."""
    path: Dict[str, str] = {kind: os.path.join(directory, f"{prefix}-{kind}.png")
                            for kind in ("energy", "traffic", "comparison", "footprint")}
    return [energy_by_layer(report, path["energy"]),
            traffic_by_layer(report, path["traffic"]),
            schedule_comparison(comparison, path["comparison"]),
            footprint_by_group(report, path["footprint"])]
