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
