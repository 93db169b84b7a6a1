// snn-run rejects inputs of the wrong dtype and malformed .npy files with
// one error line naming the file, and a non-zero exit (test/snn-run/errors.mlir
// has the common cases: wrong shape, float64 for f32, values out of range).
// Wrong dtypes: int16 or bool for f32 (bool and uint8 are accepted only for
// i1 spikes), int16 for i8; dtypes snn-run never takes: big-endian, complex,
// unicode strings, objects, absurd element sizes; malformed files: Fortran
// order, a 0-d array, shapes that are negative or overflow 64-bit byte
// counts, truncated data or headers, a header longer than the file, a
// missing descr, an unknown format version.
// RUN: rm -rf %t && %python %S/Inputs/bad_npy.py %t
// RUN: not snn-run %s --input %t/int16.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=INT16 --implicit-check-not=error:
// RUN: not snn-run %s --input %t/bool.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=BOOL --implicit-check-not=error:
// RUN: not snn-run %s --entry ints --input %t/int16.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=I8-GIVEN-INT16 --implicit-check-not=error:
// RUN: not snn-run %s --input %t/big-endian.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=BIG-ENDIAN --implicit-check-not=error:
// RUN: not snn-run %s --input %t/complex.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=COMPLEX --implicit-check-not=error:
// RUN: not snn-run %s --input %t/unicode.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=UNICODE --implicit-check-not=error:
// RUN: not snn-run %s --input %t/fortran.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN --implicit-check-not=error:
// RUN: not snn-run %s --input %t/scalar.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=SCALAR --implicit-check-not=error:
// RUN: not snn-run %s --input %t/huge-shape.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=HUGE-SHAPE --implicit-check-not=error:
// RUN: not snn-run %s --input %t/negative-shape.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=NEGATIVE-SHAPE --implicit-check-not=error:
// RUN: not snn-run %s --input %t/truncated-data.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED-DATA --implicit-check-not=error:
// RUN: not snn-run %s --input %t/no-descr.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=NO-DESCR --implicit-check-not=error:
// RUN: not snn-run %s --input %t/object.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=OBJECT --implicit-check-not=error:
// RUN: not snn-run %s --input %t/huge-element.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=HUGE-ELEMENT --implicit-check-not=error:
// RUN: not snn-run %s --input %t/truncated-header.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED-HEADER --implicit-check-not=error:
// RUN: not snn-run %s --input %t/header-past-end.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=HEADER-PAST-END --implicit-check-not=error:
// RUN: not snn-run %s --input %t/version-9.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=VERSION-9 --implicit-check-not=error:

// INT16: snn-run: error: input #0 ('{{.*}}int16.npy'): expected dtype float32 (storage of f32), got '<i2'
// BOOL: snn-run: error: input #0 ('{{.*}}bool.npy'): expected dtype float32 (storage of f32), got '|b1'
// I8-GIVEN-INT16: snn-run: error: input #0 ('{{.*}}int16.npy'): expected dtype int8 (storage of i8), got '<i2'
// BIG-ENDIAN: snn-run: error: '{{.*}}big-endian.npy' is not a valid .npy file: unsupported dtype '>f4'
// COMPLEX: snn-run: error: '{{.*}}complex.npy' is not a valid .npy file: unsupported dtype '<c8'
// UNICODE: snn-run: error: '{{.*}}unicode.npy' is not a valid .npy file: unsupported dtype '<U4'
// FORTRAN: snn-run: error: '{{.*}}fortran.npy' is not a valid .npy file: Fortran-ordered arrays are not supported
// SCALAR: snn-run: error: input #0 ('{{.*}}scalar.npy'): expected shape (4, 3), got ()
// HUGE-SHAPE: snn-run: error: '{{.*}}huge-shape.npy' is not a valid .npy file: shape (9223372036854775807, 4) is too large
// NEGATIVE-SHAPE: snn-run: error: '{{.*}}negative-shape.npy' is not a valid .npy file: bad shape (-4, 3)
// TRUNCATED-DATA: snn-run: error: '{{.*}}truncated-data.npy' is not a valid .npy file: expected 48 bytes of data, found 20
// NO-DESCR: snn-run: error: '{{.*}}no-descr.npy' is not a valid .npy file: header lacks descr, fortran_order or shape
// OBJECT: snn-run: error: '{{.*}}object.npy' is not a valid .npy file: unsupported dtype '|O'
// HUGE-ELEMENT: snn-run: error: '{{.*}}huge-element.npy' is not a valid .npy file: unsupported dtype '<f4611686018427387904'
// TRUNCATED-HEADER: snn-run: error: '{{.*}}truncated-header.npy' is not a valid .npy file: truncated header
// HEADER-PAST-END: snn-run: error: '{{.*}}header-past-end.npy' is not a valid .npy file: truncated header
// VERSION-9: snn-run: error: '{{.*}}version-9.npy' is not a valid .npy file: unsupported format version 9

func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %s = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

func.func @ints(%x: tensor<4x3xi8>) -> tensor<4x3xi8> {
  return %x : tensor<4x3xi8>
}
