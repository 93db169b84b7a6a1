"""The JSON cost report of every benchmark network, under several schedules
and both accountings, has exactly the fields and types docs/CostModel.md
documents, and its totals are the sums of its parts."""

from pathlib import Path

import pytest

from snn_mlir import compiler

ROOT = Path(__file__).resolve().parents[2]
NETWORKS = sorted((ROOT / "bench" / "networks").glob("*-reduced.mlir"))
HARDWARE = ROOT / "bench" / "stems" / "meta-proto-256KB.hw.json"

OPERANDS = {"W", "I", "O", "V"}
NUMBER = (int, float)
REPORT = {
    "network": str, "hardware": str, "accounting": str, "schedule": str,
    "global_buffer_bytes": int, "offchip_bytes": int, "offchip_bytes_by_operand": "operands",
    "energy_pj": NUMBER, "energy_pj_by_component": "energy", "state_bits": int,
    "lower_bound_bytes": int, "ratio_to_lower_bound": NUMBER, "latency_cycles": NUMBER,
    "peak_onchip_bytes": int, "fits": bool, "groups": list, "layers": list,
}
GROUP = {
    "id": int, "time_tile": int, "time_tiles": int, "tile_axis": str, "tile_size": int,
    "bands": int, "state": str, "working_set_bytes": int, "resident_state_bytes": int,
    "resident_weight_bytes": int, "live_tensor_bytes": int, "footprint_bytes": int,
    "latency_cycles": NUMBER, "fits": bool, "streams": bool,
}
LAYER = {
    "name": str, "op": str, "group": int, "ops": int, "form": str, "activity": NUMBER,
    "state_bits": int,
    "offchip_bytes_by_operand": "operands", "offchip_read_bytes_by_operand": "operands",
    "offchip_write_bytes_by_operand": "operands", "buffer_read_bytes_by_operand": "operands",
    "buffer_write_bytes_by_operand": "operands", "energy_pj": NUMBER,
    "energy_pj_by_component": "energy",
}
ENERGY = {"dram", "global_buffer", "local_buffers", "compute"}


def check_object(obj: dict, schema: dict, where: str) -> None:
    assert set(obj) == set(schema), f"{where}: fields {sorted(set(obj) ^ set(schema))}"
    for key, kind in schema.items():
        value = obj[key]
        if kind == "operands":
            assert set(value) == OPERANDS, f"{where}.{key}"
            assert all(isinstance(v, int) and v >= 0 for v in value.values()), f"{where}.{key}"
        elif kind == "energy":
            assert set(value) == ENERGY, f"{where}.{key}"
            assert all(isinstance(v, NUMBER) and v >= 0 for v in value.values()), f"{where}.{key}"
        else:
            assert isinstance(value, kind), f"{where}.{key}: {type(value).__name__}"
            if kind is int:
                assert value >= -1, f"{where}.{key}"


@pytest.mark.skipif(not (ROOT / "build" / "bin" / "snn-opt").exists(),
                    reason="snn-opt is not built")
@pytest.mark.parametrize("schedule", ["layer", "tb-lbl", "tb-f", "auto"])
@pytest.mark.parametrize("accounting", ["default", "stems"])
@pytest.mark.parametrize("network", NETWORKS, ids=lambda p: p.stem)
def test_report_matches_documented_schema(network, accounting, schedule):
    [report] = compiler.cost_report(network, str(HARDWARE), accounting=accounting,
                                    schedule=schedule)
    check_object(report, REPORT, "report")
    assert report["accounting"] == accounting
    for i, group in enumerate(report["groups"]):
        check_object(group, GROUP, f"groups[{i}]")
        assert group["tile_axis"] in {"none", "rows", "cols", "channels"}
        assert group["state"] in {"onchip", "spill"}
        assert group["footprint_bytes"] >= group["working_set_bytes"]
    for i, layer in enumerate(report["layers"]):
        check_object(layer, LAYER, f"layers[{i}]")
        assert 0 <= layer["group"] < len(report["groups"])

    # Totals are the sums of the layers (bytes are rounded up per operand
    # and per layer, so allow one byte per term).
    layers = report["layers"]
    for operand in OPERANDS:
        total = sum(layer["offchip_bytes_by_operand"][operand] for layer in layers)
        assert abs(total - report["offchip_bytes_by_operand"][operand]) <= len(layers)
    assert abs(sum(report["offchip_bytes_by_operand"].values())
               - report["offchip_bytes"]) <= len(OPERANDS)
    assert sum(layer["energy_pj"] for layer in layers) == pytest.approx(report["energy_pj"])
    assert sum(report["energy_pj_by_component"].values()) == pytest.approx(report["energy_pj"])
    assert sum(layer["state_bits"] for layer in layers) == report["state_bits"]
    assert report["peak_onchip_bytes"] == max(g["footprint_bytes"] for g in report["groups"])
    assert report["fits"] == all(g["fits"] for g in report["groups"])
    assert report["ratio_to_lower_bound"] == pytest.approx(
        report["offchip_bytes"] / report["lower_bound_bytes"], rel=1e-3)
