"""Regions: the gazetteer of administrative names, matched whole at the start of an issuer or title."""

import pytest
from policytext.datafiles import rows
from policytext.parsing.regions import (
    NATIONAL,
    gazetteer,
    is_national,
    place_at_start,
    province_and_city,
    region_of,
    short_forms,
)


def test_gazetteer_has_every_province_level_unit_sichuan_chongqing_and_the_capitals():
    provinces = {r[0] for r in rows("admin_regions.tsv")[1:] if r[2] == "province"}
    assert len(provinces) == 34 and {"四川省", "重庆市", "香港特别行政区", "新疆维吾尔自治区"} <= provinces
    sichuan = {r[0] for r in rows("admin_regions.tsv")[1:] if r[2] == "city" and r[3] == "四川省"}
    assert len(sichuan) == 21 and {"成都市", "巴中市", "凉山彝族自治州"} <= sichuan
    chongqing = [r for r in rows("admin_regions.tsv")[1:] if r[2] == "county" and r[3] == "重庆市"]
    assert len(chongqing) == 38 and all(r[5] for r in chongqing)  # each with its ASCII name
    for capital in ("成都市", "拉萨市", "乌鲁木齐市", "哈尔滨市", "南宁市"):
        assert gazetteer()[capital].ascii


def test_short_forms_only_where_unambiguous():
    assert short_forms()["川"].name == "四川省" and short_forms()["渝"].name == "重庆市"
    assert not {"青", "宁", "新", "吉", "黑", "台"} & set(short_forms())


@pytest.mark.parametrize(("text", "name"), [
    ("东营市城镇容貌和环境卫生管理条例", "东营市"),
    ("四川省科学技术厅关于", "四川省"),
    ("四川省成都市科学技术局", "成都市"),
    ("巴中市恩阳区人民政府办公室关于", "恩阳区"),
    ("重庆市渝中区人民政府", "渝中区"),
    ("彭水苗族土家族自治县旅游条例", "彭水苗族土家族自治县"),
    ("青岛市房屋使用安全条例", "青岛市"),
    ("成都科技创新", "成都市"),
])
def test_a_whole_administrative_name_at_the_start_places_the_text(text, name):
    assert place_at_start(text).name == name


@pytest.mark.parametrize("text", ["大连理工大学", "全国人民代表大会常务委员会", "关于成都市的通知", "新时代科技",
                                  "青年"])
def test_no_place_inside_a_longer_word_or_later_in_the_text(text):
    assert place_at_start(text) is None


def test_region_of_prefers_issuers_and_a_national_issuer_beats_a_place_in_the_title():
    assert region_of(["全国人民代表大会常务委员会"], "中华人民共和国海南自由贸易港法")[0] == NATIONAL
    assert region_of([], "东营市城镇容貌和环境卫生管理条例")[0] == "东营市"
    assert region_of([], "景宁畲族自治县城市管理条例", ["景宁畲族自治县人民代表大会"])[0] == "景宁畲族自治县"
    assert region_of([], "某某办法", [], "川府发〔2020〕1号")[0] == "Sichuan"
    assert region_of([], "某某通知", [], "劳社部发〔2008〕3号")[0] == NATIONAL
    assert region_of([], "某某通知") == ("", "")
    assert is_national("国务院办公厅") and is_national("最高人民法院") and not is_national("四川省人民政府")


def test_province_and_city_are_full_names():
    assert province_and_city("Chengdu") == ("四川省", "成都市")
    assert province_and_city("Chongqing") == ("重庆市", "")
    assert province_and_city("巴中市恩阳区") == ("四川省", "巴中市恩阳区")
    assert province_and_city(NATIONAL) == ("", "")
