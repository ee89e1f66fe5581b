"""List the LawRefBook/Laws files chosen for the dev and locked parts of this corpus.

Run with the path of a git directory holding LawRefBook/Laws at the commit below:

    python tests/data/laws/choose_files.py /path/to/LawRefBook/Laws/.git > chosen.tsv

Prints one tab-separated line per chosen file: part, stratum, path. The choice is a
seeded random sample per stratum (sorted pool, random.Random(seed).sample), so the
same commit always gives the same lists. Files are grouped by the title in their
name (the name without its "(yyyy-mm-dd)" date), so two versions of one law never
land in different parts, and titles already in seeds/reference or in
tests/data/devset are left out. Uses the standard library only.
"""

import random
import re
import subprocess
import sys

COMMIT = "2f4c5c23716267af9dbebbbbd6cbbf732b101981"
DEV_SEED = 20261206
LOCKED_SEED = 62021206

LAW_DIRS = ("行政法", "经济法", "宪法相关法", "社会法", "民法商法", "诉讼与非诉讼程序法", "刑法")
PROVINCES = ("重庆", "山东", "河南", "浙江", "上海", "北京", "广东")

# Titles already used elsewhere in the project's test data (seeds/reference, tests/data/devset).
USED_ELSEWHERE = {
    "科学技术进步法", "促进科技成果转化法", "国家科学技术奖励条例", "科学技术普及法", "专利法",
    "中小企业促进法", "重庆市专利促进与保护条例", "重庆市科学技术协会条例",
    "重庆市专业技术人员继续教育条例", "重庆市优化营商环境条例", "国家自然科学基金条例",
    "国务院关于涉外知识产权纠纷处理的规定", "最高人民法院关于审理侵害知识产权民事案件适用惩罚性赔偿的解释",
    "汕头经济特区科技创新条例", "个人所得税法实施条例", "专利代理条例",
}

# Chosen by hand for dev: documents that are not laws by form (通知, 意见, 方案, 命令) and
# two rules of procedure adopted by a people's congress in plenary session (全体会议).
DEV_BY_HAND = (
    ("normative", "司法解释/最高人民检察院关于检察工作中具体适用修订刑法第十二条若干问题的通知(1997-10-06).md"),
    ("normative", "司法解释/最高人民检察院关于适用刑法分则规定的犯罪的罪名的意见(1997-12-25).md"),
    ("normative", "行政法规/国务院关于在我国统一实行法定计量单位的命令(1984-02-27).md"),
    ("normative", "行政法规/国务院关于外商投资企业和外国企业适用增值税、消费税、营业税等"
                  "税收暂行条例有关问题的通知(1994-02-22).md"),
    ("normative", "行政法规/重新组建仲裁机构方案(1995-07-28).md"),
    ("normative", "部门规章/人力资源社会保障部/关于职工全年月平均工作时间和工资折算问题的通知(2009-03-29).md"),
    ("plenary", "DLC/北京地方法规/地方性法规/北京/北京市人民代表大会议事规则(2022-01-10).md"),
    ("plenary", "DLC/广东地方法规/地方性法规/广东/广东省人民代表大会议事规则(2022-01-22).md"),
)

DEV_QUOTA = {"law": 32, "admin_reg": 20, "dept_rule": 8, "judicial": 14}
LOCKED_QUOTA = {"law": 45, "admin_reg": 40, "dept_rule": 10, "judicial": 30}
for _p in PROVINCES:
    _city = 0 if _p in ("上海", "北京") else 2
    DEV_QUOTA[f"local_{_p}_province"] = 4 if _p == "重庆" else 5 - _city
    DEV_QUOTA[f"local_{_p}_city"] = _city
    LOCKED_QUOTA[f"local_{_p}_province"] = 6 - _city
    LOCKED_QUOTA[f"local_{_p}_city"] = _city


def title_of(path):
    """The title part of a file name: the name without folder, date and extension."""
    name = path.rsplit("/", 1)[-1]
    return re.sub(r"(\(\d{4}-\d{2}-\d{2}\))?\.md$", "", name)


def stratum_of(path):
    """The stratum a repository path belongs to, or None if it is not sampled."""
    parts = path.split("/")
    if not path.endswith(".md") or parts[-1] == "_index.md":
        return None
    if parts[0] in LAW_DIRS and len(parts) == 2:
        return "law"
    if parts[0] == "行政法规" and len(parts) == 2:
        return "admin_reg"
    if parts[0] == "部门规章" and len(parts) == 3:
        return "dept_rule"
    if parts[0] == "司法解释" and len(parts) == 2:
        return "judicial"
    if parts[0] == "DLC" and len(parts) == 5 and parts[2] == "地方性法规":
        prov = parts[3]
        name = parts[4]
        level = "province" if name.startswith((prov, "中国（")) else "city"
        return f"local_{prov}_{level}"
    return None


def main(gitdir):
    """Print the chosen files, dev first, then locked."""
    paths = subprocess.run(
        ["git", "-c", "core.quotepath=off", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", COMMIT],
        check=True, capture_output=True, text=True).stdout.splitlines()
    hand = {p for _, p in DEV_BY_HAND}
    taken = set(USED_ELSEWHERE) | {title_of(p) for p in hand}
    pools = {}
    for p in sorted(paths):
        s = stratum_of(p)
        if s and p not in hand:
            pools.setdefault(s, []).append(p)
    out = [("dev", s, p) for s, p in DEV_BY_HAND]
    for part, quota, seed in (("dev", DEV_QUOTA, DEV_SEED), ("locked", LOCKED_QUOTA, LOCKED_SEED)):
        rng = random.Random(seed)
        chosen = []
        for s in sorted(quota):
            # one file per title: the newest version (last in sorted order) stands for the title
            by_title = {}
            for p in pools.get(s, []):
                if title_of(p) not in taken:
                    by_title[title_of(p)] = p
            pool = sorted(by_title.values())
            for p in rng.sample(pool, min(quota[s], len(pool))):
                chosen.append((part, s, p))
        taken |= {title_of(p) for _, _, p in chosen}
        out += sorted(chosen, key=lambda r: (r[1], r[2]))
    for row in out:
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
