"""Traditional -> Simplified: OpenCC, then same-length phrase fixes from data/script_fixes.tsv."""

import pytest
from policytext.parsing.script import detect_script, phrase_fixes, to_simplified


def test_zhuoli_becomes_the_standard_form_after_conversion():
    assert to_simplified("努力攻克一批關鍵核心技術,著力打造西部地區創新高地") == (
        "努力攻克一批关键核心技术,着力打造西部地区创新高地"
    )


def test_zhu_meaning_author_or_notable_is_left_alone():
    assert to_simplified("顯著提升著作權保護,隨著改革") == "显著提升著作权保护,随着改革"


def test_every_fix_keeps_the_length_so_offsets_stay_valid():
    for source, target in phrase_fixes().items():
        assert len(source) == len(target) and source != target
    text = "圍繞著目標,本著原則,著眼長遠"
    assert len(to_simplified(text)) == len(text)


def test_the_traditional_seed_reads_as_standard_simplified(corpus):
    raw = corpus.documents.set_index("doc_id").loc["cd-bureau-2023", "text"]
    converted = to_simplified(raw)
    assert "着力打造西部地区创新高地" in converted and "著力" not in converted
    assert len(converted) == len(raw)


def test_phrase_fixes_do_not_make_a_simplified_text_look_traditional():
    assert detect_script("著力打造创新高地,随著发展") == "Simplified"


def test_a_fix_that_changes_the_length_is_refused(monkeypatch):
    import policytext.parsing.script as script

    monkeypatch.setattr(script, "rows", lambda name: [["甚麼", "什么呢", "bad"]])
    script.phrase_fixes.cache_clear()
    try:
        with pytest.raises(ValueError, match="script_fixes.tsv: '甚麼' -> '什么呢' must keep the length"):
            script.phrase_fixes()
    finally:
        script.phrase_fixes.cache_clear()
