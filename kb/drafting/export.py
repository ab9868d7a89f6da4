"""A draft exported: .xlsx and .docx as the national 项目支出绩效目标表 a finance bureau takes (kb.drafting.form,
form_xlsx, form_docx), the 预算管理一体化 systems' import sheet (`yth`, kb.drafting.yth), and Markdown, CSV and JSON
for scripts.

Every format holds the draft's rows in the draft's order (kb.drafting.drafts keeps them in framework order).
Numbers are written as kb.vocab.numbers.number writes them, every digit and no exponent (in .xlsx as numbers,
formatted to show as many decimals); control characters from a document as kb.vocab.text.shown writes them (JSON
keeps the text exact). A file is written beside its target and moved into place, so a failed export leaves no half
file.

Text never runs as a formula: in .xlsx every text cell is a string cell (see form_xlsx), in CSV a cell is
kb.written.csv_cell's (a target value as held, anything else that would be a formula behind an apostrophe).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

from importers.records import DRAFT_HEADER
from kb.drafting.drafts import FORM_FIELDS, HEAD_FIELDS, ROW_TEXT_FIELDS, Draft, Row
from kb.errors import FileExists, KbError
from kb.written import csv_cell, write_whole
from kb.vocab.numbers import number
from kb.vocab.text import BIDI_CONTROLS, shown

FORMATS = ("xlsx", "docx", "yth", "md", "csv", "json")
# for scripts: the columns of earlier releases keep their names and places, the form's fields follow
COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标值依据", "分值", *ROW_TEXT_FIELDS.values())
CSV_COLUMNS = (*DRAFT_HEADER, *ROW_TEXT_FIELDS.values())  # (its first columns tell the importers it is a draft)
_UNSAFE_FILE_CHARS = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]+')
_BIDI_CONTROLS = re.compile(BIDI_CONTROLS)
_WINDOWS_RESERVED = re.compile(r"con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9¹²³]", re.IGNORECASE)
MAX_FILE_STEM = 100  # characters of a file name made from a draft's name
_MD_SPECIAL = re.compile(r"([\\|`*_\[\]])")


def _text(value) -> str:
    """A value as text: numbers as kb.vocab.numbers writes them, control characters a document may carry shown
    escaped (in .md and .csv they would reach a terminal)."""
    return shown(number(value), lines=True)


def head_items(draft: Draft) -> list[tuple[str, str | int | float | None]]:
    """(label, value) of every head field: the form's in its order, then the draft's own name and the fields the
    knowledge base keeps for itself (年度, 地区, 支出类型, 项目概况)."""
    form = [(HEAD_FIELDS[k][0], getattr(draft, k)) for k in FORM_FIELDS]
    rest = [(label, getattr(draft, k)) for k, (label, _) in HEAD_FIELDS.items() if k not in FORM_FIELDS]
    return form + [("草稿名称", draft.name)] + rest


def _cells(row: Row) -> list:
    """A row's cells for Markdown (COLUMNS)."""
    texts = (getattr(row, k) or "" for k in ROW_TEXT_FIELDS)
    return [row.level1, row.level2, row.name, row.target, row.basis or "", row.weight, *texts]


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


def file_suffix(fmt: str) -> str:
    """What a file of the format ends with: '.xlsx'; '_一体化导入.xlsx' for yth."""
    return "_一体化导入.xlsx" if fmt == "yth" else f".{fmt}"


def safe_filename(name: str, fmt: str) -> str:
    """A file name from a draft name: no folders, no characters a file system refuses, no bidirectional controls,
    no leading dot or '-', no device name Windows reserves (CON, NUL, COM1 … with any extension: '_CON.xlsx')."""
    return _safe_stem(name)[0] + file_suffix(fmt)


def renamed(name: str, written: Path) -> str:
    """Why the file `written` does not bear the draft's name `name` as given (one line, Chinese first); '' when it
    does, or when its name was not made from the draft's (a file name the user chose is written as given)."""
    stem, why = _safe_stem(name)
    if not why or written.name not in {stem + file_suffix(fmt) for fmt in FORMATS}:
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
    if path.is_symlink():  # the file it points to is written, the link kept
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        raise KbError(f"{path}: 不是普通文件，不能写入，请换一个文件名 not a regular file: choose another name")
    folder = path.parent
    if not folder.is_dir():
        raise KbError(f"{folder}: 没有这个文件夹（请先建立） no such folder (create it first)")
    return path, fmt


def export(
    draft: Draft, path: Path | str | None = None, fmt: str | None = None, overwrite: bool = False, how: str = ""
) -> Path:
    """Write the draft to `path` (a file, or a folder to put '<draft name>.<fmt>' in); the format comes from
    `fmt` or the extension. Returns the path written; KbError when the folder is missing or not writable, FileExists
    when the file is there and `overwrite` is not given (`how` says, in Chinese, how to overwrite it)."""
    path, fmt = _target(draft, path, fmt)
    if not overwrite and path.exists():
        raise FileExists(path, how or "换一个文件名")
    writer = {"xlsx": _xlsx, "docx": _docx, "yth": _yth, "md": _markdown, "csv": _csv, "json": _json}[fmt]
    return write_whole(path, lambda tmp: writer(draft, tmp), Path(file_suffix(fmt)).suffix)


def _xlsx(draft: Draft, path: Path) -> None:
    from kb.drafting import form_xlsx

    form_xlsx.write(draft, path)


def _docx(draft: Draft, path: Path) -> None:
    from kb.drafting import form_docx

    form_docx.write(draft, path)


def _yth(draft: Draft, path: Path) -> None:
    from kb.drafting import yth

    yth.write(draft, path)


def markdown_escape(text: str) -> str:
    """Text safe in a Markdown table cell: | and Markdown marks escaped, HTML as entities, one line."""
    text = _MD_SPECIAL.sub(r"\\\1", text or "")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def markdown(draft: Draft) -> str:
    title = f"项目支出绩效目标表（{draft.year or '    '}年度）"
    lines = [f"# {title}", "", "| 项目 | 内容 |", "| --- | --- |"]
    lines += [f"| {label} | {markdown_escape(_text(value))} |" for label, value in head_items(draft)]
    lines += ["", "## 绩效指标", "", "| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(markdown_escape(_text(v)) for v in _cells(r)) + " |" for r in draft.rows]
    return "\n".join(lines) + "\n"


def _markdown(draft: Draft, path: Path) -> None:
    path.write_text(markdown(draft), encoding="utf-8")


def _csv(draft: Draft, path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, r in enumerate(draft.rows, 1):
        cells = [str(n), r.level1, r.level2, r.name, r.operator or "", number(r.value), r.unit or "", r.target]
        cells += [r.basis or "", number(r.weight), " ".join(map(str, r.sources))]
        writer.writerow([csv_cell(_text(t)) for t in (*cells, *(getattr(r, k) or "" for k in ROW_TEXT_FIELDS))])
    path.write_text(out.getvalue(), encoding="utf-8-sig")  # the BOM lets Excel read UTF-8


def _json(draft: Draft, path: Path) -> None:
    path.write_text(json.dumps(draft.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
