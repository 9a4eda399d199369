"""Pair markers for close siblings (hr/bs, nb/nn, id/ms, zu/xh, st/tn), from parallel translations.

The siblings' general statistics come from shared or borrowed word lists (hr/bs share wordfreq's
`sh` list, nn borrows nb's), so the naive-Bayes table barely separates them, and what it does
separate is partly noise from their small own sources (common function words leaning one way).
Translations of the same UI string or CLDR/iso-codes entry into both languages are the cleanest
evidence available here of what one writes where the other writes something else (tko/ko,
ikkje/ikke, kerana/karena, mjesec names …): for each key both translate differently, the words
only one version uses are counted for that language. A word seen often on one side and (almost)
never on the other is a marker; the training script turns markers into extra word score for
their language and pulls the pair's shared features together (see `apply_pair_markers`).
Held-out strings (calibration) are never counted.
"""
import glob
import math
import os
import re
import struct
import subprocess
import zipfile
from collections import Counter

# pair -> Firefox pack suffixes, LibreOffice codes, iso-codes locale dirs, CLDR locales
PAIRS = {
    ("hr", "bs"): {"firefox": ("hr", "bs"), "libreoffice": ("hr", "bs"), "iso": ("hr", "bs"), "cldr": ("hr", "bs")},
    ("nb", "nn"): {"firefox": ("nb-no", "nn-no"), "libreoffice": ("nb", "nn"), "iso": ("nb", "nn"), "cldr": ("nb", "nn")},
    ("id", "ms"): {"firefox": ("id", "ms"), "iso": ("id", "ms"), "cldr": ("id", "ms")},
    ("zu", "xh"): {"libreoffice": ("zu", "xh"), "iso": ("zu", "xh"), "cldr": ("zu", "xh")},
    ("st", "tn"): {"libreoffice": ("st", "tn"), "iso": ("st", "tn"), "cldr": ("st", "tn")},
    # Distinct languages with a good model each, but close enough to trade short texts.
    ("nl", "af"): {"firefox": ("nl", "af"), "iso": ("nl", "af"), "cldr": ("nl", "af")},
    ("es", "ca"): {"firefox": ("es-es", "ca"), "iso": ("es", "ca"), "cldr": ("es", "ca")},
    ("cs", "sk"): {"firefox": ("cs", "sk"), "iso": ("cs", "sk"), "cldr": ("cs", "sk")},
    ("da", "nb"): {"firefox": ("da", "nb-no"), "iso": ("da", "nb"), "cldr": ("da", "nb")},
    ("bg", "mk"): {"firefox": ("bg", "mk"), "iso": ("bg", "mk"), "cldr": ("bg", "mk")},
    ("hi", "mr"): {"firefox": ("hi-in", "mr"), "iso": ("hi", "mr"), "cldr": ("hi", "mr")},
    ("fa", "ur"): {"firefox": ("fa", "ur"), "iso": ("fa", "ur"), "cldr": ("fa", "ur")},
}
# Confusable groups (CONFUSABLE in lid_train.py): their shared features are also pulled together.
SIBLINGS = {("hr", "bs"), ("nb", "nn"), ("id", "ms"), ("zu", "xh"), ("st", "tn")}
SHRINK = 0.5        # siblings keep this share of their difference on features both list
BONUS = 1.5         # nats of extra word score per nat of marker log-odds …
BONUS_CAP = 4.0     # … counting at most this many nats of log-odds
# Debian packages read only as parallel text here (not as training text): Bokmål's LibreOffice
# strings pair with Nynorsk's, which the main model already trains on.
PARALLEL_ONLY_DEBIAN = ["libreoffice-l10n-nb"]
MIN_COUNT = 3       # a marker is seen in at least this many differing keys on its side …
MAX_RATIO = 0.125   # … and at most this share of that count on the other side
SMOOTH = 0.5


def mo_pairs(path):
    """msgid -> msgstr of a GNU .mo file."""
    data = open(path, "rb").read()
    if len(data) < 28:
        return {}
    end = "<" if struct.unpack("<I", data[:4])[0] == 0x950412DE else ">"
    n, ooff, toff = struct.unpack(end + "III", data[8:20])
    out = {}
    for i in range(n):
        ln, off = struct.unpack(end + "II", data[ooff + 8 * i: ooff + 8 * i + 8])
        key = data[off:off + ln].decode("utf-8", "replace")
        ln, off = struct.unpack(end + "II", data[toff + 8 * i: toff + 8 * i + 8])
        if key:
            out[key] = data[off:off + ln].decode("utf-8", "replace")
    return out


def firefox_keyed(debian_dir, suffix):
    """(file, message id, attribute) -> value of a Firefox language pack; paths without the locale."""
    out = {}
    for xpi in sorted(glob.glob(os.path.join(debian_dir, f"x-firefox-esr-l10n-{suffix}", "**", "*.xpi"),
                             recursive=True)):
        with zipfile.ZipFile(xpi) as z:
            for member in z.namelist():
                if not member.endswith((".ftl", ".properties")):
                    continue
                path = re.sub(r"^localization/[^/]+/|^chrome/[^/]+/locale/[^/]+/", "", member)
                message = None
                for line in z.read(member).decode("utf-8", "replace").splitlines():
                    s = line.strip()
                    if not s or s[0] in "#!" or "=" not in s:
                        continue
                    key, value = s.split("=", 1)
                    if not line[0].isspace():
                        message = key.strip()
                    out[(path, message, key.strip())] = re.sub(r"\{[^}]*\}|%\S*|&\w+;|<[^>]*>", " ", value)
    return out


def libreoffice_keyed(debian_dir, code):
    out = {}
    for mo in glob.glob(os.path.join(debian_dir, f"x-libreoffice-l10n-{code}", "**", "*.mo"), recursive=True):
        for key, value in mo_pairs(mo).items():
            out[(os.path.basename(mo), key)] = value.replace("~", "")
    return out


def iso_keyed(debian_dir, code):
    out = {}
    for mo in glob.glob(os.path.join(debian_dir, "x-iso-codes/usr/share/locale", code, "LC_MESSAGES", "*.mo")):
        for key, value in mo_pairs(mo).items():
            out[(os.path.basename(mo), key)] = value
    return out


def cldr_keyed(code):
    from babel import localedata
    if code not in set(localedata.locale_identifiers()):
        return {}
    out = {}

    def walk(obj, path):
        if isinstance(obj, str):
            out[path] = obj
        elif hasattr(obj, "items"):
            for k, v in obj.items():
                walk(v, path + (str(k),))
        elif isinstance(obj, (list, tuple)):
            for i, v in enumerate(obj):
                walk(v, path + (i,))
    try:
        walk(localedata.load(code, merge_inherited=False), ())
    except Exception:  # noqa: BLE001 - a broken locale contributes nothing
        return {}
    return out


def keyed_sources(debian_dir, spec):
    """[(name, keyed A, keyed B)] for one pair."""
    loaders = {"firefox": lambda c: firefox_keyed(debian_dir, c),
               "libreoffice": lambda c: libreoffice_keyed(debian_dir, c),
               "iso": lambda c: iso_keyed(debian_dir, c), "cldr": cldr_keyed}
    return [(name, loaders[name](a), loaders[name](b)) for name, (a, b) in spec.items()]


def pair_counts(sources, tokens, held_out):
    """Per side, in how many differing keys each word appears only on that side."""
    ca, cb = Counter(), Counter()
    for _name, a, b in sources:
        for key in a.keys() & b.keys():
            if held_out(a[key]) or held_out(b[key]):
                continue
            ta, tb = set(tokens(a[key])), set(tokens(b[key]))
            if ta == tb or not ta or not tb:
                continue
            ca.update(ta - tb)
            cb.update(tb - ta)
    return ca, cb


def markers(ca, cb, admissible):
    """word -> log-odds (nats, > 0) for words that mark side A; `admissible(word)` filters out
    untranslated English and the like."""
    out = {}
    for w, n in ca.items():
        m = cb.get(w, 0)
        if n >= MIN_COUNT and m <= MAX_RATIO * n and admissible(w):
            out[w] = math.log((n + SMOOTH) / (m + SMOOTH))
    return out


def fetch_parallel_only(debian_dir):
    """Downloads (`apt-get download`, candidate version) and unpacks PARALLEL_ONLY_DEBIAN next to
    the training script's other packages; returns the .deb file names used."""
    used = []
    for name in PARALLEL_ONLY_DEBIAN:
        debs = glob.glob(os.path.join(debian_dir, f"{name}_*.deb"))
        if not debs:
            subprocess.run(["apt-get", "download", name], cwd=debian_dir, check=False, capture_output=True)
            debs = glob.glob(os.path.join(debian_dir, f"{name}_*.deb"))
        if not debs:
            print(f"debian: {name} unavailable; its pair markers are skipped", flush=True)
            continue
        deb = sorted(debs)[-1]
        target = os.path.join(debian_dir, "x-" + name)
        if not os.path.isdir(target):
            subprocess.run(["dpkg-deb", "-x", deb, target], check=False, capture_output=True)
        used.append(os.path.basename(deb))
    return used


def pair_markers(debian_dir, tokens, held_out, admissible):
    """{(A, B): (markers of A, markers of B)}; `admissible(lang, word)`."""
    result = {}
    for (a, b), spec in PAIRS.items():
        ca, cb = pair_counts(keyed_sources(debian_dir, spec), tokens, held_out)
        result[(a, b)] = (markers(ca, cb, lambda w: admissible(a, w)), markers(cb, ca, lambda w: admissible(b, w)))
    return result


def admissible_filter(dist_src, tokens_en_top):
    """Untranslated English in UI strings must not become a marker: a word among English's most
    frequent counts only if the language's own frequency list uses it more than English does
    (nb `en`, `de`), or, without such a list, if it is one of the language's stop words."""
    english = dist_src.get("en", {}).get("wordfreq", {})
    en_total = sum(english.values()) or 1.0
    totals = {l: sum(s.get("wordfreq", {}).values()) for l, s in dist_src.items()}

    def admissible(lang, word):
        if word not in tokens_en_top:
            return True
        own = dist_src.get(lang, {}).get("wordfreq")
        if own:
            return own.get(word, 0) / totals[lang] > english.get(word, 0) / en_total
        return word in dist_src.get(lang, {}).get("stop", ())
    return admissible


def apply_pair_markers(table, langs, pairs, scale):
    """Edits the quantised table in place (`key -> [(language index, q)]`): siblings' shared
    features are pulled towards their mean (their differences there are mostly noise from small
    own sources; the common words of hr and bs leaned to bs), then each marker adds
    BONUS · min(log-odds, BONUS_CAP) nats to its language's whole-word score. Returns counts."""
    index = {l: i for i, l in enumerate(langs)}
    stats = {}
    for (a, b), (ma, mb) in pairs.items():
        if a not in index or b not in index:
            continue
        ia, ib = index[a], index[b]
        shrunk = 0
        if (a, b) in SIBLINGS:
            for key, row in table.items():
                qa = next((q for li, q in row if li == ia), None)
                qb = next((q for li, q in row if li == ib), None)
                if qa is None or qb is None or qa == qb:
                    continue
                mean = (qa + qb) / 2
                new = {ia: max(1, min(255, round(mean + SHRINK * (qa - mean)))),
                       ib: max(1, min(255, round(mean + SHRINK * (qb - mean))))}
                row[:] = [(li, new.get(li, q)) for li, q in row]
                shrunk += 1
        for li, found in ((ia, ma), (ib, mb)):
            for word, log_odds in found.items():
                if len(word) > 32:
                    continue
                key = _word_key(word)
                row = table.setdefault(key, [])
                extra = round(BONUS * min(log_odds, BONUS_CAP) * scale)
                old = next((q for l, q in row if l == li), None)
                if old is None:
                    row.append((li, max(1, min(255, extra))))
                else:
                    row[:] = [(l, max(1, min(255, q + extra)) if l == li else q) for l, q in row]
        stats[f"{a}/{b}"] = (len(ma), len(mb), shrunk)
    return stats


def _word_key(word):
    """Whole-word feature hash; mirrors lid_train.fnv(word, FNV_OFFSET ^ WORD_SEED)."""
    h = 0xCBF29CE484222325 ^ 0x9E3779B97F4A7C15
    for ch in word:
        h = ((h ^ ord(ch)) * 0x100000001B3) & ((1 << 64) - 1)
    return h
