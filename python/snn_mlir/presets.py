"""How NIR's continuous-time neurons become discrete `snn` neurons.

A NIR file describes neurons as ODEs (tau dv/dt = (v_leak - v) + r I, a
spike when v crosses v_threshold, then v <- v_reset) and records neither
the time step, nor the reset mode, nor the threshold comparison, nor the
update order. Every framework that exports NIR fills these gaps its own way
(data/nir/README.md, docs/NIR.md), so the importer takes them from a
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
    # Integer arithmetic of a fixed-point platform (lava-fixed); None: float32.
    fixed_point: Optional["LoihiFixedPoint"] = None


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
    # SpiNNaker2, as the NIR paper ran lif_norse.nir (NIR repository,
    # paper/01_lif/lif_spinnaker2.py): py-spinnaker2's s2_nir converter with
    # IntegratorMethod.FORWARD, ResetMethod.ZERO and conn_delay = 0, run on its
    # Brian2 backend, not on the chip. s2_nir makes a LIF
    # v = alpha_decay v + w x + i_offset with alpha_decay = 1 - dt/tau and the
    # threshold divided by r dt/tau: forward Euler, in units of tau/(r dt) times
    # NIR's; an IF keeps alpha_decay = 1 and adds w x once a step. The script
    # publishes records 1 to 1000 of a 1001-step run (v[1:], spikes[1:]) as rows
    # 0 to 999, where the membrane is exactly v = 0.96f v + 102 x (float64, the
    # decay rounded to float32), zero after each spike, and a spike in the row of
    # the input that crosses. Whether the neuron fires on v > threshold or >= is
    # in neither the script nor the trace (the closest charge stays 0.16 %
    # below the threshold); the preset uses >, as exact does. s2_nir's own defaults are
    # exponential Euler, reset by subtraction (--reset subtract) and a
    # connection delay of one step.
    Preset("spinnaker2", None, "euler", "euler", "euler", "euler", "per_step", "zero",
           "same", "gt",
           "SpiNNaker2's integer synapse weights: the weights, scaled by a factor the user "
           "or s2_nir chooses, are rounded to integers (the NIR paper's run scaled by "
           "102.02 and ran with weight 102, every input 0.02 % weaker); s2_nir's defaults "
           "(exponential Euler, reset by subtraction, a connection delay of one step); "
           "the order of current and membrane in lif_curr_exp (CubaLIF) is not verified"),
    # Nengo, as the NIR paper ran lif_norse.nir (paper/01_lif/lif_nengo.ipynb):
    # nengo.LIF(tau_rc = tau, tau_ref = 0) with gain 1/v_threshold, bias 0,
    # driven without synapse filters. Nengo's LIF.step (nengo/neurons.py)
    # charges v -= (J - v) expm1(-dt/tau_rc), the exact solution for J held over
    # the step (zero-order hold), spikes where v > 1 and sets v = 0. A spike
    # makes the neuron refractory until tau_ref after the crossing time within
    # the step; with tau_ref = 0 that time has passed when the next step starts,
    # which integrates the whole dt: the snn.lif below makes the same updates,
    # with no condition on the input. The paper's CNN converter
    # (paper/02_cnn/nengo_import.py) adds J dt once a step for IF; a Lowpass
    # synapse is zero-order hold too.
    Preset("nengo", 1e-3, "exp", "zoh", "exp", "zoh", "per_step", "zero", "same", "gt",
           "a refractory period tau_ref > 0 (Nengo's default is 2 ms; the NIR paper's "
           "converter sets 0): Nengo holds v at 0 until tau_ref after the spike's "
           "sub-step time, then integrates part of a step; the floor min_voltage = 0 "
           "(negative membranes are clipped to 0); Nengo computes in float64"),
)}



# -- Lava's bit-accurate LIF (preset lava-fixed) ------------------------------------

@dataclasses.dataclass(frozen=True)
class LoihiFixedPoint:
    """Loihi's fixed-point LIF as Lava computes it bit-accurately
    (`PyLifModelBitAcc`, lava/proc/lif/models.py), with the quantisation of
    the NIR paper's fixed-point Lava converter (NIR repository,
    paper/nir_to_lava.py, ImportConfig(fixed_pt=True)). Per step, with Lava's
    12-bit decays du, dv (decay unity 4096; du counts one more, ds_offset):

        u = wrap_24(trunc(u (4096 - du - 1) / 4096) + (a_in << 6))
        v = clip(trunc(v (4096 - dv) / 4096) + u + bias, -(2^23 - 1), 2^23 - 1)
        spike where v > vth << 6, then v = 0

    which is `snn.cuba_lif` with i24 current and membrane, alpha = (4096 - du
    - 1)/4096 and beta = (4096 - dv)/4096 (exact in Q16), rounding toward
    zero, the current wrapping and the membrane saturating symmetrically,
    syn_gain = 2^6, gain 1, threshold vth << 6 and reset to zero.

    The converter's quantisation of a NIR LIF (tau, r, v_leak, v_threshold)
    at step dt: dv = int(dt/tau * 4095), du = int(1.0 * 4095) (the current
    lasts one step: alpha = 0), vth = int(v_threshold * 131071) >> 9, and
    the input weight int(dt/tau * 256) of a Dense in front of the neuron,
    clipped as Lava's Dense clips its 8-bit weights (`dense_weights`). The
    preset multiplies that weight by r (the converter assumes r = 1) and by
    the weights of an Affine/Linear node that feeds the neuron (the converter
    quantised those to int(w * 256) in a second Dense whose output the
    neuron's Dense read as spikes; for lif_norse.nir, w = 1, both give
    int(dt/tau * 256)), and writes v_leak as Lava's bias:
    int(v_leak * dt/tau * 256) << 6, the constant term of forward Euler in
    the units of the input (the converter ignores v_leak).
    """

    decay_bits: int = 12      # du, dv count 2^-12
    state_bits: int = 24      # u, v
    shift: int = 6            # activations and threshold are shifted left by 6
    weight_scale: int = 256   # a NIR weight of 1 is a Lava weight of 256
    weight_bits: int = 8
    threshold_bits: int = 17  # vth
    bias_bits: int = 13       # the bias mantissa

    @property
    def state_type(self) -> str:
        return f"i{self.state_bits}"

    def decay(self, rate: np.ndarray, offset: int = 0) -> np.ndarray:
        """The decay factor (4096 - d - offset)/4096 of d = int(rate * 4095)."""
        unity = 1 << self.decay_bits
        if np.any(rate < 0) or np.any(rate > 1):
            raise ValueError(f"dt/tau = {float(np.max(rate)):g} is not in [0, 1]: Lava's "
                             "12-bit decays need dt <= tau")
        d = np.trunc(rate * (unity - 1))
        return (unity - d - offset) / unity

    def dense_weights(self, weights: np.ndarray) -> np.ndarray:
        """`weights` (NIR units) as the integer weights of Lava's bit-accurate
        Dense: int(w * 256) (toward zero, as the converter), then clipped to
        8 bits by sign mode (clip_weights: [0, 255] excitatory, [-255, 0]
        inhibitory, [-256, 255] mixed) and, for mixed signs, with the lowest
        bit cleared (truncate_weights)."""
        w = np.trunc(np.asarray(weights, dtype=np.float64) * self.weight_scale)
        top = (1 << self.weight_bits) - 1
        if np.min(w) >= 0:
            return np.clip(w, 0, top)
        if np.max(w) <= 0:
            return -np.clip(-w, 0, top)
        return np.floor(np.clip(w, -top - 1, top) / 2) * 2

    def lif(self, params: Mapping[str, np.ndarray], dt: float, mode: str, timing: str,
            folded: bool) -> Dict[str, object]:
        """The `snn.cuba_lif` keyword arguments of a NIR LIF. `folded`: the
        input weight r dt/tau is already in the weights of an Affine feeding
        the neuron (else the neuron's own Dense is syn_gain's factor)."""
        tau, r, v_leak = params["tau"], params["r"], params["v_leak"]
        if np.any(tau <= 0):
            raise ValueError(f"'tau' must be positive, got {tau.min():g}")
        if mode not in ("zero", "subtract", "none"):
            raise ValueError(f"Lava's LIF cannot reset '{mode}' (choose zero, subtract or "
                             "none)")
        rate = dt / tau
        vth = np.floor(np.trunc(params["v_threshold"] * ((1 << self.threshold_bits) - 1))
                       / (1 << 9))
        if np.any(vth < 1) or np.any(vth >= 1 << self.threshold_bits):
            raise ValueError(f"v_threshold {float(np.min(params['v_threshold'])):g} to "
                             f"{float(np.max(params['v_threshold'])):g} does not make a "
                             f"{self.threshold_bits}-bit Lava threshold of at least 1")
        activation = 1 << self.shift
        weight = np.ones_like(rate) if folded else self.dense_weights(r * rate)
        if np.any(np.abs(weight * activation) >= 16384):
            raise ValueError("an input weight of -256 (r dt/tau <= -1) exceeds the gains "
                             "the snn neurons take")
        attrs: Dict[str, object] = {
            "state_type": self.state_type, "syn_type": self.state_type,
            "alpha": self.decay(np.ones_like(rate), offset=1), "beta": self.decay(rate),
            "syn_gain": activation * weight,
            "threshold": vth * activation, "reset": mode, "reset_timing": timing,
            "compare": "gt", "rounding": "toward_zero", "overflow": "saturate_symmetric",
            "syn_rounding": "toward_zero", "syn_overflow": "wrap"}
        if np.any(v_leak != 0):
            mantissa = np.trunc(v_leak * rate * self.weight_scale)
            if np.any(np.abs(mantissa) >= 1 << (self.bias_bits - 1)):
                raise ValueError(f"v_leak {float(np.max(np.abs(v_leak))):g} makes a bias "
                                 f"beyond Lava's {self.bias_bits}-bit mantissa")
            attrs["bias"] = mantissa * activation
        return attrs


#: Loihi 2 as Lava's bit-accurate models compute it.
LOIHI = LoihiFixedPoint()

PRESETS["lava-fixed"] = Preset(
    "lava-fixed", None, "euler", "euler", "euler", "euler", "per_step", "zero", "same", "gt",
    "Lava's fixed-point processes exchange spikes (inputs are i1) and the preset maps "
    "only Affine/Linear nodes feeding one LIF, and LIF nodes (as the NIR paper's "
    "converter); Lava's Python model wraps the current into [-2^23 + 1, 2^23] where "
    "two's complement (the chip's 24-bit register) gives [-2^23, 2^23 - 1]; Lava's "
    "Dense also delays by one step, which the preset counts once per neuron, as the "
    "paper's traces show; no recurrence",
    synapse_delay=1, fixed_point=LOIHI)

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
           timing: Optional[str] = None, folded: bool = False) -> Tuple[str, Dict[str, object]]:
    """(snn op, keyword arguments) for a NIR neuron under `preset` and `dt`.

    `params` are the node's parameters as float64 arrays (NIR names: tau or
    tau_mem, r, v_leak, v_threshold, v_reset, tau_syn, w_in); `reset` and
    `timing` override the preset's reset mode and timing. Values keep NIR's
    per-neuron shapes. For a fixed-point preset (LIF only), `folded` says
    that the neuron's input weight is in the weights of the Affine feeding it.
    """
    if preset.fixed_point is not None:
        if nir_type != "LIF":
            raise ValueError(f"the {preset.name} preset maps LIF neurons only, not {nir_type}")
        mode = reset_mode(preset, reset)
        return "cuba_lif", preset.fixed_point.lif(
            params, dt, mode, reset_timing(preset, nir_type, mode, timing), folded)
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
