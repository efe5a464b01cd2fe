"""Writes the numpy-made .npy files the tests of ../npy.ts read. Run with a Python that has numpy:
    python3 src/inputs/testdata/make-npy.py
Values are deterministic (arange-based), so the tests know them without numpy."""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def save(name, a):
    np.save(os.path.join(here, name), a, allow_pickle=False)


base = np.arange(24).reshape(2, 3, 4)
save('f4-c.npy', (base * 0.25 - 1).astype('<f4'))            # value at [i,j,k] = (12i + 4j + k) / 4 - 1
save('f8-fortran.npy', np.asfortranarray(base.astype('<f8')))  # same values as base, Fortran order on disk
save('f2.npy', (base.astype('<f2') * np.float16(0.5)))        # (12i + 4j + k) / 2 in float16
save('i8.npy', (base.astype('<i8') - 12) * 1_000_000_000_000)
save('u1.npy', base.astype('u1'))
save('u2.npy', (base * 1000).astype('<u2'))
save('f4-big-endian.npy', base.astype('>f4'))
save('bool.npy', base % 2 == 0)
save('u4.npy', base.astype('<u4'))
save('scalar-f4.npy', np.array(3.5, dtype='<f4'))
