"""Charts render Chinese with the bundled font: no missing-glyph warnings, no tofu."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image
from policytext.findings import plotting


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    plotting.setup()
    fig, ax = plt.subplots()
    ax.bar(["科技创新", "人才政策", "科技金融", "成渝合作", "實驗室"], [3, -1, 4, 1, 5])
    ax.set_title("成渝地区双城经济圈 −1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = plotting.savefig(fig, "test", "glyphs", root=tmp_path)
    plt.close(fig)
    assert path.exists()


def test_saved_png_carries_no_date_or_software_stamp(tmp_path):
    plotting.setup()
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    path = plotting.savefig(fig, "nb", "line", root=tmp_path)
    plt.close(fig)
    with Image.open(path) as image:
        info = image.info
    assert not {"Software", "Creation Time", "date:create"} & set(info)


def test_wordcloud_gets_the_font_path():
    from wordcloud import WordCloud

    cloud = WordCloud(font_path=str(plotting.setup()), random_state=0, width=200, height=100)
    image = cloud.generate_from_frequencies({"科技": 3, "创新": 2, "人才": 1}).to_array()
    assert image.shape == (100, 200, 3)


def test_reuse_map_leaves_out_documents_without_a_written_date():
    import io

    import pandas as pd
    from policytext.findings import plotting

    docs = pd.DataFrame({"region": ["Chongqing", "unknown"], "written_from": ["2020-01-01", ""],
                         "written_to": ["2020-12-31", ""]}, index=["dated", "undated"])
    edges = pd.DataFrame({"source_doc": ["dated"], "target_doc": ["undated"], "chars": [40], "direction": ["none"]})
    fig = plotting.reuse_map(docs, edges, "one dated document")
    fig.savefig(io.BytesIO())  # an arrow to an undated document used to be a NaN path that stopped drawing
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["dated"]


def _label_boxes(fig):
    renderer = fig.canvas.get_renderer()
    return {t.get_text(): t.get_window_extent(renderer) for t in fig.axes[0].texts}


def test_timeline_labels_of_one_city_never_print_over_each_other():
    import pandas as pd

    # eight Chongqing documents within four months (as a city's policy bundle is issued), two Chengdu ones
    days = ["2023-01-05", "2023-01-12", "2023-01-20", "2023-02-01", "2023-02-03", "2023-03-15", "2023-04-01",
            "2023-04-02"]
    ids = [f"cq-bundle-2023-{i}" for i in range(len(days))]
    docs = pd.DataFrame({"region": ["Chongqing"] * len(days) + ["Chengdu", "Chengdu"],
                         "written_from": [*days, "2023-01-01", "2023-01-10"],
                         "written_to": [*days, "2023-12-31", "2023-01-10"]}, index=[*ids, "cd-plan-2023", "cd-x"])
    fig = plotting.timeline(docs, "ten documents of 2023")
    boxes = _label_boxes(fig)
    assert sorted(boxes) == sorted(docs.index)
    names = sorted(boxes)
    overlapping = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if boxes[a].overlaps(boxes[b])]
    plt.close(fig)
    assert not overlapping
    # the chart grew to hold the lanes instead of squeezing them
    assert fig.get_size_inches()[1] > 3.2


def test_timeline_of_the_seeds_labels_every_dated_document_once(seed_tables):
    docs = seed_tables.documents.set_index("doc_id")
    fig = plotting.timeline(docs, "the seeds")
    boxes = _label_boxes(fig)
    names = sorted(boxes)
    plt.close(fig)
    assert tuple(fig.get_size_inches()) == (8, 3.2)  # room enough: the size notebook 00 shows is kept
    assert names == sorted(docs.index[docs["written_from"] != ""])
    assert not [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if boxes[a].overlaps(boxes[b])]


def test_a_chart_is_renamed_into_place_whole_and_nothing_else_is_left(tmp_path, monkeypatch):
    plotting.setup()
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_title("第一版")
    first = plotting.savefig(fig, "nb", "line", root=tmp_path)
    ax.set_title("第二版")
    seen = []
    real_replace = __import__("os").replace

    def replace(src, dst):  # the target is only ever replaced by a complete file
        seen.append(plotting.png_text(src)["Title"])
        return real_replace(src, dst)

    monkeypatch.setattr("os.replace", replace)
    second = plotting.savefig(fig, "nb", "line", root=tmp_path)
    plt.close(fig)
    assert first == second and seen == ["第二版"]
    assert plotting.png_text(second)["Title"] == "第二版"
    assert [p.name for p in (tmp_path / "nb").iterdir()] == ["line.png"]
    assert oct(second.stat().st_mode & 0o777) == "0o644"
