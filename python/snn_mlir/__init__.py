"""snn-mlir from Python: build or import spiking networks, simulate them with
the reference semantics, compile and run them with `snn-run`."""

from .graph import Network, Node, Schedule, Value  # noqa: F401
