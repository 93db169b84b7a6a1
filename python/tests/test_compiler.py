"""The Python API of python/snn_mlir/compiler.py: a network built in code is
compiled and run in this process under every schedule (outputs identical to
the reference simulator's) and costed, through the C API, and the
compiler's failures arrive as `ToolError` with its message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from snn_mlir import Network, compiler
from snn_mlir.testing.differential import compare_outputs
from snn_mlir.mlir_text import dense_literal
from snn_mlir.reference import simulate

HARDWARE = Path(__file__).resolve().parents[2] / "bench" / "stems" / "meta-proto-1MB.hw.json"


def tools_or_skip() -> None:
    try:
        compiler.library()
    except compiler.ToolError as error:
        pytest.skip(str(error))


def hardware_file() -> str:
    """The 1 MB STEMS core of bench/stems."""
    return str(HARDWARE)


def small_network(time_steps: int = 8):
    """conv -> LIF -> max pool -> conv -> LIF on spikes, two outputs (the
    spikes and the second conv's currents); with a random spike input.
    Convolutions only: the fused STEMS modes tile columns, which the cost
    model refuses for dense layers."""
    rng = np.random.default_rng(7)
    net = Network(time_steps, name="small")
    x = net.input((2, 8, 8), "i1", name="x")
    conv1 = net.conv2d(x, rng.uniform(-0.4, 0.4, (4, 2, 3, 3)), padding=1, out_dtype="f32",
                       name="conv1")
    pool = net.maxpool2d(net.lif(conv1, threshold=1.0, beta=0.9, name="lif1"), 2, name="pool")
    conv2 = net.conv2d(pool, rng.uniform(-0.4, 0.4, (3, 4, 3, 3)), padding=1, out_dtype="f32",
                       name="conv2")
    net.output(net.lif(conv2, threshold=1.0, beta=0.8, name="lif2"), conv2)
    spikes = (rng.random((time_steps, 2, 8, 8)) < 0.4).astype(np.uint8)
    return net, {"x": spikes}


@pytest.mark.parametrize("schedule", compiler.SCHEDULES)
def test_network_runs_like_the_reference(schedule):
    tools_or_skip()
    net, inputs = small_network()
    got = compiler.compile_and_run(net, inputs, schedule=schedule, hardware=hardware_file())
    want = simulate(net, inputs)
    assert compare_outputs(net, want, got) is None
    assert 0 < got[0].sum() < got[0].size


def test_text_and_file_sources(tmp_path):
    tools_or_skip()
    net, inputs = small_network()
    want = simulate(net, inputs)
    path = tmp_path / "small.mlir"
    path.write_text(net.to_mlir())
    for source in (net.to_mlir(), path, str(path)):
        got = compiler.compile_and_run(source, [inputs["x"]], entry="small")
        assert compare_outputs(net, want, got) is None


def test_the_schedule_reaches_snn_run():
    """The auto-scheduler without hardware fails inside snn-run: proof that the
    schedule passes run rather than being skipped."""
    tools_or_skip()
    net, inputs = small_network()
    with pytest.raises(compiler.ToolError, match="snn-auto-schedule needs a hardware"):
        compiler.compile_and_run(net, inputs, schedule="auto")


def test_cost_report_per_function():
    tools_or_skip()
    hardware = hardware_file()
    net, _ = small_network()
    (plain,) = compiler.cost_report(net, hardware)
    assert (plain["network"], plain["hardware"]) == ("small", "meta-proto-1MB")
    assert [layer["name"] for layer in plain["layers"]] == [n.result.name for n in net.nodes]
    assert plain["offchip_bytes"] == sum(plain["offchip_bytes_by_operand"].values())
    assert plain["energy_pj"] > 0 and plain["fits"]
    # step by step, the neuron state goes off chip after every step
    (stepwise,) = compiler.cost_report(net, hardware, schedule="st-lbl", accounting="stems")
    assert stepwise["accounting"] == "stems"
    assert stepwise["offchip_bytes_by_operand"]["V"] > plain["offchip_bytes_by_operand"]["V"]
    (auto,) = compiler.cost_report(net, hardware, schedule="auto", objective="traffic")
    assert auto["offchip_bytes"] <= plain["offchip_bytes"]
    # the auto-scheduler searches under the accounting the report uses: its
    # schedule is no worse under stems accounting than the step-wise one
    (auto_stems,) = compiler.cost_report(net, hardware, schedule="auto", objective="traffic",
                                         accounting="stems")
    assert auto_stems["accounting"] == "stems"
    assert auto_stems["offchip_bytes"] <= stepwise["offchip_bytes"]
    assert "off-chip traffic:" in compiler.cost_table(net, hardware)


def test_auto_schedule_of_a_report_searches_under_its_accounting(tmp_path):
    """cost_report(schedule="auto", accounting="stems") must search under
    stems accounting too. The `mix` objective weighs each term relative to
    the plain schedule, whose costs depend on the accounting, so on this
    network and buffer the two accountings choose different schedules: the
    one searched under default accounting is worse under stems, by stems'
    own measure."""
    tools_or_skip()
    from snn_mlir.exhaustive import Cost
    from test_exhaustive_schedule import conv_lif_pool, hardware as tiny_hardware

    net, hardware = conv_lif_pool(), tiny_hardware(str(tmp_path), 192)
    (plain,) = compiler.cost_report(net, hardware, accounting="stems")
    (auto,) = compiler.cost_report(net, hardware, accounting="stems", schedule="auto",
                                   objective="mix")
    # the schedule the auto-scheduler finds under its default accounting
    # (no accounting option), costed under stems accounting
    searched = compiler.run_passes(net, compiler.schedule_passes("auto", hardware,
                                                                  objective="mix"))
    (default_searched,) = compiler.cost_report(searched, hardware, accounting="stems")
    assert auto["accounting"] == default_searched["accounting"] == "stems"
    assert auto["fits"] and default_searched["fits"]
    base = Cost.of(plain)
    assert Cost.of(auto).value("mix", base) < Cost.of(default_searched).value("mix", base)


def test_tool_errors_carry_the_tools_message(tmp_path, monkeypatch):
    tools_or_skip()
    net, inputs = small_network()
    wrong = [inputs["x"][:, :1]]
    with pytest.raises(compiler.ToolError,
                       match=r"^input #0: expected shape \(8, 2, 8, 8\), got \(8, 1, 8, 8\)$"):
        compiler.compile_and_run(net.to_mlir(), wrong, entry="small")
    with pytest.raises(compiler.ToolError, match="no function @main"):
        compiler.compile_and_run(net.to_mlir(), [inputs["x"]])
    with pytest.raises(compiler.ToolError, match="cannot read hardware description") as error:
        compiler.cost_report(net, str(tmp_path / "missing.json"))
    assert "see current operation" not in str(error.value)  # the IR dump is left out
    # A pass's error names the file and quotes its line.
    path = tmp_path / "small.mlir"
    path.write_text(net.to_mlir())
    with pytest.raises(compiler.ToolError) as error:
        compiler.run_passes(path, ["func.func(snn-eliminate-state{layers=typo})"])
    first, quoted = str(error.value).splitlines()[:2]
    assert first.startswith(f"{path}:2:3: error: ") and first.endswith("no neuron named 'typo'")
    assert quoted.strip().startswith("func.func @small(")
    monkeypatch.setenv("SNN_MLIR_BUILD", str(tmp_path))
    with pytest.raises(compiler.ToolError, match="libSNNCAPI.so not found.*SNN_MLIR_BUILD"):
        compiler.compile_and_run(net, inputs)


def test_schedule_pipelines():
    tools_or_skip()
    assert compiler.schedule_passes("layer") == []
    passes = compiler.schedule_passes("tb-f", "hw.json")
    assert passes == ["snn-set-hardware{file=hw.json}", "func.func(snn-set-schedule{mode=tb-f})"]
    assert compiler.module_pipeline(passes) == f"builtin.module({','.join(passes)})"
    assert compiler.schedule_passes("st-f-channels") == \
        ["func.func(snn-set-schedule{mode=st-f tile-axis=channels})"]
    assert compiler.schedule_passes("auto", objective="energy") == \
        ["snn-auto-schedule{objective=energy}"]  # a module pass
    assert compiler.schedule_passes("auto", accounting="stems") == \
        ["snn-auto-schedule{accounting=stems}"]
    with pytest.raises(ValueError, match="unknown schedule 'fused'"):
        compiler.schedule_passes("fused")


def test_result_count():
    text = ("func.func @f(%a: tensor<2x3xf32>) -> (tensor<2x3xi1>, tensor<2x3xf32>) {\n"
            "func.func @g(%a: tensor<2xf32>) -> tensor<2xi1> attributes {x} {\n")
    assert (compiler.result_count(text, "f"), compiler.result_count(text, "g")) == (2, 1)


def test_non_finite_f32_constants_parse():
    # A splat constant printed as an f64 bit pattern did not parse as f32
    # (found by fuzz/nir_fuzz.py).
    tools_or_skip()
    literals = [dense_literal(np.full(3, v, np.float32), "f32") for v in (np.inf, -np.inf)]
    assert literals == ["dense<0x7F800000>", "dense<0xFF800000>"]
    text = "".join(f"%c{k} = arith.constant {lit} : tensor<3xf32>\n"
                   for k, lit in enumerate(literals))
    compiler.run_passes(text, [])


def test_everything_runs_in_this_process(monkeypatch):
    """compile_and_run and cost_report parse, schedule, lower, JIT-compile,
    run and cost without starting a process: compiler.py does not even
    import subprocess."""
    tools_or_skip()
    source = Path(compiler.__file__).read_text()
    assert "subprocess" not in source and "os.system" not in source
    code = "import sys, snn_mlir.compiler; print('subprocess' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONPATH": str(
                                Path(compiler.__file__).parents[1])}).stdout.split()
    assert loaded == ["False"]

    def no_process(*args, **kwargs):
        raise AssertionError("a process was started")
    for name in ("fork", "posix_spawn", "posix_spawnp", "execv", "execve"):
        monkeypatch.setattr(os, name, no_process, raising=False)
    monkeypatch.setattr(subprocess, "Popen", no_process)
    net, inputs = small_network()
    (spikes, currents) = compiler.compile_and_run(net, inputs, schedule="auto",
                                                  hardware=hardware_file())
    assert compare_outputs(net, simulate(net, inputs), [spikes, currents]) is None
    (report,) = compiler.cost_report(net, hardware_file(), schedule="tb-f")
    assert report["network"] == "small"


def test_arrays_are_checked_and_passed_as_they_are():
    """Spikes may come as booleans, and a non-contiguous array is copied
    before the call; a spike that is not 0 or 1 is refused, naming the
    array."""
    tools_or_skip()
    net, inputs = small_network()
    want = simulate(net, inputs)
    spikes = inputs["x"]
    wide = np.zeros(spikes.shape[:-1] + (2 * spikes.shape[-1],), np.uint8)
    wide[..., ::2] = spikes
    for x in (spikes.astype(bool), wide[..., ::2]):
        got = compiler.compile_and_run(net.to_mlir(), [x], entry="small")
        assert compare_outputs(net, want, got) is None
    bad = spikes.copy()
    bad[0, 0, 0, 1] = 2
    with pytest.raises(compiler.ToolError, match=r"input #0: element 1 is 2, outside \[0, 1\]"):
        compiler.compile_and_run(net.to_mlir(), [bad], entry="small")
    with pytest.raises(compiler.ToolError, match=r"takes 1 arguments but 2 arrays"):
        compiler.compile_and_run(net.to_mlir(), [spikes, spikes], entry="small")
