"""Structure against the gold: articles, sections, numbered clauses, paragraphs; ids and offsets."""

import json

import pytest
from support import GOLD

GOLD_FILES = sorted((GOLD / "parse").glob("*.json"))


@pytest.fixture(scope="module")
def tables(seed_tables):
    return seed_tables


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_articles_sections_clauses_and_paragraphs_match_the_gold(tables, path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc_id = tables.documents.set_index("file").loc[gold["file"], "doc_id"]
    parsed = tables.parsed[doc_id]
    s = parsed.structure
    assert len(parsed.cleaned.articles) == len(gold["articles"])
    for number, g in enumerate(gold["articles"], start=1):
        article = parsed.cleaned.articles[number - 1]
        assert article.title.startswith(g["title"] or "")
        assert list(s.sections.loc[s.sections["article"] == number, "heading"]) == g["sections"]
        clauses = s.clauses[s.clauses["article"] == number]
        assert int((clauses["kind"] == "numbered").sum()) == g["numbered_clauses"]
        paragraphs = s.paragraphs[(s.paragraphs["article"] == number)]
        assert int(paragraphs["role"].isin(["body", "clause"]).sum()) == g["paragraphs"]


def test_clause_and_sentence_offsets_point_at_their_text(tables):
    for parsed in tables.parsed.values():
        for table in (parsed.structure.clauses, parsed.structure.sentences, parsed.structure.sections):
            for start, end, text in table[["start", "end", "text" if "text" in table else "heading"]].itertuples(
                index=False
            ):
                if "text" in table:
                    assert parsed.simplified[start:end] == text
                else:
                    assert text in parsed.simplified[start:end]


def test_ids_are_unique_and_stable(tables):
    clauses = tables.clauses
    assert clauses["clause_id"].is_unique and tables.sentences["sentence_id"].is_unique
    assert "cq-reply-2023/a1/s2/c3" in set(clauses["clause_id"])
    row = clauses.set_index("clause_id").loc["cq-reply-2023/a1/s2/c3"]
    assert row["label"] == "(二)" and row["heading"] == "进一步推进产学研协同创新"
    assert row["section_path"] == "二、下一步工作打算"


def test_inline_enumeration_becomes_clauses(tables):
    c = tables.clauses[tables.clauses["section_path"] == "5.打造创新人才队伍"]
    assert list(c["label"]) == ["一是", "二是", "三是", "四是"]
    assert c.iloc[1]["text"].startswith("二是设立博士和博士后创新创业基金")


def test_label_line_takes_its_paragraph(tables):
    c = tables.clauses.set_index("clause_id").loc["cq-theory-2023/a1/s1/c1"]
    assert c["label"] == "(1)" and c["heading"] == "开展重点领域创新"
    assert "\n聚焦大数据、人工智能" in c["text"]


def test_every_sentence_belongs_to_a_clause_and_covers_the_body(tables):
    for doc_id, parsed in tables.parsed.items():
        sentences = parsed.structure.sentences
        covered = sum(len(t) for t in sentences["text"])
        headings = parsed.structure.sections
        heading_chars = sum(e - s for s, e in headings[["start", "end"]].itertuples(index=False))
        body_chars = len(parsed.simplified.replace("\n", ""))
        assert covered + heading_chars == body_chars, doc_id


def _parse(text):
    from policytext.parsing.clean import clean
    from policytext.parsing.structure import parse_structure

    cleaned = clean(text)
    return cleaned, parse_structure("doc", cleaned)


def test_numbered_items_that_are_provisions_are_clauses_with_their_sentences():
    text = ("关于支持科技企业孵化器发展的若干措施\n\n为加快孵化器发展，制定以下措施。\n\n"
            "一、对新认定的国家级孵化器给予100万元奖励。\n\n二、对新认定的省级孵化器给予50万元奖励。\n\n"
            "三、本措施自2024年1月1日起施行，由市科技局负责解释。\n")
    _, s = _parse(text)
    assert s.sections.empty
    items = s.clauses[s.clauses["label"] != ""]
    assert list(items["label"]) == ["一、", "二、", "三、"]
    assert list(items["kind"]) == ["numbered"] * 3
    assert "一、对新认定的国家级孵化器给予100万元奖励。" in set(s.sentences["text"])


def test_a_numbered_line_with_a_body_after_it_stays_a_heading():
    text = ("关于加快科技创新的意见\n\n一、坚持创新驱动发展，加快建设科技强市。\n\n各区要把科技创新摆在核心位置。\n\n"
            "二、主要任务\n\n（一）加强研发投入。支持企业建设研发机构。\n")
    _, s = _parse(text)
    assert list(s.sections["label"]) == ["一、", "二、"]
    assert list(s.sections["heading"]) == ["坚持创新驱动发展，加快建设科技强市", "主要任务"]
    assert list(s.clauses["section_path"]) == ["一、坚持创新驱动发展，加快建设科技强市", "二、主要任务"]


def test_after_provision_items_a_closing_paragraph_is_not_taken_for_a_body():
    text = ("若干措施\n\n一、对新认定的国家级孵化器给予100万元奖励。\n\n二、对新认定的省级孵化器给予50万元奖励。\n\n"
            "本措施自2024年1月1日起施行。\n")
    _, s = _parse(text)
    assert s.sections.empty and len(s.clauses) == 3


def _accounted(raw):
    from policytext.parsing.clean import clean
    from policytext.parsing.structure import accounting, parse_structure

    cleaned = clean(raw)
    return accounting(raw, cleaned, parse_structure("doc", cleaned))


def test_every_character_of_each_seed_lands_in_one_place():
    from support import SEED_FILES, SEEDS

    for name in SEED_FILES:
        account = _accounted((SEEDS / name).read_text(encoding="utf-8"))
        assert account.ok, (name, account)
        assert account.clause and account.removed


@pytest.mark.parametrize("name", ["copyright-2020.md", "metrology-2018.md", "spc-eco-damage-2020.md",
                                  "zj-expropriation-2020.md"])
def test_every_character_of_a_real_law_lands_in_one_place(name):
    from policytext.reading.readers import read_text
    from support import DATA

    account = _accounted(read_text(DATA / "law_fixtures" / name).documents[0].text)
    assert account.ok, account
    assert account.raw == account.clause + account.heading + account.removed


def test_accounting_notices_a_dropped_and_a_doubled_character():
    from dataclasses import replace

    from policytext.parsing.clean import clean
    from policytext.parsing.structure import accounting, parse_structure

    raw = "通知\n\n一、总体要求\n\n坚持创新驱动。\n"
    cleaned = clean(raw)
    s = parse_structure("doc", cleaned)
    assert accounting(raw, cleaned, s).ok
    short = replace(s, clauses=s.clauses.assign(end=s.clauses["end"] - 1))
    assert accounting(raw, cleaned, short).dropped == "。"
    double = replace(s, sections=s.sections.assign(end=s.sections["end"] + 2))
    assert accounting(raw, cleaned, double).overlapping


def test_a_short_heading_with_its_body_on_the_same_line_stays_a_heading():
    text = "若干措施\n\n一、总体要求。坚持创新驱动，加快建设科技强市。\n\n二、对新认定的国家级孵化器给予100万元奖励。\n"
    _, s = _parse(text)
    assert list(s.sections["heading"]) == ["总体要求"]
    assert list(s.clauses["label"]) == ["", "二、"]
    assert s.clauses.iloc[0]["text"] == "坚持创新驱动，加快建设科技强市。"
