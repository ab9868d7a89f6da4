"""Every sentence a user reads is Chinese first (issue 18): the message catalogues — kb's errors, the lint and
review rules, the app's toasts, dialog errors, keys and their tooltips, the command line's errors and every
`--help` text — are collected here (from the rule tables, and from the code by its syntax tree) and each must
hold a Chinese character before its first English word."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# an English word: two or more letters, not part of an option (--type), a file extension (.xlsx), a variable
# ($KB_DB), a placeholder's name or a longer token (kb.sqlite3); nor an acronym (PDF), the program's or a key's name
WORD = re.compile(r"(?<![-.$\w{])[A-Za-z][A-Za-z']+(?![\w.]*\})")
MESSAGE_CALLS = {  # a call whose first argument is a message (show_error: its second)
    "KbError",
    "StaleDraft",
    "ParseError",
    "UnreadableFile",
    "UnknownLayout",
    "SchemaTooNew",
    "notify",
    "show_error",
    "fail",
    "print_error",
    "Exit",
    "print",
    "Text",
    "Static",
    "Label",
    "update",
    "Button",
}
NAMES = {"kb", "jixiao", "ctrl", "esc", "tab", "space", "enter", "del"}  # the program's names and key names


def untranslated(text: str) -> bool:
    """True when an English word comes before any Chinese character."""
    word = next((w for w in WORD.finditer(text) if w.group().lower() not in NAMES and not w.group().isupper()), None)
    return word is not None and not CJK.search(text[: word.start()])


def literal(node: ast.AST) -> str | None:
    """A string expression's text, placeholders as {}; None for anything that is not written out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        return None if left is None or right is None else left + right
    return None


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def code_messages(folder: str) -> list[tuple[str, str]]:
    """(where, text) of every message written in a folder's code: the first argument of KbError, notify,
    show_error (its second), fail, print_error; Binding descriptions and tooltips; typer help texts and the
    docstrings of typer commands."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree, file = ast.parse(path.read_text(encoding="utf-8")), path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name, args = _name(node.func), node.args
                texts = []
                if name in MESSAGE_CALLS and args:
                    texts.append(args[1] if name == "show_error" and len(args) > 1 else args[0])
                if name == "Binding" and len(args) > 2:
                    texts.append(args[2])
                texts += [
                    k.value
                    for k in node.keywords
                    if k.arg in ("help", "tooltip", "title", "description", "message", "reason", "detail")
                ]
                found += [(f"{file}:{node.lineno}", t) for t in map(literal, texts) if t]
            if (
                isinstance(node, ast.FunctionDef)
                and folder == "cli"
                and any(
                    "command" in ast.unparse(d) or "callback" in ast.unparse(d) or "handles_errors" in ast.unparse(d)
                    for d in node.decorator_list
                )
            ):
                doc = ast.get_docstring(node)
                if doc:
                    found.append((f"{file}:{node.lineno}", doc))
    return found


def rule_messages() -> list[tuple[str, str]]:
    """The lint rules' and the self-evaluation review's one-line reasons."""
    from kb.drafting.lint import RULES
    from kb.errors import DISK_FULL
    from kb.review.self_evaluations import RULES as REVIEW

    return (
        [(f"lint {r.id}", r.reason) for r in RULES]
        + [(f"review {rule}", reason) for rule, (_, reason) in REVIEW.items()]
        + [("kb.errors.DISK_FULL", DISK_FULL)]
    )


def test_the_scanner_tells_chinese_first_from_english_first():
    assert untranslated("an indicator needs a name")
    assert untranslated("saved (version 12)")
    assert not untranslated("已保存 saved (version 12)")
    assert not untranslated("{}: 没有这个文件夹 no such folder (create it first)")
    assert not untranslated("--target 中没有时的数值")  # an option is not a word
    assert not untranslated("70% ≥ 60%")  # no words at all
    assert not untranslated("kb: 已中断 interrupted")  # the program's name is not an English word
    assert untranslated("kb: interrupted")
    assert not untranslated("PDF 第 3 页的字符超过 …")


@pytest.mark.parametrize("folder", ["kb", "importers", "cli", "tui", "web"])
def test_every_message_in_the_code_is_chinese_first(folder):
    messages = code_messages(folder)
    assert messages  # the scanner finds them
    bad = [f"{where}: {text!r}" for where, text in messages if untranslated(text)]
    assert not bad, "\n".join(bad)


def test_every_rule_is_chinese_first():
    bad = [f"{where}: {text!r}" for where, text in rule_messages() if untranslated(text)]
    assert not bad, "\n".join(bad)
