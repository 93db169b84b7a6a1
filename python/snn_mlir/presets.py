"""How NIR's continuous-time neurons become discrete `snn` neurons.

A NIR file describes neurons as ODEs (tau dv/dt = (v_leak - v) + r I, a
spike when v crosses v_threshold, then v <- v_reset) and records neither
the time step, nor the reset mode, nor the threshold comparison, nor the
update order. Every framework that exports NIR fills these gaps its own way
(../shared/nir/README.md, docs/NIR.md), so the importer takes them from a
*preset*: one row of `PRESETS` per framework plus `exact` (zero-order hold,
NIR's own definition). `neuron` turns a NIR neuron's parameters into the
keyword arguments of `Network.lif`/`cuba_lif`/`li`/`cuba_li`.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Dict, Mapping, Optional, Tuple

import numpy as np

# Decay of a state with time constant `tau` over one step `dt`.
DECAY_RULES: Dict[str, Callable] = {
    "euler": lambda dt, tau: 1.0 - dt / tau,       # forward Euler
    "exp": lambda dt, tau: np.exp(-dt / tau),      # exact (zero-order hold)
}

# Factor applied to the drive: `k` is NIR's r (membrane) or w_in (current),
# `decay` the result of the decay rule for the same `tau`.
GAIN_RULES: Dict[str, Callable] = {
    "euler": lambda k, dt, tau, decay: k * dt / tau,          # forward Euler
    "zoh": lambda k, dt, tau, decay: k * (1.0 - decay),       # exact (zero-order hold)
    "per_step": lambda k, dt, tau, decay: k,                   # the input is added once a step
    "decayed": lambda k, dt, tau, decay: k * decay,            # the input decays with the state
    # inverse of Rockpool's export r = tau exp(-dt/tau) / dt: gain 1 for its files
    "rockpool": lambda k, dt, tau, decay: k * dt / (tau * decay),
}

# Gain of the leak-free neurons IF and I (dv/dt = r I): no tau to scale by.
INTEGRATOR_RULES: Dict[str, Callable] = {
    "per_step": lambda r, dt: r,     # what every framework does: v += r x
    "ode": lambda r, dt: r * dt,     # the ODE integrated over one step
}

RESET_MODES = ("subtract", "zero", "to_value", "none")
RESET_TIMINGS = ("same", "next")


@dataclasses.dataclass(frozen=True)
class Preset:
    """One framework's discretisation (see the table in docs/NIR.md)."""

    name: str
    default_dt: Optional[float]  # seconds; None: the user must give dt
    decay: str                   # membrane decay rule (DECAY_RULES)
    gain: str                    # membrane gain rule (GAIN_RULES)
    syn_decay: str               # synaptic current decay rule
    syn_gain: str                # synaptic current gain rule
    integrator: str              # IF / I gain rule (INTEGRATOR_RULES)
    reset: str                   # snn reset mode
    reset_timing: str            # RESET_TIMINGS
    compare: str                 # "gt" or "ge"
    not_modelled: str            # what of the framework the snn ops cannot express
    # The reset timing of LIF and IF neurons reset to zero, where it differs.
    # snnTorch's Leaky zeroes the previous membrane before its decay: the
    # next step then starts from zero, which is reset_timing = same (its
    # Synaptic, CubaLIF, zeroes the charged value: next).
    leaky_zero_timing: Optional[str] = None
    # Steps between a synapse's output and its neuron (Lava's Dense sends to
    # its LIF over a channel of one step), and between a neuron's update and
    # the spikes it emits (Spyx emits the spikes of the state it starts from).
    synapse_delay: int = 0
    spike_delay: int = 0


PRESETS: Dict[str, Preset] = {p.name: p for p in (
    Preset("exact", None, "exp", "zoh", "exp", "zoh", "ode", "to_value", "same", "gt",
           "the current of CubaLIF is held at its new value over the step "
           "(no exact coupling of current and membrane)"),
    Preset("snntorch", 1e-4, "euler", "euler", "euler", "euler", "per_step", "subtract",
           "next", "gt",
           "the reset mode is not in the file (snnTorch defaults to subtract; "
           "pass reset='zero' for networks trained with reset to zero, and "
           "reset_timing='same' with 'subtract' for releases that subtracted before the "
           "decay)",
           leaky_zero_timing="same"),
    Preset("norse", 1e-3, "euler", "euler", "euler", "euler", "per_step", "to_value",
           "same", "gt",
           "Norse's LIFCell (exported as CubaLIF) drives the membrane with the previous "
           "step's current and adds the input to the current unscaled; like Norse's own "
           "importer, the preset uses the current of the same step and w_in dt/tau_syn"),
    Preset("spikingjelly", 1e-4, "euler", "euler", "euler", "euler", "per_step",
           "to_value", "same", "ge",
           "soft reset (v_reset = None in SpikingJelly) needs reset='subtract'"),
    Preset("sinabs", 1.0, "exp", "per_step", "exp", "per_step", "per_step", "subtract",
           "same", "ge",
           "several spikes per step (MultiSpike) and the lower bound min_v_mem; "
           "tau is in time steps, hence dt = 1"),
    Preset("rockpool", 1e-3, "exp", "rockpool", "exp", "decayed", "per_step", "subtract",
           "same", "ge",
           "several spikes per step (max_spikes_per_dt) and membrane noise"),
    Preset("spyx", None, "euler", "euler", "euler", "euler", "per_step", "subtract",
           "next", "gt",
           "Spyx computes in float16 or bfloat16 where a model asks for it; the preset "
           "computes in f32", spike_delay=1),
    Preset("lava", None, "euler", "euler", "euler", "euler", "per_step", "zero", "same",
           "gt",
           "Loihi's fixed-point arithmetic (12-bit decays, integer state); Lava runs in "
           "steps, so dt is the one its NIR reader used; the latency of a recurrent "
           "connection's own Dense", synapse_delay=1),
)}

DEFAULT_PRESET = "exact"

# NIR neuron type -> (snn op, spiking, current-based, leak-free)
NEURON_TYPES: Dict[str, Tuple[str, bool, bool, bool]] = {
    "LIF": ("lif", True, False, False),
    "IF": ("lif", True, False, True),
    "CubaLIF": ("cuba_lif", True, True, False),
    "LI": ("li", False, False, False),
    "I": ("li", False, False, True),
    "CubaLI": ("cuba_li", False, True, False),
}


def get(name: str) -> Preset:
    if name not in PRESETS:
        raise ValueError(f"unknown preset '{name}' (choose from {', '.join(PRESETS)})")
    return PRESETS[name]


def resolve_dt(preset: Preset, dt: Optional[float]) -> float:
    """The time step: the user's, else the framework's default."""
    if dt is None:
        if preset.default_dt is None:
            raise ValueError(f"preset '{preset.name}' has no default time step and NIR "
                             "files do not record one: give dt (--dt)")
        return preset.default_dt
    dt = float(dt)
    if not (np.isfinite(dt) and dt > 0):
        raise ValueError(f"the time step must be positive, got {dt}")
    return dt


def reset_mode(preset: Preset, override: Optional[str] = None) -> str:
    """The reset mode: the user's override, else the preset's."""
    mode = override or preset.reset
    if mode not in RESET_MODES:
        raise ValueError(f"unknown reset mode '{mode}' (choose from {', '.join(RESET_MODES)})")
    return mode


def check_reset_timing(timing: str) -> str:
    """`timing` if it is a reset timing, else a ValueError naming the choices."""
    if timing not in RESET_TIMINGS:
        raise ValueError(f"unknown reset timing '{timing}' "
                         f"(choose from {', '.join(RESET_TIMINGS)})")
    return timing


def reset_timing(preset: Preset, nir_type: str, mode: str,
                 override: Optional[str] = None) -> str:
    """When a spike resets the membrane: the user's override, else the
    preset's for this kind of neuron and reset mode."""
    if override is not None:
        return check_reset_timing(override)
    if mode == "zero" and nir_type in ("LIF", "IF") and preset.leaky_zero_timing:
        return preset.leaky_zero_timing
    return preset.reset_timing


def _decay(rule: str, dt: float, tau: np.ndarray, what: str) -> np.ndarray:
    """A decay in [0, 1] (what the snn ops accept), or an error saying why not."""
    if np.any(tau <= 0):
        raise ValueError(f"'{what}' must be positive, got {tau.min():g}")
    decay = DECAY_RULES[rule](dt, tau)
    if np.any(decay < 0):
        raise ValueError(f"dt = {dt:g} exceeds '{what}' = {tau.min():g}: the {rule} decay "
                         "1 - dt/tau would be negative; give a smaller dt")
    return decay


def neuron(preset: Preset, nir_type: str, params: Mapping[str, np.ndarray], dt: float,
           reset: Optional[str] = None,
           timing: Optional[str] = None) -> Tuple[str, Dict[str, object]]:
    """(snn op, keyword arguments) for a NIR neuron under `preset` and `dt`.

    `params` are the node's parameters as float64 arrays (NIR names: tau or
    tau_mem, r, v_leak, v_threshold, v_reset, tau_syn, w_in); `reset` and
    `timing` override the preset's reset mode and timing. Values keep NIR's
    per-neuron shapes.
    """
    op, spiking, current, leak_free = NEURON_TYPES[nir_type]
    r = params["r"]
    if leak_free:
        attrs = {"beta": np.ones_like(r), "gain": INTEGRATOR_RULES[preset.integrator](r, dt)}
    else:
        tau_name = "tau_mem" if current else "tau"
        tau = params[tau_name]
        beta = _decay(preset.decay, dt, tau, tau_name)
        attrs = {"beta": beta, "gain": GAIN_RULES[preset.gain](r, dt, tau, beta),
                 "v_leak": params["v_leak"]}
    if current:
        tau_syn = params["tau_syn"]
        alpha = _decay(preset.syn_decay, dt, tau_syn, "tau_syn")
        attrs["alpha"] = alpha
        attrs["syn_gain"] = GAIN_RULES[preset.syn_gain](params["w_in"], dt, tau_syn, alpha)
    for name in ("gain", "syn_gain"):
        # Rockpool's gain grows like exp(dt/tau): a dt far above tau makes it
        # overflow, and the snn dialect bounds gains below 16384 anyway.
        if name in attrs and not np.all(np.abs(attrs[name]) < 16384):
            raise ValueError(f"the {preset.gain if name == 'gain' else preset.syn_gain} "
                             f"{name} at dt = {dt:g} is {np.max(np.abs(attrs[name])):g}, "
                             f"not below 16384 (is dt much larger than tau?)")
    if spiking:
        mode = reset_mode(preset, reset)
        threshold = params["v_threshold"]
        if np.any(threshold <= 0):
            raise ValueError(f"v_threshold must be positive, got {threshold.min():g}")
        attrs.update(threshold=threshold, reset=mode,
                     reset_timing=reset_timing(preset, nir_type, mode, timing),
                     compare=preset.compare)
        if mode == "to_value":
            attrs["v_reset"] = params["v_reset"]
    return op, attrs
