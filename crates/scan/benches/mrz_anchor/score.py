#!/usr/bin/env python3
"""Scores MRZ readers' JSON lines against a manifest and prints a Markdown table.

    score.py --manifest manifest.csv [--verbose] [--field lines|raw_lines] [NAME=]RESULTS.jsonl...

Each results file holds one JSON object per image ({"file","found","lines","valid","ms"}), as
printed by mrz-read and passporteye_read.py; images are matched to manifest rows by file name.
A positive (truth lines given) is exact when the lines equal the truth exactly; a negative (no
truth lines) is correct when nothing was found or no lines were returned. An image missing from a
results file counts as a miss. Standard library only.
"""
import argparse
import csv
import json
import os
import statistics
import sys


def load_truth(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {
            row["file"]: [row[k] for k in ("truth_line1", "truth_line2", "truth_line3") if row.get(k)]
            for row in csv.DictReader(f)
        }


def load_results(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(ln) for ln in f if ln.strip()]
    return {os.path.basename(r["file"]): r for r in rows}


def p95(values):
    """The 95th percentile, nearest rank (the value 95% of images took at most)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--verbose", action="store_true", help="list each reader's misses")
    ap.add_argument("--field", default="lines",
                    help="which list to score, e.g. parsed_lines (PassportEye's cleaned lines); readers without it use lines")
    ap.add_argument("results", nargs="+", metavar="[NAME=]FILE")
    args = ap.parse_args()

    truth = load_truth(args.manifest)
    positives = [f for f, t in truth.items() if t]
    negatives = [f for f, t in truth.items() if not t]

    table = [
        f"| reader | exact of {len(truth)} | exact of {len(positives)} positives "
        "| wrong reads reported valid | found on negative | median ms/image | p95 ms/image | mean ms/image |",
        "|---|---|---|---|---|---|---|---|",
    ]
    misses = []
    for arg in args.results:
        name, _, path = arg.rpartition("=")
        name = name or os.path.splitext(os.path.basename(path))[0]
        got = load_results(path)
        exact_pos = exact_neg = wrong_valid = neg_found = 0
        for file, want in truth.items():
            r = got.get(file)
            lines = (r.get(args.field, r.get("lines")) or []) if r else []
            if want:
                ok = r is not None and lines == want
                exact_pos += ok
            else:
                found = bool(r and r.get("found") and lines)
                neg_found += found
                ok = r is not None and not found
                exact_neg += ok
            # Valid means the check digits passed; on a wrong read that is a confident error.
            wrong_valid += bool(r and r.get("valid") and lines != want)
            if not ok:
                misses.append((name, file, want, lines if r else "(no result)", bool(r and r.get("valid"))))
        ms = [r["ms"] for r in got.values() if isinstance(r.get("ms"), (int, float))]
        if len(negatives) == 1:
            neg = "yes" if neg_found else "no"
        else:
            neg = f"{neg_found} of {len(negatives)}"
        table.append(
            f"| {name} | {exact_pos + exact_neg} | {exact_pos} | {wrong_valid} | {neg} "
            f"| {statistics.median(ms):.0f} | {p95(ms):.0f} | {statistics.mean(ms):.0f} |" if ms else
            f"| {name} | {exact_pos + exact_neg} | {exact_pos} | {wrong_valid} | {neg} | – | – | – |"
        )

    print("\n".join(table))
    if args.verbose:
        print()
        for name, file, want, lines, valid in misses:
            print(f"miss [{name}] {file}{' (reported valid)' if valid else ''}\n  want {want}\n  read {lines}")


if __name__ == "__main__":
    sys.exit(main())
