"""Exonyms of foreign cities for the gazetteer ("Keulen" for Köln, "Mailand" for Milan), used by
build-gazetteer.py.

Why: the gazetteer's city names per language came from CLDR's time-zone cities only, and a big
city's GeoNames alternate names are kept only when they are rare words (Zipf < 3 in nl en de fr),
so the names news writes most often in its own language ("Keulen", "Straatsburg", "Aken") were
missing and "Keulen" did not join "Köln" under one canonical name.

GeoNames lists alternate names without their language, so a language's exonym is found by
frequency (wordfreq): for a city >= 100 000 of another country (a city of the language's own
country has its own name, which is no exonym), the one-word alternate name that the language
writes most, provided it is attested there (Zipf >= 2 in Dutch, >= 2.5 elsewhere) and at least 0.5
Zipf more than in any other of nl en de fr es it (so it is that language's word). Homonym guards:
- no other city's name, listed first name ("Sofie") or stopword of a news language;
- no spelling variant of the name: one letter away ("Kork" for Cork, "Elch" for Elche), derived
  from it ("Amsterdams", "Londons") or a short form of it; and the same first letter (folded) as
  the name (Spanish may add its e before s + consonant: "Estrasburgo"), which leaves out the noise GeoNames lists under little-known cities ("Kitas" for Quito,
  "Ofen" for Buda, "Hindenburg" for Zabrze) at the cost of a few true ones ("Kaapstad", "Danzig");
- no word of the language: Dutch uses the frogdata tagger lexicon (CGN corpus counts: the
  capitalised form must be more frequent than the lower-case one; "Luik" 161 : "luik" 49 stays,
  "bergen", "triest", "landen" are words); German, French, Spanish and Italian the hunspell
  dictionary, which must not accept the lower-case form ("riant", "cebo", "kauen", "bufala";
  "Ginebra" and "Brujas" go too: gin and witches);
- no more frequent in the language than the city's name is in its own country's languages or
  English (+ 0.5 Zipf): a word far more frequent than the city is another word ("Kanton" for
  Guangzhou, "Dabei" for Dubai);
- tagging_handlists.EXONYM_STOP: the few left that only reading the list tells (each says why).
A German exonym with ß also gets its ss spelling and vice versa ("Straßburg", "Strassburg").
English gets none: GeoNames' name is the English one.
"""
import unicodedata

NEWS_LANGS = ["nl", "de", "fr", "es", "it"]
OTHER_LANGS = ["nl", "en", "de", "fr", "es", "it"]
MIN_POPULATION = 100000
MIN_ZIPF_DUTCH = 2.0   # guarded by the lexicon's capitalisation counts
MIN_ZIPF = 2.5         # languages without a lexicon here: well attested only
MARGIN = 0.5           # Zipf above every other news language
FAME_MARGIN = 0.5      # Zipf a foreign city's exonym may exceed the city's own name by


def fold(s):
    """Lower case without diacritics ("Göteborg" -> "goteborg"); build-gazetteer.py uses it too."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower()


def is_latin_word(s):
    return all(ch.isalpha() and ("A" <= ch <= "z" or "\u00c0" <= ch <= "\u024f") for ch in s)


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def read_frog_lexicon(path):
    """word -> corpus count from frogdata's tagger lexicon (lines "count word TAG:n ...")."""
    counts = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split(" ", 2)
        if len(parts) >= 2 and parts[0].isdigit():
            counts[parts[1]] = int(parts[0])
    return counts


def city_exonyms(cities, own_languages, zipf, first_names, stopwords, dutch_counts, is_word, stop):
    """[(lang, city name, exonym, Zipf in lang, city's fame)] for cities >= MIN_POPULATION, one per
    city and language at most.

    own_languages(city) -> the country's official languages; zipf(word, lang) -> wordfreq Zipf;
    dutch_counts: read_frog_lexicon; is_word(lower-case word, lang) -> the language's dictionary
    has it; stop: names never taken."""
    city_names = {c["name"] for c in cities}
    found = []
    for c in cities:
        name = c["name"]
        if c["population"] < MIN_POPULATION:
            continue
        own = set(own_languages(c))
        ref = fame(c, own, zipf)
        for lang in NEWS_LANGS:
            if lang in own:
                continue  # a city of the language's own country: its name is no exonym
            best = None
            for a in c.get("alternatenames", []):
                if a == name or len(a) < 4 or not a[:1].isupper() or a.isupper() or not is_latin_word(a) \
                        or a in city_names or fold(a).startswith(fold(name)) or fold(name).startswith(fold(a)) \
                        or not same_start(a, name, lang) or edit_distance(fold(a), fold(name)) <= 1 \
                        or a in first_names or a.lower() in stopwords:
                    continue
                z = zipf(a, lang)
                if z < (MIN_ZIPF_DUTCH if lang == "nl" else MIN_ZIPF) or best is not None and z <= best[0]:
                    continue
                if z < max(zipf(a, l) for l in OTHER_LANGS if l != lang) + MARGIN:
                    continue
                if lang == "nl" and dutch_counts.get(a, 0) <= dutch_counts.get(a.lower(), 0):
                    continue
                if is_word(a.lower(), lang) or a in stop:
                    continue
                best = (z, a)
            if best is not None and best[0] > ref + FAME_MARGIN:
                best = None  # far more frequent than the city itself: another word ("Kanton", "Ofen")
            if best is not None:
                found.append((lang, name, best[1], round(best[0], 2), round(ref, 2)))
                # German writes ß where Swiss German and wordfreq's folding write ss: both spellings.
                for a in c.get("alternatenames", []):
                    if a != best[1] and "ß" in a + best[1] and a.replace("ß", "ss") == best[1].replace("ß", "ss"):
                        found.append((lang, name, a, round(best[0], 2), round(ref, 2)))
    return found


def same_start(a, name, lang):
    """The alternate name starts with the name's first letter (folded); Spanish may put its e
    before an initial s and a consonant ("Estrasburgo" for Strasbourg, "Estocolmo")."""
    fa, fn = fold(a), fold(name)
    if fa[:1] == fn[:1]:
        return True
    return lang == "es" and fa.startswith("es") and fn[:1] == "s" and fn[1:2] not in "aeiouy"


def fame(c, own, zipf):
    """How often the city's own countries (and English) write its name: the largest Zipf of the name
    in its official languages and English, and of its endonyms there (alternate names sharing the
    name's first three letters, as build-gazetteer's endonym rule: "Antwerpen" for Antwerp)."""
    name = c["name"]
    best = max(zipf(name, l) for l in own | {"en"})
    for a in c.get("alternatenames", []):
        if is_latin_word(a) and a[:1].isupper() and fold(a)[:3] == fold(name)[:3]:
            best = max([best] + [zipf(a, l) for l in own])
    return best
