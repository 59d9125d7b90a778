"""Executed notebooks in, one self-contained HTML page out (the PDF is `typeset`'s)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from medical_coding_salaries import __version__
from medical_coding_salaries.build.title_page import TitlePage
from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.paths import PACKAGE_DIR

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATES = Path(__file__).parent / "templates"
CSS = PACKAGE_DIR / "present" / "styles" / "report.css"
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell"}

_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>(?:¶|&#182;)</a>)?</h\1>', re.DOTALL)
# A figure's caption follows its chart, a table's precedes it: match up to the label either way.
_CAPTION = re.compile(
    r'<figure class="captioned (table|figure)" id="([^"]+)">(.*?)<span class="caption-label">(Table|Figure)</span>',
    re.DOTALL,
)
# Cross-references are markdown links ([table](#table-key)), so they also work in JupyterLab.
_SECTION_REF = re.compile(r'<a href="#section-([\w-]+)">section</a>')
_REF = re.compile(r'<a href="#(table|figure)-([\w-]+)">(?:table|figure)</a>')


@dataclass(frozen=True)
class TocEntry:
    """A numbered heading of the report."""

    level: int
    number: str
    id: str
    text: str


def merge(notebooks: list[NotebookNode]) -> NotebookNode:
    """One notebook of all cells a reader sees: no parameters cells, no empty code cells, no stream output."""
    import nbformat

    merged = nbformat.v4.new_notebook(metadata={"language_info": {"name": "python"}})
    for notebook in notebooks:
        for cell in notebook.cells:
            if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
                continue
            if cell.cell_type == "code":
                cell.outputs = [
                    output for output in cell.outputs if output.output_type in ("execute_result", "display_data")
                ]
                if not cell.outputs:
                    continue
            merged.cells.append(cell)
    for number, cell in enumerate(merged.cells, start=1):
        cell.id = f"cell-{number:03d}"
    return merged


def section_key(notebook: Path) -> str:
    """A notebook's section key, for [section](#section-key) links: '03_city.ipynb' gives 'city'."""
    return notebook.stem.split("_", 1)[-1]


def number_sections(body: str) -> tuple[str, list[TocEntry]]:
    """Number h1 (sections) and h2 (subsections) in order, and list them for the contents."""
    toc: list[TocEntry] = []
    counters = [0, 0]

    def replace(match: re.Match[str]) -> str:
        level, anchor, text = int(match.group(1)), match.group(2), match.group(3).strip()
        counters[level - 1] += 1
        if level == 1:
            counters[1] = 0
        number = str(counters[0]) if level == 1 else f"{counters[0]}.{counters[1]}"
        anchor = f"sec-{number.replace('.', '-')}"
        toc.append(TocEntry(level, number, anchor, Markup(text)))  # already escaped by nbconvert
        css = ' class="section"' if level == 1 else ""
        return f'<h{level} id="{anchor}"{css}><span class="section-number">{number}</span>{text}</h{level}>'

    return _HEADING.sub(replace, body), toc


def number_captions(body: str) -> str:
    """Number tables and figures in order of appearance and turn cross-references into 'Table 3' links."""
    numbers: dict[str, int] = {}
    counts = {"table": 0, "figure": 0}

    def caption(match: re.Match[str]) -> str:
        kind, anchor, between, label = match.groups()
        counts[kind] += 1
        numbers[anchor] = counts[kind]
        figure = f'<figure class="captioned {kind}" id="{anchor}">'
        return f'{figure}{between}<span class="caption-label">{label} {counts[kind]}.</span>'

    body = _CAPTION.sub(caption, body)

    def reference(match: re.Match[str]) -> str:
        kind, key = match.groups()
        anchor = f"{kind}-{key}"
        if anchor not in numbers:
            raise BuildInputError(
                f"a notebook refers to {kind} {key!r}, which no notebook shows (was the notebook that shows it "
                "removed or renamed?)"
            )
        return f'<a class="ref" href="#{anchor}">{kind.title()} {numbers[anchor]}</a>'

    return _REF.sub(reference, body)


def link_sections(body: str, toc: list[TocEntry], section_keys: list[str]) -> str:
    """Turn [section](#section-key) links into 'Section 3' links; keys follow the notebooks' order."""
    sections = [entry for entry in toc if entry.level == 1]
    numbered = dict(zip(section_keys, sections, strict=False))

    def link(match: re.Match[str]) -> str:
        entry = numbered.get(match.group(1))
        if entry is None:
            raise ValueError(f"link to section {match.group(1)!r}, which no notebook provides")
        return f'<a class="ref" href="#{entry.id}">Section {entry.number}</a>'

    return _SECTION_REF.sub(link, body)


@functools.cache
def _front_matter_template() -> Any:
    environment = Environment(loader=FileSystemLoader(TEMPLATES / "report"), autoescape=select_autoescape(default=True))
    return environment.get_template("front_matter.html.j2")


def front_matter(title_page: TitlePage, toc: list[TocEntry]) -> str:
    """The title page and the contents, from the template beside this module."""
    return _front_matter_template().render(
        title=title_page.title,
        subtitle=title_page.subtitle,
        facts=title_page.facts,
        changed=title_page.changed,
        toc=toc,
    )


def _report_exporter() -> type:
    """nbconvert's HTML exporter minus its closing BeautifulSoup pass, which adds alt text and tab stops
    to JupyterLab's cell classes: this template has no such classes and every chart carries its own
    alt text, and the pass took two thirds of the HTML's time; and minus the notebook's schema validation
    after each preprocessor."""
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None, **kw: object) -> tuple[str, dict]:
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

        def _validate_preprocessor(self, nbc: NotebookNode, preprocessor: object) -> None:
            """No schema validation after each preprocessor: the build made the merged notebook itself, and
            validating it eleven times took a fifth of the HTML's time."""

    return ReportExporter


@functools.cache
def html_exporter() -> Any:
    """The report's exporter, its templates compiled once per process (a tenth of a second, which a build spends
    while its kernels start: execute.import_renderers), and the title page's template with it."""
    exporter = _report_exporter()(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="report",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.template  # noqa: B018 - compiles the template and the ones it extends
    _front_matter_template()
    return exporter


def to_html(notebook: NotebookNode, title_page: TitlePage, section_keys: list[str] = ()) -> str:
    """The merged notebook as one self-contained HTML page, with title page, contents and numbered captions."""
    exporter = html_exporter()
    placeholder = "<!--front-matter-->"
    resources = {
        "report": {
            "title": title_page.title,
            "css": CSS.read_text(encoding="utf-8"),
            "front_matter": placeholder,
            "version": __version__,
        }
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    body, toc = number_sections(body)
    body = link_sections(number_captions(body), toc, list(section_keys))
    return body.replace(placeholder, front_matter(title_page, toc), 1)
