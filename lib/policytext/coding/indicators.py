"""Quantified indicators: every count, amount or percentage with a unit, one row each.

Numbers are Arabic (4.2万家, 1,200家) or Chinese (一百二十家, 两个, 三千万元; read with cn2an), financial
numerals included (壹仟玖佰圆整); a range (500万元至1000万元, 十到二十万元, 10%—20%) gives `value` and
`value_max`, its unit applied to both ends. Values are in base units (万元, 亿元 -> 元); `lower`, `upper`
and `inclusive` state the limits the text sets (see `limits`).
Units (data/indicator_units.tsv) make a number an indicator; qualifiers (data/indicator_qualifiers.tsv)
give the `bound`: at_least (不少于, 以上, 超过, 余), at_most (不超过, 最高, 以下), about (约, 近, 左右) or
exact. Ordinals (第六次), names (5G, 十四五), periods and dates (2018年, 6月6日), document numbers and
rhetorical counts (三个方面: data/indicator_not_counted.tsv) are not indicators.

`kind` is penalty (a fine or other penalty: 处…罚款, 罚金, 拘留), provision (what the text provides or
decides: support standards, rates, terms, thresholds; every rule of a law), target or achievement: a
penalty first, then a statute's rule, a plan word (力争) or a condition (…的，), then a year the sentence ties the
number to, against the document's written date (到2025年 in a 2023 text: target; 2023年 in a 2024 text:
achievement), then the cue words of data/indicator_kind_cues.tsv in the number's clause, its section
heading and its sentence; what remains is a provision. Periods and ages (满6个月, 35岁以下) count only
as thresholds or granted terms. See docs/indicators.md.

`subject` is the noun phrase the number measures (jieba parts of speech), `measures` what kind of
thing is counted (people, teams, firms, institutions, projects, money, share, other).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import cn2an
import pandas as pd

from ..datafiles import rows
from ..parsing.numbering import ARTICLE_LABEL
from ..regexes import screened

MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
BOUNDS = ("at_least", "at_most", "about", "exact")
KINDS = ("target", "achievement", "provision", "penalty")
MEASURES = ("people", "teams", "firms", "institutions", "projects", "money", "share", "other")
INDICATOR_COLUMNS = [
    "surface", "start", "end", "value", "value_max", "unit", "qualifier", "bound", "subject", "measures", "kind",
    "lower", "upper", "inclusive",
]


@lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Unit -> what it measures ('subject' when the counted noun decides), from data/indicator_units.tsv."""
    table = {}
    for unit, measures, _gloss in rows("indicator_units.tsv"):
        if measures not in (*MEASURES, "subject"):
            raise ValueError(f"indicator_units.tsv: unit {unit!r} has unknown measures {measures!r}")
        table[unit] = measures
    return table


@lru_cache(maxsize=1)
def term_units() -> frozenset[str]:
    """Units of periods and ages (年, 个月, 岁): indicators only as thresholds or granted terms."""
    return frozenset(unit for unit, _m, gloss in rows("indicator_units.tsv") if gloss.startswith("term:"))


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, tuple[str, str]]:
    """Qualifier -> (position, bound), from data/indicator_qualifiers.tsv."""
    table = {}
    for word, position, bound, includes, _gloss in rows("indicator_qualifiers.tsv"):
        known = bound in BOUNDS and position in ("before", "after", "multiplier") and includes in ("yes", "no", "-")
        if not known:
            raise ValueError(f"indicator_qualifiers.tsv: {word!r} has position {position!r}, bound {bound!r}, "
                             f"includes {includes!r}")
        table[word] = (position, bound)
    return table


@lru_cache(maxsize=1)
def qualifier_includes() -> dict[str, bool | None]:
    """Qualifier -> whether its bound includes the number itself (以上 yes, 超过 no; None for 约), from
    data/indicator_qualifiers.tsv."""
    return {word: {"yes": True, "no": False}.get(includes)
            for word, _p, _b, includes, _gloss in rows("indicator_qualifiers.tsv")}


@lru_cache(maxsize=1)
def kind_cues() -> list[tuple[str, str, re.Pattern]]:
    """(kind, strength, pattern) in priority order, from data/indicator_kind_cues.tsv."""
    cues = []
    for kind, strength, pattern, _gloss in rows("indicator_kind_cues.tsv"):
        if kind not in KINDS or strength not in ("strong", "weak"):
            raise ValueError(f"indicator_kind_cues.tsv: unknown kind {kind!r} or strength {strength!r}")
        cues.append((kind, strength, re.compile(pattern)))
    return cues


@lru_cache(maxsize=1)
def measure_rules() -> list[tuple[str, re.Pattern]]:
    """(measures, pattern over the subject), from data/indicator_measures.tsv."""
    return [(m, re.compile(p)) for m, p, _gloss in rows("indicator_measures.tsv")]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Thousands separators: ',' and the full-width '，' between groups of exactly three digits (82，225.00元)
_AR = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?"
# A Chinese numeral: not a bare 一 (an article: 一个平台, 一次性) and not a bare 千/万 (千家万户).
_CN_CHARS = "一二三四五六七八九十百千万亿零〇两"
_CN = rf"(?:[二三四五六七八九两一]|十)[{_CN_CHARS}]*"
_RANGE_SEP = r"至|到|~|～|—{1,2}|–|－|-{1,2}"
# what every match of _quantity() holds: a digit, a Chinese numeral, 半 or the 百/千/万 of 百分之
_NUMERAL = re.compile(rf"[\d{_CN_CHARS}半]")


@lru_cache(maxsize=1)
def _quantity() -> re.Pattern:
    # screened: the pattern opens with an optional qualifier, so the engine would try it at every character
    return re.compile(screened(quantity_forms()))


@lru_cache(maxsize=1)
def quantity_forms() -> str:
    """The pattern of a quantity: an optional qualifier, a number (digits, Chinese numerals, 半, 百分之…),
    a multiplier, a range's second end, a unit, and a qualifier after it."""
    quals = qualifiers()
    before = _alternation(w for w, (p, _) in quals.items() if p == "before")
    after = _alternation(w for w, (p, _) in quals.items() if p == "after")
    yu = _alternation(w for w, (p, _) in quals.items() if p == "multiplier")
    unit = _alternation(units())
    return (
        rf"(?P<pre>{before})?"
        rf"(?:(?<![\d.第届A-Za-z{_CN_CHARS}])(?P<num>{_AR})|(?<![第届数几若{_CN_CHARS}\d])(?P<cn>{_CN})"
        rf"|(?<![{_CN_CHARS}])(?P<half>半)(?=年|小时|个月|天)"
        rf"|(?P<per>[百千万])分之(?P<pct>{_AR}|(?:[一二三四五六七八九两十][{_CN_CHARS}]*)(?:点[{_CN_CHARS}]+)?))"
        # 百分之二十 carries its unit in front
        rf"(?(pct)|[ \u3000]?(?P<yu>{yu})?(?P<mult>[万亿千百]{{0,2}})(?P<yu2>{yu})?"
        # a range: 5万至10万元, 10—20万元, 1万(含)-5万元, 1 万(含)-5 万元
        rf"(?:(?P<unit1>{unit})?(?P<incl1>[（(]含[）)])?[ \u3000]?(?P<sep>{_RANGE_SEP})[ \u3000]?(?P<num2>{_AR}|{_CN})"
        rf"[ \u3000]?(?P<mult2>[万亿千百]{{0,2}}))?"
        # 3000万以下 with no 元 printed: money (checked against the sentence below)
        rf"[ \u3000]?(?:(?P<unit>{unit})|(?P<bare>(?<=[万亿])(?=以下|以上|[，。；、,;的）)]|$)))"
        # 六十四万零一百四十三元一角七分: the jiao and fen of an amount in yuan
        rf"(?:(?<=元)(?P<jiao>零?[一二三四五六七八九\d]角)?(?P<fen>零?[一二三四五六七八九\d]分)?)?)"
        rf"(?P<post>(?:[（(]含[^）)]{{0,5}}[）)])?(?:{after}))?"
        # 3个月, 3人才, 5名单, 两所有, 2支持: the unit is the first character of another word
        r"(?!(?<=人)[工才员民口类])(?!(?<=名)[单称额录])(?!(?<=所)[有在属得以谓述])"
        r"(?!(?<=支)[持撑付出])(?!(?<=位)[于置一])(?!(?<=家)[庭长乡])(?!(?<=次)性)(?!(?<=元)[区县镇街村里路])"
        r"(?!(?<=升)[级学])(?!(?<=日)[起])"
    )


@lru_cache(maxsize=1)
def _not_counted() -> dict[str, re.Pattern]:
    """Unit -> the nouns after it that make a count rhetoric or a name (三个方面, 60万吨乙烯项目)."""
    by_unit: dict[str, list[str]] = {}
    for noun, unit_list, _gloss in rows("indicator_not_counted.tsv"):
        for unit in unit_list.split(";"):
            by_unit.setdefault(unit, []).append(noun)
    return {unit: re.compile(rf"^(?:{_alternation(nouns)})") for unit, nouns in by_unit.items()}


# A qualifier a few words before the number, in its clause (最高可给予500万元, 不超过总投资的10%).
@lru_cache(maxsize=1)
def _distant_before() -> re.Pattern:
    # 最高/最低/最长 also open nouns (最低工资标准1970元, 最低折旧年限为3年): across words they bound a
    # number only through a verb (最高可给予500万元); the negated ones (不高于承担风险责任的0.5%) across any words
    superlative = ("最高", "最低", "最多", "最长", "最短")
    words = [w for w, (p, _) in qualifiers().items()
             if p == "before" and len(w) > 1 and w not in ("超过", "接近", *superlative)]
    verbs = "可|给予|予以|一次性|奖励|补助|补贴|奖补|资助|支持|按|提至|提高至|贴息"
    return re.compile(
        rf"(?:({_alternation(words)})[^，。；,;：:\d%％]{{1,8}}|({'|'.join(superlative)})(?:{verbs}){{1,3}})$"
    )


# where a clause of a sentence ends: what belongs with a quantity lies in its clause
CLAUSE_BREAK = re.compile(r"[,，;；。:：!！?？]")
# Full-width digits read as ASCII, one character for one, so offsets still point into the sentence.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
# Financial numerals (大写数字) read as the ordinary ones, one character for one: 壹仟玖佰圆整, 肆佰叁拾萬.
_FINANCIAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億", "一二二三三四五六六七八九十百千万亿")
_YUAN = re.compile(r"(?<=[一二三四五六七八九十百千万亿零\d])圆")  # 圆 after a number is 元 (壹仟玖佰圆整)
_TRANSLATED = re.compile("[０-９．壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億]")  # what the two tables above change


def _plain(sentence: str) -> str:
    """A sentence with full-width digits and financial numerals read as plain ones, 圆 after a number as 元
    (most sentences hold none of them: a search for them comes first)."""
    if _TRANSLATED.search(sentence):
        sentence = sentence.translate(_HALF_WIDTH).translate(_FINANCIAL)
    return _YUAN.sub("元", sentence) if "圆" in sentence else sentence
_LEAD_CUES = ("累计", "力争")
_ELIGIBILITY_AFTER = re.compile(
    r"^(?:以上|以下|及以上|及以下)?(?:（含）|\(含\))?的[^\d，。；,;]{0,8}?"
    r"(?:企业|单位|项目|机构|团队|个人|人才|主体|高校|院所|平台|公司)"
)


def _value(num: str | None, cn: str | None, mult: str) -> float:
    if num is not None:
        value = float(num.replace(",", "").replace("，", ""))
    else:
        try:
            value = float(cn2an.cn2an(cn, "normal"))
        except (ValueError, KeyError, IndexError):
            return math.nan
    for ch in mult:
        value *= MULTIPLIERS[ch]
    return value


def _base_unit(unit: str) -> str:
    return {"％": "%", "周岁": "岁", "块钱": "元"}.get(unit, unit)


# ---------------------------------------------------------------- subjects

_NOUNISH = re.compile(r"^(?:n\w*|vn|an|nz|j|b|l|s|eng|ng|i)$")
@lru_cache(maxsize=1)
def subject_words() -> dict[str, frozenset[str]]:
    """Role -> words, from data/indicator_subject_words.tsv (in_phrase, linking, growth, leading_verb)."""
    table: dict[str, set[str]] = {}
    for role, word in rows("indicator_subject_words.tsv"):
        table.setdefault(role, set()).add(word.strip())
    return {role: frozenset(words) for role, words in table.items()}


_COUNT_UNITS = {"元", "美元", "%", "％", "个百分点", "倍", "亩", "平方米", "公里", "吨"}


@lru_cache(maxsize=1)
def _pos_tokenizer():
    import jieba.posseg as pseg

    from ..language.segment import tokenizer

    tk = tokenizer()
    if tk.dictionary != pseg.dt.tokenizer.dictionary:
        return pseg.POSTokenizer(tk)
    # Importing jieba.posseg has just read this dictionary's 350,000 tags; POSTokenizer(tk) would read them
    # again (0.6 s in every process). The domain words' own tags are merged in on first use, as they would be.
    tagger = object.__new__(pseg.POSTokenizer)
    tagger.tokenizer = tk
    tagger.word_tag_tab = dict(pseg.dt.word_tag_tab)
    return tagger


# phrases recur (copies, stock wording); an entry is about 1.2 KB on statutes, so 65,536 of them held ~75 MB
@lru_cache(maxsize=8192)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in _pos_tokenizer().lcut(text)) if text else ()


def _nounish(word: str, flag: str) -> bool:
    return bool(_NOUNISH.match(flag)) or word in subject_words()["in_phrase"] or (flag == "a" and len(word) <= 2)


def _phrase_before(text: str) -> tuple[str, bool]:
    """The noun phrase ending `text` after linking words are skipped; and whether a growth verb was skipped."""
    tokens = list(_tag(text.rstrip()))
    grew = False
    skipped = subject_words()["linking"] | set(qualifiers()) | set(_LEAD_CUES)
    while tokens and tokens[-1][0] in skipped:
        grew |= tokens[-1][0] in subject_words()["growth"]
        tokens.pop()
    words: list[str] = []
    while tokens and _nounish(*tokens[-1]) and tokens[-1][0] not in subject_words()["linking"]:
        words.insert(0, tokens.pop()[0])
    words = _strip_leading_verbs(words)
    # a bracketed gloss belongs to the phrase: 研究与试验发展(R&D经费)投入
    return "".join(words).strip("、“”\"（）()"), grew


def _phrase_after(text: str) -> str:
    """The noun phrase starting `text` (after an optional 的), for counts like 105家 + 国内外知名高校."""
    tokens = list(_tag(text))
    if tokens and tokens[0][0] == "的":
        tokens.pop(0)
    words: list[str] = []
    flags: list[str] = []
    for i, (word, flag) in enumerate(tokens):
        inner_verb = (flag == "v" and len(word) > 1 and words and word not in subject_words()["action"]
                      and i + 1 < len(tokens) and _nounish(*tokens[i + 1])
                      and tokens[i + 1][0] not in subject_words()["linking"])  # 人才/引育/基金
        if (not _nounish(word, flag) and not inner_verb) or word in subject_words()["linking"]:
            break
        words.append(word)
        flags.append(flag)
    # a noun phrase ends in its noun: a last one-character adjective opens what follows (1500家科技型企业 +
    # 新获贷款, not 科技型企业新)
    while len(words) > 1 and flags[-1] == "a" and len(words[-1]) == 1:
        words.pop()
        flags.pop()
    return "".join(_strip_leading_verbs(words))


def _strip_leading_verbs(words: list[str]) -> list[str]:
    """培育科技型企业 -> 科技型企业: a verb (jieba tags some vn) opening a phrase is the action, not the thing."""
    while len(words) > 1 and words[0] not in subject_words()["in_phrase"] and _tag(words[0])[0][1].startswith("v"):
        words = words[1:]
    joined = "".join(words)
    for verb in subject_words()["leading_verb"]:
        if joined.startswith(verb) and len(joined) - len(verb) >= 2:
            return [joined[len(verb) :]]  # jieba keeps some verb-noun pairs whole (引进人才, 开发新/产品)
    return words


_NUMBER_TAIL = re.compile(rf"(?:{_AR}|{_CN})[万亿千百]?[余多]?\S?$")


def _subject(sentence: str, clause_start: int, m: re.Match, prev: dict | None) -> str:
    """What the number measures: the noun phrase after a count (105家 + 高校), else the one before it."""
    unit = m.group("unit") or "%"
    after = sentence[m.end() :]
    if unit not in _COUNT_UNITS:
        phrase = _phrase_after(after[:24])
        if len(phrase) >= 2:
            return phrase
    elif not (m.group("pre") or m.group("post")) and not _phrase_before(sentence[clause_start : m.start()])[0]:
        phrase = _phrase_after(after[:24])  # 设立2000万元的人才引育基金
        if len(phrase) >= 2:
            return phrase
    before = sentence[clause_start : m.start()]
    if before.endswith("、") and prev is not None and prev["end"] == m.start() - 1:
        return prev["subject"]  # 增长30.8%、31.2%: a list shares its subject
    distant = _distant_before().search(before)
    if distant:
        before = before[: distant.start()]
    phrase, grew = _phrase_before(before)
    if phrase:
        return phrase + ("增长" if grew else "")
    if grew or not before:
        # 贷款70.7亿元,较上年分别增长30.8%: the quantity that grew is named in the previous clause
        previous = CLAUSE_BREAK.split(sentence[: max(clause_start - 1, 0)])[-1]
        previous = _NUMBER_TAIL.sub("", previous)
        named, _ = _phrase_before(previous)
        return named + ("增长" if grew and named else "")
    return ""


def _measures(unit: str, subject: str) -> str:
    """What is counted: from the unit when it says (人, 元, %), else from the end of the subject."""
    by_unit = units().get(unit, "other")
    if by_unit in ("people", "money", "share", "teams"):
        return by_unit
    for measures, pattern in measure_rules():
        if pattern.search(subject):
            return measures
    if by_unit == "subject":
        return "firms" if unit in ("家", "户") else "other"
    return by_unit


# ---------------------------------------------------------------- time and kind

_YEAR = re.compile(
    r"(?P<rel>截至|截止到|截止|到|至|于)?"
    r"(?:“?十(?P<plan>[一二三四五六七八九])五”?(?:期间|时期|末|规划期)?"
    r"|(?P<y1>(?:19|20)\d\d)(?:年?(?:[—–\-至到~～])(?P<y2>(?:19|20)\d\d))?年(?P<tail>底前|末前|年底前|底|末|前|年底|年末|内|以来|起|度)?)"
)
_BASE_YEAR = re.compile(r"(?:较|比|相比|与|同|和|自|从)$")
# 上年度 is mostly a base (上年度最低工资标准的30%), so only 去年 and 明年 date a number
_RELATIVE = {"去年": -1, "明年": 1}


def written_span(value) -> tuple[int, int] | None:
    """(first year, last year) of a written date: '2023-07-26', '2018/2019', ('2023-01-01', '2023-12-31')."""
    if value is None:
        return None
    if isinstance(value, tuple | list):
        parts = [str(v) for v in value if v is not None and str(v).strip() not in ("", "nan", "NaT")]
    else:
        parts = [p for p in str(value).split("/") if p.strip() not in ("", "nan", "NaT")]
    years = [int(m.group(0)) for p in parts if (m := re.match(r"\s*(?:19|20)\d\d", p))]
    if not years:
        return None
    return min(years), max(years)


def document_written(row: dict) -> tuple[int, int] | None:
    """The written span of one documents-table row: written_from/written_to, else date_written, else date."""
    span = written_span((row.get("written_from"), row.get("written_to")))
    return span or written_span(row.get("date_written")) or written_span(row.get("date"))


def _period(before: str) -> tuple[int, int, str] | None:
    """The last year or period before the number that it is tied to: (first, last, relation)."""
    found = None
    for m in _YEAR.finditer(before):
        if _BASE_YEAR.search(before[: m.start()]) and not m.group("rel"):
            continue
        tail = m.group("tail") or ""
        if tail == "起":
            continue
        if m.group("plan"):
            last = 1955 + 5 * (10 + cn2an.cn2an(m.group("plan"), "normal"))
            first = last - 4
        else:
            first = int(m.group("y1"))
            last = int(m.group("y2") or first)
        rel = m.group("rel") or ""
        if rel == "至" and re.search(r"[日月]$", before[: m.start()]):
            rel = ""  # 2022年1月1日至2022年12月31日: the end of a date range, not 至2025年
        relation = ("as_of" if rel.startswith("截") else "by" if rel in ("到", "至") or tail.endswith("前")
                    else "since" if tail == "以来" else "in")
        found = (first, last, relation)
    return found


def _by_time(before: str, written: tuple[int, int] | None) -> str | None:
    """target or achievement when a year (or 去年/明年) settles it against the written date, else None."""
    period = _period(before)
    if period is None:
        for word, offset in _RELATIVE.items():
            if word in before and not re.search(rf"(?:较|比){word}", before):
                return "achievement" if offset < 0 else "target"
        return None
    first, last, relation = period
    if relation == "since":
        return "achievement"
    if written is None:
        return {"by": "target", "as_of": "achievement"}.get(relation)
    w_from, w_to = written
    if last < w_from:
        return "achievement"
    if first > w_to:
        return "target"
    if relation == "by":
        return "target"
    if relation == "as_of":
        return "achievement"
    return None


_SECTION_TARGET = re.compile(r"下一步|打算|计划|目标")
_SECTION_ACHIEVED = re.compile(r"情况|成效|成绩|进展|回顾|总体")
_IMPERATIVE = re.compile(r"^(加快|推动|推进|支持|实施|建设|打造|培育|引进|设立|组建|聚焦|出台|遴选|制定|开展)")
# An action the text sets out to do with a count: 组织不少于2场对接, 开发服务岗位150个, 建立18个网点.
_ACTION = re.compile(
    r"组织|举办|开展|建立|建设|开发|引进|培育|新建|打造|创建|发动|推动|实施|新开工|组建|遴选|招引|吸引"
)
_PLAN = re.compile(r"力争|争取|预计|确保|目标|计划|拟")
# The number sits in a condition that a provision follows: …仅有1套住房，且已结清住房贷款的，可以…
_CONDITION = re.compile(r"^[^。；;]{0,40}?的[，,]")
_RULE = re.compile(r"可以?|应当?|须|不得|按照?|支付|缴纳|执行|享受|是指|为准|标准|认定为|的前提下|给予|予以")
# A bound followed by 的: 年销售收入不超过2000万元的企业, 均价2倍（含2倍）以上的住房.
_BOUNDED_OF = re.compile(r"^(?:[（(]含[^）)]{0,5}[）)])?的")
_SUPPORT = re.compile(r"给予|予以|补贴|补助|奖励|奖补|贴息|资助|返还|减免|免收|缓缴")


def _by_cues(text: str, provisions: bool, strengths=("strong", "weak")) -> str | None:
    for kind, strength, pattern in kind_cues():
        if strength in strengths and (provisions or kind != "provision") and pattern.search(text):
            return kind
    return None


# A reference to a law's own paragraphs, items or articles: 前两款, 上述三项, 下列两项, 依照前三条.
_REFERENCE = re.compile(r"(?:前|本条|本款|本项|上述|下列|以下|同条|该条|该款)$")
# Fines and other penalties: the number's own clause (comma to comma) imposes one.
_PENALTY = re.compile(r"罚款|罚金|拘留|罚没|没收|吊销|处分|处罚|暂扣")
# A rule a law's article sets (应当, 可以, 不得…): a provision of the law, never a report or a plan.
_MODAL = re.compile(r"应当|可以|不得|必须|禁止|须|应")
STATUTE_ARTICLE = ARTICLE_LABEL
_AIM = re.compile(r"力争|争取|预计")
STATUTE_ARTICLES_MIN = 3  # a document with this many articles is a statute (a notice cites one or two)

_SECTION_PROVISION = re.compile(r"补贴|补助|奖励|资助|扶持|支持标准|申报条件|支持政策|政策措施")


def _kind(sentence: str, clause: str, before: str, after: str, row: dict, section: str,
          written: tuple[int, int] | None, statute: bool = False) -> str:
    """penalty, provision, target or achievement (see the module docstring for the order of evidence)."""
    own = clause + CLAUSE_BREAK.split(after, maxsplit=1)[0]
    if _PENALTY.search(own):
        return "penalty"  # 处五万元以下的罚款, 并处违法所得1倍以上5倍以下的罚金: never an amount promised
    if statute or (STATUTE_ARTICLE.match(sentence) and _MODAL.search(sentence)):
        # a law's articles set rules (应当在三十日内作出决定, 至少两名医师推荐, 确保每年至少组织一次培训):
        # provisions, unless an aim (力争, 争取) or a year the number is tied to makes it a target
        aimed = _AIM.search(clause) or _by_time(before, written) == "target"
        return "target" if aimed else "provision"
    if _PLAN.search(clause):
        return "target"
    if _CONDITION.match(after) or (row["bound"] in ("at_least", "at_most") and _BOUNDED_OF.match(after)):
        return "provision"  # 年销售收入不超过2000万元的企业; …累计两次及以上的，3年内不得…
    timed = _by_time(before, written)
    if timed:
        return timed
    # a support standard is an amount or a rate; 获得国家科技奖励5项 counts awards won
    provisions = row["measures"] in ("money", "share") or row["unit"] == "倍"
    found = _by_cues(clause, provisions, ("strong",))
    if found:
        return found
    if provisions and _SECTION_PROVISION.search(section):
        return "provision"
    if _SECTION_TARGET.search(section):
        return "target"
    if _SECTION_ACHIEVED.search(section):
        return "achievement"
    # in a sentence that sets rules (可, 应当, 按, 支付, 不得), 达到/取得/已 describe conditions, and a
    # count after an action verb is a requirement, not a report or a plan
    ruled = bool(_RULE.search(sentence))
    found = None if ruled else _by_cues(clause, provisions, ("weak",))
    if found:
        return found
    counted = row["measures"] not in ("money", "share") and row["unit"] != "倍"
    found = _by_cues(sentence, provisions, ("strong",) if ruled else ("strong", "weak"))
    if counted and not ruled and _ACTION.search(clause) and not _SUPPORT.search(clause) and found != "achievement":
        return "target"
    if found:
        return found
    if not ruled and (_IMPERATIVE.search(clause) or _IMPERATIVE.search(sentence)):
        return "target"
    # what a policy text states without a year, a plan word or a report word, it provides or decides
    return "provision"


# ---------------------------------------------------------------- finding


def _bound(words: list[str]) -> str:
    # （含2倍）以上 is bounded by its last word
    bounds = {qualifiers()[w if w in qualifiers() else re.sub(r"^[（(]含[^）)]*[）)]", "", w)][1]
              for w in words if w in qualifiers() or re.sub(r"^[（(]含[^）)]*[）)]", "", w) in qualifiers()}
    for b in ("at_most", "at_least", "about"):
        if b in bounds:
            return b
    return "exact"


def _slogan(sentence: str, m: re.Match) -> bool:
    """“四个全面”, “三项清理”: a short quoted phrase that starts with the number is a name."""
    return m.start() > 0 and sentence[m.start() - 1] in "“\"「" and bool(re.match(r"^[^”\"」]{0,4}[”\"」]",
                                                                            sentence[m.end() :]))


# A period or age is an indicator as a threshold or a granted term (满6个月, 35岁以下, 4个月的缓存期,
# 1至3年不得申请, 由两年放宽至五年), not as a window counted from an event (公告之日起6个月内) or a span
# of past activity (近5年来, 连续四年, 两年多).
_TERM_BEFORE = re.compile(r"(?:禁止其?|放宽至|延长至|压缩至|缩短至|提高至|延长|为期|期限为|年限为|由|期为)$")
_TERM_AFTER = re.compile(r"^(?:内)?(?:不得|禁止)|^的|^(?:放宽至|延长至|压缩至|缩短至)")
_NOT_TERM_AFTER = re.compile(r"^(?:来|以来|间|多|度|底|末|初|月)")
_WINDOW_AFTER = re.compile(r"^(?:前|后|内)")
_NOT_TERM_BEFORE = re.compile(r"(?:今后|连续|之日起|起|月|上|提前)$")  # 上两年 is a base period
_PLAN_NAME = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:计划|规划|方案|行动)")  # 三年推进计划


def _a_term(sentence: str, m: re.Match, value: float, found: list) -> bool:
    unit = m.group("unit")
    before, after = sentence[: m.start()], sentence[m.end() :]
    if unit in ("年", "日") and (value >= 1000 or before.endswith("月")):
        return False  # 2018年, 6月6日
    if _NOT_TERM_AFTER.match(after) or _PLAN_NAME.match(after):
        return False
    bounded = [w for w in (m.group("pre"), m.group("post")) if w and w != "内"]
    if bounded or m.group("sep") or _distant_before().search(before[-12:]):
        return True
    if _NOT_TERM_BEFORE.search(before):
        return False
    if _TERM_BEFORE.search(before):
        return True
    if _WINDOW_AFTER.match(after) and not re.match(r"^内(?:不得|禁止)", after):
        return False
    if _TERM_AFTER.match(after):
        return True
    tokens = _tag(after[:8])
    if tokens and tokens[0][1].startswith("n") and len(tokens[0][0]) > 1:
        return True  # 6个月租金, 半小时延时服务: a term of something granted (24小时在线 is a verb)
    # 4年、5年、10年的: a list continues the term it starts
    return bool(found) and found[-1][0]["end"] == m.start() - 1 and before.endswith("、") \
        and found[-1][0]["unit"] == unit


@lru_cache(maxsize=16384)
def _quantities(original: str, section: str) -> tuple[tuple[dict, str, str, str], ...]:
    """The written-date-free part of the work: each quantity with the texts its kind is read from."""
    sentence = _plain(original)
    if not _NUMERAL.search(sentence):
        return ()  # every quantity holds a numeral (a third of the statutes' sentences hold none): no scan
    out = []
    prev = None
    for m in _quantity().finditer(sentence):
        financial = original[m.start() : m.end()] != original[m.start() : m.end()].translate(_FINANCIAL)
        if m.group("bare") is not None and "元" not in sentence and not m.group("post") and not financial:
            continue  # (financial numerals write amounts of money only: 肆佰叁拾萬 is money)
        unit = m.group("unit") or ("元" if m.group("bare") is not None else "%")
        if m.group("unit1") and _base_unit(m.group("unit1")) != _base_unit(unit):
            continue
        if unit in _not_counted() and _not_counted()[unit].match(sentence[m.end() :]):
            continue
        if sentence[m.end() : m.end() + 1] in ("*", "×", "=") or sentence[m.start() - 1 : m.start()] in ("*", "×"):
            continue  # operands of a worked example (1650元*30%=495元): only the result is a quantity
        if _slogan(sentence, m) or (m.group("cn") == "二" and not m.group("sep")):
            continue  # “四个全面”; 二套住房 is the second home, an ordinal (a count says 两套)
        if m.group("cn") == "一" and unit not in ("倍", "元") and not (
            m.group("pre") or m.group("post") or _distant_before().search(sentence[: m.start()][-12:])
        ):
            continue  # 一个平台, 一家机构: an article; 只能购买一套, 不超过一年 are counts
        if re.search(r"[（(]不?含$", sentence[: m.start()]):
            continue  # 144平方米以下（不含144平方米）: the bound restated
        if unit in ("款", "项", "条") and _REFERENCE.search(sentence[: m.start()]):
            continue  # 前两款, 上述三项, 依照前三条: a reference to a law's own paragraphs, items or articles
        mult2 = m.group("mult2") or ""
        mult = m.group("mult") or ("" if m.group("unit1") else mult2)
        two = m.group("num2")
        if two and not two[0].isdigit() and not mult and not m.group("unit1") and m.group("cn") \
                and not re.search(r"[万亿]$", m.group("cn")):
            mult = re.search(r"[万亿]*$", two).group(0)  # 十到二十万元: the 万 of the second end is the first's too
        pct = m.group("pct")
        if pct:
            value = _value(pct if pct[0].isdigit() else None, None if pct[0].isdigit() else pct, "")
            value *= {"百": 1, "千": 0.1, "万": 0.01}[m.group("per")]  # 万分之五 -> 0.05 %
        elif m.group("half"):
            value = 0.5
        else:
            value = _value(m.group("num"), m.group("cn"), mult)
        value_max = math.nan
        if two:
            value_max = _value(two if two[0].isdigit() else None, None if two[0].isdigit() else two, mult2)
        if m.group("jiao") or m.group("fen"):
            value += sum(_value(None, re.sub(r"[零角分]", "", part), "") * scale if not part[-2].isdigit()
                         else float(part[-2]) * scale
                         for part, scale in ((m.group("jiao"), 0.1), (m.group("fen"), 0.01)) if part)
        if not math.isfinite(value) or (m.group("num2") and not math.isfinite(value_max)):
            continue
        if sentence[m.start() - 1 : m.start()] == "±" and not m.group("num2"):
            value, value_max = -value, value  # 价格浮动范围为±5%
        if unit in term_units() and not _a_term(sentence, m, value, out):
            continue
        clause_start = max((b.end() for b in CLAUSE_BREAK.finditer(sentence, 0, m.start())), default=0)
        before = sentence[clause_start : m.start()]
        distant = _distant_before().search(before)
        words = [w for w in (m.group("pre"), m.group("yu"), m.group("yu2"), m.group("post")) if w]
        qualifier_words = ([(distant.group(1) or distant.group(2))] if distant else []) + words
        bound = _bound(qualifier_words)
        row = {
            "surface": original[m.start() : m.end()], "start": m.start(), "end": m.end(),
            "value": value, "value_max": value_max,
            "unit": _base_unit(unit), "qualifier": ";".join(qualifier_words), "bound": bound,
        }
        row["subject"] = _subject(sentence, clause_start, m, prev)
        row["measures"] = _measures(row["unit"], row["subject"])
        out.append((row, sentence[: m.start()], sentence[clause_start : m.end()], sentence[m.end() :]))
        prev = row
    return tuple(_join_open_ranges(_respectively(sentence, out)))


def _respectively(sentence: str, found: list[tuple[dict, str, str, str]]) -> list[tuple[dict, str, str, str]]:
    """为2403家企业发放贷款70.7亿元，较上年分别增长30.8%、31.2%: a list of quantities after 分别 measures, in
    order, what as many quantities before it in the sentence measure (the firms, then the loans), not all of
    it what the last one measures. The rows' subjects are set in place."""
    rows = [f[0] for f in found]
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and rows[j]["start"] == rows[j - 1]["end"] + 1 and sentence[rows[j - 1]["end"]] == "、":
            j += 1
        k = j - i
        if k >= 2 and i >= k and "分别" in sentence[rows[i - 1]["end"] : rows[i]["start"]]:
            grew = rows[i]["subject"].endswith("增长")
            for row, earlier in zip(rows[i:j], rows[i - k : i], strict=True):
                if earlier["subject"]:
                    row["subject"] = earlier["subject"] + ("增长" if grew else "")
                    row["measures"] = _measures(row["unit"], row["subject"])
        i = j
    return found


def _join_open_ranges(found: list[tuple[dict, str, str, str]]) -> list[tuple[dict, str, str, str]]:
    """1万元以上5万元以下 (处…的罚款) is one range: value 1万, value_max 5万."""
    out: list[tuple[dict, str, str, str]] = []
    for item in found:
        row = item[0]
        if out:
            last = out[-1][0]
            if (last["end"] == row["start"] and last["unit"] == row["unit"] and last["surface"].endswith("以上")
                    and row["surface"].endswith(("以下", "以内")) and math.isnan(last["value_max"])):
                merged = last | {"surface": last["surface"] + row["surface"], "end": row["end"],
                                 "value_max": row["value"], "qualifier": "以上;" + row["qualifier"].split(";")[-1],
                                 "bound": "exact"}
                out[-1] = (merged, out[-1][1], out[-1][2] + row["surface"], item[3])
                continue
        out.append(item)
    return out


def limits(row: dict) -> tuple[float, float, bool | None]:
    """(lower, upper, inclusive) of a quantity: the least and the greatest value its text allows (NaN where
    it sets none: 不少于10家 has no upper limit, 约10家 neither), and whether those limits include the
    numbers themselves (以上, 不超过, （含） yes; 超过, 不满, 低于 no; None for an approximation)."""
    value, value_max, bound = row["value"], row["value_max"], row["bound"]
    words = [w for w in row["qualifier"].split(";") if w]
    surface = row["surface"]
    if bound == "about":
        return math.nan, math.nan, None
    if re.search(r"[（(]不含", surface):
        inclusive = False
    elif re.search(r"[（(]含", surface):
        inclusive = True
    else:
        said = [qualifier_includes().get(re.sub(r"^[（(]含[^）)]*[）)]", "", w)) for w in words]
        inclusive = all(i is not False for i in said)
    if not math.isnan(value_max):
        return value, value_max, inclusive
    if bound == "at_least":
        return value, math.nan, inclusive
    if bound == "at_most":
        return math.nan, value, inclusive
    return value, value, True


def _find(sentence: str, section: str = "", written: tuple[int, int] | None = None, lead: str = "",
          statute: bool = False) -> list[dict]:
    rows_ = []
    for row, before, clause, after in _quantities(sentence, section):
        kind = _kind(sentence, clause, lead + before, after, row, section, written, statute)
        lower, upper, inclusive = limits(row)
        rows_.append(row | {"kind": kind, "lower": lower, "upper": upper, "inclusive": inclusive})
    return rows_


def find_indicators(sentence: str, section: str = "", written=None) -> pd.DataFrame:
    """Indicators in one (Simplified) sentence; offsets are relative to the sentence.

    `written` is the document's written date ('2023', '2023-07-26', '2018/2019' or a (from, to) pair);
    without it a year decides the kind only through 到/截至/以来.
    """
    return _typed(pd.DataFrame(_find(sentence, section, written_span(written)), columns=INDICATOR_COLUMNS))


def indicators(sentences: pd.DataFrame, clauses: pd.DataFrame | None = None, written=None) -> pd.DataFrame:
    """Indicators of a sentences table (doc_id, clause_id, sentence_id, start, text): one row each.

    With `clauses`, each sentence's section heading also informs the kind (下一步工作打算 -> target).
    `written` is the documents' written date (see find_indicators), or a dict doc_id -> written date.
    """
    sections = {} if clauses is None else dict(zip(clauses["clause_id"], clauses["section_path"], strict=True))
    # a statute: a document with articles (第X条); its clauses, the items under an article too, set rules
    statutes: set = set()
    if clauses is not None:
        numbered = clauses[clauses["label"].str.match(STATUTE_ARTICLE)]
        counts = numbered["doc_id"].value_counts()
        statutes = set(counts[counts >= STATUTE_ARTICLES_MIN].index)
    spans: dict = {}
    out = []
    lead: dict = {}  # (doc_id, section) -> a lead sentence's year that governs the list after it
    columns = (sentences[c].tolist() for c in ("doc_id", "clause_id", "sentence_id", "start", "text"))
    for doc_id, clause_id, sentence_id, start, text in zip(*columns, strict=True):
        section = sections.get(clause_id, "")
        key = (doc_id, section) if clauses is not None else (doc_id, clause_id)
        if isinstance(written, dict):
            if doc_id not in spans:
                spans[doc_id] = written_span(written.get(doc_id))
            span = spans[doc_id]
        else:
            span = spans.setdefault(None, written_span(written))
        for found in _find(text, section, span, lead.get(key, ""), doc_id in statutes):
            out.append(
                {"doc_id": doc_id, "clause_id": clause_id, "sentence_id": sentence_id}
                | found
                | {"start": found["start"] + start, "end": found["end"] + start, "sentence": text}
            )
        if text.rstrip().endswith(("：", ":")) and _period(text):
            lead[key] = text  # 到2025年，主要目标是： then 高新技术企业达到1万家。
    return _typed(pd.DataFrame(out, columns=["doc_id", "clause_id", "sentence_id", *INDICATOR_COLUMNS, "sentence"]))


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """The same column types in every table, empty or not: limits are floats, `inclusive` a nullable boolean
    (parts of an export written apart must agree)."""
    return table.astype({"lower": "float64", "upper": "float64", "inclusive": "boolean"})
