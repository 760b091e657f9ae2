"""PNG charts with Japanese labels, drawn with matplotlib's Agg renderer.

Every text element is drawn with IPAex Gothic, the font shipped inside the `matplotlib-fontja`
wheel, loaded by file path: the charts look the same on a server without any Japanese system
font (no tofu boxes). No pyplot and no global rcParams are used, so rendering from worker threads
(`asyncio.to_thread`) does not leak state between charts.
"""

from __future__ import annotations

import io
import math
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

from bot.core.japanese_numbers import percent_text
from handlers.admin.ports import BarChart, LineChart

MAIN_COLOUR = "#1f6fb2"
PREVIOUS_COLOUR = "#b8cde0"
AVERAGE_COLOUR = "#d1495b"
PALETTE = ("#1f6fb2", "#e07a1f", "#3a9d5d", "#8e5bb5", "#c4423b", "#6b7f8e", "#b59a2e", "#2a9fa8",
           "#a45b7a", "#4f6d3a")
DPI = 100

# matplotlib's text layout caches are shared; one chart at a time keeps rendering deterministic.
_RENDER_LOCK = threading.Lock()


def bundled_font_path() -> Path:
    """IPAex Gothic inside the matplotlib-fontja package (no system font assumed)."""
    import matplotlib_fontja

    path = Path(matplotlib_fontja.__file__).resolve().parent / "fonts" / "ipaexg.ttf"
    if not path.exists():
        raise FileNotFoundError(f"the bundled Japanese font is missing: {path}")
    return path


class MatplotlibCharts:
    """Implements `handlers.admin.ports.ChartRenderer` with matplotlib (Agg)."""

    def __init__(self, font_path: Path | None = None) -> None:
        self.font_path = Path(font_path) if font_path else bundled_font_path()
        self._font: FontProperties | None = None

    @property
    def font(self) -> FontProperties:
        """Every text element gets this font by file path: nothing depends on installed fonts.
        matplotlib is imported at the first chart, not at start-up (0.7 s of every start)."""
        if self._font is None:
            from matplotlib.font_manager import FontProperties

            self._font = FontProperties(fname=str(self.font_path))
        return self._font

    def _props(self, size: float, weight: str = "normal") -> FontProperties:
        props = self.font.copy()
        props.set_size(size)
        props.set_weight(weight)
        return props

    def bar(self, chart: BarChart) -> bytes:
        """Horizontal bars (first label on top) with the value printed at each bar's end."""
        n = max(len(chart.labels), 1)
        height = min(2.0 + 0.42 * n * (1.6 if chart.previous else 1.0), 30.0)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter

        with _RENDER_LOCK:
            fig = Figure(figsize=(9.0, height), dpi=DPI)
            FigureCanvasAgg(fig)
            ax = fig.add_subplot(1, 1, 1)
            positions = list(range(len(chart.labels)))[::-1]  # first label at the top
            scale = 100.0 if chart.percent else 1.0
            values = [v * scale for v in chart.values]
            thickness = 0.38 if chart.previous else 0.6
            offset = thickness / 2 if chart.previous else 0.0
            bars = ax.barh([p + offset for p in positions], values, height=thickness, color=MAIN_COLOUR,
                           label=chart.legend[0] or None)
            if chart.previous:
                previous = [(v * scale if v is not None else 0.0) for v in chart.previous]
                ax.barh([p - offset for p in positions], previous, height=thickness, color=PREVIOUS_COLOUR,
                        label=chart.legend[1] or None)
            upper = 100.0 if chart.percent else (chart.maximum or max(values, default=1.0) or 1.0)
            ax.set_xlim(0, upper * 1.12)
            for rect, value in zip(bars, values, strict=False):
                text = percent_text(value) if chart.percent else f"{value:.2f}"
                ax.text(rect.get_width() + upper * 0.01, rect.get_y() + rect.get_height() / 2, text,
                        va="center", ha="left", fontproperties=self._props(9))
            ax.set_yticks(positions)
            ax.set_yticklabels(list(chart.labels))
            if chart.percent:
                ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}%"))
            if chart.axis_label:
                ax.set_xlabel(chart.axis_label, fontproperties=self._props(10))
            ax.grid(axis="x", color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
            if chart.previous and any(chart.legend):
                ax.legend(prop=self._props(9), loc="lower right")
            return self._finish(fig, ax, chart.title, chart.note)

    def line(self, chart: LineChart) -> bytes:
        """One line per series over the x labels; gaps where a value is missing."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter

        with _RENDER_LOCK:
            fig = Figure(figsize=(10.0, 5.6), dpi=DPI)
            FigureCanvasAgg(fig)
            ax = fig.add_subplot(1, 1, 1)
            scale = 100.0 if chart.percent else 1.0
            xs = list(range(len(chart.x_labels)))
            colour_index = 0
            for series in chart.series:
                ys = [math.nan if v is None else v * scale for v in series.values]
                if series.emphasis:
                    colour, width, style = AVERAGE_COLOUR, 2.8, "-"
                else:
                    colour, width, style = PALETTE[colour_index % len(PALETTE)], 1.6, "-"
                    colour_index += 1
                ax.plot(xs, ys, style, color=colour, linewidth=width, marker="o", markersize=4,
                        label=series.name)
            ax.set_xticks(xs)
            ax.set_xticklabels(list(chart.x_labels), rotation=45 if len(xs) > 8 else 0)
            if chart.percent:
                ax.set_ylim(0, 100)
                ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:.0f}%"))
            if chart.axis_label:
                ax.set_ylabel(chart.axis_label, fontproperties=self._props(10))
            ax.grid(color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
            if chart.series:
                ax.legend(prop=self._props(9), loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
            return self._finish(fig, ax, chart.title, chart.note)

    def _finish(self, fig: Figure, ax: Axes, title: str, note: str) -> bytes:
        ax.set_title(title, fontproperties=self._props(14, "bold"), loc="left", pad=12)
        for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            label.set_fontproperties(self._props(10))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if note:
            fig.text(0.01, 0.01, note, fontproperties=self._props(8), color="#555555", ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.04 if note else 0, 1, 1))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
        return buffer.getvalue()
