"""Any draft name and field values: a draft, or a KbError with one line — and its export file name stays a plain
name in the chosen folder, its Markdown cells stay one cell without markup."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import atheris
from common import one_line, run

with atheris.instrument_imports(include=["kb"]):
    from kb.drafting import drafts
    from kb.drafting import export
    from kb.db import connect
    from kb.errors import KbError

FOLDER = Path(tempfile.mkdtemp())
KB = connect(FOLDER / "kb.sqlite3")
OUT = FOLDER / "out"
FIELDS = sorted(drafts.HEAD_FIELDS) + ["name", "colour"]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    name = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 160))
    file_name = export.safe_filename(name, "md")
    assert Path(file_name).name == file_name and not file_name.startswith(".")
    assert not set(file_name) & set('/\\:*?"<>|\x00')
    cell = export.markdown_escape(name)
    assert "\n" not in cell and "<" not in cell and ">" not in cell
    KB.execute("DELETE FROM draft_rows")
    KB.execute("DELETE FROM drafts")
    try:
        draft = drafts.create(KB, name)
        for _ in range(fdp.ConsumeIntInRange(0, 4)):
            field = FIELDS[fdp.ConsumeIntInRange(0, len(FIELDS) - 1)]
            try:
                draft = drafts.set_field(KB, draft.id, field, fdp.ConsumeUnicodeNoSurrogates(40))
            except KbError as exc:
                one_line(exc)
        row = drafts.new_row(
            fdp.ConsumeUnicodeNoSurrogates(30),
            level1=fdp.ConsumeUnicodeNoSurrogates(8),
            level2=fdp.ConsumeUnicodeNoSurrogates(8),
            target=fdp.ConsumeUnicodeNoSurrogates(20),
        )
        draft = drafts.add_row(KB, draft.id, row)
    except KbError as exc:
        one_line(exc)
        return
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    written = export.export(draft, OUT, "md")
    assert written.parent == OUT and [p.name for p in OUT.iterdir()] == [written.name]
    assert "<" not in export.markdown(draft).replace("&lt;", "")


SEEDS = ["科技型企业研发补贴", "../../etc/passwd", "a|b<script>", "..", "\t", "长" * 130, "CON", "x" * 300]

if __name__ == "__main__":
    run("drafts", test_one_input, [s.encode("utf-8") for s in SEEDS])
