import csv
import json

import pytest

from newsgraph.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer
from tests.store.helpers import ukraine_record


@pytest.fixture()
def kb(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb.db")
    Writer(kb.conn, "t").write([ukraine_record("a1", url="https://news.example/a1"), ukraine_record("a2", "Zelensky", "2025-04-01")])
    yield kb
    kb.close()


def test_jsonl_is_the_contract_shape(kb, tmp_path):
    kb.export("jsonl", tmp_path / "out.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows[0] == ukraine_record("a1", url="https://news.example/a1")
    kb.export("jsonl", tmp_path / "since.jsonl", since="2025-03-01")
    assert [json.loads(x)["article"]["id"] for x in (tmp_path / "since.jsonl").read_text().splitlines()] == ["a2"]


def test_csv_one_file_per_kind(kb, tmp_path):
    counts = kb.export("csv", tmp_path / "csv")
    assert counts["quotes"] == 2 and counts["events"] == 2
    with open(tmp_path / "csv" / "events.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["type"] == "ASSAULT" and rows[0]["cameo"] == "195"
    assert (tmp_path / "csv" / "corpus_entities.csv").is_file()


def test_parquet_one_file_per_kind(kb, tmp_path):
    import pyarrow.parquet as pq

    kb.export("parquet", tmp_path / "pq")
    figures = pq.read_table(tmp_path / "pq" / "figures.parquet")
    assert figures.num_rows == 2 and figures.column("value").to_pylist() == [12.0, 12.0]
    assert pq.read_table(tmp_path / "pq" / "failures.parquet").num_rows == 0


def test_gkg_rows_parse_by_the_codebook(kb, tmp_path):
    kb.export("gkg", tmp_path / "out.gkg")
    lines = (tmp_path / "out.gkg").read_text().splitlines()
    assert len(lines) == 2
    row = dict(zip(GKG_COLUMNS, lines[0].split("\t")))
    assert len(lines[0].split("\t")) == 27
    text = kb.show("a1")["article"]["text"]
    assert row["GKGRECORDID"].startswith("20250212000000-") and row["V2.1DATE"] == "20250212000000"
    assert row["V2SOURCECOLLECTIONIDENTIFIER"] == "1" and row["V2DOCUMENTIDENTIFIER"] == "https://news.example/a1"
    ctype, number, obj, *_, offset = row["V2.1COUNTS"].split("#")
    assert (ctype, number) == ("KILL", "12") and text[int(offset):].startswith("12 people")
    assert len(row["V2.1COUNTS"].split("#")) == 11 and len(row["V1COUNTS"].split("#")) == 10
    loc = row["V2ENHANCEDLOCATIONS"].split("#")
    assert len(loc) == 9 and loc[0] == "4" and loc[1] == "Kharkiv" and loc[2] == "UA" and loc[7] == "706483"
    assert len(row["V1LOCATIONS"].split("#")) == 7
    for block in row["V2ENHANCEDPERSONS"].split(";"):
        name, off = block.rsplit(",", 1)
        assert name == "Volodymyr Zelenskyy" and text[int(off):].startswith(("Volodymyr Zelenskyy", "Zelenskyy"))
    assert row["V1PERSONS"] == "Volodymyr Zelenskyy" and row["V1ORGANIZATIONS"] == ""
    assert row["V2.1ENHANCEDDATES"].split("#")[:4] == ["4", "2", "12", "2025"]
    off, length, verb, quote = row["V2.1QUOTATIONS"].split("|")
    assert text[int(off):int(off) + int(length)] == quote == "the shelling must stop" and verb == "said"
    amount, obj, off = row["V2.1AMOUNTS"].split(",")
    assert float(amount) == 12 and obj == "people"
    assert {n.rsplit(",", 1)[0] for n in row["V2.1ALLNAMES"].split(";")} == {"Volodymyr Zelenskyy", "Russian", "Kharkiv"}
    tone = row["V1.5TONE"].split(",")
    assert len(tone) == 7 and int(tone[6]) > 0 and float(tone[3]) >= 0
    assert row["V2.1TRANSLATIONINFO"] == ""
    assert row["V2EXTRASXML"] == "<PAGE_TITLE>Zelenskyy speaks</PAGE_TITLE>"


def test_events_rows(kb, tmp_path):
    kb.export("events", tmp_path / "out.tsv")
    lines = (tmp_path / "out.tsv").read_text().splitlines()
    row = dict(zip(EVENT_COLUMNS, lines[0].split("\t")))
    assert len(EVENT_COLUMNS) == 61 and len(lines[0].split("\t")) == 61
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20250212", "202502", "2025")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("195", "195", "19")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-10.0")
    assert row["Actor1CountryCode"] == "RUS" and row["Actor1Name"] == "RUSSIAN FORCES" and row["Actor2CountryCode"] == "UKR"
    assert row["ActionGeo_FullName"] == "Kharkiv" and row["ActionGeo_Lat"] == "49.98" and row["IsRootEvent"] == "1"
    assert row["SOURCEURL"] == "https://news.example/a1"


def test_unknown_format_and_stdout_directory_are_errors(kb):
    from newsgraph.errors import ConfigError

    with pytest.raises(ConfigError):
        kb.export("xml", "x")
    with pytest.raises(ConfigError):
        kb.export("csv", "-")


def test_gkg_quotations_are_statements_and_names_are_names():
    from newsgraph.export.gdelt import gkg_row

    text = "Ana Lind said the pier was unsafe. She plans to rebuild it."
    record = {
        "article": {"id": "a", "text": text, "published": "2025-02-12"},
        "entities": [{"id": "e1", "type": "PERSON", "name": "Ana Lind", "mentions": [[0, 8], [35, 38]]}],
        "quotes": [
            {"id": "q1", "kind": "indirect", "span": [14, 33], "cue": "said", "act": "statement"},
            {"id": "q2", "kind": "indirect", "span": [45, 58], "cue": "plans", "act": "intention"},
        ],
    }
    row = gkg_row(record, 1)
    assert "the pier was unsafe" in "\t".join(row) and "rebuild it" not in "\t".join(row)
    assert "Ana Lind,35" not in "\t".join(row) and "Ana Lind,0" in "\t".join(row)


def test_an_incident_is_one_events_row_and_each_report_a_mention(tmp_path):
    from newsgraph.export import FORMATS
    from newsgraph.cli_store import EXPORT_FORMATS
    from newsgraph.export.gdelt import MENTION_COLUMNS

    assert EXPORT_FORMATS == list(FORMATS)
    kb = KnowledgeBase(tmp_path / "kb.db")
    # a wire copy (same text, another outlet's URL) and an unrelated report weeks later
    copies = [ukraine_record("a1", url="https://news.example/a1"), ukraine_record("a3", url="https://other.example/a3")]
    for rec in copies:  # long enough to fingerprint (appended: every span still indexes the text)
        rec["article"]["text"] += (" Emergency crews searched the rubble of two apartment blocks and a school in the north of the"
                                   " city until dawn, the regional governor wrote on his official channel.")
    Writer(kb.conn, "t").write(copies + [ukraine_record("a2", "Zelensky", "2025-04-01", url="https://news.example/a2")])
    kb.export("events", tmp_path / "events.tsv")
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"))) for line in (tmp_path / "events.tsv").read_text().splitlines()]
    assert len(rows) == 2  # the incident once, the April event once
    first = next(r for r in rows if r["Day"] == "20250212")
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == ("2", "1", "2")  # one story: a copy is no new source
    assert first["SOURCEURL"] == "https://news.example/a1"
    april = next(r for r in rows if r["Day"] == "20250401")
    assert (april["NumMentions"], april["NumSources"], april["NumArticles"]) == ("1", "1", "1")
    kb.export("mentions", tmp_path / "mentions.tsv")
    mentions = [dict(zip(MENTION_COLUMNS, line.split("\t"))) for line in (tmp_path / "mentions.tsv").read_text().splitlines()]
    assert len(mentions) == 3 and all(len(m) == 16 for m in mentions)
    reports = [m for m in mentions if m["GlobalEventID"] == first["GlobalEventID"]]
    assert sorted(m["MentionIdentifier"] for m in reports) == ["https://news.example/a1", "https://other.example/a3"]
    text = kb.show("a3")["article"]["text"]
    for m in reports:
        assert m["EventTimeDate"] == "20250212000000" and m["MentionType"] == "1" and m["InRawText"] == "1"
        assert text[int(m["ActionCharOffset"]):].startswith("shelled") and m["Actor1CharOffset"] == "-1"
        assert m["SentenceID"] == "2" and m["Confidence"] == "80" and m["MentionDocLen"] == str(len(text))
    assert {m["MentionSourceName"] for m in reports} == {"Fictional Wire"}
    kb.close()
