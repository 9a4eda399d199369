#!/usr/bin/env bash
# Regenerates Data/Cleaning/stopwords/*.txt from jusText's stoplists (PyPI `justext`, pinned,
# BSD-2-Clause). jusText's lists were built for exactly this job: telling running prose from
# page furniture by the share of function words in a line.
#
# jusText's lists hold other languages' words: they were counted over Wikipedia, whose pages in
# every language quote English titles and Romance names (the Finnish list held ~100 English words:
# "the", "and", "with", "you"). Without a language the cleaner picks the list covering the most
# words, so an English page was judged with the Finnish list. A word is therefore dropped from
# list L when it is far more frequent in the language of another list M than in L, by wordfreq's
# Zipf scale (PyPI `wordfreq`, pinned): zipf(w, M) >= zipf(w, L) + MARGIN and zipf(w, M) >= 3.
# Words frequent in both ("in", "is" in Dutch, "die" in German) stay. MARGIN 1.5 (a word some 30
# times as frequent elsewhere): at 1.0 genuine function words went too (French "non", Italian
# "qui", Norwegian "meget", "kun").
#
# Usage: Scripts/cleaning-stopwords.sh [WORK_DIR]   (default /tmp/articled-cleaning-stopwords;
# caches the venv with the pinned wordfreq)
set -euo pipefail
JUSTEXT=3.0.2
WORDFREQ=3.1.1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/Data/Cleaning/stopwords"
WORK="${1:-/tmp/articled-cleaning-stopwords}"
mkdir -p "$WORK"
PY="$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import datavenv; print(datavenv.ensure_venv(sys.argv[2], ["wordfreq==" + sys.argv[3]]))' \
    "$ROOT/Scripts" "$WORK" "$WORDFREQ")"
rm -f "$WORK"/justext-*.whl
"$PY" -m pip download "justext==$JUSTEXT" --no-deps --quiet -d "$WORK"
"$PY" - "$WORK"/justext-"$JUSTEXT"-*.whl "$OUT" "$JUSTEXT" "$WORDFREQ" <<'PY'
import sys, zipfile
from importlib.metadata import version
import wordfreq
wheel, out, justext_version, wordfreq_version = sys.argv[1:5]
assert version("wordfreq") == wordfreq_version, version("wordfreq")
langs = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French", "es": "Spanish",
         "it": "Italian", "pt": "Portuguese", "sv": "Swedish", "da": "Danish",
         "no": "Norwegian_Bokmal", "pl": "Polish", "id": "Indonesian", "ru": "Russian",
         "tr": "Turkish", "ro": "Romanian", "cs": "Czech", "fi": "Finnish", "hu": "Hungarian"}
# wordfreq's code where it differs from the stoplist's file name.
wordfreq_code = {"no": "nb"}
# How much more frequent (Zipf units: 1 = ten times) a word must be in another list's language.
MARGIN = 1.5
# A word must be at least this common in that language (Zipf 3: once per million words).
FLOOR = 3.0
strip = "\"'()[]{}.,;:!?-“”‘’«»„"
lists = {}
with zipfile.ZipFile(wheel) as z:
    for code, name in langs.items():
        words = z.read(f"justext/stoplists/{name}.txt").decode("utf-8").split()
        lists[code] = sorted({w.strip(strip).lower() for w in words if w.strip(strip)})
zipf = {}
def frequency(word, code):
    key = (word, code)
    if key not in zipf:
        zipf[key] = wordfreq.zipf_frequency(word, wordfreq_code.get(code, code))
    return zipf[key]
for code, words in lists.items():
    kept, dropped = [], []
    for w in words:
        own = frequency(w, code)
        other = max(frequency(w, m) for m in langs if m != code)
        (dropped if other >= FLOOR and other >= own + MARGIN else kept).append(w)
    with open(f"{out}/{code}.txt", "w", encoding="utf-8") as f:
        f.write(f"# jusText {langs[code]} stoplist (justext=={justext_version}, BSD-2-Clause), without the {len(dropped)} words\n")
        f.write(f"# far more frequent in another list's language (wordfreq=={wordfreq_version}, Zipf margin {MARGIN})\n")
        f.write("\n".join(kept) + "\n")
    print(f"{code}: {len(kept)} words, {len(dropped)} dropped: {' '.join(dropped)}")
PY
echo "wrote $(ls "$OUT" | wc -l) stoplists to $OUT"
