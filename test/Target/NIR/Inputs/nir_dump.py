"""Prints every dataset of a NIR (HDF5) file, one per line, in name order:
`path dtype shape values` (strings decoded, numbers with repr's digits), for
FileCheck."""

import sys

import h5py
import numpy as np


def show(value) -> str:
    if isinstance(value, bytes):
        return repr(value.decode())
    array = np.asarray(value)
    if array.dtype == object:
        return repr([v.decode() for v in array.reshape(-1)])
    return repr(array.reshape(-1).tolist())


def visit(name, item) -> None:
    if isinstance(item, h5py.Dataset):
        kind = "str" if h5py.check_string_dtype(item.dtype) else str(item.dtype)
        print(name, kind, tuple(item.shape), show(item[()]))


with h5py.File(sys.argv[1], "r") as file:
    file.visititems(visit)
