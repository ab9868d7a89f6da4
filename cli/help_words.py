"""click's and typer's own words in `--help` (Usage:, Options, Commands, Arguments, [required], [default: …],
the help option's line), Chinese first like the help texts beside them. typer (pinned) carries its own click,
`typer._click`, which writes its two words as they are; typer takes its own through `gettext`, by its module's
name `_`. Both are pointed at the words here (tests/test_cli.py reads a help through)."""

from __future__ import annotations

import gettext

WORDS = {
    "Options": "选项 Options",
    "Commands": "命令 Commands",
    "Arguments": "参数 Arguments",
    "required": "必填 required",
    "default: {default}": "默认 default: {default}",
}
USAGE = "用法 Usage: "
HELP = "显示本帮助并退出。 Show this message and exit."


def translated(message: str) -> str:
    """The word Chinese first, or gettext's own translation of it."""
    return WORDS.get(message) or gettext.gettext(message)


def install() -> None:
    """Have typer and its click write their help's words Chinese first."""
    import typer.core
    from typer._click import core, decorators, formatting

    class Formatter(formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, USAGE if prefix is None else prefix)

    make_help_option = decorators.help_option

    def help_option(param_decls):
        add = make_help_option(param_decls)

        def added(command):
            add(command)
            command.params[-1].help = HELP
            return command

        return added

    typer.core._ = translated  # type: ignore[attr-defined]
    core.Context.formatter_class = Formatter
    decorators.help_option = help_option
