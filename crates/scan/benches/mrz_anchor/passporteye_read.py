#!/usr/bin/env python3
"""PassportEye as a side-by-side anchor for mrz-read: same arguments, same JSON line per image.

    passporteye_read.py --model stock|mrz IMAGE...

Prints {"file","found","lines","valid","ms"} per image (plus "error" when PassportEye raised).
"lines": the text tesseract recognised in the MRZ PassportEye settled on (mrz.aux['raw_text'],
alias aux['text']), split into lines, stripped, empty ones dropped. "parsed_lines": what PassportEye
parsed from that text after its own cleanup (spaces and short lines dropped, letters and digits
swapped by position, e.g. O->0); `valid` and the MRZ fields refer to these. The cleanup also
rewrites characters printed outside ICAO's per-position alphabet (a fictional nationality "132",
a non-ICAO French ID), so both are kept; score.py scores either (--field).

`--model mrz` needs TESSDATA_PREFIX naming a folder with mrz.traineddata (scripts/bench-mrz.sh
sets it); `--model stock` drops TESSDATA_PREFIX so tesseract uses its installed `eng` model.
"""
import argparse
import json
import os
import sys
import time
import warnings

from passporteye import read_mrz
from passporteye.mrz.text import MRZOCRCleaner


def split_lines(text):
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["stock", "mrz"], required=True)
    ap.add_argument("images", nargs="+")
    args = ap.parse_args()

    if args.model == "mrz":
        prefix = os.environ.get("TESSDATA_PREFIX", "")
        if not os.path.isfile(os.path.join(prefix, "mrz.traineddata")):
            sys.exit("--model mrz: TESSDATA_PREFIX must name a folder holding mrz.traineddata")
        params = "-l mrz"
    else:
        # An inherited TESSDATA_PREFIX (e.g. the mrz folder) would hide the stock eng model.
        os.environ.pop("TESSDATA_PREFIX", None)
        params = ""
    # scikit-image/imageio deprecation chatter would drown the log; it does not change results.
    warnings.simplefilter("ignore")

    for path in args.images:
        out = {"file": path}
        started = time.perf_counter()
        try:
            mrz = read_mrz(path, extra_cmdline_params=params)
            error = None
        except Exception as e:  # PassportEye crashes on some inputs; count it as nothing found
            mrz, error = None, f"{type(e).__name__}: {e}"
        ms = (time.perf_counter() - started) * 1000.0

        raw = mrz.aux.get("raw_text", mrz.aux.get("text", "")) if mrz is not None else ""
        out["found"] = mrz is not None
        out["lines"] = split_lines(raw)
        out["valid"] = bool(mrz is not None and mrz.valid)
        out["ms"] = round(ms, 1)
        # Recomputed (deterministic): the MRZ object keeps the parsed fields, not the cleaned lines.
        out["parsed_lines"] = MRZOCRCleaner.apply(raw) if raw else []
        if error:
            out["error"] = error
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
