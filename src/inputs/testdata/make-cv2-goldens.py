"""Writes the OpenCV goldens the tests of ../cv2-resize.ts and ../image.ts compare against.
Needs OpenCV's Python module (Debian 12: apt-get install python3-opencv; made with OpenCV 4.6.0):
    /usr/bin/python3 src/inputs/testdata/make-cv2-goldens.py"""
import os
import cv2
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261123)


def save(name, a):
    np.save(os.path.join(here, name), np.ascontiguousarray(a), allow_pickle=False)


# Resize cases on random pixels: (name, src w, src h, dst w, dst h, channels).
for name, sw, sh, dw, dh, cn in [
    ('up-rgb', 7, 5, 13, 11, 3),
    ('down-rgb', 50, 60, 13, 17, 3),
    ('narrow-gray', 97, 3, 5, 40, 1),
    ('halve-rgb', 16, 12, 8, 6, 3),
    ('near-gray', 64, 64, 63, 65, 1),
]:
    shape = (sh, sw, cn) if cn > 1 else (sh, sw)
    src = rng.integers(0, 256, size=shape, dtype=np.uint8)
    save(f'cv2-{name}-in.npy', src)
    save(f'cv2-{name}-out.npy', cv2.resize(src, (dw, dh), interpolation=cv2.INTER_LINEAR))

# Whole pipelines from image files, as a cv2 user writes them.
yy, xx = np.mgrid[0:30, 0:40]
bgr = np.stack([(xx * 6) % 256, (yy * 8) % 256, (xx * yy) % 256], -1).astype(np.uint8)
bgr = np.clip(bgr.astype(int) + rng.integers(-20, 21, size=bgr.shape), 0, 255).astype(np.uint8)
cv2.imwrite(os.path.join(here, 'scene-40x30.png'), bgr)
img = cv2.imread(os.path.join(here, 'scene-40x30.png'))  # BGR
save('cv2-scene-24x20-rgb.npy', cv2.cvtColor(cv2.resize(img, (24, 20), interpolation=cv2.INTER_LINEAR), cv2.COLOR_BGR2RGB))
save('cv2-scene-24x20-bgr.npy', cv2.resize(img, (24, 20), interpolation=cv2.INTER_LINEAR))
save('cv2-scene-24x20-gray.npy', cv2.resize(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), (24, 20), interpolation=cv2.INTER_LINEAR))

# An RGBA PNG: cv2.imread(IMREAD_COLOR) drops alpha without compositing.
bgra = np.concatenate([bgr[:8, :8], rng.integers(0, 256, size=(8, 8, 1), dtype=np.uint8)], -1)
cv2.imwrite(os.path.join(here, 'alpha-8x8.png'), bgra)
save('cv2-alpha-8x8-rgb.npy', cv2.cvtColor(cv2.imread(os.path.join(here, 'alpha-8x8.png')), cv2.COLOR_BGR2RGB))

# A JPEG (4:2:0, quality 85): sharp's libjpeg-turbo decodes it to the same bytes cv2.imread does.
yy, xx = np.mgrid[0:48, 0:64]
photo = np.stack([(xx * 4) % 256, (yy * 5) % 256, ((xx + yy) * 2) % 256], -1).astype(np.uint8)
photo = np.clip(photo.astype(int) + rng.integers(-30, 31, size=photo.shape), 0, 255).astype(np.uint8)
cv2.imwrite(os.path.join(here, 'photo-64x48.jpg'), photo, [cv2.IMWRITE_JPEG_QUALITY, 85])
jpg = cv2.imread(os.path.join(here, 'photo-64x48.jpg'))
save('cv2-photo-32x32-rgb.npy', cv2.cvtColor(cv2.resize(jpg, (32, 32), interpolation=cv2.INTER_LINEAR), cv2.COLOR_BGR2RGB))
