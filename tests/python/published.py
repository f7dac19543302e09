"""Checks what vacancy-search publishes with real parsers; used by tests/board.rs.

Run with Debian's /usr/bin/python3 (python3-feedparser, python3-icalendar, python3-html5lib):

    published.py atom FILE      feedparser's reading of an Atom feed, plus RFC 4287 checks
    published.py ics FILE       icalendar's reading of a calendar, plus RFC 5545 checks
    published.py html FILE      a strict HTML5 parse (html5lib), and the JSON-LD blocks
    published.py sitemap FILE   the <loc>s of a sitemap or sitemap index

Prints one JSON object; exits 2 with a message when a module is missing, 1 when a check fails.
"""

import json
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def need(module):
    try:
        return __import__(module)
    except ImportError:
        print(f"missing python module {module}", file=sys.stderr)
        sys.exit(2)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def one(parent, tag, where):
    found = parent.findall(ATOM + tag)
    if len(found) != 1:
        fail(f"{where}: {len(found)} <{tag}> elements, RFC 4287 wants exactly one")
    return found[0]


def rfc3339(text, where):
    from datetime import datetime

    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{where}: {text!r} is not an RFC 3339 date-time")
    if not (text.endswith("Z") or text[-6] in "+-") or "T" not in text:
        fail(f"{where}: {text!r} lacks a time zone or a time")


def atom(path):
    feedparser = need("feedparser")
    data = open(path, "rb").read()
    root = ET.fromstring(data)
    if root.tag != ATOM + "feed":
        fail(f"root is {root.tag}")
    # RFC 4287 4.1.1: one id, title, updated; an author unless every entry has one.
    for tag in ("id", "title", "updated"):
        one(root, tag, "feed")
    rfc3339(one(root, "updated", "feed").text, "feed updated")
    if not root.findall(ATOM + "author"):
        fail("feed: no author")
    if not [l for l in root.findall(ATOM + "link") if l.get("rel") == "self"]:
        fail("feed: no rel=self link")
    ids = []
    for n, entry in enumerate(root.findall(ATOM + "entry")):
        where = f"entry {n}"
        for tag in ("id", "title", "updated"):
            one(entry, tag, where)
        rfc3339(one(entry, "updated", where).text, where + " updated")
        ids.append(one(entry, "id", where).text)
        alternates = [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1:
            fail(f"{where}: {len(alternates)} alternate links")
    if len(set(ids)) != len(ids):
        fail("entry ids repeat")

    parsed = feedparser.parse(data)
    if parsed.bozo:
        fail(f"feedparser: {parsed.bozo_exception}")
    print(json.dumps({
        "version": parsed.version,
        "title": parsed.feed.get("title"),
        "updated": parsed.feed.get("updated"),
        "self": [l["href"] for l in parsed.feed.get("links", []) if l.get("rel") == "self"],
        "entries": [{
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "updated": e.get("updated"),
            "summary": e.get("summary"),
            "author": e.get("author"),
        } for e in parsed.entries],
    }))


def ics(path):
    icalendar = need("icalendar")
    data = open(path, "rb").read()
    # RFC 5545 3.1: CRLF line ends, lines of at most 75 octets.
    if not data.endswith(b"\r\n"):
        fail("does not end with CRLF")
    for n, line in enumerate(data.split(b"\r\n")[:-1]):
        if b"\n" in line or b"\r" in line:
            fail(f"line {n}: a bare line break")
        if len(line) > 75:
            fail(f"line {n}: {len(line)} octets")
        line.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(data)
    for prop in ("PRODID", "VERSION"):
        if prop not in calendar:
            fail(f"VCALENDAR without {prop}")
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    if len(events) != 1:
        fail(f"{len(events)} VEVENTs")
    event = events[0]
    for prop in ("UID", "DTSTAMP", "DTSTART"):
        if prop not in event:
            fail(f"VEVENT without {prop}")
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    print(json.dumps({
        "uid": str(event["UID"]),
        "dtstamp": event.decoded("DTSTAMP").isoformat(),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "start_is_date": type(start).__name__ == "date",
        "summary": str(event["SUMMARY"]),
        "description": str(event["DESCRIPTION"]),
        "url": str(event["URL"]),
    }))


def html(path):
    html5lib = need("html5lib")
    data = open(path, "rb").read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        doc = parser.parse(data)
    except Exception as e:  # html5lib raises ParseError on the first error in strict mode
        fail(f"html5lib: {e}")
    blocks = [json.loads(s.text) for s in doc.iter("script") if s.get("type") == "application/ld+json"]
    print(json.dumps({
        "lang": doc.get("lang"),
        "title": (doc.find(".//title").text if doc.find(".//title") is not None else None),
        "canonical": [l.get("href") for l in doc.iter("link") if l.get("rel") == "canonical"],
        "og": {m.get("property"): m.get("content") for m in doc.iter("meta") if m.get("property")},
        "jsonld": blocks,
    }))


def sitemap(path):
    root = ET.fromstring(open(path, "rb").read())
    kind = root.tag.replace(SITEMAP, "")
    if kind not in ("urlset", "sitemapindex"):
        fail(f"root is {root.tag}")
    child = "url" if kind == "urlset" else "sitemap"
    locs = [e.find(SITEMAP + "loc").text for e in root.findall(SITEMAP + child)]
    print(json.dumps({"kind": kind, "locs": locs}))


if __name__ == "__main__":
    {"atom": atom, "ics": ics, "html": html, "sitemap": sitemap}[sys.argv[1]](sys.argv[2])
