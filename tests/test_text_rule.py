"""The one rule for text on screen, checked in the source: a value never reaches a widget as
markup (docs/architecture.md, "Text on screen").

``test_planted_markup`` proves the rule on every screen with a planted project; this test keeps
it for code no walk reaches yet (a new screen, a plugin pane): a widget's text that is built
from values — an f-string, ``.format``, ``%`` or ``+`` — must go through ``plain()`` (a value
as text) or ``styled()`` (our markup, values substituted as text). Building markup from
project text is how one ``[/]`` in a project's name crashed the review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHERE = [ROOT / "src" / "lilla_ratten" / "tui", *sorted((ROOT / "plugins").glob("*/src"))]
# Textual widgets whose first argument is read as markup when it is a str
WIDGETS = {"Label", "Static", "Button", "TabPane", "RadioButton", "Checkbox", "Switch", "Option", "ListItem",
           "Tab", "Link", "Collapsible", "Digits"}
METHODS = {"update", "add_column", "set_title"}  # a widget's text replaced, a column's title
FROM_MARKUP = {"from_markup"}  # Text.from_markup / Content.from_markup: markup by definition


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _built(node: ast.AST) -> bool:
    """Whether ``node`` builds a string from values (rather than passing one through plain/styled)."""
    if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return True
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    return False


def offences(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        where = f"{filename}:{node.lineno}"
        if name in WIDGETS or (name in METHODS and isinstance(node.func, ast.Attribute)):
            if node.args and _built(node.args[0]):
                found.append(f"{where}: {name}() is given a string built from values; wrap it in plain() or styled()")
        elif name in FROM_MARKUP and node.args and not isinstance(node.args[0], ast.Constant):
            found.append(f"{where}: {name}() of a value; use styled() with the value as a parameter")
        if name == "notify":
            for kw in node.keywords:
                if kw.arg == "markup" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    found.append(f"{where}: notify(markup=…) other than False")
    return found


def test_no_widget_is_given_markup_built_from_values():
    # text.py is where plain() and styled() are made: the one place markup meets values
    files = [p for root in WHERE for p in sorted(root.rglob("*.py")) if p != ROOT / "src/lilla_ratten/tui/text.py"]
    assert len(files) > 40, files  # the walk found the app's and the plugins' modules
    found = [o for p in files for o in offences(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))]
    assert found == []


@pytest.mark.parametrize("line, caught", [
    ('Label(f"{project.name} sparad")', True),
    ('Static("Sparad: {}".format(name))', True),
    ('self.query_one(Static).update("Projekt: " + name)', True),
    ('Label("%s" % name)', True),
    ('Button(name if x else f"{y}")', True),
    ('Text.from_markup(title)', True),
    ('app.notify(text, markup=True)', True),
    ('Label(plain(f"{project.name} sparad"))', False),
    ('Label(styled("[b]$name[/b]", name=project.name))', False),
    ('Static(_("Keys"))', False),
    ('Label(f"fast text")', False),
    ('table.add_column(title, key=key)', False),
    ('app.notify(text, markup=False)', False),
])
def test_the_check_catches_markup_built_from_values(line, caught):
    assert bool(offences(line, "x.py")) is caught
