"""Writes the tour's inputs into the directory given as the first argument:
x.npy (8 steps of 2x16x16 spikes, as uint8) and the 8-bit weights w1.npy,
w2.npy, from a fixed seed."""

import sys
from pathlib import Path

import numpy as np

out = Path(sys.argv[1])
rng = np.random.default_rng(0)
np.save(out / "x.npy", (rng.random((8, 2, 16, 16)) < 0.3).astype(np.uint8))
np.save(out / "w1.npy", rng.integers(-6, 16, (8, 2, 3, 3)).astype(np.int8))
np.save(out / "w2.npy", rng.integers(-8, 12, (8, 8, 3, 3)).astype(np.int8))
