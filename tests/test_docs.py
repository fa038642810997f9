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


# ---- the reference in docs/plugins.md, checked against hookspecs.py and specs.py ----------------


def _reference() -> str:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    return guide[guide.index("## Reference"):guide.index("## Developing and testing a plugin")]


def _entries(text: str) -> dict[str, str]:
    """``#### `signature` `` headings of the reference → the text under each."""
    import re

    parts = re.split(r"(?m)^#### `(.+?)`\n", text)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_reference_gives_every_hook_its_full_signature_return_and_failure():
    hooks_part = _reference().split("### Hooks")[1].split("### Records")[0]
    entries = _entries(hooks_part)
    expected = {f"{name}({', '.join(inspect.signature(getattr(hookspecs, name)).parameters)})" for name in HOOKS}
    assert set(entries) == expected  # every hook, with its arguments in order; none that no longer exists
    for signature, text in entries.items():
        assert "Returns" in text and "On failure" in text, signature
    described = "".join(entries.values())
    for name in HOOKS:
        for arg in inspect.signature(getattr(hookspecs, name)).parameters:
            assert f"`{arg}`" in described, f"argument {arg} of {name} is not described"


def _records():
    from lilla_ratten.model.findings import Finding
    from lilla_ratten.plugins import specs

    names = ("SectionSpec", "RecordList", "MappingKey", "Pane", "BudgetLines", "Column", "ProjectType", "FinalReportLayout", "Command", "Participation",
             "ParticipantRecord", "Outcome")
    return [*(getattr(specs, n) for n in names), Finding]


def _default(value) -> str:
    import enum

    import attrs

    if isinstance(value, attrs.Factory):
        return repr(value.factory())
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def test_the_reference_gives_every_record_with_its_fields_and_defaults():
    import attrs

    from lilla_ratten.model.findings import Severity

    records = _reference().split("### Records a plugin hands the app")[1].split("### Callbacks")[0]
    for cls in _records():
        fields = [a.name if a.default is attrs.NOTHING else f"{a.name}={_default(a.default)}" for a in attrs.fields(cls)]
        signature = f"{cls.__name__}({', '.join(fields)})"
        assert f"`{signature}`" in records, f"{signature} is not in the reference"
    for member in Severity:
        assert f"`Severity.{member.name}`" in records


def test_the_reference_gives_every_callback_with_its_arguments():
    import typing
    from collections.abc import Callable

    import attrs

    callbacks = _entries(_reference().split("### Callbacks")[1])
    in_code = {}
    for cls in _records():
        hints = typing.get_type_hints(cls)
        for a in attrs.fields(cls):
            if typing.get_origin(hints[a.name]) is Callable:
                in_code[f"{cls.__name__}.{a.name}"] = len(typing.get_args(hints[a.name])[0])
    documented = {sig.split("(")[0]: sig for sig in callbacks}
    assert set(documented) == set(in_code)
    for name, arity in in_code.items():
        args = documented[name].split("(")[1].rstrip(")")
        assert len([a for a in args.split(", ") if a]) == arity, documented[name]
        text = callbacks[documented[name]]
        assert "Returns" in text and "On failure" in text, name
