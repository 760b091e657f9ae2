"""Charts: real PNGs of the expected size, with ink on them, and Japanese text drawn as glyphs
of the bundled font (no tofu boxes), on a machine without any Japanese system font."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib import get_data_path
from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.font_manager import get_font
from PIL import Image, ImageFilter

from handlers.admin.ports import BarChart, LineChart, LineSeries
from storage.files.charts import MatplotlibCharts, bundled_font_path

TITLE = "部署別オンライン化率"
# A font that has no Japanese glyphs: what a server without Japanese fonts would fall back to.
LATIN_ONLY_FONT = Path(get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def pixels(png: bytes) -> np.ndarray:
    """Greyscale pixels of a PNG (0 = black, 255 = white)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(float)


def ink_box(ink: np.ndarray) -> np.ndarray:
    """Crop an ink image (255 = full ink) to the bounding box of its inked pixels."""
    ys, xs = np.nonzero(ink > 60)
    assert len(ys), "no ink at all"
    return ink[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1]


def glyph_reference(text: str, size: float = 14, dpi: float = 100) -> np.ndarray:
    """The text drawn straight from the bundled font's glyphs (no chart, no matplotlib text layout)."""
    font = get_font(str(bundled_font_path()))
    font.clear()
    font.set_size(size, dpi)
    font.set_text(text, 0.0, flags=get_hinting_flag())
    font.draw_glyphs_to_bitmap(antialiased=True)
    return ink_box(np.asarray(font.get_image()).astype(float))


def title_ink(png: bytes) -> np.ndarray:
    """The chart title's ink: the first block of inked rows from the top, up to a blank row."""
    ink = 255 - pixels(png)
    inked = (ink > 60).any(axis=1)
    top = int(np.argmax(inked))
    bottom = top
    while bottom < len(inked) and inked[bottom]:
        bottom += 1
    return ink_box(ink[top:bottom])


def similarity(reference: np.ndarray, drawn: np.ndarray) -> float:
    """Correlation of two ink images after scaling to the same size and a slight blur."""
    a = Image.fromarray(reference.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0))
    b = Image.fromarray(drawn.astype(np.uint8)).resize(a.size, Image.BILINEAR).filter(ImageFilter.GaussianBlur(1.0))
    return float(np.corrcoef(np.asarray(a, float).ravel(), np.asarray(b, float).ravel())[0, 1])


def progress_chart(title: str = TITLE) -> BarChart:
    return BarChart(title, ("市民課", "税務課", "福祉政策課", "子育て支援課"), (0.8, 0.65, 0.4, 0.125),
                    axis_label="オンライン化率", note="未報告: 建設課")


@pytest.fixture(scope="module")
def charts() -> MatplotlibCharts:
    return MatplotlibCharts()


def test_bar_chart_is_a_png_of_the_expected_size_with_ink(charts):
    png = charts.bar(progress_chart())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    # 9 inches at 100 dpi; the height grows with the number of departments.
    assert image.size[0] == 900 and 300 <= image.size[1] <= 600
    ink = pixels(png) < 200
    assert 0.03 < ink.mean() < 0.6
    # The longest bar (80%) is clearly longer than the shortest (12.5%): blue pixels per row band.
    rgb = np.asarray(image.convert("RGB")).astype(int)
    blue = (rgb[:, :, 2] > 150) & (rgb[:, :, 0] < 80)
    rows_with_blue = [row.sum() for row in blue if row.sum() > 0]
    assert max(rows_with_blue) > 4 * min(r for r in rows_with_blue if r > 20)


def test_more_departments_make_a_taller_chart(charts):
    few = Image.open(io.BytesIO(charts.bar(progress_chart())))
    labels = tuple(f"第{i}課" for i in range(20))
    many = Image.open(io.BytesIO(charts.bar(BarChart("多い", labels, tuple(i / 20 for i in range(20))))))
    assert many.size[1] > few.size[1] + 200


def test_line_chart_draws_each_series(charts):
    chart = LineChart("オンライン化率の推移", ("2026-07", "2026-08", "2026-09", "2026-10"),
                      (LineSeries("全体", (0.3, 0.35, None, 0.5), emphasis=True),
                       LineSeries("市民課", (0.5, 0.6, 0.7, 0.8))))
    png = charts.line(chart)
    image = Image.open(io.BytesIO(png))
    assert image.size == (1000, 560)
    rgb = np.asarray(image.convert("RGB")).astype(int)
    red = (rgb[:, :, 0] > 180) & (rgb[:, :, 1] < 110) & (rgb[:, :, 2] < 130)  # the emphasised line
    blue = (rgb[:, :, 2] > 150) & (rgb[:, :, 0] < 80)
    assert red.sum() > 200 and blue.sum() > 200


def test_japanese_text_uses_glyphs_of_the_bundled_font(charts):
    with warnings.catch_warnings():
        # matplotlib warns "Glyph ... missing from font(s)" whenever it draws a tofu box.
        warnings.simplefilter("error")
        png = charts.bar(progress_chart())
    assert similarity(glyph_reference(TITLE), title_ink(png)) > 0.8


def test_the_glyph_check_catches_tofu_from_a_font_without_japanese():
    tofu = MatplotlibCharts(LATIN_ONLY_FONT)
    with pytest.warns(UserWarning, match="missing from font"):
        png = tofu.bar(progress_chart())
    assert similarity(glyph_reference(TITLE), title_ink(png)) < 0.5


def test_the_font_ships_inside_a_python_package_not_the_system():
    path = bundled_font_path()
    assert path.name == "ipaexg.ttf" and "matplotlib_fontja" in path.parts
    font = get_font(str(path))
    assert all(font.get_char_index(ord(ch)) for ch in TITLE + "未報告推移平均点")


def test_bar_chart_with_previous_values_and_a_score_axis(charts):
    chart = BarChart("分野別の平均点", ("エクセル関数", "セキュリティ", "生成AI"), (2.1, 1.5, 0.8), percent=False,
                     maximum=3.0, previous=(1.9, None, 0.5), legend=("今回", "前回"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = charts.bar(chart)
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    light = (abs(rgb[:, :, 0] - 0xB8) < 12) & (abs(rgb[:, :, 1] - 0xCD) < 12) & (abs(rgb[:, :, 2] - 0xE0) < 12)
    assert light.sum() > 500  # the previous run's bars are drawn
