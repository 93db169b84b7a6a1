"""Writes malformed and mistyped .npy files into the folder given.

    bad_npy.py DIR

Each is a (4, 3) input for a function taking tensor<4x3xf32> unless its
name says otherwise; see snn-run-npy.test.
"""
import os
import struct
import sys

import numpy as np


def raw(path, header, data=b"", version=1):
    """A .npy file with the header text given (padded as NumPy pads it)."""
    text = header.encode("latin1")
    text += b" " * ((64 - (10 + len(text) + 1) % 64) % 64) + b"\n"
    size = struct.pack("<H", len(text)) if version == 1 else struct.pack("<I", len(text))
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY" + bytes([version, 0]) + size + text + data)


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
at = lambda name: os.path.join(out, name)
np.save(at("int16.npy"), np.ones((4, 3), np.int16))
np.save(at("bool.npy"), np.ones((4, 3), np.bool_))
np.save(at("big-endian.npy"), np.ones((4, 3), ">f4"))
np.save(at("complex.npy"), np.ones((4, 3), np.complex64))
np.save(at("unicode.npy"), np.array([["abcd"] * 3] * 4))
np.save(at("fortran.npy"), np.asfortranarray(np.ones((4, 3), np.float32)))
np.save(at("scalar.npy"), np.float32(1))
f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }"
raw(at("huge-shape.npy"), f4 % "(9223372036854775807, 4)", b"\0" * 48)
raw(at("negative-shape.npy"), f4 % "(-4, 3)", b"\0" * 48)
raw(at("truncated-data.npy"), f4 % "(4, 3)", b"\0" * 20)
raw(at("no-descr.npy"), "{'fortran_order': False, 'shape': (4, 3), }", b"\0" * 48)
raw(at("object.npy"), "{'descr': '|O', 'fortran_order': False, 'shape': (4, 3), }", b"\0" * 96)
raw(at("huge-element.npy"),
    "{'descr': '<f4611686018427387904', 'fortran_order': False, 'shape': (4, 3), }", b"\0" * 48)
with open(at("truncated-header.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x02\x00\x10")
with open(at("header-past-end.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x01\x00\xff\xff{}")
with open(at("version-9.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x09\x00\x10\x00" + b" " * 16)
