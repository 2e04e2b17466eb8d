"""GDELT-style exports: GKG 2.1 rows (27 tab-separated columns in GDELT's
own field syntax) and Event 2.0 rows (61 columns), one per article / event.

What newsgraph cannot fill stays empty, as GDELT leaves it: themes, GCAM,
images. Tone comes from the VADER lexicon (``tone.py``).
Country codes are ISO 3166-1 alpha-2 where GDELT writes FIPS 10-4.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from typing import IO, Any, Iterable, Mapping

import pycountry

from ..lexicons import read_tsv
from ..store.queries import full_record
from .tone import tone

__all__ = ["GKG_COLUMNS", "EVENT_COLUMNS", "MENTION_COLUMNS", "gkg_row", "event_rows", "mention_rows", "export_gkg", "export_events",
           "export_mentions"]

GKG_COLUMNS = [
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
]
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
EVENT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
# figure categories -> GDELT count types
_COUNT_TYPES = {"killed": "KILL", "injured": "WOUND", "wounded": "WOUND", "arrested": "ARREST", "detained": "ARREST",
                "kidnapped": "KIDNAP", "displaced": "DISPLACED", "evacuated": "EVACUATION", "protesters": "PROTEST",
                "sickened": "SICKENED", "affected": "AFFECT"}
_PERSON_TYPES = {"PERSON"}
_ORG_TYPES = {"ORG"}
_CLEAN = re.compile(r"[\t\r\n]+")


def _clean(text: Any, drop: str = "") -> str:
    s = _CLEAN.sub(" ", "" if text is None else str(text))
    for c in drop:
        s = s.replace(c, " ")
    return s.strip()


@functools.lru_cache(maxsize=512)
def _alpha2(alpha3: str | None) -> str:
    if not alpha3:
        return ""
    c = pycountry.countries.get(alpha_3=alpha3)
    return c.alpha_2 if c else ""


@functools.lru_cache(maxsize=1)
def _roots() -> dict[str, tuple[int, float]]:
    return {r["root"]: (int(r["quad"]), float(r["goldstein"])) for r in read_tsv("cameo_roots.tsv")}


def _stamp(value: str | None) -> str:
    """'2025-02-12' or an ISO datetime -> '20250212000000' ('' when unparseable)."""
    if not value:
        return ""
    try:
        d = dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value else dt.datetime.fromisoformat(value[:10])
    except ValueError:
        return ""
    return d.strftime("%Y%m%d%H%M%S")


def _geo_type(loc: Mapping[str, Any]) -> int:
    feature, us = loc.get("feature"), loc.get("country") == "USA"
    if feature == "country":
        return 1
    if feature in ("admin1", "admin2", "region"):
        return 2 if us else 5
    return 3 if us else 4


#: mentions that the coreference stage adds (pronouns, descriptions) are not
#: where a name occurs: GKG lists names only
_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
                       "they", "them", "their", "themselves"})


def _is_name(text: str) -> bool:
    return text[:1].isupper() and text.lower() not in _PRONOUNS


def _names(ents: Iterable[Mapping[str, Any]], types: set[str] | None, text: str = "") -> tuple[str, str]:
    plain, enhanced = [], []
    for e in ents:
        if types is not None and e["type"] not in types:
            continue
        name = _clean(e["name"], ";,#")
        plain.append(name)
        enhanced += [f"{name},{m[0]}" for m in e.get("mentions", []) if not text or _is_name(text[m[0] : m[1]])]
    return ";".join(dict.fromkeys(plain)), ";".join(enhanced)


def gkg_row(record: Mapping[str, Any], seq: int, added: str | None = None) -> list[str]:
    """One GKG 2.1 row (27 fields) for a record in the contract's shape."""
    art = record["article"]
    date = _stamp(art.get("published")) or _stamp(added) or "19700101000000"
    url = art.get("url")
    source = art.get("source") or (re.sub(r"^www\.", "", url.split("/")[2]) if url and url.count("/") >= 2 else "")
    counts1, counts2 = [], []
    for f in record.get("figures", []):
        ctype = _COUNT_TYPES.get(f.get("category") or "")
        if ctype and f.get("value") is not None:
            base = f"{ctype}#{int(f['value'])}#{_clean(f.get('measures') or f.get('unit'), ';#')}#0######"
            counts1.append(base)
            counts2.append(f"{base}#{f['span'][0]}")
    locs1, locs2 = [], []
    for loc in record.get("locations", []):
        if loc.get("roles") and "literal" not in loc["roles"]:
            continue  # only named as "Russian troops" or "Moscow said": not a place the article is set in
        t, cc = _geo_type(loc), _alpha2(loc.get("country"))
        lat, lon = ("" if loc.get("lat") is None else loc["lat"]), ("" if loc.get("lon") is None else loc["lon"])
        fid, name = loc.get("geonameid") or "", _clean(loc.get("name"), ";#")
        locs1.append(f"{t}#{name}#{cc}##{lat}#{lon}#{fid}")
        literal = [m for m, r in zip(loc.get("mentions") or (), loc.get("roles") or ["literal"] * len(loc.get("mentions") or ())) if r == "literal"]
        offset = literal[0][0] if literal else ""
        locs2.append(f"{t}#{name}#{cc}###{lat}#{lon}#{fid}#{offset}")
    ents = record.get("entities", [])
    body = art.get("text") or ""
    persons, persons2 = _names(ents, _PERSON_TYPES, body)
    orgs, orgs2 = _names(ents, _ORG_TYPES, body)
    _, allnames = _names(ents, None, body)
    dates = []
    for d in record.get("dates", []):
        v, g = d.get("value") or "", d.get("granularity")
        m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", v)
        if not m:
            continue
        y, mo, day = m.group(1), m.group(2) or "0", m.group(3) or "0"
        res = 4 if (g == "day" and m.group(3)) else 2 if m.group(2) else 1
        dates.append(f"{res}#{int(mo)}#{int(day)}#{y}#{d['span'][0]}")
    quotes = []
    text = art.get("text") or ""
    for q in record.get("quotes", []):
        if (q.get("act") or "statement") != "statement":
            continue  # GKG quotations are who said what: beliefs, intentions, findings stay out
        s, e = q["span"]
        quotes.append(f"{s}|{e - s}|{_clean(q.get('cue'), '|#')}|{_clean(text[s:e], '|#')}")
    amounts = [f"{f['value']},{_clean(f.get('unit') or f.get('measures'), ',;')},{f['span'][0]}"
               for f in record.get("figures", []) if f.get("value") is not None]
    lang = art.get("language") or "en"
    translation = "" if lang == "en" else f"srclc:{_lang3(lang)};eng:"
    extras = f"<PAGE_TITLE>{_clean(art.get('title'), '<>')}</PAGE_TITLE>" if art.get("title") else ""
    row = [
        f"{date}-{seq}", date, "1" if url else "2", _clean(source), _clean(url or art.get("id")),
        ";".join(counts1), ";".join(counts2), "", "", ";".join(locs1), ";".join(locs2),
        persons, persons2, orgs, orgs2, tone(text).gkg(), ";".join(dates), "", "", "", "", "",
        "#".join(quotes), allnames, ";".join(amounts), translation, extras,
    ]
    assert len(row) == len(GKG_COLUMNS)
    return row


def _lang3(code: str) -> str:
    lang = pycountry.languages.get(alpha_2=code[:2]) if len(code) >= 2 else None
    return getattr(lang, "alpha_3", code) if lang else code


def event_rows(record: Mapping[str, Any], event_ids: Mapping[str, int], added: str | None = None,
               counts: Mapping[str, tuple[int, int, int]] | None = None) -> list[list[str]]:
    """GDELT Event 2.0 rows (61 fields) for a record's coded, non-negated
    events whose local id is in ``event_ids``; ``counts``: local id ->
    (NumMentions, NumSources, NumArticles) of its incident (else 1, 1, 1)."""
    art = record["article"]
    text = art.get("text") or ""
    lead_end = text.find("\n\n") if "\n\n" in text else min(len(text), 600)
    locs = {loc["id"]: loc for loc in record.get("locations", [])}
    rows = []
    avg_tone = f"{tone(text).tone:.4f}" if record.get("events") else ""
    for v in record.get("events", []):
        cameo = (v.get("cameo") or "").strip()
        if not cameo or v.get("negated") or v["id"] not in event_ids:
            continue
        day = _stamp(v.get("date")) or _stamp(art.get("published")) or _stamp(added)
        if not day:
            continue
        d = dt.datetime.strptime(day[:8], "%Y%m%d")
        quad, goldstein = _roots().get(cameo[:2], ("", ""))
        actors = []
        for a in (v.get("actor"), v.get("target")):
            if not a:
                actors += [""] * len(_ACTOR)
                continue
            code = a.get("country") or ""
            actors += [code, _clean(a.get("text")).upper(), code] + [""] * (len(_ACTOR) - 3)
        geo = [""] * len(_GEO)
        loc = locs.get(v.get("location") or "")
        if loc:
            geo = [str(_geo_type(loc)), _clean(loc.get("name")), _alpha2(loc.get("country")), "", "",
                   "" if loc.get("lat") is None else str(loc["lat"]), "" if loc.get("lon") is None else str(loc["lon"]),
                   str(loc.get("geonameid") or "")]
        row = [
            str(event_ids[v["id"]]), day[:8], day[:6], day[:4], f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}",
            *actors,
            "1" if v["span"][0] < lead_end else "0", cameo, cameo[:3], cameo[:2], str(quad), str(goldstein),
            *map(str, (counts or {}).get(v["id"], (1, 1, 1))), avg_tone,
            *([""] * len(_GEO)), *([""] * len(_GEO)), *geo,
            _stamp(added) or day, _clean(art.get("url") or art.get("id")),
        ]
        assert len(row) == len(EVENT_COLUMNS)
        rows.append(row)
    return rows


def _articles(conn: sqlite3.Connection, since: str | None):
    sql = "SELECT id, text, record, ingested_at FROM articles" + (" WHERE published >= ?" if since else "") + " ORDER BY id"
    return conn.execute(sql, (since,) if since else ())


def export_gkg(conn: sqlite3.Connection, out: IO[str], since: str | None = None) -> int:
    n = 0
    for row in _articles(conn, since):
        out.write("\t".join(gkg_row(full_record(row["record"], row["text"]), row["id"], row["ingested_at"])) + "\n")
        n += 1
    return n


def export_events(conn: sqlite3.Connection, out: IO[str], since: str | None = None) -> int:
    """One row per real-world event: an incident told by several articles is
    one row, its first report's, with NumMentions / NumSources / NumArticles
    counted over every report (sources: independent stories, not wire copies);
    its other reports are its rows in the Mentions export."""
    n = 0
    groups = _incident_counts(conn)
    for row in _articles(conn, since):
        ids, counts = {}, {}
        for local, eid, incident in conn.execute(
                "SELECT e.local_id, e.id, ei.incident FROM events e LEFT JOIN event_incident ei ON ei.event_id = e.id"
                " WHERE e.article_id = ?", (row["id"],)):
            if incident is None or incident == eid:
                ids[local] = eid
                counts[local] = groups.get(eid, (1, 1, 1))
        if not ids:
            continue
        for line in event_rows(full_record(row["record"], row["text"]), ids, row["ingested_at"], counts):
            out.write("\t".join(line) + "\n")
            n += 1
    return n


def _incident_counts(conn: sqlite3.Connection) -> dict[int, tuple[int, int, int]]:
    """incident (its first event's id) -> (mentions, sources, articles)."""
    return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
        "SELECT ei.incident, COUNT(*), COUNT(DISTINCT COALESCE(st.story, e.article_id)), COUNT(DISTINCT e.article_id)"
        " FROM event_incident ei JOIN events e ON e.id = ei.event_id LEFT JOIN article_story st ON st.article_id = e.article_id"
        " GROUP BY ei.incident")}


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def mention_rows(record: Mapping[str, Any], event_ids: Mapping[str, int], event_days: Mapping[str, str],
                 added: str | None = None) -> list[list[str]]:
    """GDELT Mentions 2.0 rows (16 fields), one per coded, non-negated event
    of the record: ``event_ids`` maps its local id to the GlobalEventID of the
    event (its incident's) and ``event_days`` to that event's time."""
    art = record["article"]
    text = art.get("text") or ""
    doc_tone = f"{tone(text).tone:.4f}" if text else ""
    mention_time = _stamp(art.get("published")) or _stamp(added)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    rows = []
    for v in record.get("events", []):
        if not (v.get("cameo") or "").strip() or v.get("negated") or v["id"] not in event_ids:
            continue
        start = v["span"][0]
        offsets = [(a or {}).get("span") for a in (v.get("actor"), v.get("target"))] + [v.get("trigger_span") or v["span"]]
        confidence = v.get("confidence")
        row = [
            str(event_ids[v["id"]]), event_days.get(v["id"]) or mention_time, mention_time, "1",
            _clean(art.get("source") or _host(art.get("url"))), _clean(art.get("url") or art.get("id")),
            str(1 + sum(1 for e in ends if e <= start)),
            *[str(o[0]) if o else "-1" for o in offsets],
            "1", str(round(100 * confidence)) if confidence is not None else "", str(len(text)), doc_tone, "", "",
        ]
        assert len(row) == len(MENTION_COLUMNS)
        rows.append(row)
    return rows


def _host(url: str | None) -> str:
    if not url:
        return ""
    return re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url).split("/")[0])


def export_mentions(conn: sqlite3.Connection, out: IO[str], since: str | None = None) -> int:
    """Every report of every event, GDELT Mentions 2.0: an incident's reports
    all carry its GlobalEventID (the Events export's row) with their own
    article, offsets and confidence."""
    n = 0
    firsts = {}  # incident -> its first report's time
    for row in _articles(conn, since):
        ids, days = {}, {}
        for local, eid, incident, published, added in conn.execute(
                "SELECT e.local_id, e.id, ei.incident, fa.published, fa.ingested_at FROM events e"
                " LEFT JOIN event_incident ei ON ei.event_id = e.id LEFT JOIN events f ON f.id = ei.incident"
                " LEFT JOIN articles fa ON fa.id = f.article_id WHERE e.article_id = ?", (row["id"],)):
            ids[local] = incident or eid
            if incident is not None:
                days[local] = firsts.setdefault(incident, _stamp(published) or _stamp(added))
        if not ids:
            continue
        for line in mention_rows(full_record(row["record"], row["text"]), ids, days, row["ingested_at"]):
            out.write("\t".join(line) + "\n")
            n += 1
    return n
