#!/usr/bin/env bash
# Regenerates Data/Cleaning/stopwords/*.txt from jusText's stoplists (PyPI `justext`, pinned,
# BSD-2-Clause). jusText's lists were built for exactly this job: telling running prose from
# page furniture by the share of function words in a line.
set -euo pipefail
VERSION=3.0.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/Data/Cleaning/stopwords"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
python3 -m pip download "justext==$VERSION" --no-deps --quiet -d "$TMP"
python3 - "$TMP"/justext-"$VERSION"-*.whl "$OUT" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
langs = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French", "es": "Spanish",
         "it": "Italian", "pt": "Portuguese", "sv": "Swedish", "da": "Danish",
         "no": "Norwegian_Bokmal", "pl": "Polish", "id": "Indonesian", "ru": "Russian",
         "tr": "Turkish", "ro": "Romanian", "cs": "Czech", "fi": "Finnish", "hu": "Hungarian"}
with zipfile.ZipFile(wheel) as z:
    for code, name in langs.items():
        words = z.read(f"justext/stoplists/{name}.txt").decode("utf-8").split()
        strip = "\"'()[]{}.,;:!?-“”‘’«»„"
        words = sorted({w.strip(strip).lower() for w in words if w.strip(strip)})
        with open(f"{out}/{code}.txt", "w", encoding="utf-8") as f:
            f.write(f"# jusText {name} stoplist (justext==3.0.2, BSD-2-Clause)\n")
            f.write("\n".join(words) + "\n")
PY
echo "wrote $(ls "$OUT" | wc -l) stoplists to $OUT"
