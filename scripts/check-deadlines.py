#!/usr/bin/env python3
"""Checks closing dates against an independent reading of the feed texts (run by hand).

Usage: python3 scripts/check-deadlines.py FEED.jsonl PARSED.jsonl
  FEED.jsonl   a JSON Lines feed (e.g. ../shared/corpus/unjobs-2024-11-07.jsonl)
  PARSED.jsonl `vacancy parse --json FEED.jsonl` output

Python: any python3 >= 3.8, standard library only.

A record "labels a dated deadline" when a deadline word (closing date, deadline, date de
clôture, date limite, fecha límite, fecha de cierre, apply by/before, expires, applications
close) is followed within 60 characters, without a sentence end, by a date with a year.
The expected closing date is the first such date, read here with its own small parser
(numeric dates: MM/DD when the text says so or the first number is above 12 is impossible
as a month..., else the posting's language: en -> MM/DD for slashes, others DD/MM).
Prints the records where the parser disagrees, then the rate of agreement.
"""
import json
import re
import sys
import unicodedata
from datetime import date

MONTHS = {
    'jan': 1, 'janv': 1, 'janvier': 1, 'january': 1, 'enero': 1, 'ene': 1,
    'feb': 2, 'february': 2, 'fevrier': 2, 'fev': 2, 'fevr': 2, 'febrero': 2,
    'mar': 3, 'march': 3, 'mars': 3, 'marzo': 3,
    'apr': 4, 'april': 4, 'avril': 4, 'avr': 4, 'abril': 4, 'abr': 4,
    'may': 5, 'mai': 5, 'mayo': 5,
    'jun': 6, 'june': 6, 'juin': 6, 'junio': 6,
    'jul': 7, 'july': 7, 'juillet': 7, 'juil': 7, 'julio': 7,
    'aug': 8, 'august': 8, 'aout': 8, 'agosto': 8, 'ago': 8,
    'sep': 9, 'sept': 9, 'september': 9, 'septembre': 9, 'septiembre': 9, 'setiembre': 9,
    'oct': 10, 'october': 10, 'octobre': 10, 'octubre': 10,
    'nov': 11, 'november': 11, 'novembre': 11, 'noviembre': 11,
    'dec': 12, 'december': 12, 'decembre': 12, 'diciembre': 12, 'dic': 12,
}


def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn').lower()


LABEL = re.compile(r"(closing date|deadline|date de cloture|date limite|fecha limite|fecha de cierre"
                   r"|apply by|apply before|expires|applications close)")
M = r"([a-z]{3,9})\.?"
DATE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<num>(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<ny>\d{4}|\d{2})\b)"
    r"|(?P<dmy>(?P<d1>\d{1,2})(?:st|nd|rd|th|er)?\s*(?:of\s+|de\s+)?[-/ ]?" + M.replace('(', '(?P<m1>', 1)
    + r"[-/ ,]*\s*(?:de\s+|del\s+)?(?P<y1>\d{4}))"
    r"|(?P<mdy>" + M.replace('(', '(?P<m2>', 1) + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))"
)


def read(m, lang, text):
    try:
        if m.group('iso'):
            return date(int(m.group('iy')), int(m.group('im')), int(m.group('id')))
        if m.group('num'):
            a, b, y = int(m.group('a')), int(m.group('b')), int(m.group('ny'))
            y = y + 2000 if y < 100 else y
            mmdd = 'mm/dd' in text or (lang == 'en' and '/' in m.group('num'))
            if a > 12:
                mmdd = False
            elif b > 12:
                mmdd = True
            return date(y, a, b) if mmdd else date(y, b, a)
        if m.group('dmy'):
            mo = MONTHS.get(m.group('m1'))
            return mo and date(int(m.group('y1')), mo, int(m.group('d1')))
        if m.group('mdy'):
            mo = MONTHS.get(m.group('m2'))
            return mo and date(int(m.group('y2')), mo, int(m.group('d2')))
    except ValueError:
        return None
    return None


def expected(desc, lang):
    text = fold(desc)
    for lm in LABEL.finditer(text):
        window = text[lm.end():lm.end() + 60]
        for dm in DATE.finditer(window):
            gap = window[:dm.start()]
            if '. ' in gap or '\n\n\n' in gap:
                break
            d = read(dm, lang, text)
            if d and 1990 < d.year < 2100:
                return d, desc[max(0, lm.start() - 20):lm.end() + 70].replace('\n', ' ')
    return None, None


def main():
    feed = [json.loads(l) for l in open(sys.argv[1])]
    parsed = {p['id']: p for p in map(json.loads, open(sys.argv[2]))}
    total = right = 0
    for r in feed:
        p = parsed.get(str(r['id']))
        if not p:
            continue
        want, snippet = expected(r.get('job_desc') or '', p['language'])
        if not want:
            continue
        total += 1
        got = p['closing']
        if got == want.isoformat():
            right += 1
        else:
            print(f"{r['id']}\twant {want}\tgot {got}\t{snippet!r}")
    print(f"{right}/{total} right ({100.0 * right / max(total, 1):.1f}%)")


if __name__ == '__main__':
    main()
