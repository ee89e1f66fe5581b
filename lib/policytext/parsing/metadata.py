"""Metadata stated by the text itself (title, publisher, source, document number, dates), each with
its basis, and its reconciliation with the catalog (the catalog wins; disagreements are listed)."""

from __future__ import annotations

import re

import pandas as pd

from .clean import Cleaned, issuers_of
from .dates import find_dates, iso_date
from .headerfields import field_names
from .history import first_date, parse_history, version_event
from .numbering import CN_SMALL
from .script import to_simplified

# Our names for the fields that cleaning records (header tables: data/header_fields.tsv).
_CLEAN_FIELDS = {
    "时间": "date_page", "日期": "date_page", "byline": "byline", "signature_org": "issuer_signature",
    "signature_date": "date_signed", "addressee": "addressee", "abstract": "abstract", "kicker": "kicker",
    "subtitle": "subtitle", "title": "title", "article_title": "article_title", "release_note": "release_note",
    "validity_note": "validity_note", "signer": "signer",
}
# A document number: an issuer's abbreviation, the year in brackets, a serial number.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*第?\s*\d{1,4}\s*号")
# A number of an order (国务院令第796号), in the promulgation notes under a law's title.
_ORDER = re.compile(r"[\u4e00-\u9fff]{2,16}令\s*第\s*\d{1,4}\s*号")
# Words that end a clause before a cited number (根据国科发区〔2025〕12号): never part of the number.
_BEFORE_NUMBER = re.compile(
    r"^.*(根据|按照|依据|依照|参照|对照|贯彻|落实|执行|转发|印发|结合|关于|见|和|及|与|或|的|以|对|将|在|文件|通知|精神|要求)"
)
# Validity stated in a note or in the text (此文件已于…宣布失效, 有效期至…, 自…起施行).
_VALIDITY = (
    ("invalid_since", re.compile(r"已于(?P<date>.{6,16}?)(宣布)?(失效|废止)")),
    ("valid_until", re.compile(r"有效期至(?P<date>.{6,16}?日)")),
    ("valid_from", re.compile(r"自(?P<date>.{6,16}?日)起(施行|实施|执行|生效)")),
)
# The note under a law's title: （2025年7月28日…常务委员会第十次会议通过）; its first date dates the text.
_ADOPTION = re.compile(r"^[(（][^)）]*?(通过|公布|发布|批准|印发)")
# The issuers that open an official title: 四川省科学技术厅 四川省财政厅关于…的通知.
_TITLE_ISSUERS = re.compile(r"^(.{2,80}?)(关于|令(?=\s*(第\s*\d+\s*号)?$))")
# A government order's number is its title: 重庆市人民政府令 第 380 号.
_ORDER_NUMBER = re.compile(r"^(\S+令)\s*第\s*(\d+)\s*号$")
# A byline that is an organisation's name (成都市科学技术局 over an article) names the publisher.
_ORG_BYLINE = re.compile(r"^\S{2,16}(局|委员会|委|厅|办公室|人民政府|政府|研究院|研究所|协会)$")
METADATA_COLUMNS = ["doc_id", "field", "value", "basis", "line"]


def field_name(printed: str) -> str:
    """Our name for a field printed in a header or recorded by cleaning ('' if it is not metadata)."""
    name = field_names().get(printed) or _CLEAN_FIELDS.get(printed, "")
    return "" if name == "-" else name


def doc_numbers(text: str) -> list[str]:
    """Document numbers in `text` (渝科发〔2025〕3号), without the words before them (根据…, 印发…)."""
    found = (re.sub(r"\s+", "", m.group(0)) for m in _DOC_NUMBER.finditer(text))
    return [_BEFORE_NUMBER.sub("", n) or n for n in found]


def _basis(name: str, original: str, line: int) -> str:
    if name.startswith("date_signed") or name == "issuer_signature":
        return f"signature (line {line})"
    if name in ("date_page", "source") or original in ("发布时间",):
        return f"page dateline {original} (line {line})"
    if name in ("title", "article_title"):
        return "headline"
    if original in field_names():
        return f"header field {original} (line {line})"
    return f"{original} line (line {line})"


_DATED = ("date_", "valid_from", "valid_until", "invalid_since")


def extract_metadata(doc_id: str, cleaned: Cleaned, normalised: str | None = None) -> pd.DataFrame:
    """One row per metadata field the text states: doc_id, field, value, basis, line (0 = derived);
    see `metadata_records`."""
    return pd.DataFrame(metadata_records(doc_id, cleaned, normalised), columns=METADATA_COLUMNS)


def head_text(cleaned: Cleaned, simplify: bool = True) -> str:
    """A document's text as far as cleaning keeps it (removed lines first, in order, then the body), for
    callers that have no normalised text: enough to read a statute's history under the title. The removed
    lines are converted to Simplified script unless `simplify` is false (a caller that only looks for a
    headline need not convert them again)."""
    lines = [r.text for r in sorted(cleaned.removed, key=lambda r: r.line)]
    removed = "\n".join(map(to_simplified, lines) if simplify else lines)
    return removed + "\n" + cleaned.simplified


def metadata_records(doc_id: str, cleaned: Cleaned, normalised: str | None = None) -> list[tuple]:
    """The metadata rows (METADATA_COLUMNS) of one cleaned document, as plain tuples.

    Dates are ISO days (a field whose value names no real day is dropped); document numbers are also
    looked for in every field's value; validity (valid_from, valid_until, invalid_since) is read from
    notes and from the body; dates in the body are listed as date_in_text. A statute's history is read
    from `normalised`, the document's whole normalised text (`history_metadata`); without it, from the
    lines cleaning removed and the body (`head_text`)."""
    rows = []
    for f in cleaned.fields:
        name = field_name(f.name)
        if not name:  # e.g. view counters on a dateline: not metadata of the text
            continue
        value = to_simplified(f.value)
        if name == "doc_number":
            value = (doc_numbers(value) or [value])[0]
        if name.startswith(_DATED):
            value = iso_date(value)
            if not value:
                continue
        rows.append((doc_id, name, value, _basis(name, f.name, f.line), f.line))
        if name in ("subtitle", "kicker") and _ADOPTION.match(value) and (day := iso_date(value)):
            rows.append((doc_id, "date_adopted", day, f"adoption note under the title (line {f.line})", f.line))
        if name == "title" and (m := _ORDER_NUMBER.match(value)):
            rows.append((doc_id, "doc_number", f"{m.group(1)}第{m.group(2)}号", "title (government order)", 0))
        if name in ("title", "title_field") and (m := _TITLE_ISSUERS.match(value)):
            rows += [(doc_id, "issuer_title", org, "title (…关于)", 0) for org in issuers_of(m.group(1))]
        if name == "byline" and _ORG_BYLINE.match(value):
            rows.append((doc_id, "publisher", value, f"byline naming an organisation (line {f.line})", f.line))
        if name == "validity_note":
            rows += [(doc_id, n, d, f"validity note (line {f.line})", f.line) for n, d in _validity(value)]
    numbers = {r[2] for r in rows if r[1] == "doc_number"}
    for f in cleaned.fields:
        for number in doc_numbers(to_simplified(f.value)):
            if number not in numbers:
                numbers.add(number)
                rows.append((doc_id, "doc_number", number, f"in {f.name} (line {f.line})", f.line))
    body = cleaned.simplified
    if not numbers:
        # A law reprinted without a header: its promulgation notes (…国务院令第487号公布 / …第796号修订)
        # stand before the first chapter or article; the last names the current text.
        opening = re.split(rf"第[{CN_SMALL}]+[章条]", body, maxsplit=1)[0][:400]
        orders = [re.sub(r"\s+", "", m.group(0)) for m in _ORDER.finditer(opening)]
        if orders:
            rows.append((doc_id, "doc_number", orders[-1], "promulgation note before the first article", 0))
    rows += history_metadata(doc_id, head_text(cleaned) if normalised is None else normalised)
    stated = {r[1] for r in rows}
    rows += [(doc_id, n, d, "body text", 0) for n, d in _validity(body) if n not in stated]
    seen = set()
    for m in find_dates(body):
        if m.iso not in seen:
            seen.add(m.iso)
            rows.append((doc_id, "date_in_text", m.iso, f"body text at offset {m.start}", 0))
    return rows


# How history lines name a body, and the name of the body that issues: a court's adjudication committee
# adopts for the court, a ministry's order is the ministry's.
_BODY_NAMES = (
    (re.compile(r"^(最高人民法院)审判委员会$"), r"\1"), (re.compile(r"^(最高人民检察院)检察委员会$"), r"\1"),
    (re.compile(r"^中国共产党中央(委员会)?(政治局)?(常务委员会)?$"), "中共中央"),
    (re.compile(r"^中共中央(政治局)?(常务委员会)?$"), "中共中央"),
)


def issuer_name(body: str) -> str:
    """The issuing body a history line's body stands for (最高人民法院审判委员会 → 最高人民法院)."""
    for pattern, name in _BODY_NAMES:
        if pattern.match(body):
            return pattern.sub(name, body)
    return body


def history_metadata(doc_id: str, text: str) -> list[tuple]:
    """Metadata rows from the statute history under the title (`history.parse_history` of the normalised
    `text`): date_version (the version printed), date_first (the first adoption), issuer_history (the body
    that made the version printed), history_body (every body named) and promulgation orders."""
    events = parse_history(text)
    if not events:
        return []
    version = version_event(events)
    rows = [(doc_id, "date_version", version.date, f"statute history: {version.event} (line {version.seq})", 0),
            (doc_id, "date_first", first_date(events), "statute history: first adoption or promulgation", 0)]
    # the issuer is the body that first adopted or promulgated the text (全国人民代表大会 for a law its
    # plenary session adopted, though the standing committee amended it; a city's congress, not the
    # province approving); failing that, the body of the version printed
    firsts = sorted((e for e in events if e.event in ("通过", "公布") and e.body), key=lambda e: (e.date, e.seq))
    makers = firsts[:1] + [version] + [e for e in events if e.event in ("修正", "修订")]
    if maker := next((e for e in makers if e.body), None):
        for name in maker.body.split("、"):
            rows.append((doc_id, "issuer_history", issuer_name(name), f"statute history: {maker.event} by", 0))
    for body in dict.fromkeys(b for e in events if e.body for b in e.body.split("、")):
        rows.append((doc_id, "history_body", issuer_name(body), "statute history", 0))
    for order in dict.fromkeys(e.order for e in events if e.order):
        rows.append((doc_id, "promulgation_order", order, "statute history: promulgation order", 0))
    return rows


def _validity(text: str) -> list[tuple[str, str]]:
    found = []
    for name, pattern in _VALIDITY:
        for m in pattern.finditer(text):
            day = iso_date(m.group("date"))
            if day and (name, day) not in found:
                found.append((name, day))
    return found


def metadata_rows(metadata: pd.DataFrame | list[tuple]) -> list[tuple]:
    """Metadata rows as tuples (METADATA_COLUMNS), from a metadata table or rows already."""
    if isinstance(metadata, pd.DataFrame):
        return list(zip(*(metadata[c].tolist() for c in METADATA_COLUMNS), strict=True))
    return metadata


def document_facts(metadata: pd.DataFrame | list[tuple]) -> dict[str, str]:
    """The document's dates, issuers and number, each with its basis, from its metadata rows.

    date_written: the header's 成文日期, else the signature date, else the version printed in a statute's
    history (its last adoption, amendment or revision), else the adoption note under a law's title;
    date_first: the history's first adoption; date_published: the header's
    发布日期/发布时间, else the page dateline; issuers: the signature's organisations, else the header's
    发文机关, else the organisations opening the title (…关于), else the body that first adopted or
    promulgated a statute (its history), else the 发布机构 (joined with ';'); doc_number: a header's
    发文字号, else the last promulgation order of a statute's history, else the first number stated.
    `metadata` is a metadata table or its rows (`metadata_records`)."""
    by_field: dict[str, list[tuple]] = {}
    for row in metadata_rows(metadata):
        by_field.setdefault(row[1], []).append(row)

    def first(*fields: str) -> tuple[str, str]:
        for field in fields:
            if hit := by_field.get(field):
                return hit[0][2], hit[0][3]
        return "", ""

    def every(*fields: str) -> tuple[str, str]:
        for field in fields:
            if hit := by_field.get(field):
                return ";".join(dict.fromkeys(r[2] for r in hit)), hit[0][3]
        return "", ""

    facts = {}
    for key, value in (
        ("date_written", first("date_written", "date_signed", "date_version", "date_adopted")),
        ("date_first", first("date_first")),
        ("date_published", first("date_published", "date_page")),
        ("issuers", every("issuer_signature", "issuer", "issuer_title", "issuer_history", "publisher")),
        ("doc_number", first("doc_number", "promulgation_order")),
    ):
        facts[key], facts[f"{key}_basis"] = value
    orders = by_field.get("promulgation_order", [])
    if orders and not any(r[3].startswith("header field") for r in by_field.get("doc_number", [])):
        # a statute's current text is named by the last order of its history (…令第731号第三次修订)
        facts["doc_number"], facts["doc_number_basis"] = orders[-1][2], orders[-1][3]
    return facts


def _norm(text: str) -> str:
    return re.sub(r"[\s\[\]【】]", "", to_simplified(text or ""))


DISAGREEMENT_COLUMNS = ["doc_id", "column", "catalog", "text_field", "text_value", "basis"]


def reconcile(catalog_row: dict, metadata: pd.DataFrame | list[tuple]) -> pd.DataFrame:
    """Where the text states a title, publisher or date that differs from the catalog: one row each."""
    return pd.DataFrame(disagreement_records(catalog_row, metadata), columns=DISAGREEMENT_COLUMNS)


def disagreement_records(catalog_row: dict, metadata: pd.DataFrame | list[tuple]) -> list[tuple]:
    """The rows of `reconcile` (DISAGREEMENT_COLUMNS) as plain tuples."""
    rows = []
    records = metadata_rows(metadata)
    checks = {
        "title": ["title"],
        "publisher": ["publisher", "issuer", "issuer_signature"],
        "date_written": ["date_written", "date_signed"],
        "date_published": ["date_published", "date_page"],
    }
    for column, fields in checks.items():
        catalog_value = catalog_row.get(column, "") or ""
        if not catalog_value:
            continue
        for _, field, value, basis, _ in records:
            if field not in fields:
                continue
            if column.startswith("date_"):
                agrees = value.startswith(catalog_value) or catalog_value.startswith(value)
            else:
                agrees = _norm(value) == _norm(catalog_value)
            if not agrees:
                rows.append((catalog_row["doc_id"], column, catalog_value, field, value, basis))
    return rows
