"""A draft exported as a finance bureau takes it: .xlsx and .docx laid out as a 项目支出绩效目标申报表, Markdown,
CSV and JSON.

Every format holds the draft's rows in the draft's order (kb.drafting.drafts keeps them in framework order).
Text never becomes a formula: in .xlsx every text cell is stored as a string (with Excel's quote prefix when it
starts like one), in CSV such a cell gets a leading apostrophe. Numbers are written as kb.vocab.numbers.number
writes them, every digit and no exponent (in .xlsx as numbers, formatted to show as many decimals); control
characters from a document as kb.vocab.text.shown writes them (JSON keeps the text exact). A file is
written beside its target and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

from kb.drafting.drafts import HEAD_FIELDS, Draft, Row
from kb.errors import KbError
from kb.vocab.numbers import decimals, number
from kb.vocab.text import BIDI_CONTROLS, shown

FORMATS = ("xlsx", "docx", "md", "csv", "json")
TITLE = "项目支出绩效目标申报表"
COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标值依据")
CSV_COLUMNS = (
    "序号",
    "一级指标",
    "二级指标",
    "三级指标",
    "运算符",
    "数值",
    "单位",
    "指标值",
    "指标值依据",
    "分值",
    "来源指标",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_FILE_CHARS = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]+')
_BIDI_CONTROLS = re.compile(BIDI_CONTROLS)
_WINDOWS_RESERVED = re.compile(r"con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9¹²³]", re.IGNORECASE)
MAX_FILE_STEM = 100  # characters of a file name made from a draft's name
_MD_SPECIAL = re.compile(r"([\\|`*_\[\]])")


def number_format(value: int | float) -> str:
    """The spreadsheet format that shows `value` as `number` writes it ('General' shows 1E+12 and rounds to 11
    characters): a whole number as '0', 15812.52 as '0.00'."""
    places = decimals(value)
    return "0." + "0" * places if places else "0"


def _text(value) -> str:
    """A cell's value as a form's text: numbers as kb.vocab.numbers writes them, control characters a document may
    carry shown escaped (XML refuses them in .xlsx and .docx; in .md and .csv they would reach a terminal)."""
    return shown(number(value), lines=True)


def head_items(draft: Draft) -> list[tuple[str, str | int | float | None]]:
    """(label, value) for the head of the form, the name first."""
    return [("项目名称", draft.name)] + [(label, getattr(draft, key)) for key, (label, _) in HEAD_FIELDS.items()]


def _has_weights(rows: list[Row]) -> bool:
    return any(r.weight is not None for r in rows)


def _cells(row: Row, weights: bool) -> list:
    """The table's cells for a row: text, and the weight as a number."""
    return [row.level1, row.level2, row.name, row.target, row.basis or ""] + ([row.weight] if weights else [])


def _safe_stem(name: str) -> tuple[str, list[tuple[str, str]]]:
    """The file name (without extension) made from a draft name, and why it differs: (Chinese, English) a change."""
    why = []
    stem = _BIDI_CONTROLS.sub("", name)
    if stem != name:
        why.append(("去掉了改变文字方向的字符", "a character reversing the text's direction removed"))
    cleaned = _UNSAFE_FILE_CHARS.sub("_", stem).strip(" ._") or "draft"
    if cleaned != stem:
        why.append(("换掉了文件名不能用的字符", "characters a file name cannot hold replaced"))
    if cleaned.startswith("-"):
        cleaned = "_" + cleaned
        why.append(("以 - 开头会被当作命令选项", "a name starting with '-' reads as a command option"))
    if _WINDOWS_RESERVED.fullmatch(cleaned.split(".")[0].rstrip(" ")):
        cleaned = "_" + cleaned
        why.append(("是 Windows 保留的设备名", "a device name Windows reserves"))
    if len(cleaned) > MAX_FILE_STEM:
        why.append((f"截短到 {MAX_FILE_STEM} 个字", f"shortened to {MAX_FILE_STEM} characters"))
    return cleaned[:MAX_FILE_STEM], why


def safe_filename(name: str, fmt: str) -> str:
    """A file name from a draft name: no folders, no characters a file system refuses, no bidirectional controls,
    no leading dot or '-', no device name Windows reserves (CON, NUL, COM1 … with any extension: '_CON.xlsx')."""
    return f"{_safe_stem(name)[0]}.{fmt}"


def renamed(name: str, written: Path) -> str:
    """Why the file `written` does not bear the draft's name `name` as given (one line, Chinese first); '' when it
    does, or when its name was not made from the draft's (a file name the user chose is written as given)."""
    stem, why = _safe_stem(name)
    if not why or written.name != f"{stem}{written.suffix}":
        return ""
    return (
        f"文件名改为 {written.name}：{'；'.join(zh for zh, _ in why)} · "
        f"file named {written.name}: {'; '.join(en for _, en in why)}"
    )


def _target(draft: Draft, path: Path | str | None, fmt: str | None) -> tuple[Path, str]:
    path = Path(path) if path is not None else Path.cwd()
    if path.is_dir():
        fmt = fmt or "xlsx"
        path = path / safe_filename(draft.name, fmt)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise KbError(
            f"{path}: 没有这种导出格式 unknown export format {fmt or '(none)'!r}: use one of {', '.join(FORMATS)} "
            "(from the file's extension or --format)"
        )
    folder = path.parent
    if not folder.is_dir():
        raise KbError(f"{folder}: 没有这个文件夹（请先建立） no such folder (create it first)")
    return path, fmt


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export(draft: Draft, path: Path | str | None = None, fmt: str | None = None) -> Path:
    """Write the draft to `path` (a file, or a folder to put '<draft name>.<fmt>' in); the format comes from
    `fmt` or the extension. Returns the path written; KbError when the folder is missing or not writable."""
    path, fmt = _target(draft, path, fmt)
    writer = {"xlsx": _xlsx, "docx": _docx, "md": _markdown, "csv": _csv, "json": _json}[fmt]
    try:
        fd, tmp = tempfile.mkstemp(prefix=".kb-export-", suffix=f".{fmt}", dir=path.parent)
    except OSError as exc:
        raise KbError(f"{path.parent}: 无法在此写入 cannot write here ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        writer(draft, Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it private to the user)
        os.replace(tmp, path)
    except OSError as exc:
        raise KbError(f"{path}: 无法写入 cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal, non-empty values."""
    out, start = [], 0
    for n in range(1, len(values) + 1):
        if n == len(values) or values[n] != values[start]:
            if values[start] and n - 1 > start:
                out.append((start, n - 1))
            start = n
    return out


def _merge_runs(rows: list[Row]) -> dict[int, list[tuple[int, int]]]:
    """Column index → row runs to merge: level 1 by equal level 1, level 2 by equal (level 1, level 2)."""
    return {
        0: _runs([r.level1 for r in rows]),
        1: _runs([f"{r.level1}\x00{r.level2}" if r.level2 else "" for r in rows]),
    }


def _xlsx(draft: Draft, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    rows = draft.rows
    weights = _has_weights(rows)
    columns = COLUMNS + (("分值",) if weights else ())
    width = len(columns)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")

    def put(r: int, c: int, value, bold: bool = False):
        cell = ws.cell(r, c)
        value = _text(value) if isinstance(value, str) else value
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever it starts with
            cell.quotePrefix = value.startswith(FORMULA_START)
        elif isinstance(value, (int, float)):
            cell.number_format = number_format(value)
        cell.alignment, cell.border = wrap, border
        if bold:
            cell.font = Font(bold=True)

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    title = ws.cell(1, 1, TITLE)
    title.font, title.alignment = Font(bold=True, size=16), Alignment(horizontal="center")
    r = 2
    for label, value in head_items(draft):
        put(r, 1, label, bold=True)
        put(r, 2, value)
        for c in range(3, width + 1):
            put(r, c, None)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=width)
        r += 1
    header = r
    for c, name in enumerate(columns, 1):
        put(header, c, name, bold=True)
    for n, row in enumerate(rows):
        for c, value in enumerate(_cells(row, weights), 1):
            put(header + 1 + n, c, value)
    for column, runs in _merge_runs(rows).items():
        for first, last in runs:
            ws.merge_cells(
                start_row=header + 1 + first, start_column=column + 1, end_row=header + 1 + last, end_column=column + 1
            )
    for letter, w in zip("ABCDEF", (14, 18, 40, 16, 16, 8)):
        ws.column_dimensions[letter].width = w
    wb.save(path)


def _docx(draft: Draft, path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    rows = draft.rows
    weights = _has_weights(rows)
    columns = COLUMNS + (("分值",) if weights else ())
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.add_heading(TITLE, level=1)
    head = doc.add_table(rows=0, cols=2)
    head.style = "Table Grid"
    for label, value in head_items(draft):
        cells = head.add_row().cells
        cells[0].text, cells[1].text = label, _text(value)
    doc.add_paragraph()
    table = doc.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = "Table Grid"
    for c, name in enumerate(columns):
        table.cell(0, c).text = name
    runs = _merge_runs(rows)
    merged_below = {
        (column, n) for column, spans in runs.items() for first, last in spans for n in range(first + 1, last + 1)
    }
    for n, row in enumerate(rows):
        for c, value in enumerate(_cells(row, weights)):
            if (c, n) not in merged_below:
                table.cell(n + 1, c).text = _text(value)
    for column, spans in runs.items():
        for first, last in spans:
            table.cell(first + 1, column).merge(table.cell(last + 1, column))
    doc.save(path)


def markdown_escape(text: str) -> str:
    """Text safe in a Markdown table cell: | and Markdown marks escaped, HTML as entities, one line."""
    text = _MD_SPECIAL.sub(r"\\\1", text or "")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def markdown(draft: Draft) -> str:
    rows = draft.rows
    weights = _has_weights(rows)
    columns = COLUMNS + (("分值",) if weights else ())
    lines = [f"# {TITLE}", "", "| 项目 | 内容 |", "| --- | --- |"]
    lines += [f"| {label} | {markdown_escape(_text(value))} |" for label, value in head_items(draft)]
    lines += ["", "## 绩效指标", "", "| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(markdown_escape(_text(v)) for v in _cells(r, weights)) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _markdown(draft: Draft, path: Path) -> None:
    path.write_text(markdown(draft), encoding="utf-8")


def csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(draft: Draft, path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, r in enumerate(draft.rows, 1):
        writer.writerow(
            [
                csv_cell(_text(t))
                for t in (
                    str(n),
                    r.level1,
                    r.level2,
                    r.name,
                    r.operator or "",
                    number(r.value),
                    r.unit or "",
                    r.target,
                    r.basis or "",
                    number(r.weight),
                    " ".join(map(str, r.sources)),
                )
            ]
        )
    path.write_text(out.getvalue(), encoding="utf-8-sig")  # the BOM lets Excel read UTF-8


def _json(draft: Draft, path: Path) -> None:
    path.write_text(json.dumps(draft.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
