#!/usr/bin/env bash
# The main job: sets everything up (scripts/setup.sh), then
#   1. imports a real NIR model, compiles and runs it under the
#      auto-scheduler's schedule, checks it against the reference simulator
#      and plots where its energy goes (out/);
#   2. auto-schedules SEW-ResNet-18 on a 1 MB core, lowers the schedule to
#      loops, and runs it on a reduced copy of the network next to the plain
#      lowering (the differential tests check both against the reference);
#   3. compiles the NIR paper's CNN with event-driven synapses chosen from a
#      measured activity profile and runs it on a sparse input next to the
#      dense form;
#   4. prints the benchmark tables: the STEMS calibration, the auto-scheduler
#      against the baseline and the lower bound on every hardware, and state
#      elimination.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PYTHONPATH=python
py=/usr/bin/python3
mkdir -p out

echo "== 1. a NIR model from import to plot"
$py scripts/demo.py out

echo "== 2. SEW-ResNet-18 7PLIF auto-scheduled on a 1 MB core, run at reduced size"
hw="$PWD/bench/stems/meta-proto-1MB.hw.json"
build/bin/snn-opt bench/networks/sew-resnet18-7plif.mlir --mlir-print-debuginfo \
  -o out/sew-resnet18-7plif-auto.mlir \
  --pass-pipeline="builtin.module(snn-auto-schedule{hardware=$hw accounting=stems print-report=true})"
build/bin/snn-opt out/sew-resnet18-7plif-auto.mlir --pass-pipeline='builtin.module(snn-to-loops)' \
  -o out/sew-resnet18-7plif-loops.mlir
echo "lowered to loops: out/sew-resnet18-7plif-loops.mlir" \
  "($(grep -c 'affine.for' out/sew-resnet18-7plif-loops.mlir) affine.for and $(grep -c 'scf.for' out/sew-resnet18-7plif-loops.mlir) scf.for loops, $(grep -c 'vector<' out/sew-resnet18-7plif-loops.mlir) lines with vectors)"
# The same schedule on the reduced network (128x128 input, T=4, <= 8 channels),
# copied layer by name and its tiles fitted to the smaller sizes (a remark per
# adjustment); run it and the plain lowering.
build/bin/snn-opt bench/networks/sew-resnet18-7plif-reduced.mlir \
  --snn-import-schedule=from=out/sew-resnet18-7plif-auto.mlir \
  -o out/sew-resnet18-7plif-reduced-auto.mlir
$py -c "
import numpy as np
np.save('out/sew-input.npy', np.random.default_rng(0).integers(0, 8, (4, 2, 128, 128)).astype(np.int8))"
build/bin/snn-run bench/networks/sew-resnet18-7plif-reduced.mlir --input out/sew-input.npy \
  --output out/sew-plain.npy --print-timing
build/bin/snn-run out/sew-resnet18-7plif-reduced-auto.mlir --input out/sew-input.npy \
  --output out/sew-auto.npy --print-timing
cmp out/sew-plain.npy out/sew-auto.npy && echo "auto-scheduled and plain lowering: identical spikes"

echo "== 3. the NIR CNN at 2% input events, dense and event-driven"
$py -m snn_mlir import-nir data/nir/cnn_sinabs.nir --preset sinabs --input-dtype i1 \
  -o out/cnn.mlir
$py -m snn_mlir profile-activity data/nir/cnn_sinabs.nir --preset sinabs --input-dtype i1 \
  --density 0.02 -o out/cnn-activity.json
build/bin/snn-opt out/cnn.mlir --snn-annotate-activity=profile=out/cnn-activity.json \
  --snn-choose-synapse-form -o out/cnn-events.mlir
echo "event-driven layers: $(grep -c 'synapse_form<event>' out/cnn-events.mlir)"
$py -c "
import numpy as np
np.save('out/cnn-input.npy', (np.random.default_rng(0).random((100, 2, 34, 34)) < 0.02).astype(np.uint8))"
for f in cnn cnn-events; do
  build/bin/snn-run out/$f.mlir --input out/cnn-input.npy --output out/$f-spikes.npy \
    --repeat 20 --threads 1 --print-timing
done
cmp out/cnn-spikes.npy out/cnn-events-spikes.npy && echo "dense and event-driven: identical spikes"

echo "== 4. benchmarks"
$py bench/run.py --calibration
$py bench/run.py --search
$py bench/run.py --state-elimination
