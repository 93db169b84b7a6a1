"""The mutation harness: every mutation changes reference.py where it means
to, the unmutated copy simulates like the reference, and the verdicts (with
a stand-in for snn-run that answers the reference's outputs)."""

import json

import numpy as np
import pytest

from snn_mlir import mutants
from snn_mlir.compiler import ToolError
from snn_mlir.mutants import MUTATIONS, HarnessError, Mutation, apply, load, reference_source, run
from snn_mlir.testing.random_net import generate
from snn_mlir.reference import input_arrays, simulate

#: Changes only the docstring: a mutant that must survive.
HARMLESS = Mutation("docstring", "a comment changed", ((
    '"""Reference simulator:', '"""The reference simulator:'),))


@pytest.fixture
def snn_run_gives_reference(monkeypatch):
    """snn-run stands in as the reference itself; returns the list of compiled
    networks."""
    compiled = []

    def run_compiled(mlir_text, net, arrays, snn_run_path, pipeline, directory):
        compiled.append(net.name)
        return simulate(net, arrays)

    monkeypatch.setattr(mutants, "run_compiled", run_compiled)
    return compiled


def test_every_mutation_changes_the_source_where_it_means_to():
    source = reference_source()
    assert len(MUTATIONS) >= 15
    assert len({m.name for m in MUTATIONS}) == len(MUTATIONS)
    for mutation in MUTATIONS:
        for old, new in mutation.edits:
            assert source.count(old) == 1 and old != new, mutation.name
        mutated = apply(source, mutation)
        assert mutated != source
        assert callable(load(mutated, mutation.name).simulate_all)


def test_a_pattern_not_found_exactly_once_fails_loudly():
    source = reference_source()
    with pytest.raises(HarnessError, match="occurs 0 times"):
        apply(source, Mutation("gone", "", (("no such code", "x"),)))
    with pytest.raises(HarnessError, match="repeated: 'np.' occurs [0-9]+ times"):
        apply(source, Mutation("repeated", "", (("np.", "numpy."),)))


def test_unmutated_copy_simulates_like_the_reference():
    copy = load(reference_source(), "unmutated")
    for seed in range(10):
        for kind in mutants.KINDS:
            net, inputs = generate(seed, kind=kind)
            arrays = input_arrays(net, inputs)
            for want, have in zip(simulate(net, arrays), mutants.outputs(copy.simulate_all,
                                                                          net, arrays)):
                assert want.dtype == have.dtype
                assert np.array_equal(want, have, equal_nan=want.dtype.kind == "f")


def test_a_mutant_is_killed_by_the_first_network_where_it_differs(snn_run_gives_reference):
    lines = []
    summary = run([MUTATIONS[0], HARMLESS], 20, 0, "unused", log=lines.append)
    assert summary["mutants"] == 2 and summary["killed"] == 1
    assert summary["survivors"] == ["docstring"] and summary["networks"] == 60
    # Only the killing network is compiled: the harmless copy never differs.
    assert summary["compiled"] == len(snn_run_gives_reference) == 1
    assert lines[0].startswith(f"killed   {MUTATIONS[0].name}: ")
    assert lines[1] == "SURVIVED docstring: a comment changed; 60 networks"


def test_a_crashing_mutant_is_an_error(snn_run_gives_reference):
    broken = Mutation("broken", "", (("    array = np.asarray(array)\n",
                                      "    raise TypeError('broken')\n"),))
    with pytest.raises(HarnessError, match="mutation broken raises TypeError on seed 0"):
        run([broken], 1, 0, "unused")


def test_compiled_outputs_must_match_the_unmutated_copy(monkeypatch):
    monkeypatch.setattr(mutants, "run_compiled", lambda mlir, net, arrays, *rest: [
        np.zeros_like(a) for a in simulate(net, arrays)])
    with pytest.raises(HarnessError, match="the unmutated reference fails seed 0 kind int"):
        run([MUTATIONS[0]], 1, 0, "unused")

    def fail(*args):
        raise ToolError("snn-run exited with 1")
    monkeypatch.setattr(mutants, "run_compiled", fail)
    with pytest.raises(HarnessError, match="seed 0 kind int: snn-run exited with 1"):
        run([MUTATIONS[0]], 1, 0, "unused")


def test_main_exit_status_and_json_last(snn_run_gives_reference, monkeypatch, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_status:  # argparse refuses the path
        mutants.main(["--snn-run", str(tmp_path / "missing")])
    assert exit_status.value.code == 2
    monkeypatch.setattr(mutants, "MUTATIONS", (HARMLESS,))
    assert mutants.main(["--count", "1", "--snn-run", "/bin/true", "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert json.loads(out[0])["survivors"] == ["docstring"]
