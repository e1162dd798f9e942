#!/usr/bin/env python3
"""The classic zone locator, PassportEye's black-hat morphology, alone: the candidate zones it
finds in each image, cut out, so that our recogniser can read them (issue #13: the black-hat
locator measured against ours, with the same recogniser behind both).

    blackhat_boxes.py --crops DIR IMAGE...

For each image PassportEye 2.2.2's own pipeline runs up to its box locator (load as grey, scale to
250 px wide, black-hat on a 13×5 kernel, Scharr gradient, closing, Otsu, erosion, contours kept
by shape) and cuts every candidate box out of the full-size image, levelled, as its
`ExtractAllBoxes` step does; tesseract is never called. The crops are written to DIR as
`<image stem>.<rank>.png`, in PassportEye's order (the order it would OCR them in). Prints one
JSON line per image: {"file", "ms" (locating and cutting out), "crops": [paths]} (plus "error").
"""
import argparse
import json
import os
import time
import warnings

import numpy as np
from passporteye.mrz.image import MRZPipeline
from skimage import io as skimage_io


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crops", required=True)
    ap.add_argument("images", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.crops, exist_ok=True)
    warnings.simplefilter("ignore")

    for path in args.images:
        out = {"file": path, "crops": []}
        started = time.perf_counter()
        try:
            pipeline = MRZPipeline(path)
            rois = pipeline["rois"]
            error = None
        except Exception as e:  # PassportEye fails on some inputs: nothing located
            rois, error = [], f"{type(e).__name__}: {e}"
        out["ms"] = round((time.perf_counter() - started) * 1000.0, 1)
        stem = os.path.splitext(os.path.basename(path))[0]
        for rank, roi in enumerate(rois):
            if roi is None or roi.size == 0 or min(roi.shape[:2]) < 2:
                continue
            crop = os.path.join(args.crops, f"{stem}.{rank:02d}.png")
            grey = np.clip(roi, 0.0, 1.0) if roi.dtype.kind == "f" else roi / 255.0
            skimage_io.imsave(crop, (grey * 255.0).round().astype(np.uint8), check_contrast=False)
            out["crops"].append(crop)
        if error:
            out["error"] = error
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
