"""Main-text and publication-date extractors, measured on our sample pages.

    pip install readability-lxml   # only for this comparison
    python benchmarks/html_extractors.py

Main text: how many of each page's article paragraphs an extractor keeps, and which
boilerplate snippets (dated teasers, bylines, footers, cookie banners) leak into it.
Dates: each page as written, and the same page with its publication metadata removed
("nometa-"), where the only right answers are the true date or none: a date from a
sidebar or footer is wrong. The results chose trafilatura (favor_precision) for the
text and our own metadata reader (timeline/ingest/html_meta.py) for the date.
"""

import re
import sys
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
S = ROOT / "samples"
TRUTH = {
    "ferry-strike.html": dict(
        date="2024-05-16",
        title="Ferry crews walk out over new rota",
        url="https://gazette.example/local/2024/05/16/ferry-crews-walk-out",
        body=[
            "Crews on the Northsound ferry routes stopped work",
            "The seafarers' union said the strike",
            "We asked for a meeting three times",
            "The operator, Sound Lines, said",
            "The last strike on the routes, in August 2022",
            "Talks are due to resume next Monday",
        ],
        junk=[
            "2 January 2024",
            "Harbour toll rises",
            "Council approves budget",
            "9 May",
            "June 3",
            "12 March 2024",
            "28 February 2024",
            "16 May 2024, 08:30",
            "Last updated 17 May",
            "15 October 2023",
            "Archive 2023",
        ],
    ),
    "library-reopens.html": dict(
        date="2023-11-02",
        title="Eastbrook library reopens after flood repairs",
        url="https://courier.example/news/library-reopens",
        body=[
            "Eastbrook's central library reopened its doors on Wednesday",
            "The building closed on 14 March",
            "Repairs took longer because",
            "The children's section and a new study room",
            "About 3,000 volumes were lost",
        ],
        junk=[
            "31 December 2024",
            "8 November",
            "Jazz night",
            "12 Nov",
            "Bus route 12",
            "April 2024",
            "founded 1887",
            "every Monday morning",
            "Share on social media",
        ],
    ),
    "vineyard-frost.html": dict(
        date="2024-04-24",
        title="Late frost hits valley vineyards",
        url="https://valleyrecord.example/2024/04/late-frost-vineyards",
        body=[
            "Temperatures fell to minus four degrees",
            "Growers lit fires and ran wind machines",
            "It is the worst frost since April 2017",
            "emergency aid at a meeting on 6 May",
            "Forecasters expect milder nights",
        ],
        junk=[
            "Saturday, 27 April 2024",
            "24 April 2024",
            "25 April 2024",
            "· updated",
            "26 April",
            "23 April",
            "19 April",
            "since 2019",
            "Archive since 2001",
            "2001–2024",
            "Cherry growers",
        ],
    ),
    "tram-extension.html": dict(
        date="2022-09-07",
        title="Tram extension to reach Old Port by 2026",
        url="https://cittadaily.example/city/tram-extension-old-port",
        body=[
            "The city council approved on Tuesday",
            "Construction will start in March 2023",
            "The project will cost 64 million euros",
            "We waited seven years for this",
            "Public consultations on the route",
        ],
        junk=[
            "August 2022",
            "July 2022",
            "08.09.2022",
            "9 September 2022",
            "30 September",
            "20 August",
            "18 July",
            "Registered 1998",
            "By Lucía",
        ],
    ),
}


def load(name):
    data = (S / name).read_bytes()
    return data


def score(text, t):
    text = text or ""
    flat = " ".join(text.split())
    got = sum(1 for b in t["body"] if b in flat)
    leaked = [j for j in t["junk"] if j in flat]
    return got, len(t["body"]), leaked


def decode(data):
    m = re.search(rb'charset=["\']?([\w-]+)', data[:2048])
    enc = m.group(1).decode() if m else "utf-8"
    return data.decode(enc)


def ex_traf(html, **kw):
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=False, **kw)


def ex_readability(html):
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content()


def ex_justext(html):
    import justext

    paras = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


EXTRACTORS = {
    "trafilatura (default)": lambda h: ex_traf(h),
    "trafilatura favor_precision": lambda h: ex_traf(h, favor_precision=True),
    "trafilatura favor_recall": lambda h: ex_traf(h, favor_recall=True),
    "readability-lxml": ex_readability,
    "jusText": ex_justext,
}


def d_htmldate_fast(h):
    from htmldate import find_date

    return find_date(
        h, extensive_search=False, original_date=True, min_date="1900-01-01", max_date="2100-12-31"
    )


def d_htmldate_ext(h):
    from htmldate import find_date

    return find_date(
        h, extensive_search=True, original_date=True, min_date="1900-01-01", max_date="2100-12-31"
    )


def d_htmldate_default(h):
    from htmldate import find_date

    return find_date(h)


def d_traf_meta(h):
    import trafilatura

    doc = trafilatura.bare_extraction(h, with_metadata=True)
    return doc.date if doc else None


DATERS = {
    "htmldate extensive_search=False, original_date=True": d_htmldate_fast,
    "htmldate extensive_search=True, original_date=True": d_htmldate_ext,
    "htmldate defaults": d_htmldate_default,
    "trafilatura metadata (htmldate inside)": d_traf_meta,
}
try:
    sys.path.insert(0, str(ROOT))
    from timeline.ingest.html_meta import read_metadata

    DATERS["own metadata reader"] = lambda h: (
        lambda m: m.published.isoformat() if m.published else None
    )(read_metadata(lxml.html.document_fromstring(h)))
except Exception as e:
    print("no own reader yet", e)

pages = {n: decode(load(n)) for n in TRUTH}


def strip_meta(h):
    h = re.sub(r'<meta (property|name)="(article:|DC\.|date)[^>]*>', "", h)
    h = re.sub(r'<script type="application/ld\+json">.*?</script>', "", h, flags=re.S)
    return h.replace(" pubdate>", ">")


date_pages = dict(pages)
ACCEPT = {n: {TRUTH[n]["date"]} for n in TRUTH}
for n in TRUTH:
    date_pages["nometa-" + n] = strip_meta(pages[n])
    ACCEPT["nometa-" + n] = {None, TRUTH[n]["date"]}
for f in list(EXTRACTORS.values()) + list(DATERS.values()):
    f(pages["ferry-strike.html"])  # warm imports

print("| main text | body paragraphs found | boilerplate leaked | ms/page |\n|---|---|---|---|")
for name, f in EXTRACTORS.items():
    got = tot = 0
    leaks = []
    t0 = time.perf_counter()
    for n, h in pages.items():
        g, total, leaked = score(f(h), TRUTH[n])
        got += g
        tot += total
        leaks += [f"{n.split('-')[0]}:{x}" for x in leaked]
    ms = (time.perf_counter() - t0) * 1000 / len(pages)
    print(f"| {name} | {got}/{tot} | {len(leaks)} {leaks} | {ms:.1f} |")
print()
print("| publication date | correct | wrong answers | ms/page |\n|---|---|---|---|")
for name, f in DATERS.items():
    t0 = time.perf_counter()
    answers = {n: f(h) for n, h in date_pages.items()}
    ms = (time.perf_counter() - t0) * 1000 / len(date_pages)
    ok = sum(answers[n] in ACCEPT[n] for n in date_pages)
    wrong = {n: a for n, a in answers.items() if a not in ACCEPT[n]}
    print(f"| {name} | {ok}/{len(date_pages)} | wrong: {wrong} | {ms:.1f} |")
print()
for n, h in pages.items():
    doc = __import__("trafilatura").bare_extraction(h, with_metadata=True)
    print(
        n,
        "title ok" if doc.title == TRUTH[n]["title"] else f"title={doc.title!r}",
        "url ok" if doc.url == TRUTH[n]["url"] else f"url={doc.url!r}",
    )
