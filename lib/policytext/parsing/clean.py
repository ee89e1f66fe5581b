"""Raw page text -> clean policy body, with a record of every line removed or moved, and why.

Rules (which lines are site chrome) live in data/cleaning_rules.tsv and the header field names in
data/header_fields.tsv; this module holds the layout logic the rules cannot express: where the head
and the footer of a page are, the title, official metadata headers in any layout (printed twice, one
field per line, several on one line), the signature block (issuers, signer, date in any printed form,
release and distribution notes, attachments after it), validity notes, photo captions that cut a
sentence, words broken across blank lines, abstracts that repeat the body, and several articles in
one file. A document printed on one line keeps its body: a header run into it and a signature at its
end are cut out as fragments. Every non-blank raw line ends up either in a kept paragraph or in
`removed` (a line with cut fragments is kept, and each fragment is in `removed` too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import rows
from .dates import date_line, find_dates
from .headerfields import field_names, header_fields
from .numbering import ARTICLE_LABEL, CN_SMALL, ends_sentence, has_label, heading_like
from .script import to_simplified

REASONS = {
    "site_chrome": "site name, navigation, print/close widgets, account promotion",
    "contact_details": "hotline, phone, e-mail, QQ or WeChat line",
    "share_widget": "share buttons",
    "qr_code": "QR-code and app-download instructions",
    "copyright_notice": "copyright statement, reprint prohibition, legal counsel",
    "tipoff_reward": "rewards for news tips",
    "editor_line": "responsible editor",
    "disclaimer_feedback": "disclaimer or feedback link",
    "breadcrumb": "navigation path (首页 > …)",
    "repeated_title": "the title printed again",
    "title": "moved to the article's title (headline, kicker, subtitle)",
    "column_label": "newspaper column label",
    "byline": "moved to metadata: reporter, author or publishing organisation",
    "dateline": "moved to metadata: publication time and source line",
    "metadata_block": "moved to metadata: official-document metadata table",
    "duplicate_metadata": "the metadata table printed a second time",
    "addressee": "moved to metadata: salutation of a letter",
    "signature": "moved to metadata: signing organisation(s) and date",
    "release_note": "moved to metadata: release note or distribution line after the signature (此件公开发布, 抄送)",
    "validity_note": "moved to metadata: a note that the document expired or until when it is valid",
    "photo_caption": "moved to captions: newspaper photo caption",
    "abstract_duplicate": "abstract whose sentences all repeat the body",
    "abstract": "moved to metadata: abstract with sentences not in the body",
    "inline_watermark": "site URL inside a sentence (fragment removed, sentence kept)",
    "separator": "a line of rule or bullet characters only (---, ***, ———)",
    "letterhead": "red-header letterhead of an official document (XX文件, 中共XX委员会文件), never its title",
    "statute_history": "a law's adoption and amendment history (…通过, …修正, …修订, …施行), bracketed or not",
    "promulgation_order": "a law's promulgation order: 主席令/国务院令, its number, 现予公布 sentence, signer, date",
    "table_of_contents": "a law's table of contents (目录 and the chapter headings listed under it)",
}
# A reason that removes a second printing of something, and the reason that removes the first: counted with
# it when removed text is ranked by artefact (one metadata table printed twice is one artefact).
REPRINTS = {"duplicate_metadata": "metadata_block", "repeated_title": "title", "abstract_duplicate": "abstract"}
ANY_ZONE_MAX = 60
_BULLETS = " \t\u3000•·*-–—▪◆●■□>"
_DATELINE_PAIR = re.compile(r"(\S+?)[:：]\s*(.*?)(?=\s+\S+[:：]|$)")
_SIGN_ORG = re.compile(
    r"^\S{2,30}(局|委员会|委|厅|办公室|办|人民政府|政府|研究院|院|部|中心|协会|联合会|集团|公司|银行|分行|署|"
    r"大学|研究所|所|小组|领导小组|管理委员会)$"
)
# Lines that may follow the signature date: release notes, and the start of the attachments.
_RELEASE_NOTE = re.compile(r"^[(（]\s*此件\S{0,8}[)）]$|^[(（]\s*(联系人|联系电话)[:：]\S*[)）]?$")
_INLINE_NOTE = re.compile(r"[(（]\s*此件\S{0,8}[)）]$")
# The distribution lines printed under an official document (版记): 抄送, and who printed it when.
_PRINT_NOTE = re.compile(
    r"^(抄送|抄报|主送|分送|发送)[:：]|^\S{2,30}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(印发|印制)$"
)
HEADER_VALUE_MAX = 60
# The person who signs a government order (市长 张三): part of the signature, not an issuer.
_SIGNER = re.compile(r"^(总理|省长|市长|区长|县长|州长|主任|局长|厅长|部长|署长|主席|书记)\s*[\u4e00-\u9fff·]{2,5}$")
_CN_DOT_LABEL = re.compile(rf"^[{CN_SMALL}]+[.．](?!\d)")  # 一．总体要求: a heading, so the body has begun
_BRACKETED = re.compile(r"^[(（].*[)）]$")  # a note under a title (adoption, draft), never part of the title
_FIRST_VALUE = re.compile(r"\S+(\s+\d{1,2}[:：]\d{2}([:：]\d{2})?)?")
_ATTACHMENT = re.compile(r"^(附件|附表)\s*[\d一二三四五六七八九十]*\s*[:：]?")
_VALIDITY_NOTE = re.compile(
    r"^[【\[(（]?\s*((此|本|该)(文件|件|规定|办法|通知)\s*)?(已于.{4,24}(宣布)?(失效|废止)|有效期至.{4,24})[。]?[】\])）]?$"
)
_ADDRESSEE = re.compile(r"^\S{1,20}[:：]$")
_CAPTION_MARK = re.compile(r"(资料图片|资料照片|供图|图片来源|摄影?$|^图为|[(（]图[)）])")
_NEWS_LEAD = re.compile(r"^(本报讯|本报[^\s，,。]{0,12}[电讯]|新华社[^\s，,。]{0,12}电|[^\s，,。]{2,8}消息[(（])")
_PUNCT_START = re.compile(r"^[^\w《“(（【]")  # a headline never starts with punctuation
_LEADING_DATE = re.compile(r"^\d{4}[-/年]\d{1,2}")
_CAPTION_LINE = re.compile(r"(^(图为|图[:：]|[(（]图)|摄影?$|资料图片$)")
# Header fields a page dateline carries (publication time, source, counters): such a line is a dateline;
# a line with any other field (索引号, 发文字号, 成文日期 …) is the official metadata table.
_DATELINE_FIELDS = ("date_published", "source", "-")
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?[”’」』]?")
# A law's header, between its title and its first article. History lines: a date, then who adopted,
# amended, promulgated or put it into force (1990年9月7日 第七届…会议通过; （2019年…通过，根据…修正）).
_CN_DAY = r"[\d一二三四五六七八九十]{1,3}"
_CN_YEAR = rf"(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*{_CN_DAY}\s*月\s*{_CN_DAY}\s*日"
_STATUTE_HISTORY = re.compile(rf"^[(（]?\s*{_CN_YEAR}(?![，,])[^。]*。?$")
_HISTORY_ACT = re.compile(r"(通过|修正|修订|修改|公布|发布|颁布|施行|批准|实施|印发|生效)\s*[)）]?[。]?$")
_HISTORY_BODY = re.compile(r"会议|委员会|国务院|令第|决定|人民代表大会|军委|法院|检察院|批准|根据")
# The promulgation order printed above a law: 中华人民共和国主席令 / 国务院令, 第三十一号, 《…》已经…通过，
# 现予公布，自…起施行。 and the signer (主席 习近平).
_ORDER = re.compile(
    r"^(中华人民共和国)?[^\s的]{0,16}?(主席令|国务院令|政府令|部令|局令|委员会令|令)$|^(\S{0,20}令\s*)?[(（]?第\s*[\d一二三四五六七八九十百零〇]+\s*号[)）]?$"
    r"|^《[^》]+》.{0,120}现予(公布|发布|颁布)"
)
_ORDER_SIGNER = re.compile(r"^(中华人民共和国|国务院)?(主席|总理|省长|市长|主任)\s*[\u4e00-\u9fff·]{2,5}$")
_TOC = re.compile(r"^目\s*录$")
# A line of page furniture stands alone and is short; a numbered provision (第三十五条, （二）, 1.) or a
# sentence of several clauses is text, whatever words it holds (…除著作权人声明不得转载、摘编的外…).
PROSE_MIN = 30
_STATUTE_REASONS = ("statute_history", "promulgation_order", "table_of_contents")


@dataclass(frozen=True)
class Rule:
    """One cleaning rule from data/cleaning_rules.tsv."""

    reason: str
    zone: str
    tail: bool
    pattern: re.Pattern
    comment: str


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The cleaning rules shipped with the package."""
    rules = []
    for fields in rows("cleaning_rules.tsv"):
        reason, zone, tail, pattern, comment = fields
        if reason not in REASONS or zone not in ("head", "tail", "edge", "any", "inline"):
            raise ValueError(f"cleaning_rules.tsv: bad rule {fields!r}")
        rules.append(Rule(reason, zone, tail == "yes", re.compile(pattern, re.IGNORECASE), comment))
    return tuple(rules)


@dataclass(frozen=True)
class Removal:
    """A raw line (or, for inline watermarks, a fragment) that is not body text."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: its text (original script), the same text in Simplified script (same length),
    and the raw lines it was joined from."""

    lines: tuple[int, ...]
    text: str
    simplified: str = ""


@dataclass(frozen=True)
class Article:
    """One article of a file: title, paragraphs and photo captions."""

    number: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    captions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    """A metadata field found in a moved line: name, value, and its raw line number."""

    name: str
    value: str
    line: int


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one document."""

    articles: tuple[Article, ...]
    removed: tuple[Removal, ...]
    fields: tuple[Field, ...]
    joins: tuple[tuple[int, int], ...]
    n_lines: int
    blank_lines: tuple[int, ...]

    @property
    def text(self) -> str:
        """The clean body: paragraphs one per line, articles separated by a blank line."""
        return "\n\n".join("\n".join(p.text for p in a.paragraphs) for a in self.articles)

    @property
    def simplified(self) -> str:
        """The clean body in Simplified script, cut from the document's one conversion (same offsets as `text`)."""
        return "\n\n".join("\n".join(p.simplified for p in a.paragraphs) for a in self.articles)

    @property
    def kept_lines(self) -> tuple[int, ...]:
        """Raw line numbers (1-based) whose text is in the body."""
        return tuple(sorted(n for a in self.articles for p in a.paragraphs for n in p.lines))

    def line_status(self) -> dict[int, str]:
        """Every raw line number -> 'kept', 'blank' or the reason it was removed."""
        status = {n: "blank" for n in self.blank_lines}
        status |= {r.line: r.reason for r in self.removed}
        status |= {n: "kept" for n in self.kept_lines}
        return status


def _key(simplified_line: str) -> str:
    return simplified_line.strip().strip(_BULLETS).strip()


def _applies(rule: Rule, zone: str, long: bool) -> bool:
    if rule.zone == "inline":
        return False
    if rule.zone == "any" and zone != "tail" and long:
        return False
    return rule.zone in (zone, "any") or (rule.zone == "edge" and zone in ("head", "tail"))


@lru_cache(maxsize=4)
def _zone_rules(rules: tuple[Rule, ...]) -> dict[tuple[str, bool], tuple[Rule, ...]]:
    """The rules that apply in each zone to a short or a long (> ANY_ZONE_MAX) line, in file order: chosen
    once, not again for every line."""
    return {(zone, long): tuple(r for r in rules if _applies(r, zone, long))
            for zone in ("head", "tail", "body") for long in (False, True)}


# How many (line, zone) decisions are remembered across documents (site chrome, footers and stock phrases
# recur from page to page); past it the memory starts afresh.
DECISIONS_KEPT = 1 << 15


@lru_cache(maxsize=4)
def _decisions(rules: tuple[Rule, ...]) -> dict[tuple[str, str], Rule | None]:
    """(line key, zone) -> the first rule it matches: one memory per rule set, shared by every document."""
    return {}


def _match(zone_rules: dict[tuple[str, bool], tuple[Rule, ...]], key: str, zone: str) -> Rule | None:
    for rule in zone_rules[zone, len(key) > ANY_ZONE_MAX]:
        if rule.pattern.search(key):
            return rule
    return None


def _compact(text: str) -> str:
    return re.sub(r"[\s、，,]+", "", text)


def _unspaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _same(a: str, b: str) -> bool:
    return _unspaced(a) == _unspaced(b)


class _Cleaner:
    def __init__(self, text: str, simplified: str) -> None:
        self.raw = text.split("\n")
        self.simp = simplified.split("\n")
        self.keys = [_key(s) for s in self.simp]
        self.rules = load_rules()
        self.zone_rules = _zone_rules(self.rules)
        self.inline = tuple(r.pattern for r in self.rules if r.zone == "inline")
        self.matched = _decisions(self.rules)
        self.status: dict[int, str] = {}
        self.removed: list[Removal] = []
        self.fields: list[Field] = []
        self.title_lines: list[int] = []
        self.meta_seen: set[tuple[str, str]] = set()
        self.order = ""  # a law's promulgation order line (重庆市人民政府令), whose number follows it
        # Fragments of a kept line that are not body text (a header or a signature printed on the same
        # line as the body, when the page lost its line breaks): raw line index -> (start, end, reason).
        self.cuts: dict[int, list[tuple[int, int, str]]] = {}

    def remove(self, i: int, reason: str) -> None:
        self.status[i] = reason
        self.removed.append(Removal(i + 1, self.raw[i], reason))

    def cut(self, i: int, start: int, end: int, reason: str) -> None:
        """Cut key[start:end] of line i out of the body (positions in the line's key)."""
        base = self.simp[i].find(self.keys[i])
        self.cuts.setdefault(i, []).append((base + start, base + end, reason))

    def field(self, name: str, value: str, i: int) -> None:
        self.fields.append(Field(name, value.strip(), i + 1))

    def nonblank(self, start: int = 0, stop: int | None = None) -> list[int]:
        stop = len(self.raw) if stop is None else stop
        return [i for i in range(start, stop) if self.keys[i]]

    # -- head ---------------------------------------------------------------
    def head(self) -> int:
        """Classify lines before the body; return the index of the first body line."""
        title: list[int] = []
        title_closed = False
        lines = self.nonblank()
        consumed: set[int] = set()
        for n, i in enumerate(lines):
            if i in consumed:
                continue
            key = self.keys[i]
            shape = self.without_inline(key)  # judge a line's shape as it will stand in the body
            # ...and as the body would rejoin it: a line cut mid-sentence is judged with its continuation
            follower = lines[n + 1] if n + 1 < len(lines) else None
            joined = follower is not None and _continues(shape, self.without_inline(self.keys[follower]))
            if joined:
                shape += self.without_inline(self.keys[follower])
            pairs = header_fields(key)
            if pairs and (key[0] in "[【" or any(field_names()[k] not in _DATELINE_FIELDS for k, _ in pairs)):
                name, value = pairs[-1]
                if len(value) <= HEADER_VALUE_MAX or field_names()[name] == "title_field":
                    self.metadata_row(i, pairs)
                    continue
                # No line break after the header: it ends with the last field's first word (or date and
                # time); the rest of the line is the document.
                first = _FIRST_VALUE.match(value).group(0)
                self.cut(i, 0, key.index(value, key.rindex(name)) + len(first), "metadata_block")
                for k, v in [*pairs[:-1], (name, first)]:
                    if v and field_names()[k] != "-":
                        self.field(k, v, i)
                return i
            if _VALIDITY_NOTE.match(key):
                self.remove(i, "validity_note")
                self.field("validity_note", key, i)
                continue
            # a law's header line, alone or (a history line broken by layout) with its continuation
            statute, both = self.statute_header(self.without_inline(key)), False
            if statute == "statute_history" and joined:
                rest = self.without_inline(self.keys[follower])
                both = bool(_HISTORY_ACT.search(rest)) and not _STATUTE_HISTORY.match(rest) and len(rest) <= 60
            if statute:
                for j in (i, follower) if both else (i,):
                    self.remove(j, statute)
                    consumed.add(j)
                self.statute_fields(i, statute, shape if both else self.without_inline(key))
                if statute == "table_of_contents":
                    consumed.update(self.contents(n, lines))
                continue
            rule = self.match(shape, "head")
            if rule:
                self.remove(i, rule.reason)
                if rule.reason in ("dateline", "byline", "abstract_duplicate", "metadata_block"):
                    self.dateline(i, rule.reason)
                elif rule.reason == "letterhead":
                    self.field("letterhead", re.sub(r"\s+", "", key), i)
                continue
            if title and _same(key, " ".join(self.keys[j] for j in title)):
                self.remove(i, "repeated_title")
                continue
            if any(r.reason in _STATUTE_REASONS for r in self.removed):
                # a law's header is over: what follows is its body, or its title printed again in parts
                printed = _compact(" ".join(self.keys[j] for j in title))
                if title and _compact(shape) and _compact(shape) in printed:
                    self.remove(i, "repeated_title")
                    continue
                return i
            looks_like_body = not heading_like(shape) and not _ADDRESSEE.match(shape)
            if has_label(shape) or _CN_DOT_LABEL.match(shape) or looks_like_body or _PUNCT_START.match(shape):
                return i
            if _ADDRESSEE.match(key):
                if title:
                    self.remove(i, "addressee")
                    self.field("addressee", key.rstrip(":："), i)
                else:
                    self.remove(i, "title")
                    self.field("kicker", key, i)
                continue
            if title and (title_closed or i != title[-1] + 1 or _BRACKETED.match(key)):
                title_closed = True
                self.remove(i, "title")
                self.field("subtitle", key, i)
                continue
            for j in (i, follower) if joined else (i,):
                title.append(j)
                self.title_lines.append(j)
                self.remove(j, "title")
                consumed.add(j)
        return len(self.raw)

    def match(self, key: str, zone: str) -> Rule | None:
        """The first rule of `zone` that `key` matches (a line recurs within a document and across them).

        Outside the footer, rules that may match anywhere never take a numbered provision or a sentence
        of several clauses: chrome is told by its position and form, not by the words it shares with text."""
        found = self.matched.get((key, zone), False)
        if found is False:
            if len(self.matched) >= DECISIONS_KEPT:
                self.matched.clear()
            found = _match(self.zone_rules, key, zone)
            if found is not None and found.zone == "any" and zone != "tail" and provision_like(key):
                found = None
            self.matched[key, zone] = found
        return found

    def statute_header(self, shape: str) -> str | None:
        """The reason a head line belongs to a law's header (history, promulgation order, 目录), or None."""
        if _STATUTE_HISTORY.match(shape) and (_HISTORY_ACT.search(shape) or _HISTORY_BODY.search(shape)):
            return "statute_history"
        last = self.removed[-1].reason if self.removed else ""
        if last == "statute_history" and len(shape) <= 20 and _HISTORY_ACT.search(shape) and not has_label(shape):
            return "statute_history"  # 1984年1月7日 国务院 / 中央军委发布: the organ on a line of its own
        if _TOC.match(shape):
            return "table_of_contents"
        if _ORDER.match(shape):
            return "promulgation_order"
        if last == "promulgation_order" and (_ORDER_SIGNER.match(shape) or date_line(shape)):
            return "promulgation_order"
        return None

    def statute_fields(self, i: int, reason: str, line: str) -> None:
        """What a law's header line says, kept as metadata: the history line as the note under the title, the
        order's issuer and number (重庆市人民政府令 + 第 999 号), its signer and date."""
        if reason == "statute_history":
            self.field("subtitle", line, i)
        elif reason != "promulgation_order":
            return
        elif _ORDER_SIGNER.match(line):
            self.field("signer", line, i)
        elif date_line(line):
            self.field("signature_date", line, i)
        elif line.endswith("令"):
            self.order = re.sub(r"\s+", "", line)
            self.field("signature_org", self.order[:-1], i)
        elif re.match(r"^[(（]?第", line) and self.order:
            self.field("发文字号", self.order + re.sub(r"[\s()（）]+", "", line), i)

    def contents(self, n: int, lines: list[int]) -> list[int]:
        """The entries listed under 目录 (line lines[n]): the heading lines up to where the first entry is
        printed again to open the body; those lines are removed and returned. None when it never recurs."""
        entries: list[int] = []
        for i in lines[n + 1 :]:
            key = re.sub(r"\s+", "", self.keys[i])
            if entries and key == re.sub(r"\s+", "", self.keys[entries[0]]):
                for j in entries:
                    self.remove(j, "table_of_contents")
                return entries
            if not heading_like(self.keys[i]) or len(entries) > 200:
                return []
            entries.append(i)
        return []

    def without_inline(self, key: str) -> str:
        for pattern in self.inline:
            key = pattern.sub("", key)
        return key.strip()

    def metadata_row(self, i: int, pairs: list[tuple[str, str]]) -> None:
        fresh = [(k, v) for k, v in pairs if (k, v) not in self.meta_seen]
        if pairs and not fresh:
            self.remove(i, "duplicate_metadata")
            return
        self.remove(i, "metadata_block")
        for k, v in fresh:
            self.meta_seen.add((k, v))
            if v and field_names()[k] != "-":
                self.field(k, v, i)

    def dateline(self, i: int, reason: str) -> None:
        key = self.keys[i]
        if reason == "dateline":
            pairs = [(k, v) for k, v in _DATELINE_PAIR.findall(key) if not k.isdigit()]
            if not pairs or _LEADING_DATE.match(key):
                self.field("日期", key, i)
            for k, v in pairs:
                self.field(k, v, i)
        elif reason == "metadata_block":
            self.field("发文字号", key, i)
        elif reason == "byline":
            self.field("byline", key, i)
        else:
            self.field("abstract", re.sub(r"^【?(摘\s*要|内容提要|导读)】?[:：]\s*", "", key), i)

    # -- tail ---------------------------------------------------------------
    def tail(self, body_start: int) -> int:
        """Find the page footer; remove it and a closing signature; return the body's end index."""
        end = len(self.raw)
        block = "site_chrome"
        for i in self.nonblank(body_start):
            rule = self.match(self.keys[i], "tail")
            if i < end:
                if rule and rule.tail:
                    end = i
                else:
                    continue
            block = rule.reason if rule and rule.tail else block
            self.remove(i, rule.reason if rule else block)
        self.signature(body_start, end)
        return end

    def signature(self, body_start: int, end: int) -> None:
        """The closing block: issuer line(s) and the date, then perhaps release notes and attachments."""
        body = [
            i for i in self.nonblank(body_start, end)
            if i not in self.status and not self.match(self.keys[i], "body")
        ]
        for i in body:
            if _VALIDITY_NOTE.match(self.keys[i]):
                self.remove(i, "validity_note")
                self.field("validity_note", self.keys[i], i)
        body = [i for i in body if i not in self.status]
        # The date is the first date-only line followed by nothing but release notes until the attachments
        # (a signed attachment has its own date further down; the document's is the first).
        for n, i in enumerate(body):
            alone = date_line(self.keys[i])
            dated = alone or self.dated_issuers(self.keys[i])
            # signed (an issuer or signer line just above), or nothing but notes and attachments after it
            signed = n > 0 and alone and self.signs(self.keys[body[n - 1]])
            if dated and (signed or self.closes(body[n + 1 :])):
                break
        else:
            if body:
                self.inline_signature(body[-1])
            return
        date_at = body[n]
        for j in body[n + 1 :]:
            if not (_RELEASE_NOTE.match(self.keys[j]) or _PRINT_NOTE.search(self.keys[j])):
                break
            self.remove(j, "release_note")
            self.field("release_note", self.keys[j], j)
        key = self.keys[date_at]
        issuers = self.dated_issuers(key)
        if issuers:
            date_text = key[find_dates(key)[-1].start :]
        else:
            date_text, issuers = key, []
            k = n - 1
            while k >= 0 and n - k <= 4 and self.signs(self.keys[body[k]]):
                k -= 1
            for j in body[k + 1 : n]:
                self.remove(j, "signature")
                if _SIGNER.match(self.keys[j]):
                    self.field("signer", self.keys[j], j)
                for org in issuers_of(self.keys[j]):
                    self.field("signature_org", org, j)
        for org in issuers:
            self.field("signature_org", org, date_at)
        self.remove(date_at, "signature")
        self.field("signature_date", date_text, date_at)

    def inline_signature(self, i: int) -> None:
        """A document that is one long line ends with its signature: 。重庆市科学技术局 2025年7月28日."""
        key = self.keys[i]
        note = _INLINE_NOTE.search(key)
        end = note.start() if note else len(key)
        found = [m for m in find_dates(key[:end]) if m.end == end or not key[m.end : end].strip()]
        if not found:
            return
        date = found[-1]
        before = key[: date.start]
        stop = max(before.rfind(c) for c in "。！!；;")
        if stop < 0:
            return
        issuers = issuers_of(before[stop + 1 :].strip())
        if before[stop + 1 :].strip() and not issuers:
            return
        start = stop + 1 + (len(before[stop + 1 :]) - len(before[stop + 1 :].lstrip()))
        self.cut(i, start, len(key), "signature")
        for org in issuers:
            self.field("signature_org", org, i)
        self.field("signature_date", key[date.start : end], i)
        if note:
            self.field("release_note", note.group(0), i)

    @staticmethod
    def signs(key: str) -> bool:
        """An issuer line (one or several organisations) or a signer line (市长 张三)."""
        return bool(issuers_of(key) or _SIGNER.match(key))

    def closes(self, after: list[int]) -> bool:
        """Only release notes follow, up to the end or to the first attachment line."""
        for j in after:
            if _ATTACHMENT.match(self.keys[j]):
                return True
            if not (_RELEASE_NOTE.match(self.keys[j]) or _PRINT_NOTE.search(self.keys[j])):
                return False
        return True

    @staticmethod
    def dated_issuers(key: str) -> list[str]:
        """Issuers on the same line as the date (重庆市科学技术局 2025年7月28日), else []."""
        found = find_dates(key)
        if not found or not date_line(key[found[-1].start :]):
            return []
        return issuers_of(key[: found[-1].start])

    # -- body ---------------------------------------------------------------
    def body(self, start: int, end: int) -> tuple[list[Paragraph], list[str], list[tuple[int, int]]]:
        lines = [i for i in self.nonblank(start, end) if i not in self.status]
        title = _unspaced(" ".join(self.keys[j] for j in self.title_lines))
        for i in lines:
            rule = self.match(self.without_inline(self.keys[i]), "body")
            if rule:
                self.remove(i, rule.reason)
            # the title's whitespace is gone already; a key starts with a printed character
            elif title and self.keys[i][:1] == title[0] and _unspaced(self.keys[i]) == title:
                self.remove(i, "repeated_title")
        captions = self.captions([i for i in lines if i not in self.status])
        kept = [i for i in lines if i not in self.status]
        texts = {i: self.unwatermarked(i) for i in kept}
        kept = [i for i in kept if texts[i][0]]  # a line that was nothing but a watermark is gone with it
        paragraphs, joins = self.rejoin(kept, texts)
        return paragraphs, captions, joins

    def captions(self, lines: list[int]) -> list[str]:
        found = []
        blocks: list[list[int]] = []
        for i in lines:
            if blocks and i == blocks[-1][-1] + 1:
                blocks[-1].append(i)
            else:
                blocks.append([i])
        for block in blocks:
            keys = [self.without_inline(self.keys[i]) for i in block]
            short = all(len(k) <= 16 for k in keys)
            marked = any(_CAPTION_MARK.search(k) for k in keys)
            if marked and short and len(block) >= 2:
                for i in block:
                    self.remove(i, "photo_caption")
                found.append("".join(self.raw[i].strip() for i in block))
                continue
            for i, key in zip(block, keys, strict=True):
                if len(key) <= 40 and _CAPTION_LINE.search(key):
                    self.remove(i, "photo_caption")
                    found.append(self.raw[i].strip())
        return found

    def unwatermarked(self, i: int) -> str:
        raw, simp = self.raw[i], self.simp[i]
        for start, end, reason in sorted(self.cuts.get(i, []), reverse=True):
            self.removed.append(Removal(i + 1, raw[start:end].strip(), reason))
            raw, simp = raw[:start] + raw[end:], simp[:start] + simp[end:]
        text = raw.strip()
        simp = simp.strip()
        for rule in self.rules:
            if rule.zone != "inline":
                continue
            for m in reversed(list(rule.pattern.finditer(simp))):
                self.removed.append(Removal(i + 1, text[m.start() : m.end()], rule.reason))
                text = text[: m.start()] + text[m.end() :]
                simp = simp[: m.start()] + simp[m.end() :]
        # text and simp have the same length, so both strip to the same span
        return text.strip(), simp.strip()

    def rejoin(
        self, lines: list[int], texts: dict[int, tuple[str, str]]
    ) -> tuple[list[Paragraph], list[tuple[int, int]]]:
        paragraphs: list[Paragraph] = []
        joins: list[tuple[int, int]] = []
        for i in lines:
            text, simp = texts[i]
            if paragraphs and _continues(paragraphs[-1].text, text):
                prev = paragraphs[-1]
                joins.append((prev.lines[-1], i + 1))
                paragraphs[-1] = Paragraph((*prev.lines, i + 1), prev.text + text, prev.simplified + simp)
            else:
                paragraphs.append(Paragraph((i + 1,), text, simp))
        return paragraphs, joins

    # -- articles -----------------------------------------------------------
    def articles(self, paragraphs: list[Paragraph], captions: list[str]) -> list[Article]:
        """Split at news leads (本报讯 …) preceded by their own headline lines."""
        cuts: list[tuple[int, int]] = []  # (first headline paragraph, lead paragraph)
        for k in range(1, len(paragraphs)):
            if not _NEWS_LEAD.match(paragraphs[k].simplified):
                continue
            block = k
            floor = cuts[-1][1] + 1 if cuts else 1
            while block > floor and self._headline(paragraphs[block - 1], paragraphs[block], block == k):
                block -= 1
            if block < k:
                cuts.append((block, k))
        title = " ".join(self.keys[j] for j in self.title_lines)
        bounds = [(0, 0, title)]
        for block, lead in cuts:
            heads = paragraphs[block:lead]
            for p in heads:
                self.remove(p.lines[0] - 1, "title")
            bounds.append((block, lead, " ".join(p.simplified.strip() for p in heads)))
        result = []
        for n, (_, lead, head) in enumerate(bounds):
            stop = bounds[n + 1][0] if n + 1 < len(bounds) else len(paragraphs)
            result.append(Article(n + 1, head, tuple(paragraphs[lead:stop]), tuple(captions) if n == 0 else ()))
        return result

    @staticmethod
    def _headline(candidate: Paragraph, following: Paragraph, next_is_lead: bool) -> bool:
        adjacent = next_is_lead or following.lines[0] == candidate.lines[-1] + 1
        return (
            adjacent and len(candidate.lines) == 1 and heading_like(candidate.text) and not has_label(candidate.text)
        )

    def abstracts(self, body_text: str) -> None:
        flat = re.sub(r"\s+", "", body_text)
        for n, r in enumerate(self.removed):
            if r.reason != "abstract_duplicate":
                continue
            abstract = re.sub(r"^【?(摘\s*要|内容提要|导读)】?[:：]\s*", "", self.keys[r.line - 1])
            sentences = [s for s in _SENTENCE.findall(re.sub(r"\s+", "", abstract)) if len(s) > 4]
            if not all(s.rstrip("。！？!?；;") in flat for s in sentences):
                self.removed[n] = Removal(r.line, r.text, "abstract")
                self.status[r.line - 1] = "abstract"


def provision_like(line: str) -> bool:
    """A numbered provision (第三十五条, （二）, 1.) or a sentence of several clauses: text, never chrome."""
    s = line.strip()
    if has_label(s) or ARTICLE_LABEL.match(s):
        return True
    return len(s) >= PROSE_MIN and ends_sentence(s) and bool(re.search(r"[，,；;、]", s[:-1]))


def issuers_of(line: str) -> list[str]:
    """The organisations of a signature line (joint issuers separated by spaces), or [] if it is not one."""
    names = re.split(r"[\s、]+", line.strip())
    return names if names and all(_SIGN_ORG.match(n) for n in names) else []


def _continues(previous: str, following: str) -> bool:
    """Was a paragraph broken by layout? Joined when it stops mid-sentence and is no heading."""
    prev = previous.rstrip()
    if not prev or ends_sentence(prev) or prev[-1] in ":：" or has_label(following):
        return False
    return len(prev) > 45 or prev[-1] in ",，、“(（《" or not heading_like(prev)


def _unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean(text: str, simplified: str | None = None) -> Cleaned:
    """Clean one document's raw text (newlines normalised); see the module docstring.

    `simplified` is the same raw text in Simplified script (`script.to_simplified`, length-preserving),
    when the caller has converted it already; otherwise it is converted here, once."""
    text = _unix_newlines(text)
    simplified = to_simplified(text) if simplified is None else _unix_newlines(simplified)
    if len(simplified) != len(text):
        raise ValueError("clean: the simplified text must have the same length as the text")
    c = _Cleaner(text, simplified)
    body_start = c.head()
    end = c.tail(body_start)
    paragraphs, captions, joins = c.body(body_start, end)
    articles = c.articles(paragraphs, captions)
    c.abstracts("\n".join(p.simplified for a in articles for p in a.paragraphs))
    for i, key in enumerate(c.keys):
        if not key and c.raw[i].strip():
            c.remove(i, "separator")  # nothing but rule characters: not text, but not blank either
    blank = tuple(i + 1 for i, k in enumerate(c.keys) if not k and not c.raw[i].strip())
    removed = tuple(sorted(c.removed, key=lambda r: (r.line, r.reason == "inline_watermark")))
    fields = tuple(c.fields) + tuple(
        Field("title" if a.number == 1 else "article_title", a.title, 0) for a in articles if a.title
    )
    return Cleaned(tuple(articles), removed, fields, tuple(joins), len(c.raw), blank)
