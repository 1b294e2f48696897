"""The README's command reference, generated from the typer app so it cannot drift from ``--help``.

``python -m danvan.cli.doc --write README.md`` refreshes the block between the cli-reference
markers; a test fails when the README and the commands disagree, and another when a command,
argument or option has no help text (``undocumented()`` names them).
"""

from __future__ import annotations

import argparse
import enum
from collections.abc import Iterator
from pathlib import Path

import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from danvan.graph.schema_doc import replace_block

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"


def _commands(group: TyperGroup, prefix: str = "") -> Iterator[tuple[str, TyperCommand]]:
    """Every leaf command with its full name (``query run``), in the order ``--help`` lists them."""
    for name, command in group.commands.items():
        if isinstance(command, TyperGroup):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            assert isinstance(command, TyperCommand)
            yield f"{prefix}{name}", command


def _root() -> TyperGroup:
    from danvan.cli import app

    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return group


def _summary(command: TyperCommand) -> str:
    """The first paragraph of the command's help, on one line."""
    return " ".join((command.help or "").split("\n\n", 1)[0].split())


def _argument(param: TyperArgument) -> str:
    name = (param.name or "").upper()
    return f"{name}..." if param.nargs == -1 else name


def _flags(param: TyperOption) -> str:
    return "/".join(f"`{flag}`" for flag in [*param.opts, *param.secondary_opts])


def _option(param: TyperOption) -> str:
    """``--flags`` {choices} (default, env, required): help."""
    text = _flags(param)
    default = param.default
    if isinstance(default, enum.Enum):
        text += " " + "|".join(f"`{member.value}`" for member in type(default))
    notes = []
    if param.show_default is not False and default not in (None, False, (), []):
        notes.append(f"default `{default.value if isinstance(default, enum.Enum) else default}`")
    if param.envvar:
        notes.append(f"env `{param.envvar}`")
    if param.required:
        notes.append("required")
    if notes:
        text += f" ({', '.join(notes)})"
    return f"{text}: {_help(param)}"


def _help(param: TyperArgument | TyperOption) -> str:
    return " ".join((param.help or "").split())


def _params(command: TyperCommand) -> tuple[list[TyperArgument], list[TyperOption]]:
    arguments = [p for p in command.params if isinstance(p, TyperArgument)]
    options = [p for p in command.params if isinstance(p, TyperOption) and p.name != "help"]
    return arguments, options


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def shared_options() -> list[TyperOption]:
    """Options declared once and used by three or more commands (--db, the Neo4j connection, ...),
    listed once below the table instead of in every row."""
    seen: dict[str, list[TyperOption]] = {}
    for _, command in _commands(_root()):
        for option in _params(command)[1]:
            seen.setdefault(_option(option), []).append(option)
    return [options[0] for options in seen.values() if len(options) >= 3]


def render() -> str:
    shared = shared_options()
    shared_text = {_option(o) for o in shared}
    lines = [
        "Generated from the command definitions (`python -m danvan.cli.doc --write README.md`); "
        "`danvan COMMAND --help` says the same.",
        "",
        "| command | what it does | arguments and options |",
        "| --- | --- | --- |",
    ]
    for name, command in _commands(_root()):
        arguments, options = _params(command)
        usage = " ".join([name, *(_argument(a) for a in arguments)])
        cells = [f"`{_argument(a)}`: {_help(a)}" for a in arguments]
        cells += [_option(o) for o in options if _option(o) not in shared_text]
        common = [_flags(o) for o in options if _option(o) in shared_text]
        if common:
            cells.append("also " + ", ".join(common))
        lines.append(f"| `danvan {usage}` | {_cell(_summary(command))} | {'<br>'.join(map(_cell, cells)) or '–'} |")
    lines += ["", "Options shared by several commands:", ""]
    lines += [f"- {_option(o)}" for o in shared]
    return "\n".join(lines)


def undocumented() -> list[str]:
    """Commands, arguments and options that have no help text, as ``command --option``."""
    missing = []
    for name, command in _commands(_root()):
        if not (command.help or "").strip():
            missing.append(name)
        arguments, options = _params(command)
        missing += [f"{name} {_argument(a)}" for a in arguments if not (getattr(a, "help", None) or "").strip()]
        missing += [f"{name} {o.opts[0]}" for o in options if not (o.help or "").strip()]
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path, help="README file to update in place")
    args = parser.parse_args()
    if args.write:
        readme = args.write.read_text(encoding="utf-8")
        args.write.write_text(replace_block(readme, render(), START, END), encoding="utf-8")
    else:
        print(render())


if __name__ == "__main__":
    main()
