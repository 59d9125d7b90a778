"""The report as a PDF: the merged notebook written as Typst markup and typeset by Typst.

The HTML page and the PDF read the same cells; tables and figures come from their structured description
(present.description), never from the HTML. Typst lays out the report's thirty-odd pages in about a
second (WeasyPrint took thirteen), numbers sections, tables and figures itself and resolves every
cross-reference; a reference to a missing table stops the build. Text is escaped character by
character, so nothing in the data can act as markup.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from medical_coding_salaries.build.title_page import TitlePage
from medical_coding_salaries.build.typst_markup import array, escape, literal, markdown
from medical_coding_salaries.build.typst_tables import (
    FONT_FILES,
    captioned,
    figure_markup,
    matplotlib_data,
    table_markup,
)
from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.paths import shown_path
from medical_coding_salaries.present.description import MIMETYPE

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATE = Path(__file__).parent / "templates" / "report" / "report.typ"
PAPERS = {"letter": "us-letter", "a4": "a4"}
# Typst runs in a process of its own: in this one it would share the interpreter lock with the thread that writes
# the HTML meanwhile, and took 2.2 s instead of 0.6 (it takes the lock back often, and waits for it each time).
# The process writes the PDF to a file; a Typst error goes to stderr, exit status 3.
TYPESET = """
import os, re, sys, typst
main, root, fonts, epoch, pdf = sys.argv[1:]
try:
    typst.compile(main, output=pdf, root=root, timestamp=int(epoch), font_paths=typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts]))
except typst.TypstError as error:
    where = re.search(r"\u250c\u2500 (.+?):(\\d+):\\d+", error.diagnostic or "")
    sys.stderr.write(f"{os.path.basename(where[1])}\\t{where[2]}\\t" if where else "\\t\\t")
    sys.stderr.write(error.message)
    sys.exit(3)
"""


class TypesetError(BuildInputError):
    """Typst could not lay out the report: an edit to the layout template (report.typ) that Typst cannot read, a
    reference to a missing table, Typst killed or out of disk space. The message says which, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the PDF could not be typeset: {reason}")


def typst_failure(log: str, status: int) -> TypesetError:
    """The error for a Typst process that ended with `status`, from what it wrote (`TYPESET`: file, line and
    Typst's message, separated by tabs)."""
    if status < 0:
        return TypesetError(f"Typst was stopped by {signal.Signals(-status).name}")
    if log.count("\t") >= 2:
        name, line, message = log.split("\t", 2)
    else:  # not Typst's own error (the process could not start Typst, say): its last line
        name, line, message = "", "", (log.splitlines() or [""])[-1]
    message = " ".join(message.split()) or f"Typst stopped with exit status {status}"
    if name == TEMPLATE.name:
        place = f"{shown_path(TEMPLATE)}, line {line}: "
    elif name:
        place = f"the report's Typst markup, line {line}: "
    else:
        place = ""
    return TypesetError(f"{place}{message}")


def document(notebook: NotebookNode, section_keys: list[str]) -> tuple[str, dict[str, bytes]]:
    """The report's body as Typst markup, and the image files it refers to."""
    labels = [f"section-{key}" for key in section_keys]
    parts: list[str] = []
    images: dict[str, bytes] = {}
    sections_seen = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            if re.search(r"^# ", cell.source, re.MULTILINE):
                sections_seen += 1
                if sections_seen == 2:  # the contents follow the executive summary, the answers come first
                    parts.append("#report-contents()")
            parts.append(markdown(cell.source, labels))
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIMETYPE in data or "text/html" in data:
                # Only a described table or figure has a PDF form; any other HTML output stops the build.
                found = captioned(data.get(MIMETYPE, {}))
                if found.kind == "table":
                    parts.append(table_markup(found))
                else:
                    name = f"{found.anchor}.png"
                    images[name] = found.image
                    parts.append(figure_markup(found, name))
            elif "text/markdown" in data:
                parts.append(markdown(data["text/markdown"], labels))
    return "\n\n".join(parts) + "\n", images


def source(body: str, title_page: TitlePage, paper_size: str) -> str:
    """The whole Typst document: the template's title block, then the body (with the contents in it)."""
    fact_items = array([array([literal(name), literal(value)]) for name, value in title_page.facts])
    changed_items = array([array([f"[{escape(text)}]" for text in row]) for row in title_page.changed])
    return (
        '#import "report.typ": report, long-table, report-contents\n'
        f"#show: report.with(\n  title: {literal(title_page.title)},\n  subtitle: {literal(title_page.subtitle)},\n"
        f"  facts: {fact_items},\n  changed: {changed_items},\n  paper: {literal(PAPERS[paper_size])},\n)\n\n" + body
    )


def copy_fonts(folder: Path) -> Path:
    """DejaVu Sans and Mono from matplotlib's package into `folder`: the charts' typeface, pinned with
    matplotlib, the same on every machine; Typst reads these five files, not forty or the system's."""
    source = matplotlib_data() / "fonts" / "ttf"
    folder.mkdir()
    for name in FONT_FILES:
        (folder / name).write_bytes((source / name).read_bytes())
    return folder


def to_pdf(notebook: NotebookNode, title_page: TitlePage, section_keys: list[str], paper_size: str) -> bytes:
    """The merged notebook typeset as a PDF; the creation date is SOURCE_DATE_EPOCH's, fonts never the system's."""
    return typeset(document(notebook, section_keys), title_page, paper_size)


def typeset(markup: tuple[str, dict[str, bytes]], title_page: TitlePage, paper_size: str) -> bytes:
    """The report's body (Typst markup and its images, as `document` writes them) typeset as a PDF."""
    with Typesetting(markup, title_page, paper_size) as typesetting:
        return typesetting.pdf()


class Typesetting:
    """Typst laying out the report in a process of its own (`TYPESET`), started as this object is made, so that
    this process can write the HTML meanwhile; `pdf` waits for it. Leaving the `with` block ends it if it still
    runs, and removes its folder."""

    def __init__(self, markup: tuple[str, dict[str, bytes]], title_page: TitlePage, paper_size: str) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="mcs-typeset-")
        try:
            self.process = self._start(Path(self.folder.name), markup, title_page, paper_size)
        except OSError as error:
            self.folder.cleanup()
            raise TypesetError(f"cannot write Typst's files in {self.folder.name} ({error.strerror})") from None
        except BaseException:
            self.folder.cleanup()
            raise

    def _start(
        self, root: Path, markup: tuple[str, dict[str, bytes]], title_page: TitlePage, paper_size: str
    ) -> subprocess.Popen[bytes]:
        body, images = markup
        (root / TEMPLATE.name).write_bytes(TEMPLATE.read_bytes())
        for name, data in images.items():
            (root / name).write_bytes(data)
        main = root / "report-main.typ"
        main.write_text(source(body, title_page, paper_size), encoding="utf-8")
        fonts = copy_fonts(root / "fonts")
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
        self.output, self.log = root / "report.pdf", root / "typst.log"
        with self.log.open("w", encoding="utf-8") as log:  # a file, not a pipe: nothing reads it while Typst runs
            return subprocess.Popen(
                [sys.executable, "-I", "-c", TYPESET, str(main), str(root), str(fonts), epoch, str(self.output)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    def pdf(self) -> bytes:
        """The PDF, once Typst has written it; TypesetError, in one line, if it could not."""
        status = self.process.wait()
        if status != 0:
            try:
                log = self.log.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                log = ""
            raise typst_failure(log, status)
        return self.output.read_bytes()

    def __enter__(self) -> Typesetting:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.folder.cleanup()


def main(argv: list[str] | None = None) -> int:
    """`python -m medical_coding_salaries.build.render_pdf OUT.pdf NOTEBOOK...`: executed notebooks to a PDF, as one
    command (the benchmark's naive pipeline uses it; the build calls `to_pdf` in-process)."""
    import argparse

    import nbformat

    from medical_coding_salaries.build.render_html import merge, section_key

    parser = argparse.ArgumentParser(
        prog="python -m medical_coding_salaries.build.render_pdf",
        description="Executed notebooks to a PDF, as one command.",
    )
    parser.add_argument("pdf", type=Path, help="the PDF to write")
    parser.add_argument("notebooks", type=Path, nargs="+", help="executed notebooks, in report order")
    parser.add_argument("--paper-size", choices=sorted(PAPERS), default="letter")
    arguments = parser.parse_args(argv)
    notebooks = [nbformat.read(path, as_version=4) for path in arguments.notebooks]
    keys = [section_key(path) for path in arguments.notebooks]
    arguments.pdf.write_bytes(to_pdf(merge(notebooks), TitlePage("Report"), keys, arguments.paper_size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
