#!/usr/bin/env python3
"""Joins the black-hat locator's crops (blackhat_boxes.py) with mrz-read's reads of them into one
result per image, in the JSON lines score.py reads.

    blackhat_combine.py BOXES.jsonl CROP_READS.jsonl

The crops are taken in PassportEye's order, as its own OCR step takes them: the first crop read
valid is the image's read; when none is, the first crop where a zone was found (reported as it
was read, valid or not). An image's time is the locator's plus our reads of its crops up to the
one chosen (all of them when none is valid): what a reader built this way would spend.
Standard library only.
"""
import json
import sys


def main():
    boxes_path, reads_path = sys.argv[1], sys.argv[2]
    with open(reads_path, encoding="utf-8") as f:
        reads = {r["file"]: r for r in (json.loads(ln) for ln in f if ln.strip())}
    with open(boxes_path, encoding="utf-8") as f:
        for ln in f:
            if not ln.strip():
                continue
            image = json.loads(ln)
            ms = image["ms"]
            chosen = None
            for crop in image["crops"]:
                read = reads.get(crop, {"found": False, "lines": [], "valid": False, "ms": 0.0})
                ms += read["ms"]
                if read["valid"]:
                    chosen = read
                    break
                if chosen is None and read["found"]:
                    chosen = read
            out = {
                "file": image["file"],
                "found": chosen is not None,
                "lines": chosen["lines"] if chosen else [],
                "valid": bool(chosen and chosen["valid"]),
                "ms": round(ms, 1),
                "crops": len(image["crops"]),
            }
            print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
