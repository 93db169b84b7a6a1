"""Synapse activity profiles (snn_mlir.activity, `profile-activity`) and the
round trip through snn-annotate-activity and snn-choose-synapse-form: the
measured rates, the forms they choose, and spikes equal to the reference in
every form."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from snn_mlir import activity, compiler
from snn_mlir.__main__ import main
from snn_mlir.graph import Network
from snn_mlir.reference import simulate
from test_compiler import small_network, tools_or_skip
from test_nir_import import nir_file


def test_profile_counts_the_spikes_each_layer_reads():
    net, inputs = small_network()
    rates = activity.profile(net, [inputs])
    # conv1 reads the input spikes, conv2 the pooled spikes of lif1.
    assert set(rates) == {"conv1", "conv2"}
    assert rates["conv1"] == pytest.approx(inputs["x"].mean())
    assert 0.0 < rates["conv2"] < 1.0


def test_profile_averages_over_input_sets():
    net, inputs = small_network()
    silent = {"x": np.zeros_like(inputs["x"])}
    both = activity.profile(net, [inputs, silent])
    assert both["conv1"] == pytest.approx(inputs["x"].mean() / 2)
    assert activity.profile(net, [silent]) == {"conv1": 0.0, "conv2": 0.0}


def test_value_inputs_count_their_non_zero_elements():
    net = Network(4, name="dense_float")
    x = net.input((8,), "f32", name="x")
    net.output(net.dense(x, np.ones((3, 8)), out_dtype="f32", name="fc"))
    values = np.zeros((4, 8), np.float32)
    values[0, :3] = [1.5, -2.0, np.nan]
    values[1, 0] = -0.0                     # not an event
    assert activity.has_event_form(net.nodes[0])
    assert activity.profile(net, [{"x": values}]) == {"fc": 3 / 32}


@pytest.mark.parametrize("crossover, forms", [(0.0, {"dense"}), (2.0, {"event"})])
def test_profiled_forms_run_like_the_reference(tmp_path, crossover, forms):
    tools_or_skip()
    net, inputs = small_network()
    profile = tmp_path / "activity.json"
    profile.write_text(json.dumps(activity.profile(net, [inputs])))
    chosen = subprocess.run(
        [compiler.tool_path("snn-opt"), "-", f"--snn-annotate-activity=profile={profile}",
         f"--snn-choose-synapse-form=crossover={crossover} dense-crossover={crossover}"],
        input=net.to_mlir(), capture_output=True, text=True, check=True).stdout
    assert {f for f in ("dense", "event") if f"synapse_form<{f}>" in chosen} == forms
    mlir = tmp_path / "net.mlir"
    mlir.write_text(chosen)
    got = compiler.run_arrays(str(mlir), [inputs["x"]], 2, str(tmp_path), entry=net.name)
    for expected, actual in zip(simulate(net, inputs), got):
        assert np.array_equal(expected, actual)


def test_cli_writes_the_profile(tmp_path, capsys):
    out = tmp_path / "activity.json"
    nir = nir_file("cnn_sinabs.nir")
    assert main(["profile-activity", str(nir), "--preset", "sinabs", "--input-dtype", "i1",
                 "--time-steps", "10", "--density", "0.05", "--samples", "1",
                 "-o", str(out)]) == 0
    rates = json.loads(out.read_text())
    assert set(rates) == {"v0", "v2", "v5", "v9", "v11"}
    assert rates["v0"] == pytest.approx(0.05, abs=0.01)
    assert all(round(rate, 4) == rate for rate in rates.values())
