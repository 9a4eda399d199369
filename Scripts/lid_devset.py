#!/usr/bin/env python3
"""Builds a development set for short-text tuning from the training sources' held-out strings.

The training run holds out every 10th Firefox UI string per language (never trained on; see
`add_firefox` in lid_train.py). This script cuts those strings into the evaluation's three shapes
(single words, word pairs, sentences of ≥ 6 words), so weights and thresholds for short text can
be chosen without looking at ../shared/eval-data. Words found in the held-out strings of three
or more languages (brand names, untranslated English) are left out, like the training filter.

Usage (after a training run has written its sources cache, i.e. the default work dir exists):
    /tmp/articled-lid-train/venv/bin/python Scripts/lid_devset.py [--work DIR] [--out DIR]
then `LanguageIDEval --eval-dir DIR` scores it like the evaluation files.
"""
import argparse
import os
import pickle
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lid_train  # noqa: E402

PER_LANGUAGE = {"single-words": 400, "word-pairs": 400, "sentences": 200}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.environ.get("LID_TRAIN_WORK", "/tmp/articled-lid-train"))
    ap.add_argument("--out", default="/tmp/articled-lid-dev")
    args = ap.parse_args()
    with open(os.path.join(args.work, "sources.pickle"), "rb") as f:
        dist_src = pickle.load(f)[0]
    held = {lang: srcs.get("heldout", []) for lang, srcs in dist_src.items() if srcs.get("heldout")}
    spread = Counter()
    for lines in held.values():
        spread.update({t for line in lines for t in lid_train.tokens(line)})
    for shape in PER_LANGUAGE:
        os.makedirs(os.path.join(args.out, shape), exist_ok=True)
    for lang, lines in sorted(held.items()):
        if lang not in lid_train.MODELLED:
            continue
        own = lid_train.SCRIPT_GROUP.get(lang, "latn")
        words, pairs, sentences = set(), set(), set()
        for line in lines:
            toks = lid_train.tokens(line)
            ok = [len(t) >= 3 and spread[t] < 3 and lid_train.script_of(t[0]) in (own, "kana" if own == "hani" else own)
                  for t in toks]
            words.update(t for t, good in zip(toks, ok) if good)
            pairs.update(f"{a} {b}" for (a, ga), (b, gb) in zip(zip(toks, ok), zip(toks[1:], ok[1:])) if ga and gb)
            if len(toks) >= 6:
                sentences.add(" ".join(line.split()))
        for shape, items in (("single-words", words), ("word-pairs", pairs), ("sentences", sentences)):
            chosen = sorted(items, key=lid_train.fnv)[:PER_LANGUAGE[shape]]
            with open(os.path.join(args.out, shape, f"{lang}.txt"), "w") as f:
                f.write("\n".join(chosen) + "\n")
    print(f"wrote {args.out} ({len(held)} languages)")


if __name__ == "__main__":
    main()
