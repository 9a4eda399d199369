#!/usr/bin/env python3
"""Builds Data/LanguageID/language-model.bin from pinned public packages.

Re-runnable: creates its own venv (PyPI packages pinned below), fetches pinned Debian packages with
`apt-get download` (no install), and writes the compact model the Swift `LanguageID` module loads.
Never reads the evaluation data in ../shared.

Usage: python3 Scripts/train-language-model.py [--work DIR] [--out Data/LanguageID]
The work dir (default /tmp/articled-lid-train) caches the venv and downloaded packages.
"""
import argparse
import os
import subprocess
import sys

PYPI_PINS = [
    "wordfreq==3.1.1",
    "simplemma==2.0.0",
    "stopwordsiso==0.7.1",
    "babel==2.18.0",
]
# spaCy is only unpacked (its lang/*/stop_words.py and examples.py), never installed or imported.
SPACY_PIN = "spacy==3.8.18"
SHONA_PIN = "shona-spacy==0.1.5"
# pyfranc is only unpacked: its data.py (UDHR trigram profiles) is parsed with ast, never imported.
FRANC_PIN = "pyfranc==0.2.3"

# Debian packages: (name, preferred version). If the mirror no longer carries that exact version the
# current candidate is used and the version actually used is written to provenance.txt.
DEBIAN_PINS = [
    ("hunspell-af", None), ("hunspell-be", None), ("hunspell-bs", None), ("hunspell-hr", None),
    ("hunspell-sr", None), ("hunspell-kk", None), ("hunspell-mn", None), ("hunspell-eu", None),
    ("hunspell-sw", None), ("myspell-nn", None), ("myspell-sq", None), ("myspell-et", None),
    ("myspell-nb", None),
    ("libreoffice-l10n-xh", None), ("libreoffice-l10n-zu", None), ("libreoffice-l10n-st", None),
    ("libreoffice-l10n-tn", None), ("libreoffice-l10n-ts", None), ("libreoffice-l10n-af", None),
    ("libreoffice-l10n-mn", None), ("libreoffice-l10n-kk", None), ("libreoffice-l10n-be", None),
    ("libreoffice-l10n-eu", None), ("libreoffice-l10n-cy", None), ("libreoffice-l10n-bs", None),
    ("libreoffice-l10n-hr", None), ("libreoffice-l10n-sr", None), ("libreoffice-l10n-nn", None),
    ("libreoffice-l10n-eo", None), ("libreoffice-l10n-et", None), ("libreoffice-l10n-sq", None),
    ("libreoffice-l10n-mr", None), ("libreoffice-l10n-ga", None),
    ("iso-codes", "4.15.0-1"),
] + [(f"firefox-esr-l10n-{suffix}", None) for suffix in (
    "af ar az be bg bs ca cs cy da de eo es-es et eu fa fi fr ga-ie hi-in hr hu id is it kk lt lv mk mr ms "
    "nb-no nl nn-no pl pt-pt ro ru sk sl sq sr sv-se tl tr uk ur vi xh").split()]


def ensure_venv(work):
    venv = os.path.join(work, "venv")
    py = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, ".pins")
    want = "\n".join(PYPI_PINS)
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        subprocess.check_call([py, "-m", "pip", "install", "-q", *PYPI_PINS])
        open(stamp, "w").write(want)
    return py


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--work", default=os.environ.get("LID_TRAIN_WORK", "/tmp/articled-lid-train"))
    ap.add_argument("--out", default=os.path.join(here, "..", "Data", "LanguageID"))
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.inner:
        py = ensure_venv(args.work)
        # A fixed hash seed makes set iteration (and so floating-point summation) order repeatable,
        # so the same inputs give the same model bytes.
        os.execve(py, [py, os.path.abspath(__file__), "--inner", "--work", args.work, "--out", args.out],
                  {**os.environ, "PYTHONHASHSEED": "0"})
    sys.path.insert(0, here)
    import lid_train  # noqa: E402  (lives next to this script; runs inside the venv)
    lid_train.build(args.work, os.path.abspath(args.out), SPACY_PIN, DEBIAN_PINS, SHONA_PIN, FRANC_PIN)


if __name__ == "__main__":
    main()
