"""Documentation keeps up with the code: every hook and command is documented."""

from __future__ import annotations

import inspect
from pathlib import Path

from lilla_ratten.plugins import hookspecs
from tests.conftest import ROOT

HOOKS = sorted(n for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("lr_"))


def test_every_hook_has_a_docstring_and_is_in_the_guide():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOKS:
        assert getattr(hookspecs, name).__doc__, name
        assert f"`{name}(" in guide, f"{name} is not documented in docs/plugins.md"


def test_the_example_plugin_implements_every_hook():
    source = (ROOT / "tests" / "example_plugin" / "src" / "lilla_ratten_example" / "__init__.py").read_text()
    missing = [n for n in HOOKS if f"def {n}(" not in source]
    assert missing == []


def test_every_command_is_in_the_readme():
    from lilla_ratten.cli import build_parser
    from lilla_ratten.plugins.manager import PluginHost

    parser = build_parser(PluginHost.load(entry_points=False))
    sub = next(a for a in parser._actions if a.dest == "command")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in sub.choices if f"`{name}" not in readme]
    assert missing == []


def test_readme_shows_make_run_and_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = "\n".join(readme.splitlines()[:20])
    assert "make run" in head and "make test" in head


def test_every_test_named_in_reliability_md_exists():
    import re

    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "reliability.md").read_text(encoding="utf-8")
    names = set(re.findall(r"::(test_\w+)", text))
    assert len(names) > 15
    sources = "".join(p.read_text(encoding="utf-8") for p in [*root.glob("tests/*.py"), *root.glob("plugins/*/tests/*.py")])
    missing = sorted(n for n in names if f"def {n}(" not in sources)
    assert missing == []
