"""Element types of the `snn` dialect as strings ('i1', 'i12', 'f32', ...).

`i1` is a spike (0/1), `iN` (2 <= N <= 32) a signed integer, `f32`/`f64`
IEEE floats. Arrays of a type are stored in the smallest NumPy type that
holds it (uint8 for spikes, int8/int16/int32, float32/float64): the layout
`snn-run` reads and writes.
"""

from __future__ import annotations

import numpy as np


def check(dtype: str) -> None:
    if dtype in ("f32", "f64"):
        return
    if dtype.startswith("i") and dtype[1:].isdigit() and 1 <= int(dtype[1:]) <= 32:
        return
    raise ValueError(f"unsupported element type {dtype!r} (expected i1..i32, f32, f64)")


def is_float(dtype: str) -> bool:
    return dtype in ("f32", "f64")


def is_int(dtype: str) -> bool:
    return not is_float(dtype)


def is_spike(dtype: str) -> bool:
    return dtype == "i1"


def bits(dtype: str) -> int:
    return int(dtype[1:])


def int_range(dtype: str):
    """(lowest, highest) value of an integer type."""
    if dtype == "i1":
        return 0, 1
    n = bits(dtype)
    return -(1 << (n - 1)), (1 << (n - 1)) - 1


def numpy_type(dtype: str) -> np.dtype:
    """The NumPy storage type of `dtype` (what .npy files hold)."""
    if dtype == "f32":
        return np.dtype(np.float32)
    if dtype == "f64":
        return np.dtype(np.float64)
    n = bits(dtype)
    if n == 1:
        return np.dtype(np.uint8)
    if n <= 8:
        return np.dtype(np.int8)
    if n <= 16:
        return np.dtype(np.int16)
    return np.dtype(np.int32)


def as_array(values, dtype: str) -> np.ndarray:
    """`values` converted to the storage type of `dtype`, checking that
    integers are integral and in range."""
    check(dtype)
    array = np.asarray(values)
    if is_float(dtype):
        return array.astype(numpy_type(dtype))
    if array.dtype == np.bool_:
        array = array.astype(np.int64)
    if array.size and not np.all(np.equal(np.floor(array), array)):
        raise ValueError(f"non-integer values for element type {dtype}")
    lo, hi = int_range(dtype)
    wide = array.astype(np.int64)
    if wide.size and (wide.min() < lo or wide.max() > hi):
        raise ValueError(f"values out of the range [{lo}, {hi}] of {dtype}")
    return wide.astype(numpy_type(dtype))


def tensor_type(shape, dtype: str) -> str:
    return "tensor<" + "".join(f"{d}x" for d in shape) + dtype + ">"
