"""Differential testing: compiled code against the reference simulator.

`check_network` runs one network both ways and describes the first
difference. The compiled side runs in this process (`compiler.run_mlir`,
through the C API), or with `--snn-run PATH` in that snn-run executable
(an instrumented build's, say). The comparison is exact, floats included (Semantics.md: every
schedule produces bit-identical floats), the sign of zero too; only NaN
payloads may differ.

Command line, over random networks of `random_net`:

    python3 -m snn_mlir.testing.differential --count N --start-seed S [--schedule] [--snn-run PATH]
        [--jobs J] [--kind int|float|any] [--pass-pipeline PIPELINE] [--eliminate-state]
        [--synapse-forms event|mixed] [--stats]

`--stats` ends the output with one line of JSON: `networks`, `failures`,
`constant_output_networks` (the fraction of networks whose every output is
one constant: they can only catch crashes), `spiking_layers` and the
fractions of them that never spike, always spike, or spike at a rate
between 5% and 60%, `saturating_networks` (some integer value saturated)
and, per kind of saturation (`result`: an integer op result, `state`: a
neuron's integer membrane or current, `recurrent_drive`: the 32-bit sum
x + r of an integer recurrent neuron), the fractions of networks
(`<kind>_saturating_networks`) and of the layers computing such values
(`<kind>_saturating_layers`) where it happened, the fraction of
networks with integer neurons that round or overflow otherwise than floor
and saturate or add a bias (`arithmetic_mode_networks`), and the fraction
with a loop across time steps, an snn.cycle (`loop_networks`).

`--synapse-forms event` compiles every conv2d and dense layer event-driven
(where that is exact), `mixed` gives each a random expected activity and
lets `snn-choose-synapse-form` pick its form, so that dense and
event-driven layers meet in one network.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..activity import has_event_form
from ..compiler import TIMEOUT_S, ToolError, run_mlir, tool_path
from ..graph import Network, is_loop
from .random_net import KINDS, generate, is_constant, random_schedule, schedule_rng
from ..reference import SATURATION_KINDS, input_arrays, saturation_log, simulate_all

#: The neuron attributes of Semantics.md "Integer neurons".
ARITHMETIC = ("rounding", "overflow", "syn_rounding", "syn_overflow", "bias")


def run_compiled(mlir_text: str, net: Network, arrays: Sequence[np.ndarray],
                 snn_run_path: Optional[str], pipeline: Optional[str],
                 directory: str) -> List[np.ndarray]:
    """Runs `mlir_text` (function `net.name`) on `arrays` (in `net.inputs`
    order) after `pipeline`: in this process, or with the snn-run executable
    at `snn_run_path` on .npy files in `directory`."""
    if snn_run_path is None:
        return run_mlir(mlir_text, arrays, entry=net.name, pass_pipeline=pipeline)
    mlir = os.path.join(directory, "net.mlir")
    with open(mlir, "w") as f:
        f.write(mlir_text)
    command = [snn_run_path, mlir, "--entry", net.name]
    for k, array in enumerate(arrays):
        np.save(os.path.join(directory, f"in{k}.npy"), array)
        command += ["--input", os.path.join(directory, f"in{k}.npy")]
    outputs = [os.path.join(directory, f"out{k}.npy") for k in range(len(net.outputs))]
    for path in outputs:
        command += ["--output", path]
    if pipeline:
        command.append(f"--pass-pipeline={pipeline}")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ToolError(f"snn-run did not complete: {error}") from error
    if done.returncode != 0:
        message = _without_ir_dumps(done.stderr or done.stdout).strip()
        raise ToolError(f"snn-run exited with {done.returncode}: {message[-2000:]}")
    try:
        return [np.load(path) for path in outputs]
    except (OSError, ValueError) as error:
        raise ToolError(f"cannot read the outputs of snn-run: {error}") from error


def _without_ir_dumps(text: str) -> str:
    """A tool's diagnostics without the IR that MLIR prints after 'see
    current operation:' (for a module pass: the whole module, which would
    bury the one line that matters)."""
    kept, dumping = [], False
    for line in text.splitlines():
        if re.search(r"\b(error|warning|note|remark): ", line):
            dumping = "see current operation:" in line
        if not dumping:
            kept.append(line)
    return "\n".join(kept)


def _equal(expected: np.ndarray, got: np.ndarray) -> np.ndarray:
    """Elementwise equality of the bits, -0.0 and +0.0 told apart; any NaN
    equals any NaN (Semantics.md leaves NaN payloads unspecified: the CPU's
    default NaN is not NumPy's)."""
    equal = expected == got
    if expected.dtype.kind == "f":
        equal &= np.signbit(expected) == np.signbit(got)
        equal |= np.isnan(expected) & np.isnan(got)
    return equal


def _show(x) -> str:
    """A number as the reference stores it; floats with their bits, so that
    one-ulp differences are visible."""
    if isinstance(x, np.floating):
        return f"{float(x)!r} ({float(x).hex()})"
    return str(int(x))


def compare_outputs(net: Network, expected: Sequence[np.ndarray],
                    got: Sequence[np.ndarray]) -> Optional[str]:
    """None if `got` equals `expected` exactly, else the first difference:
    output, time step, per-step index, expected and obtained values."""
    if len(got) != len(expected):
        return f"{len(got)} outputs, expected {len(expected)}"
    for k, (value, want, have) in enumerate(zip(net.outputs, expected, got)):
        where = f"output {k} (%{value.name}, {net.tensor_type(value)})"
        if have.shape != want.shape or have.dtype != want.dtype:
            return (f"{where}: got an array of shape {have.shape} and dtype {have.dtype}, "
                    f"expected {want.shape} and {want.dtype}")
        wrong = np.argwhere(~_equal(want, have))
        if len(wrong):
            index = tuple(int(i) for i in wrong[0])
            return (f"{where}: time step {index[0]}, index {index[1:]}: expected "
                    f"{_show(want[index])}, got {_show(have[index])} "
                    f"({len(wrong)} of {want.size} elements differ)")
    return None


@dataclasses.dataclass
class Outcome:
    """The result of one differential check: the first difference (None when
    there is none), with state elimination how many neurons the pass made
    stateless and how many state types it narrowed, and how many layers were
    compiled event-driven."""
    problem: Optional[str] = None
    stateless: int = 0
    narrowed: int = 0
    event_layers: int = 0
    #: Whether every output of the network was one constant (such a network
    #: can only catch crashes), and the spike rate of each spiking layer.
    constant_outputs: bool = False
    spike_rates: List[float] = dataclasses.field(default_factory=list)
    #: Per kind of `reference.saturation_log`: (layers that saturated,
    #: layers that could).
    saturations: Dict[str, Tuple[int, int]] = dataclasses.field(default_factory=dict)
    #: Neurons with a rounding or overflow mode or a bias (Semantics.md
    #: "Integer neurons").
    arithmetic_layers: int = 0
    #: Whether the network has a loop across time steps (an snn.cycle).
    has_loop: bool = False


def eliminate_state(mlir_text: str, snn_opt_path: str) -> Tuple[str, int, int]:
    """`snn-eliminate-state` applied to `mlir_text`: the new text and the
    number of neurons made stateless and of state types narrowed (from the
    pass's remarks)."""
    done = subprocess.run([snn_opt_path, "-", "--snn-eliminate-state"], input=mlir_text,
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise ToolError(f"snn-opt --snn-eliminate-state failed: {done.stderr[-2000:]}")
    return (done.stdout, done.stderr.count(": provably stateless: "),
            done.stderr.count(": state type i"))


def choose_synapse_forms(mlir_text: str, snn_opt_path: str, forms: str) -> Tuple[str, int]:
    """`snn-choose-synapse-form` with the options of `forms` applied to
    `mlir_text`: the new text and the number of event-driven layers."""
    done = subprocess.run([snn_opt_path, "-",
                           f"--snn-choose-synapse-form={SYNAPSE_FORM_OPTIONS[forms]}"],
                          input=mlir_text, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise ToolError(f"snn-opt --snn-choose-synapse-form failed: {done.stderr[-2000:]}")
    return done.stdout, done.stdout.count("#snn.synapse_form<event>")


def coverage(outcomes: Sequence[Outcome]) -> Dict[str, float]:
    """What the networks exercised: the fraction whose outputs were all
    constant, how the spiking layers' rates spread (never spiking, always
    spiking, between 5% and 60%), and saturation: the fraction of networks
    where some integer value saturated and, per kind of
    `reference.saturation_log`, the fractions of networks, and of the
    layers computing that kind of value, where it did."""
    rates = [r for o in outcomes for r in o.spike_rates]
    fraction = (lambda n, of: n / of if of else 0.0)
    stats = {
        "constant_output_networks": fraction(sum(o.constant_outputs for o in outcomes),
                                             len(outcomes)),
        "spiking_layers": len(rates),
        "silent_layers": fraction(sum(r == 0.0 for r in rates), len(rates)),
        "always_spiking_layers": fraction(sum(r == 1.0 for r in rates), len(rates)),
        "layers_spiking_5_to_60_percent": fraction(sum(0.05 <= r <= 0.6 for r in rates),
                                                   len(rates)),
        "saturating_networks": fraction(sum(any(n for n, _ in o.saturations.values())
                                            for o in outcomes), len(outcomes)),
        "arithmetic_mode_networks": fraction(sum(o.arithmetic_layers > 0 for o in outcomes),
                                             len(outcomes)),
        "loop_networks": fraction(sum(o.has_loop for o in outcomes), len(outcomes)),
    }
    for kind in SATURATION_KINDS:
        counts = [o.saturations.get(kind, (0, 0)) for o in outcomes]
        stats[f"{kind}_saturating_networks"] = fraction(sum(n > 0 for n, _ in counts),
                                                        len(outcomes))
        stats[f"{kind}_saturating_layers"] = fraction(sum(n for n, _ in counts),
                                                      sum(of for _, of in counts))
    return stats


def _snn_opt_beside(snn_run_path: Optional[str]) -> str:
    """The snn-opt beside `snn_run_path`, or the build's."""
    if snn_run_path is None:
        return tool_path("snn-opt")
    return os.path.join(os.path.dirname(snn_run_path), "snn-opt")


def check_network(net: Network, inputs, snn_run_path: Optional[str],
                  pipeline: Optional[str] = None,
                  tmpdir: Optional[str] = None, snn_opt_path: Optional[str] = None,
                  synapse_forms: Optional[str] = None) -> Outcome:
    """Runs `net` compiled (`run_compiled`) and with the reference; the
    outcome's problem is None when all outputs are identical, else a
    readable description of the first mismatch (or of the failure of a
    tool). `inputs` as for `reference.simulate`. With `snn_opt_path`, the
    network first goes through snn-eliminate-state; with `synapse_forms`
    (and the snn-opt beside snn-run, or the build's) through
    snn-choose-synapse-form."""
    arrays = input_arrays(net, inputs)
    with saturation_log() as saturated:
        values = simulate_all(net, arrays)
    expected = [values[v.name] for v in net.outputs]
    outcome = Outcome(constant_outputs=all(is_constant(a) for a in expected),
                      spike_rates=[float(values[n.result.name].mean()) for n in net.nodes
                                   if n.result.dtype == "i1"],
                      saturations={kind: (sum(seen.values()), len(seen))
                                   for kind, seen in saturated.items()},
                      arithmetic_layers=sum(any(key in node.attrs for key in ARITHMETIC)
                                            for node in net.nodes),
                      has_loop=any(is_loop(nodes) for nodes in net.components()))
    with tempfile.TemporaryDirectory(dir=tmpdir, prefix="snn-diff-") as directory:
        try:
            text = net.to_mlir()
            if snn_opt_path:
                text, outcome.stateless, outcome.narrowed = eliminate_state(text, snn_opt_path)
            if synapse_forms:
                snn_opt = _snn_opt_beside(snn_run_path)
                text, outcome.event_layers = choose_synapse_forms(text, snn_opt, synapse_forms)
            got = run_compiled(text, net, arrays, snn_run_path, pipeline, directory)
        except ToolError as error:
            outcome.problem = str(error)
            return outcome
    outcome.problem = compare_outputs(net, expected, got)
    return outcome


#: snn-choose-synapse-form options of `--synapse-forms`: every exact layer
#: event-driven, or each layer's form from its random activity.
SYNAPSE_FORM_OPTIONS = {
    "event": "crossover=2 dense-crossover=2 assume-activity=0",
    "mixed": "crossover=0.5 dense-crossover=0.5",
}


def annotate_activity(net: Network, rng: np.random.Generator) -> None:
    """A random expected activity on every conv2d and dense layer (for
    `--synapse-forms mixed`)."""
    for node in net.nodes:
        if has_event_form(node):
            node.extra_attrs["activity"] = float(rng.random())


def check_seed(seed: int, snn_run_path: Optional[str], schedule: bool, kind: str,
               pipeline: Optional[str], snn_opt_path: Optional[str] = None,
               synapse_forms: Optional[str] = None) -> Outcome:
    """check_network on random network `seed` (with its random schedule;
    with `snn_opt_path`, half its spiking neurons memoryless, half the others
    with room for narrower states, and the network through
    snn-eliminate-state; with `synapse_forms`, its synapses in those forms)."""
    try:
        odds = 0.5 if snn_opt_path else 0.0
        net, inputs = generate(seed, kind=kind, memoryless=odds, slack=odds)
        if schedule:
            random_schedule(net, schedule_rng(seed))
        if synapse_forms == "mixed":
            annotate_activity(net, np.random.default_rng([seed, 2]))
        return check_network(net, inputs, snn_run_path, pipeline, snn_opt_path=snn_opt_path,
                             synapse_forms=synapse_forms)
    except Exception as error:  # a bug of the generator or the reference: report, go on
        return Outcome(f"harness error: {type(error).__name__}: {error}")



def _executable(path: str) -> str:
    if not os.access(path, os.X_OK):
        raise argparse.ArgumentTypeError(f"{path} is not an executable")
    return path


def add_snn_run_option(parser: argparse.ArgumentParser) -> None:
    """`--snn-run PATH`: run the networks with that executable instead of in
    this process (a checked path; the lit tests pass their instrumented one)."""
    parser.add_argument("--snn-run", type=_executable, default=None,
                        help="run the networks with this snn-run executable (default: "
                             "compile and run them in this process)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="number of random networks")
    parser.add_argument("--start-seed", type=int, default=0)
    parser.add_argument("--schedule", action="store_true", help="give them random schedules")
    add_snn_run_option(parser)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--kind", choices=KINDS, default="any")
    parser.add_argument("--pass-pipeline", dest="pipeline", default=None,
                        help="passes run before the lowering (snn-run's --pass-pipeline)")
    parser.add_argument("--eliminate-state", action="store_true",
                        help="make half the spiking neurons memoryless and compile through "
                             "snn-eliminate-state (the snn-opt beside --snn-run's, or the build's)")
    parser.add_argument("--stats", action="store_true",
                        help="print, as the last line, JSON of what the networks exercised")
    parser.add_argument("--synapse-forms", choices=sorted(SYNAPSE_FORM_OPTIONS),
                        default=None,
                        help="compile conv2d and dense layers event-driven, or each in a "
                             "random form (the snn-opt beside --snn-run's, or the build's)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    seeds = range(args.start_seed, args.start_seed + args.count)
    try:
        snn_opt = _snn_opt_beside(args.snn_run) if args.eliminate_state else None
    except ToolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    failures: Dict[int, str] = {}
    stateless = narrowed = event_layers = 0
    outcomes: List[Outcome] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(check_seed, seed, args.snn_run, args.schedule, args.kind,
                               args.pipeline, snn_opt, args.synapse_forms): seed
                   for seed in seeds}
        for future in concurrent.futures.as_completed(futures):
            seed = futures[future]
            outcome = future.result()
            outcomes.append(outcome)
            stateless += outcome.stateless
            narrowed += outcome.narrowed
            event_layers += outcome.event_layers
            if outcome.problem is not None:
                failures[seed] = outcome.problem
                print(f"seed {seed}: FAIL: {outcome.problem}", flush=True)
    elapsed = time.monotonic() - start

    forms = f", {args.synapse_forms} synapse forms" if args.synapse_forms else ""
    print(f"{args.count} networks (kind {args.kind}{', scheduled' if args.schedule else ''}"
          f"{forms}), {len(failures)} failures, {elapsed:.1f} s")
    if snn_opt:
        print(f"snn-eliminate-state: {stateless} neurons made stateless, "
              f"{narrowed} state types narrowed")
    if args.synapse_forms:
        print(f"snn-choose-synapse-form: {event_layers} layers event-driven")
    if failures:
        listed = sorted(failures)
        print("failing seeds: " + " ".join(map(str, listed)))
        flags = f" --kind {args.kind}" + (" --schedule" if args.schedule else "")
        if snn_opt:
            flags += " --memoryless 0.5 --slack 0.5"
        print(f"reproduce: python3 -m snn_mlir.testing.random_net --seed {listed[0]} --count 1 "
              f"--out DIR{flags}")
        if args.synapse_forms:
            print(f"then: snn-opt --snn-choose-synapse-form='"
                  f"{SYNAPSE_FORM_OPTIONS[args.synapse_forms]}'"
                  + (" (activities from annotate_activity with numpy.random.default_rng"
                     "([seed, 2]))" if args.synapse_forms == "mixed" else ""))
    if args.stats:
        print(json.dumps({"networks": args.count, "failures": len(failures),
                          **coverage(outcomes)}))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
