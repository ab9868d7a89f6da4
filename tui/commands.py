"""The app's own command-palette commands (ctrl+p): go to a project, search, drafts, import, theme, help."""

from __future__ import annotations

from functools import lru_cache, partial
from typing import TYPE_CHECKING, Callable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from kb.find.queries import listed_name
from kb.vocab.text import shown
from kb.vocab.tokens import fold

if TYPE_CHECKING:
    from tui.app import KbApp

PROJECT_HITS = 30
FUZZY_PROJECTS = 2000  # above this many projects, names are matched by substring only (fast enough per key)


@lru_cache(maxsize=8192)
def _pinyin(name: str) -> tuple[str, str]:
    from kb.vocab.pinyin import pinyin

    return pinyin(name)


def _display(label: str, matcher: Matcher | None = None) -> Content:
    """A hit's label as text (control characters shown escaped, never markup), the letters `matcher` matched
    highlighted (Textual's highlight reads the label as markup: not for a label holding '[')."""
    label = shown(label)
    return matcher.highlight(label) if matcher is not None and "[" not in label else Content(label)


class KbCommands(Provider):
    @property
    def kb(self) -> KbApp:
        return self.app  # type: ignore[return-value]

    def _fixed(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.kb
        return [
            (
                "导入文件夹… Import a folder",
                app.action_import_folder,
                "导入文件或文件夹 import documents from a file or folder",
            ),
            (
                "载入示例 Load the bundled samples",
                app.action_load_samples,
                "导入五份示例文件 import the five sample documents",
            ),
            (
                "导入记录 Import log",
                app.action_import_log,
                "上次导入的每个文件、结果和原因 the last import: every file, its result and why",
            ),
            (
                "自评表 Self-evaluations",
                app.action_evaluations,
                "各单位所报的实际完成值、得分和是否达成 what units reported achieving",
            ),
            (
                "指标检索 Search indicators",
                partial(app.main.action_show_tab, "indicators"),
                "查指标名称及其先例 find indicator names and their precedents",
            ),
            (
                "全文检索 Search projects",
                partial(app.main.action_show_tab, "projects"),
                "查项目名称、概况和目标 search project names, overviews and goals",
            ),
            ("浏览项目 Browse projects", partial(app.main.action_show_tab, "browse"), "项目树 the project tree"),
            (
                "新建草稿 New draft",
                app.new_draft,
                "用模板和先例新建目标表 start a new goal table from templates and precedents",
            ),
            (
                "起草 Drafts",
                partial(app.main.action_show_tab, "drafts"),
                "草稿：打开、改名、导出 your drafts: open, rename, export",
            ),
            ("切换主题 Switch theme", app.action_change_theme, "选择配色 choose a colour theme"),
            ("帮助 Help", app.action_help, "按键和用法 keys and how to use the knowledge base"),
        ]

    def _system(self) -> list[tuple[str, Callable[[], object], str]]:
        """Textual's own commands (KbApp.get_system_commands), after the knowledge base's: this provider lists both,
        as the palette shows discovered commands in the order their providers happen to answer."""
        return [
            (name, command, help_text) for name, help_text, command, *_ in self.app.get_system_commands(self.screen)
        ]

    async def discover(self) -> Hits:
        for text, command, help_text in self._fixed() + self._system():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._fixed() + self._system():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
        app, typed = self.kb, query.strip()
        if typed:
            yield Hit(
                0.5,
                _display(f"指标检索 search indicators: {typed}"),
                partial(app.find_indicator, typed),
                text=f"search indicators {typed}",
            )
            yield Hit(
                0.45,
                _display(f"全文检索 search projects: {typed}"),
                partial(app.find_project_text, typed),
                text=f"search projects {typed}",
            )
        needle, hits = fold(typed), 0
        for draft in app.drafts:
            label = f"打开草稿 open draft: {draft['name']}"
            score = 1.0 if needle and needle in fold(draft["name"]) else matcher.match(label)
            if score > 0:
                yield Hit(
                    min(score, 0.95),
                    _display(label, matcher if score < 1 else None),
                    partial(app.open_draft, draft["id"]),
                    text=shown(label),
                )
        projects = app.catalog.projects or []  # listed just after the first screen
        fuzzy = len(projects) <= FUZZY_PROJECTS
        for project in projects:
            if hits >= PROJECT_HITS:
                break
            name = project.name
            score = 1.0 if needle and needle in fold(name) else matcher.match(name) if fuzzy else 0
            if (
                not score
                and fuzzy
                and needle.isascii()
                and len(needle) >= 2
                and any(needle in spelt for spelt in _pinyin(name))
            ):
                score = 0.4  # 'lxxq' or 'laojiu' for 老旧小区: below the two searches of what was typed
            if score > 0:
                hits += 1
                label = f"转到项目 go to: {listed_name(name, project.department_wide)}"
                label += f" · {project.region or ''} {project.year or ''}"
                yield Hit(
                    min(score, 0.9),
                    _display(label, matcher if score < 1 else None),
                    partial(app.open_project, project.id),
                    text=shown(label),
                )
