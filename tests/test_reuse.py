"""Text reuse: planted formulations are found with their offsets, unrelated texts share nothing,
formulae everyone uses are boilerplate, and the seeds' known shared formulation is found."""

import random
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import policytext
import pytest
from policytext.pipeline.reuse import (
    _MIX,
    Params,
    find_reuse,
    hash_order,
    matching_forms,
    ngram_hashes,
    normalise,
    reuse_share,
    shared_spans,
)
from policytext.pipeline.tables import parse_corpus

# Characters for filler text that shares no formulation with anything: random draws from common
# policy vocabulary characters, so that segmentation and cleaning treat it as ordinary prose.
POOL = "科技创新人才企业发展建设推进加快支持服务平台体系能力质量产业转化成果研究实验室园区资金项目政策机制改革"
CATALOG = (
    "doc_id,file,sha256,title,publisher,source,region,genre,script,"
    "date_written,date_written_basis,date_published,date_published_basis,url,notes\n"
)


def filler(rng: random.Random, sentences: int) -> list[str]:
    return ["".join(rng.choice(POOL) for _ in range(rng.randint(18, 30))) + "。" for _ in range(sentences)]


def write_corpus(folder, docs: dict[str, tuple[str, str, str]]):
    """docs: doc_id -> (text, region, date_written); writes one .txt each and the catalog."""
    folder.mkdir()
    rows = []
    for doc_id, (text, region, written) in docs.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{doc_id},{doc_id}.txt,,,,,{region},notice,,{written},test,,,,")
    (folder / "catalog.csv").write_text(CATALOG + "\n".join(rows) + "\n", encoding="utf-8")
    return parse_corpus(policytext.load_corpus(folder))


PLANTED = [
    "建设“一带一路”科技创新合作区和国际技术转移中心",  # 24 characters
    "实施企业研发投入后补助政策，对年度研发投入超过500万元的企业给予奖励",
    "打造具有全国影响力的科技创新中心",
    "推动成渝地区双城经济圈建设走深走实，共建西部科学城和成渝综合性科学中心，促进两地创新资源开放共享、高效配置",
]
# How each planted passage is printed in the later document: other punctuation, quotation marks and
# digit widths, and one in Traditional script.
VARIANTS = [
    "建设「一带一路」科技创新合作区和国际技术转移中心",
    "实施企业研发投入后补助政策,对年度研发投入超过５００万元的企业给予奖励",
    "打造具有全国影响力的科技创新中心",
    "推動成渝地區雙城經濟圈建設走深走實，共建西部科學城和成渝綜合性科學中心，促進兩地創新資源開放共享、高效配置",
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    rng = random.Random(7)
    earlier, later = filler(rng, 6), filler(rng, 6)
    for k, (passage, variant) in enumerate(zip(PLANTED, VARIANTS, strict=True)):
        earlier.insert(1 + k, passage + "。")
        later.insert(2 + k, variant + "。")
    docs = {
        "early": ("\n".join(earlier) + "\n", "Chongqing", "2020-05-01"),
        "late": ("\n".join(later) + "\n", "Chengdu", "2022-03-01"),
        "other": ("\n".join(filler(rng, 10)) + "\n", "Chengdu", "2021"),
    }
    tables = write_corpus(tmp_path_factory.mktemp("reuse") / "planted", docs)
    return tables, find_reuse(tables.clauses, tables.documents)


def test_every_planted_passage_is_found_with_offsets_in_both_documents(planted):
    tables, reuse = planted
    early, late = tables.parsed["early"].simplified, tables.parsed["late"].simplified
    pair = reuse[(reuse["source_doc"] == "early") & (reuse["target_doc"] == "late")]
    for passage in PLANTED:
        norm = normalise(passage)[0]
        hits = pair[pair["span"].map(lambda s, n=norm: n in s or (len(s) >= 0.9 * len(n) and s in n))]
        assert len(hits), passage
        row = hits.iloc[0]
        assert early[row["source_start"]:row["source_end"]] == row["source_text"]
        assert late[row["target_start"]:row["target_end"]] == row["target_text"]
        assert normalise(row["source_text"])[0] in norm or norm in normalise(row["source_text"])[0]


def test_reuse_runs_from_the_earlier_written_document_to_the_later(planted):
    _, reuse = planted
    assert set(reuse["direction"]) == {"forward"}
    assert set(zip(reuse["source_doc"], reuse["target_doc"], strict=True)) == {("early", "late")}


def test_unrelated_documents_share_nothing(planted):
    _, reuse = planted
    assert "other" not in set(reuse["source_doc"]) | set(reuse["target_doc"])


def test_a_passage_every_document_prints_is_boilerplate(tmp_path):
    rng = random.Random(11)
    shared = "各单位要切实提高政治站位把思想和行动统一到决策部署上来"
    docs = {}
    for k in range(4):
        lines = filler(rng, 5)
        lines.insert(2, shared + "。")
        docs[f"d{k}"] = ("\n".join(lines) + "\n", "Chongqing", f"202{k}")
    tables = write_corpus(tmp_path / "corpus", docs)
    reuse = find_reuse(tables.clauses, tables.documents)
    assert len(reuse) == 6 and reuse["boilerplate"].all()  # 4 documents: 6 pairs, all boilerplate
    share = reuse_share(reuse, {d: len(p.simplified) for d, p in tables.parsed.items()})
    assert (share["reused_chars"] == 0).all()


def test_a_formula_of_official_writing_is_boilerplate_however_rare():
    clauses = pd.DataFrame({
        "doc_id": ["a", "b"], "clause_id": ["a/c1", "b/c1"], "start": [0, 0], "end": [30, 30],
        "text": ["以习近平新时代中国特色社会主义思想为指导，甲乙丙丁",
                 "以习近平新时代中国特色社会主义思想为指导，戊己庚辛"],
    })
    reuse = find_reuse(clauses, pd.DataFrame({"doc_id": ["a", "b"]}))
    assert len(reuse) == 1 and reuse["boilerplate"].all() and reuse["direction"].iloc[0] == "undetermined"


def test_overlapping_written_dates_leave_the_direction_undetermined():
    text = "加快建设具有全国影响力的科技创新中心和西部科学城"
    clauses = pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a/1", "b/1"], "start": [5, 9], "end": [29, 33],
                            "text": [text, text]})
    documents = pd.DataFrame({"doc_id": ["a", "b"], "written_from": ["2023-01-01", "2023-06-01"],
                              "written_to": ["2023-12-31", "2023-06-30"]})
    reuse = find_reuse(clauses, documents)
    assert reuse[["direction", "source_start", "target_start"]].values.tolist() == [["undetermined", 5, 9]]


def test_normalising_maps_every_character_back_to_its_original():
    text = "对年度研发投入超过５００万元（含）的企业，给予“最高”1,200万元奖励。ＡＢc"
    norm, where = normalise(text)
    assert norm == "对年度研发投入超过#万元含的企业给予最高#万元奖励abc"
    assert len(where) == len(norm) and where == sorted(where)
    assert all(text[i] in (c, c.upper()) or c == "#" or text[i] in "ＡＢ" for c, i in zip(norm, where, strict=True))


def test_short_common_phrases_are_not_reuse():
    assert shared_spans("我们要加快科技创新步伐。", "他们说加快科技创新很重要。") == []
    assert shared_spans("甲" * 5 + "推进科技成果转化", "乙" * 5 + "推进科技成果转化", Params(min_chars=8)) != []


def test_the_seeds_share_the_belt_and_road_formulation_from_chongqing_to_chengdu(seed_tables):
    tables = seed_tables
    reuse = find_reuse(tables.clauses, tables.documents)
    hit = reuse[reuse["span"] == normalise("建设“一带一路”科技创新合作区和国际技术转移中心")[0]]
    assert hit[["source_doc", "target_doc", "direction"]].values.tolist() == [
        ["cq-daily-2021", "cd-bureau-2023", "forward"]
    ]
    # the name of a project the two regions build together: cross-regional substance, not a formula
    assert (hit["kind"] == "joint project").all() and not hit["boilerplate"].any()
    # cq-theory-2023 reads 合作、区域协同 (区 of 区域): no span of it is the joint project's name
    theory = reuse[(reuse["source_doc"] == "cq-theory-2023") | (reuse["target_doc"] == "cq-theory-2023")]
    assert not theory[theory["kind"] == "joint project"]["span"].str.contains("合作区").any()


@pytest.fixture(scope="module")
def seeds_and_reference():
    from policytext.reading.corpus import combine
    from support import SEEDS

    corpora = [policytext.load_corpus(SEEDS)]
    if (SEEDS / "reference" / "catalog.csv").exists():
        corpora.append(policytext.load_corpus(SEEDS / "reference"))
    return parse_corpus(combine(*corpora), disable=["entities", "indicators", "evaluation"])


def maximal_shared_passages(forms: list[str], docs: list[str], minimum: int):
    """Every maximal exact passage of at least `minimum` matching characters two clauses of different
    documents share, by comparing every pair of clauses: (clause_i, clause_j, i0, i1, j0, j1)."""
    grams = [{f[k : k + minimum] for k in range(len(f) - minimum + 1)} for f in forms]
    found = []
    for i in range(len(forms)):
        for j in range(i + 1, len(forms)):
            if docs[i] == docs[j] or grams[i].isdisjoint(grams[j]):
                continue
            a, b = forms[i], forms[j]
            for x in range(len(a) - minimum + 1):
                for y in range(len(b) - minimum + 1):
                    if a[x : x + minimum] != b[y : y + minimum] or (x and y and a[x - 1] == b[y - 1]):
                        continue  # not a match, or not the start of a maximal one
                    length = minimum
                    while x + length < len(a) and y + length < len(b) and a[x + length] == b[y + length]:
                        length += 1
                    found.append((i, j, x, x + length, y, y + length))
    return found


def test_every_shared_passage_of_the_minimum_length_is_found(seeds_and_reference):
    """Exhaustive: every clause pair of the seeds and the reference laws is compared by brute force, and every
    maximal shared passage of min_chars characters must lie inside a reported span of its clause pair, or, when
    it repeats within the pair of documents, inside the one row reported for that pair — unless every n-gram of
    it is printed more than max_bucket times or in the formula floor's number of documents (a formula by
    spread, the documented filter of policytext.pipeline.reuse)."""
    tables, params = seeds_and_reference, Params()
    assert tables.duplicates["canonical"].all()  # no copies here: every document is compared
    clauses = tables.clauses.reset_index(drop=True)
    forms, where, bounds = matching_forms(clauses["text"].tolist())
    docs = clauses["doc_id"].tolist()
    n = min(params.shingle, params.min_chars)
    occurrences, holders = Counter(), defaultdict(set)
    for f, d in zip(forms, docs, strict=True):
        for k in range(len(f) - n + 1):
            occurrences[f[k : k + n]] += 1
            holders[f[k : k + n]].add(d)
    floor = max(3, min(params.formula_docs, params.boilerplate_share * len(set(docs))))
    spans, by_documents = defaultdict(list), defaultdict(list)
    for r in tables.reuse.itertuples():
        spans[r.source_clause, r.target_clause].append((r.source_start, r.source_end, r.target_start, r.target_end))
        spans[r.target_clause, r.source_clause].append((r.target_start, r.target_end, r.source_start, r.source_end))
        by_documents[frozenset((r.source_doc, r.target_doc))].append(r.span)
    passages = maximal_shared_passages(forms, docs, params.min_chars)
    assert len(passages) > 100  # the reference laws share many passages: the test has something to check
    checked, missed = 0, []
    for i, j, i0, i1, j0, j1 in passages:
        grams = [forms[i][k : k + n] for k in range(i0, i1 - n + 1)]
        if all(occurrences[g] > params.max_bucket or len(holders[g]) >= params.seed_share * floor for g in grams):
            continue  # a formula by spread
        checked += 1
        wi, wj = where[bounds[i] : bounds[i + 1]], where[bounds[j] : bounds[j + 1]]
        start_i, start_j = clauses.at[i, "start"], clauses.at[j, "start"]
        # a single character set off by a separator at a passage's edge (合作、区 of 合作、区域) is cut from it
        ti, tj = clauses.at[i, "text"], clauses.at[j, "text"]

        def set_off(k0, k1, ti=ti, tj=tj, wi=wi, wj=wj, shift=j0 - i0):  # a separator between characters k0, k1
            dropped = ti[wi[k0] + 1 : wi[k1]] + tj[wj[k0 + shift] + 1 : wj[k1 + shift]]
            return any(c in "、，,。；;：:" for c in dropped)

        if i1 - i0 > params.min_chars and set_off(i1 - 2, i1 - 1):
            i1, j1 = i1 - 1, j1 - 1
        if i1 - i0 > params.min_chars and set_off(i0, i0 + 1):
            i0, j0 = i0 + 1, j0 + 1
        a0, a1 = start_i + wi[i0], start_i + wi[i1 - 1] + 1
        b0, b1 = start_j + wj[j0], start_j + wj[j1 - 1] + 1
        key = (clauses.at[i, "clause_id"], clauses.at[j, "clause_id"])
        if any(s0 <= a0 and a1 <= s1 and t0 <= b0 and b1 <= t1 for s0, s1, t0, t1 in spans[key]):
            continue
        if any(forms[i][i0:i1] in span for span in by_documents[frozenset((docs[i], docs[j]))]):
            continue  # a repeat within the pair of documents, reported once
        missed.append((key, forms[i][i0:i1]))
    assert checked > 100 and not missed, missed[:10]


def test_formulas_are_told_apart_from_substance_with_a_reason(seeds_and_reference):
    reuse = seeds_and_reference.reuse
    formulas = reuse[reuse["kind"] == "formula"]
    assert set(reuse["kind"]) == {"formula", "joint project", "substance"}
    assert (formulas["reason"] != "").all() and (reuse.loc[reuse["kind"] == "substance", "reason"] == "").all()
    assert formulas["boilerplate"].all() and not reuse.loc[reuse["kind"] == "substance", "boilerplate"].any()
    penalty = reuse[reuse["span"].str.contains("依法追究刑事责任")]
    assert len(penalty) and (penalty["kind"] == "formula").all()


def test_direction_uses_the_first_adoption_date_when_the_documents_have_it():
    text = "加快建设具有全国影响力的科技创新中心和西部科学城"
    clauses = pd.DataFrame({"doc_id": ["law", "local"], "clause_id": ["law/1", "local/1"], "start": [0, 0],
                            "end": [24, 24], "text": [text, text]})
    # the national law first adopted before the local text, and held in a version older than it
    documents = pd.DataFrame({"doc_id": ["law", "local"], "written_from": ["2007-12-29", "2015-03-01"],
                              "written_to": ["2007-12-29", "2015-03-01"], "date_first": ["1993-07-02", ""]})
    reuse = find_reuse(clauses, documents)
    assert reuse[["source_doc", "target_doc", "direction"]].values.tolist() == [["law", "local", "forward"]]
    # held in a revision later than the local text: the wording may have entered only in that revision
    revised = find_reuse(clauses, documents.assign(written_from=["2021-12-24", "2015-03-01"],
                                                   written_to=["2021-12-24", "2015-03-01"]))
    assert revised["direction"].tolist() == ["undetermined"]
    undated = find_reuse(clauses, documents.assign(written_from="", written_to="", date_first=""))
    assert undated["direction"].tolist() == ["undetermined"]


def test_formula_reasons_count_formulas_by_the_family_of_their_reason():
    from policytext.findings.summaries import formula_reasons

    reuse = pd.DataFrame({
        "kind": ["formula", "formula", "formula", "formula", "substance"],
        "reason": ["listed: 特此通知 (closing)", "spread: in 6 documents", "institution name (科学技术行政部门)",
                   "listed: 依法给予处分 (legal formula)", ""],
    })
    counts = formula_reasons(reuse)
    assert counts.to_dict() == {"covered by a listed formula": 2, "a name (institution, law or programme)": 1,
                                "printed in many documents": 1}
    assert counts.sum() == (reuse["kind"] == "formula").sum()


def test_legal_formulas_stock_phrases_and_names_are_formulas_with_their_reason():
    from policytext.pipeline.reuse import formula_reason

    for text, kind in [("工作人员以及其他有关国家机关工作人员玩忽职守、滥用职权、徇私舞弊", "legal formula"),
                       ("人员滥用职权、玩忽职守", "legal formula"),
                       ("加快实施创新驱动发展战略", "stock phrase"),
                       ("战略科学家、科技领军人才", "stock phrase"),
                       ("国家技术创新中心", "programme")]:
        verdict, reason = formula_reason(normalise(text)[0], 1, 5)
        assert verdict == "formula" and f"({kind})" in reason, (text, reason)
    assert formula_reason(normalise("约定奖励和报酬的方式和数额")[0], 1, 5) == ("substance", "")


def test_distinct_passages_merge_the_spans_one_passage_gathers():
    from policytext.pipeline.reuse import distinct_passages

    # one Chengdu clause shares a passage with two documents, and a part of it with a third
    reuse = pd.DataFrame({
        "source_doc": ["cq1", "cq2", "cq3", "cq1"], "target_doc": ["cd", "cd", "cd", "cd"],
        "source_clause": ["cq1/1", "cq2/1", "cq3/1", "cq1/2"], "target_clause": ["cd/4", "cd/4", "cd/4", "cd/5"],
        "source_start": [0, 0, 0, 0], "source_end": [10, 10, 5, 8],
        "target_start": [100, 112, 100, 200], "target_end": [122, 122, 111, 208],
    })
    out = distinct_passages(reuse, ["cd"])
    assert out[["clause_id", "start", "end", "spans"]].values.tolist() == [["cd/4", 100, 122, 3], ["cd/5", 200, 208, 1]]
    assert len(distinct_passages(reuse, ["cq1", "cq2", "cq3"])) == 4


def test_on_seeds_and_laws_a_national_text_held_in_a_later_revision_orders_nothing(seeds_and_reference):
    reuse, documents = seeds_and_reference.reuse, seeds_and_reference.documents.set_index("doc_id")
    forward = reuse[reuse["direction"] == "forward"]
    written_from, written_to = documents["written_from"].astype(str), documents["written_to"].astype(str)
    # every ordered span's earlier text is held in a version written before the later text
    assert len(forward) and (forward["source_doc"].map(written_from) <= forward["target_doc"].map(written_to)).all()
    # the Patent Law held in its 2020 revision orders nothing against Chongqing's 2011 regulation
    patent = reuse[reuse[["source_doc", "target_doc"]].isin(["nat-patent-2020"]).any(axis=1)
                   & reuse[["source_doc", "target_doc"]].isin(["cq-patent-2011"]).any(axis=1)]
    assert len(patent) and (patent["direction"] == "undetermined").all()


def test_a_joint_project_of_the_two_regions_is_not_a_formula():
    from policytext.pipeline.reuse import formula_reason

    for text in ["一带一路”科技交流大会", "协同建设“一带一路”科技创新合作区和国际技术转移中心"]:
        assert formula_reason(normalise(text)[0], 1, 5)[0] == "joint project", text
    # named in part, it is not the joint project
    assert formula_reason(normalise("一带一路”科技创新合作区和国际")[0], 1, 5) == ("substance", "")


def test_a_formula_matches_only_the_passages_own_wording_not_across_a_separator():
    from policytext.pipeline.reuse import formula_reason

    # 合作、区域 holds 合作区 only once the 、 is dropped
    reuse = find_reuse(
        pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a1", "b1"], "start": [0, 0],
                      "text": ["推进“一带一路”科技创新合作区建设。",
                               "深化“一带一路”科技创新合作、区域协同创新合作。"]}),
        pd.DataFrame({"doc_id": ["a", "b"], "written_from": ["2021-01-01"] * 2,
                      "written_to": ["2021-12-31"] * 2}),
    )
    assert (reuse["kind"] != "joint project").all() and len(reuse) == 1
    assert reuse["span"].iloc[0] == "一带一路科技创新合作"  # the 区 of 区域 is not shared wording
    assert formula_reason(normalise("一带一路科技创新合作区")[0], 0, 5, frozenset({10}))[0] == "substance"


def test_a_formula_cut_off_at_the_edge_of_a_span_gets_the_same_verdict_whatever_the_pair():
    from policytext.pipeline.reuse import formula_reason

    for text in ["工作纳入国民经济和社会发展", "纳入国民经济和社会发展规划", "将专利工作纳入国民经济和社会发展规划"]:
        verdict, reason = formula_reason(normalise(text)[0], 0, 5)
        assert verdict == "formula" and "纳入国民经济和社会发展规划" in reason, text
    assert formula_reason(normalise("组织实施国家科技计划项目管理")[0], 0, 5) == ("substance", "")


def test_article_numbers_do_not_count_toward_a_span():
    from policytext.pipeline.reuse import span_length

    clause = "国家鼓励企业加强知识产权保护和运用，提高自主创新能力和核心竞争力。"
    reuse = find_reuse(
        pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a1", "b1"], "start": [0, 0],
                      "text": ["第十五条 " + clause, "第十五条　" + clause]}),
        pd.DataFrame({"doc_id": ["a", "b"], "written_from": ["2010-01-01", "2020-01-01"],
                      "written_to": ["2010-12-31", "2020-12-31"]}),
    )
    assert reuse["length"].tolist() == [len(normalise(clause)[0])]
    assert span_length("第十五条国家鼓励") == 4


def test_on_seeds_and_laws_a_passage_gets_one_formula_verdict_whatever_the_pair(seeds_and_reference):
    reuse = seeds_and_reference.reuse
    for span in reuse.loc[reuse["span"].str.contains("纳入国民经济和社会发展"), "span"]:
        assert (reuse.loc[reuse["span"] == span, "kind"] == "formula").all(), span


def test_document_frequency_of_an_ngram_counts_each_document_once_whatever_the_clause_order():
    """The spread of a passage (formula by spread) is the number of documents printing it, whether each
    document's clauses come together (as the pipeline gives them) or interleaved (a table a user passes)."""
    from policytext.pipeline.reuse import Params, _hits

    forms = ["甲乙丙丁戊己庚辛壬癸子丑", "前甲乙丙丁戊己庚辛壬癸子丑后", "甲乙丙丁戊己庚辛壬癸子丑",
             "天地玄黄宇宙洪荒日月盈昃"]
    params = Params()
    for docs in ([0, 1, 1, 2], [1, 0, 1, 2]):  # together, then interleaved: document 1 holds clauses 0 and 2
        doc = np.array(docs)
        *_, frequency, lengths = _hits(forms, doc, np.arange(3), params)
        starts = np.concatenate([[0], np.cumsum(lengths)])
        n = params.shingle
        for c, form in enumerate(forms):
            for k in range(len(form) - n + 1):
                gram = form[k : k + n]
                expected = len({docs[i] for i, other in enumerate(forms) if gram in other})
                assert frequency[starts[c] + k] == expected, (docs, c, k)


def test_two_articles_of_one_number_share_a_frame_not_a_passage():
    from policytext.pipeline.reuse import formula_reason

    # 第十三条 市、区县（自治县）人… : an Art. 13 of one regulation and of another, 7 characters besides the number
    assert formula_reason("第十三条市区县自治县人", 0, 5) == ("formula", "article numbering")
    # the same frame with a passage of its own after it is judged on that passage
    kind, _ = formula_reason("第十三条鼓励企业建立研究开发准备金制度", 0, 5)
    assert kind == "substance"
    # 条 of 第五十一条 begun before the span: 9 characters of wording, short of a passage
    assert formula_reason("条利用财政性资金设立", 0, 5, frame_before=1) == ("formula", "article numbering")
    assert formula_reason("条利用财政性资金设立", 0, 5)[0] == "substance"  # 条件… or a mark with no number before


def test_a_formula_listed_twice_is_refused_naming_it(monkeypatch):
    from policytext.pipeline import reuse

    listed = [["制定本条例", "enactment"], ["给予警告", "penalty"], ["制定本条例", "legal formula"]]
    monkeypatch.setattr(reuse, "rows", lambda name: iter(listed))
    reuse.formula_list.cache_clear()
    try:
        with pytest.raises(ValueError, match="'制定本条例' is listed twice"):
            reuse.formula_list()
    finally:
        monkeypatch.undo()
        reuse.formula_list.cache_clear()


def test_passages_of_one_pair_that_overlap_on_either_side_are_one_row():
    from policytext.pipeline.reuse import REUSE_COLUMNS, _one_row_per_passage

    def rec(src_clause, s0, s1, tgt_clause, t0, t1, span, occurrences=1, pair=("a", "b")):
        row = dict.fromkeys(REUSE_COLUMNS, "")
        row |= {"source_doc": pair[0], "target_doc": pair[1], "source_clause": src_clause, "target_clause": tgt_clause,
                "source_start": s0, "source_end": s1, "target_start": t0, "target_end": t1, "span": span,
                "length": len(span), "occurrences": occurrences}
        return tuple(row[c] for c in REUSE_COLUMNS)

    records = [
        # one target passage (b/c8, 8559-8572) found from three articles of a: one passage, three occurrences
        rec("a/c1", 10, 23, "b/c8", 8559, 8572, "技术人员接受继续教育的权利"),
        rec("a/c4", 40, 50, "b/c8", 8559, 8569, "技术人员接受继续教育"),
        rec("a/c9", 90, 101, "b/c8", 8559, 8570, "技术人员接受继续教育的", occurrences=2),
        # another passage of the same pair, apart on both sides: its own row
        rec("a/c2", 30, 42, "b/c9", 9000, 9012, "中小企业发展专项资金"),
        # one that only overlaps the target passage (text of its own past its end): its own row too
        rec("a/c5", 60, 75, "b/c8", 8565, 8580, "继续教育的权利和义务并承担"),
        # the same target passage shared with another document: another pair, its own row
        rec("x/c1", 5, 18, "b/c8", 8559, 8572, "技术人员接受继续教育的权利", pair=("x", "b")),
    ]
    kept = pd.DataFrame(_one_row_per_passage(records), columns=REUSE_COLUMNS)
    assert len(kept) == 4
    merged = kept[(kept["source_doc"] == "a") & (kept["target_start"] == 8559)]
    assert merged["span"].tolist() == ["技术人员接受继续教育的权利"] and merged["occurrences"].tolist() == [4]


def test_the_formulas_a_span_lies_inside_are_looked_up_as_a_search_finds_them():
    # formula_reason looks a span up among the texts that make at least half of a listed formula (_halves)
    # instead of searching every formula: the same formulae, in list order, for every text of every formula
    from policytext.pipeline.reuse import JOINT, _halves, formula_list

    listed = formula_list()
    texts = {f[a:b] for f, _ in listed for a in range(len(f)) for b in range(a + 1, len(f) + 1)} | {"不在其中的文字"}
    for text in texts:
        searched = [(f, k) for f, k in listed if text in f and 2 * len(text) >= len(f) and k != JOINT]
        assert _halves().get(text, []) == searched, text


def _grouped_in_position_order(h: np.ndarray, order: np.ndarray) -> bool:
    """Every position once; equal hashes side by side, each run in position order, no hash in two runs."""
    if sorted(order.tolist()) != list(range(len(h))):
        return False
    hs = h[order]
    cut = np.flatnonzero(hs[1:] != hs[:-1]) + 1
    runs = np.split(order, cut)
    return len({int(hs[r]) for r in [0, *cut.tolist()]}) == len(runs) and all(
        (np.diff(run) > 0).all() for run in runs)


@pytest.mark.parametrize("seed", range(5))
def test_hash_order_groups_equal_ngrams_in_position_order(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(POOL[: rng.randint(2, len(POOL))]) for _ in range(rng.randint(0, 5000)))
    h = ngram_hashes(text, 4)
    order, hs = hash_order(h)
    assert _grouped_in_position_order(h, order) and (hs == h[order]).all()
    # the same groups as the stable sort of the hashes
    stable = np.argsort(h, kind="stable")
    assert sorted(map(tuple, np.split(order, np.flatnonzero(np.diff(hs)) + 1))) == sorted(
        map(tuple, np.split(stable, np.flatnonzero(np.diff(h[stable])) + 1)))


def test_hash_order_falls_back_when_different_hashes_share_the_bits_it_sorts_on():
    # hashes whose mixed values differ only in the low bits the positions take: the packed sort cannot tell
    # them apart, the stable argsort does
    inverse = np.uint64(pow(int(_MIX), -1, 1 << 64))
    mixed = np.array([5, 3, 5, 1, 3, 7, 1, 5], dtype=np.uint64) + np.uint64(1 << 40)
    with np.errstate(over="ignore"):
        h = mixed * inverse
    order, hs = hash_order(h)
    assert _grouped_in_position_order(h, order) and (hs == h[order]).all()
