"""Testing tools of snn-mlir, kept apart from the product: seeded random
networks and schedules (`random_net`) and the differential tester that
compares `snn-run` with the reference simulator on them (`differential`).

Both are command-line tools too:

    python3 -m snn_mlir.testing.random_net --seed S --count N --out DIR
    python3 -m snn_mlir.testing.differential --count N --start-seed S
"""
