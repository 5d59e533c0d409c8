"""PDF lines wrapped by the page layout, joined back into paragraphs."""

from __future__ import annotations

from corpus.reflow import full_width, reflow

CHINESE_PAGE = (
    "一、总体要求\n"
    " 目标：逐步提高行业企业参与办学程度，健全多元化办学体制，全面推行校企协\n"
    "同育人。用10年左右时间，教育和产业统筹融合、良性互动的发展格局总体形成，需\n"
    "求导向的人才培养模式健全完善，人才教育供给与产业需求重大结构性矛盾基本解决\n"
    "，职业教育、高等教育对经济发展和产业升级的贡献显著增强。\n"
    "二、构建教育和产业统筹融合发展格局\n"
    " 将产教融合作为促进经济社会协调发展的重要举措，同步规划产教融合与经济社\n"
    "会发展。"
)
ENGLISH_PAGE = (
    "Article 3 Enterprises that take part in vocational education shall sign an\n"
    "agreement with the school that states the duration of the internship and the\n"
    "pay of the interns, and shall buy liability insurance for them before the\n"
    "internship starts.\n"
    "Article 4\n"
    "The local education bureau keeps a register of the agreements signed under\n"
    "Article 3."
)


def test_a_sentence_wrapped_over_lines_becomes_one_line() -> None:
    lines = reflow(CHINESE_PAGE).split("\n")
    assert "用10年左右时间，教育和产业统筹融合、良性互动的发展格局总体形成，需求导向的" in lines[1]
    assert lines[1].endswith("贡献显著增强。")


def test_headings_and_paragraph_ends_stay_on_their_own_lines() -> None:
    lines = reflow(CHINESE_PAGE).split("\n")
    assert lines[0] == "一、总体要求"
    assert lines[2] == "二、构建教育和产业统筹融合发展格局"
    assert lines[3].endswith("同步规划产教融合与经济社会发展。")


def test_english_lines_are_joined_with_a_space() -> None:
    lines = reflow(ENGLISH_PAGE).split("\n")
    assert lines[0].startswith("Article 3 Enterprises")
    assert "shall sign an agreement with" in lines[0]
    assert lines[0].endswith("before the internship starts.")
    assert lines[1] == "Article 4"


def test_a_short_page_is_left_alone() -> None:
    assert reflow("Title\nOne line.") == "Title\nOne line."


def test_a_title_broken_inside_its_book_title_marks_is_joined() -> None:
    page = (
        "— 1 —\n"
        " 山西省发展和改革委员会等七部门关于印发《山西省产\n"
        "教融合重大平台载体和实训基地建设实施方案》的通知\n"
        "各市人民政府，省直各有关部门，有关高校、企业：\n"
        " 经报请省人民政府同意，现将《山西省产教融合重大平台载体和实训基地建设\n"
        "实施方案》印发给你们，请认真组织实施。\n"
        "2\n"
    )
    lines = [line.strip() for line in reflow(page).split("\n") if line.strip()]
    assert lines[0].startswith("山西省发展和改革委员会等七部门关于印发《山西省产教融合重大平台")
    assert "— 1 —" not in reflow(page) and lines[-1] != "2"  # the page's printed numbers


def test_page_numbers_are_dropped_but_numbers_inside_the_text_stay() -> None:
    page = "第 3 页 共 9 页\n" + CHINESE_PAGE + "\n36\n成员单位\n- 4 -"
    text = reflow(page)
    assert "第 3 页" not in text and "- 4 -" not in text
    assert "\n36\n" in text  # a number in the middle of the page may be a table's cell


def test_a_page_of_few_lines_is_reflowed_at_the_documents_width() -> None:
    last_page = (
        "（二）2035年目标。到2035年，全面实现产教统筹融合，全面建立支撑\n"
        "高质量发展的现代人力资源体系，全面提升职业教育、高等教育对创新发展\n"
        "和产业升级的贡献。\n"
    )
    assert "支撑\n高质量" in reflow(last_page)  # too few lines to tell alone
    full = full_width([CHINESE_PAGE, last_page])
    assert full is not None
    lines = reflow(last_page, full).split("\n")
    assert lines[0].endswith(
        "全面建立支撑高质量发展的现代人力资源体系，全面提升职业教育、高等教育对创新发展和产业升级的贡献。"
    )
