"""``danvan map`` and ``danvan map-index``: interactive network maps (self-contained HTML) of the
stored graph."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from danvan.cli.options import DbOption, resolve_db
from danvan.cli.stored import load_stored_graph

_FOCUS_HELP = "Exactly one of --person, --province, --organization, --event, --campaign, --all."


def _date_option(flag: str, which: str) -> Any:
    """--since and --until: one date filter seen from either end, so both read and parse alike."""
    return typer.Option(
        flag,
        help=f"Only facts held or seen {which} this date (YYYY, YYYY-MM or YYYY-MM-DD): a holding's stated "
        "start/end where the text gives them, else the dates of the articles that mention a fact.",
        show_default=False,
    )


def _date(value: str | None, option: str, *, end: bool) -> dt.date | None:
    from danvan.viz.selection import parse_date

    if value is None:
        return None
    try:
        return parse_date(value, end=end)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def map_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write (self-contained, opens offline).")],
    person: Annotated[
        str | None, typer.Option("--person", help="Ego map of a person (name, accents optional).", show_default=False)
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province",
            help="Map of a province or city: its organisations, posts, people, events.",
            show_default=False,
        ),
    ] = None,
    organization: Annotated[
        str | None,
        typer.Option("--organization", help="Map around an organisation (name or alias).", show_default=False),
    ] = None,
    event: Annotated[
        str | None, typer.Option("--event", help="Map of an event, by node id (or by name).", show_default=False)
    ] = None,
    campaign: Annotated[
        str | None, typer.Option("--campaign", help="Map of a campaign and who runs it.", show_default=False)
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="The whole graph (use --max-nodes on big graphs).")] = False,
    hops: Annotated[
        int | None,
        typer.Option(
            "--hops",
            min=0,
            help="Steps out from the focus. Default: 2 for a person or organisation, 1 otherwise.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[str | None, _date_option("--since", "on or after")] = None,
    until: Annotated[str | None, _date_option("--until", "on or before")] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option(
            "--max-nodes",
            min=1,
            help="Keep at most this many nodes: the closest to the focus, then the best connected. "
            "The page says when it cut.",
            show_default=False,
        ),
    ] = None,
    articles: Annotated[
        bool, typer.Option("--articles", help="Also draw article nodes and MENTIONED_IN / AUTHORED edges.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Draw an interactive network map as one HTML file that loads nothing from the network."""
    from danvan.viz.page import write_map
    from danvan.viz.selection import FocusKind, SelectionError, select

    given: list[tuple[FocusKind, str | None]] = [
        ("person", person),
        ("province", province),
        ("organization", organization),
        ("event", event),
        ("campaign", campaign),
        ("all", "all" if all_ else None),
    ]
    chosen = [(kind, value) for kind, value in given if value is not None]
    if len(chosen) != 1:
        raise typer.BadParameter(_FOCUS_HELP, param_hint="--person/--province/--organization/--event/--campaign/--all")
    kind, value = chosen[0]
    since_date = _date(since, "--since", end=False)
    until_date = _date(until, "--until", end=True)
    if since_date and until_date and since_date > until_date:
        raise typer.BadParameter("--since is after --until", param_hint="--since")
    kg = load_stored_graph(db)
    try:
        selection = select(
            kg,
            kind,
            None if kind == "all" else value,
            hops=hops,
            since=since_date,
            until=until_date,
            max_nodes=max_nodes,
            include_articles=articles,
        )
    except SelectionError as exc:
        typer.echo(f"error: {resolve_db(db)}: {exc}", err=True)
        raise typer.Exit(1) from None
    write_map(kg, selection, out)
    n_nodes, n_edges = len(selection.nodes), len(selection.edges)
    message = f"wrote {out}: {n_nodes} node{'s' * (n_nodes != 1)}, {n_edges} relationship{'s' * (n_edges != 1)}"
    if selection.cut:
        message += f" (cut from {selection.total_nodes} nodes by --max-nodes)"
    typer.echo(message)


def map_index_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write index.html and the maps into.")],
    busiest: Annotated[int, typer.Option("--busiest", min=0, help="How many of the busiest officials get a map.")] = 15,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="Node budget of every map (the whole-graph map especially).")
    ] = 2000,
    db: DbOption = None,
) -> None:
    """Write an index page linking a map per province, per campaign and for the busiest officials."""
    from danvan.viz.index import write_index

    kg = load_stored_graph(db)
    index, links = write_index(kg, out, busiest=busiest, max_nodes=max_nodes)
    typer.echo(f"wrote {index} linking {len(links)} maps")


def register(app: typer.Typer) -> None:
    app.command("map")(map_command)
    app.command("map-index")(map_index_command)
