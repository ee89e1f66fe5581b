"""Where a document comes from: national, a province-level unit, or a city (or a Chongqing district or
county), read from the administrative name that opens its issuer or its title.

Names come from data/admin_regions.tsv (every province-level and prefecture-level unit, Chongqing's
districts and counties). A name counts only where it opens the issuer or the title and is followed by
what a name is followed by (a body, another place, a document's words), never inside a longer word:
东营市城镇… is Dongying, but 大连理工… names no place and 青岛 is not 青海. National bodies (国务院,
全国人民代表大会, 最高人民法院, ministries …) and titles opening with 中华人民共和国 or 国家 are national.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..datafiles import rows

REGIONS = "admin_regions.tsv"
NATIONAL = "National"
# Bodies and title openings of the central state and party: a document they issue is national.
_NATIONAL = re.compile(
    r"^(中华人民共和国|中国共产党|中共中央|中央|全国|国务院|国家|最高人民法院|最高人民检察院|"
    r"[\u4e00-\u9fff]{1,8}(部|总局|总署|委员会|银行|署|局)(?=令|关于|、|$)|"
    r"(教育|科学技术|工业和信息化|公安|民政|司法|财政|人力资源和社会保障|自然资源|生态环境|住房和城乡建设|"
    r"交通运输|水利|农业农村|商务|文化和旅游|卫生|应急管理|审计|外交|国防)部|中国人民银行|海关总署|"
    r"中国人民解放军|人民检察院|人民法院|公安机关)"
)


# A ministry's document number (劳社部发〔2008〕3号, 科技部函 …): national.
_MINISTRY_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,4}部[发令函字]")


@dataclass(frozen=True)
class Region:
    """One administrative unit: its full name, level (province, city, county), province, ASCII name,
    code and, for a county or district, its prefecture-level city ('' under a municipality)."""

    name: str
    level: str
    province: str
    ascii: str
    code: str
    city: str = ""

    def within(self, outer: Region) -> bool:
        """True when this unit lies inside `outer` (a county in its city, a city in its province)."""
        if outer.level == "province":
            return self.province == outer.name and self.level != "province"
        return outer.level == "city" and self.city == outer.name

    @property
    def city_name(self) -> str:
        """The city column of the documents table: a city's name; a district of a prefecture-level city
        with its city (巴中市恩阳区); a county, or a district of a municipality, alone (明溪县, 渝中区)."""
        if self.level == "province":
            return ""
        if self.level == "county" and self.city and self.name.endswith("区"):
            return self.city + self.name
        return self.name

    @property
    def label(self) -> str:
        """The region as the documents table gives it: the ASCII name, else the full name (a district
        of a prefecture-level city with its city, 巴中市恩阳区)."""
        return self.ascii or self.city_name or self.name


@cache
def gazetteer() -> dict[str, Region]:
    """Every name and form of data/admin_regions.tsv -> its Region (a full name wins over a form)."""
    names: dict[str, Region] = {}
    forms: dict[str, Region] = {}
    for fields in rows(REGIONS)[1:]:  # the first row is the header
        name, alt, level, province, code, ascii_name, city = (fields + [""] * 7)[:7]
        region = Region(name, level, province, ascii_name, code, city)
        names.setdefault(name, region)  # a county name repeated elsewhere: the first code's, unless nested
        for form in filter(None, alt.split("|")):
            if len(form) >= 2:  # one-character forms (川, 渝) only serve document-number prefixes
                forms.setdefault(form, region)
    return forms | names


@cache
def _pattern() -> re.Pattern:
    names = sorted(gazetteer(), key=len, reverse=True)
    return re.compile("^(" + "|".join(map(re.escape, names)) + ")")


@cache
def short_forms() -> dict[str, Region]:
    """Province-level one-character forms (川 -> 四川省, 渝 -> 重庆市) from the gazetteer."""
    found: dict[str, Region] = {}
    for parts in rows(REGIONS)[1:]:
        if parts[2] != "province":
            continue
        for form in parts[1].split("|"):
            if len(form) == 1:
                found[form] = gazetteer()[parts[0]]
    return found


# What may follow a bare place name (东营 without 市) at the start of a title or issuer: a body, a kind
# of place, a document's or a law's words. 青岛 is not 青海 + 岛, since 岛 is not listed.
_AFTER_BARE = re.compile(
    r"^(人民|市|省|区|县|自治|经济|特别|地方|实施|城|农|国|各|关于|党|政府|发展|科|教|财|商|住|交|水|卫|文|公|"
    r"司|民|统|审|税|工|信|生|自|应|林|海|中|高|促|条例|办法|规定|《|、|\s|“)"
)


def place_at_start(text: str) -> Region | None:
    """The administrative unit whose name opens `text` (an issuer or a title), or None.

    The longest name wins (重庆市 before 重庆, 成都市 before 成都); a bare name without its kind
    (四川, 东营) counts only when what follows can follow a place name. Within a province-level unit, a
    city named next (四川省成都市) is the more precise place."""
    text = re.sub(r"^[\s　《“\"]+", "", text or "")
    m = _pattern().match(text)
    if not m:
        return None
    region = gazetteer()[m.group(1)]
    rest = text[m.end():]
    if m.group(1) != region.name and not _AFTER_BARE.match(rest):
        return None
    if region.level != "county":
        inner = _inner(rest, region)
        if inner is not None:
            return inner
    return region


def _inner(rest: str, outer: Region) -> Region | None:
    """The unit named right after `outer` that lies inside it (四川省|巴中市|恩阳区), the innermost one."""
    m = _pattern().match(rest)
    if not m:
        return None
    names = [r for r in _all_named(m.group(1)) if r.within(outer)]
    if not names:
        return None
    inner = names[0]
    if m.group(1) != inner.name and not _AFTER_BARE.match(rest[m.end():]):
        return None
    return _inner(rest[m.end():], inner) or inner


@cache
def _by_name() -> dict[str, tuple[Region, ...]]:
    found: dict[str, list[Region]] = {}
    for fields in rows(REGIONS)[1:]:
        name, alt, level, province, code, ascii_name, city = (fields + [""] * 7)[:7]
        region = Region(name, level, province, ascii_name, code, city)
        for key in [name, *(f for f in alt.split("|") if len(f) >= 2)]:
            found.setdefault(key, []).append(region)
    return {k: tuple(v) for k, v in found.items()}


def _all_named(name: str) -> tuple[Region, ...]:
    """Every unit a name or form names (鼓楼区 names several)."""
    return _by_name().get(name, ())


def is_national(text: str) -> bool:
    """True when `text` (an issuer or a title) opens with a central body or 中华人民共和国."""
    return bool(_NATIONAL.match(re.sub(r"^[\s　]+", "", text or "")))


def region_of(issuers: list[str], title: str, bodies: list[str] = (), doc_number: str = "") -> tuple[str, str]:
    """The region of a document and its basis, from the first that says: a place opening an issuer, a
    central issuer ('National'), a place opening the title, a title opening with 中华人民共和国, a place
    opening another body of its history (the province approving a county's regulation), the province
    whose short form opens the document number (川府发 …), a central number (国发, 中发, X部发); ('', '')
    when none does. A national law about a place (海南自由贸易港法 of the national legislature) is national."""
    for issuer in issuers:
        if region := place_at_start(issuer):
            return region.label, f"issuer {issuer}"
    for issuer in issuers:
        if is_national(issuer):
            return NATIONAL, f"issuer {issuer}"
    if region := place_at_start(title):
        return region.label, "title"
    if is_national(title):
        return NATIONAL, "title"
    for body in bodies:
        if region := place_at_start(body):
            return region.label, f"history body {body}"
    if doc_number and (region := short_forms().get(doc_number[0])):
        return region.label, f"document number {doc_number}"
    if doc_number.startswith(("国", "中发", "中办", "中共中央")) or _MINISTRY_NUMBER.match(doc_number):
        return NATIONAL, f"document number {doc_number}"
    return "", ""


def province_and_city(label: str) -> tuple[str, str]:
    """The province-level unit and the city (or district or county) a region label names, as full names
    ('Chengdu' -> ('四川省', '成都市'), 'Chongqing' -> ('重庆市', ''), 'National' -> ('', ''))."""
    record = region_record(label)
    if record is None:
        return "", ""
    return record.province, record.city_name


@cache
def region_record(label: str) -> Region | None:
    """The gazetteer row a region label names (Chongqing, 漯河市, 巴中市恩阳区 …), None for National or
    unknown labels."""
    for region in gazetteer().values():
        if label in (region.label, region.name):
            return region
    return place_at_start(label) if label else None
