"""Makes `snn_mlir` importable when pytest runs from the repository root."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

# scripts/sanitize.sh --python preloads the ASan runtime into this
# interpreter, for the instrumented C API it loads; the instrumented tools
# the tests start carry their own runtime and must not get a second one.
if "libclang_rt.asan" in os.environ.get("LD_PRELOAD", ""):
    del os.environ["LD_PRELOAD"]


# Skips the test command allows: PyTorch is only installed for the
# benchmarks (scripts/setup.sh --bench).
OPTIONAL = ("PyTorch is not installed",)


def pytest_sessionfinish(session, exitstatus):
    """With SNN_MLIR_NO_SKIPS=1 (scripts/test.sh), a test skipped for any
    other reason (the build missing, say) fails the run: in CI it is there,
    and a quiet skip would hide a test that never ran."""
    if not os.environ.get("SNN_MLIR_NO_SKIPS") or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    reasons = [str(report.longrepr[2]) if isinstance(report.longrepr, tuple)
               else str(report.longrepr) for report in skipped]
    unexpected = [r for r in reasons if not any(o in r for o in OPTIONAL)]
    if unexpected:
        reporter.write_line(f"error: {len(unexpected)} tests skipped with SNN_MLIR_NO_SKIPS=1:",
                            red=True)
        for reason in sorted(set(unexpected)):
            reporter.write_line(f"  {reason}")
        session.exitstatus = 1
