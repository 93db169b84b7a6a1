#!/usr/bin/python3
"""Cost of the STEMS benchmark networks under the hand-set STEMS schedule
modes (and the auto-scheduler) on every hardware description.

    /usr/bin/python3 bench/run.py                      # both tables below
    /usr/bin/python3 bench/run.py --json               # one JSON list of records
    /usr/bin/python3 bench/run.py --search             # auto-scheduler vs baseline vs bound
    /usr/bin/python3 bench/run.py --calibration        # our figures next to STEMS's
    /usr/bin/python3 bench/run.py --state-elimination  # 7PLIF without state in blocks 0-1

Each record: network, hardware, accounting (default|stems), schedule (ST-LBL,
TB-LBL, ST-F, TB-F, a hybrid, auto (energy objective) or auto-traffic),
offchip_bytes, offchip_bytes_by_operand {W,I,O,V}, energy_pj,
lower_bound_bytes, ratio_to_lower_bound, fits, latency_cycles,
peak_onchip_bytes, state_bits (and search_seconds, schedules_evaluated for
auto). The networks are bench/networks/*.mlir (generated
by bench/gen_networks.py), the hardware bench/stems/*.hw.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
STEMS_DIR = BENCH / "stems"
NETWORKS = ["sew-resnet18-7plif", "sew-resnet18-5plif", "red-lif"]

def auto_schedule(objective):
    """The snn-auto-schedule pass for `objective`, writing its report."""
    def text(hardware, accounting, search_json):
        return (f"snn-auto-schedule{{hardware={hardware} accounting={accounting} "
                f"objective={objective} json={search_json}}}")
    return text


# The hand-set STEMS modes, applied to every block (ST = one time step per
# tile, TB = all time steps per tile; LBL = whole layer, F = fused by single
# output column), and the hybrid of the study: time-batched, blocks 0-3
# fused, the rest layer by layer. ST-LBL is the baseline.
MODES = {
    "ST-LBL": ["snn-set-schedule{mode=st-lbl}"],
    "TB-LBL": ["snn-set-schedule{mode=tb-lbl}"],
    "ST-F": ["snn-set-schedule{mode=st-f}"],
    "TB-F": ["snn-set-schedule{mode=tb-f}"],
    "TB-F(0-3)+TB-LBL": ["snn-set-schedule{mode=tb-lbl}",
                         "snn-set-schedule{mode=tb-f blocks=0,1,2,3}"],
}
BASELINE = "ST-LBL"
# The auto-scheduler, minimising energy (its default) or off-chip traffic.
AUTO = {"auto": [auto_schedule("energy")], "auto-traffic": [auto_schedule("traffic")]}
SCHEDULES = {**MODES, **AUTO}
# State elimination as in the STEMS study: the neurons of blocks 0-1.
ELIMINATE = "snn-eliminate-state{blocks=0,1}"

# The public STEMS tool's figures on the 1 MB core (bench/stems/README.md):
# (network, schedule) -> (DRAM bytes, energy mJ); None where it has none.
STEMS = {
    ("sew-resnet18-7plif", "ST-LBL"): (195216640, 20.88),
    ("sew-resnet18-7plif", "TB-LBL"): (35065152, 6.03),
    ("sew-resnet18-7plif", "TB-F"): (12447040, 3.98),
    ("sew-resnet18-7plif", "TB-F(0-3)+TB-LBL"): (12447040, 3.98),
    ("sew-resnet18-5plif", "ST-LBL"): (31640000, 5.65),
    ("sew-resnet18-5plif", "TB-LBL"): (23590000, 4.90),
    ("sew-resnet18-5plif", "TB-F"): (1440000, 2.90),
    ("red-lif", "ST-LBL"): (299638692, 51.0),
    ("red-lif", "TB-LBL"): (263184000, 47.7),
    ("red-lif", "TB-F"): (215962176, 43.8),
    ("red-lif", "TB-F(0-3)+TB-LBL"): (121776096, 34.8),
}


def tool(name):
    build = Path(os.environ.get("SNN_MLIR_BUILD", REPO / "build"))
    path = build / "bin" / name
    if not path.exists():
        sys.exit(f"error: {path} not found; build the project first (scripts/setup.sh)")
    return str(path)


def evaluate(network, hardware, accounting, passes):
    """One snn-opt run: `passes` (each a pass with options, or a callable
    of the hardware and accounting giving one), then the JSON cost report;
    returns the report and the auto-scheduler's JSON report (None without
    snn-auto-schedule among the passes)."""
    mlir = BENCH / "networks" / f"{network}.mlir"
    with tempfile.TemporaryDirectory(prefix="snn-bench-") as tmp:
        search_json = Path(tmp) / "search.json"
        texts = [p(hardware, accounting, search_json) if callable(p) else p for p in passes]
        report = (f"snn-cost-report{{hardware={hardware} accounting={accounting} "
                  f"table=false json=-}}")
        pipeline = "builtin.module(" + ",".join(
            [f"func.func({p})" if p.startswith("snn-set-schedule") else p for p in texts]
            + [report]) + ")"
        out = subprocess.run([tool("snn-opt"), str(mlir), f"--pass-pipeline={pipeline}",
                              "-o", os.devnull], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"error: snn-opt failed on {mlir.name} ({' '.join(texts)}):\n{out.stderr}")
        search = json.loads(search_json.read_text())[0] if search_json.exists() else None
    return json.loads(out.stdout)[0], search


def record(network, hw_path, accounting, schedule, report, search=None):
    keys = ("offchip_bytes", "offchip_bytes_by_operand", "energy_pj", "lower_bound_bytes",
            "ratio_to_lower_bound", "fits", "latency_cycles", "peak_onchip_bytes", "state_bits")
    rec = {"network": network, "hardware": Path(hw_path).name.removesuffix(".hw.json"),
           "accounting": accounting, "schedule": schedule}
    rec.update({k: report[k] for k in keys})
    if search is not None:
        rec["search_seconds"] = search["search_seconds"]
        rec["schedules_evaluated"] = search["evaluated"]
    return rec


def hardware_files(args):
    """The hardware descriptions, smallest global buffer first."""
    hardware = sorted(STEMS_DIR.glob("*.hw.json"),
                      key=lambda p: json.loads(p.read_text())["levels"][-2]["bytes"])
    if not hardware:
        sys.exit(f"error: no *.hw.json in {STEMS_DIR}")
    return hardware


def collect(args, schedules):
    records = []
    for network in args.networks:
        for hw in hardware_files(args):
            for accounting in args.accounting:
                for schedule in schedules:
                    report, search = evaluate(network, hw, accounting, SCHEDULES[schedule])
                    records.append(record(network, hw, accounting, schedule, report, search))
                    progress(f"{network} {hw.name} {accounting} {schedule}")
    progress("")
    return records


def progress(text):
    """One overwritten status line on a terminal."""
    if sys.stderr.isatty():
        print(f"\r{text:<100}", end="" if text else "\r", file=sys.stderr, flush=True)


def mb(nbytes):
    return f"{nbytes / 1e6:9.2f}"


def print_tables(records):
    by_case = {}
    for r in records:
        by_case.setdefault((r["network"], r["accounting"]), []).append(r)
    for (network, accounting), rows in by_case.items():
        print(f"\n{network}, {accounting} accounting: off-chip MB (energy mJ); "
              f"* = some group does not fit the global buffer")
        schedules = list(dict.fromkeys(r["schedule"] for r in rows))
        print(f"{'hardware':>18} " + " ".join(f"{s:>22}" for s in schedules)
              + f" {'bound MB':>9} {'base/bound':>10}")
        for hw in dict.fromkeys(r["hardware"] for r in rows):
            cells, bound, base = [], None, None
            for s in schedules:
                r = next(x for x in rows if x["hardware"] == hw and x["schedule"] == s)
                mark = "" if r["fits"] else "*"
                cells.append(f"{mb(r['offchip_bytes'])} ({r['energy_pj'] / 1e9:6.2f}){mark:1}")
                bound = r["lower_bound_bytes"]
                if s == BASELINE:
                    base = r["offchip_bytes"]
            ratio = f"{base / bound:10.2f}" if base is not None else f"{'':>10}"
            print(f"{hw:>18} " + " ".join(f"{c:>22}" for c in cells)
                  + f" {mb(bound)} {ratio}")


def print_search_table(records):
    """Baseline, the auto-scheduler's best (by traffic and by energy), the
    bound, ratios and search time per network, accounting and hardware."""
    find = {(r["network"], r["accounting"], r["hardware"], r["schedule"]): r for r in records}
    cases = dict.fromkeys((r["network"], r["accounting"]) for r in records)
    for network, accounting in cases:
        print(f"\n{network}, {accounting} accounting: {BASELINE} baseline vs the "
              f"auto-scheduler (objective traffic / energy); * = does not fit")
        print(f"{'hardware':>18} {'base MB':>9} {'base mJ':>8} {'auto MB':>9} {'bound MB':>9}"
              f" {'base/bound':>10} {'auto/bound':>10} {'auto mJ':>8} {'base/auto E':>11}"
              f" {'search s':>9}")
        for hw in dict.fromkeys(r["hardware"] for r in records if r["network"] == network):
            base = find[(network, accounting, hw, BASELINE)]
            traffic = find[(network, accounting, hw, "auto-traffic")]
            energy = find[(network, accounting, hw, "auto")]
            bound = traffic["lower_bound_bytes"]
            fits = "" if traffic["fits"] else "*"
            seconds = max(traffic["search_seconds"], energy["search_seconds"])
            print(f"{hw:>18} {mb(base['offchip_bytes'])}{'' if base['fits'] else '*':1}"
                  f"{base['energy_pj'] / 1e9:8.2f} {mb(traffic['offchip_bytes'])}{fits:1}"
                  f"{mb(bound)} {base['offchip_bytes'] / bound:10.2f}"
                  f" {traffic['offchip_bytes'] / bound:10.2f} {energy['energy_pj'] / 1e9:8.2f}"
                  f" {base['energy_pj'] / energy['energy_pj']:11.2f} {seconds:9.3f}")


def print_calibration(args):
    hw = STEMS_DIR / "meta-proto-1MB.hw.json"
    print("stems accounting, 1 MB core: ours vs the published STEMS tool")
    print(f"{'network':>20} {'schedule':>18} {'ours MB':>10} {'STEMS MB':>10} {'dev':>7}"
          f" {'ours mJ':>8} {'STEMS mJ':>9}")
    for (network, schedule), (dram, mj) in STEMS.items():
        report, _ = evaluate(network, hw, "stems", MODES[schedule])
        ours = report["offchip_bytes"]
        print(f"{network:>20} {schedule:>18} {mb(ours)} {mb(dram)} "
              f"{100 * (ours - dram) / dram:+6.1f}% {report['energy_pj'] / 1e9:8.2f} {mj:9.2f}")


def print_state_elimination(args):
    """SEW-ResNet-18 7PLIF auto-scheduled (energy) as trained, and with the
    neurons of blocks 0-1 made stateless as the STEMS study did (its 5PLIF)."""
    network = "sew-resnet18-7plif"
    print(f"{network}: auto-scheduled (energy objective) before and after "
          f"{ELIMINATE}")
    print(f"{'hardware':>18} {'accounting':>10} {'state bits':>12} {'after':>10} {'ratio':>6}"
          f" {'MB':>9} {'after':>9} {'mJ':>8} {'after':>8} {'E ratio':>7}")
    for hw in hardware_files(args):
        for accounting in args.accounting:
            before, _ = evaluate(network, hw, accounting, AUTO["auto"])
            after, _ = evaluate(network, hw, accounting, [ELIMINATE] + AUTO["auto"])
            name = hw.name.removesuffix(".hw.json")
            print(f"{name:>18} {accounting:>10} {before['state_bits']:12} "
                  f"{after['state_bits']:10} {before['state_bits'] / after['state_bits']:6.2f}"
                  f" {mb(before['offchip_bytes'])} {mb(after['offchip_bytes'])}"
                  f" {before['energy_pj'] / 1e9:8.2f} {after['energy_pj'] / 1e9:8.2f}"
                  f" {before['energy_pj'] / after['energy_pj']:7.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print JSON records")
    parser.add_argument("--calibration", action="store_true",
                        help="compare with the published STEMS figures")
    parser.add_argument("--search", action="store_true",
                        help="the auto-scheduler against the baseline and the bound")
    parser.add_argument("--state-elimination", action="store_true",
                        help="SEW-ResNet-18 7PLIF with and without state in blocks 0-1")
    parser.add_argument("--networks", nargs="+", default=NETWORKS, choices=NETWORKS)
    parser.add_argument("--accounting", nargs="+", default=["default", "stems"],
                        choices=["default", "stems"])
    parser.add_argument("--schedules", nargs="+", default=list(SCHEDULES),
                        choices=list(SCHEDULES))
    args = parser.parse_args()
    if args.calibration:
        print_calibration(args)
    elif args.state_elimination:
        print_state_elimination(args)
    elif args.search:
        print_search_table(collect(args, [BASELINE, *AUTO]))
    elif args.json:
        json.dump(collect(args, args.schedules), sys.stdout, indent=1)
        print()
    else:
        print_tables(collect(args, [s for s in args.schedules if s in MODES]))
        print_search_table(collect(args, [BASELINE, *AUTO]))


if __name__ == "__main__":
    main()
