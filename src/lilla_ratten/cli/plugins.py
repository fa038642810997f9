"""``lilla-ratten plugins``: what is loaded, what it adds, and what failed."""

from __future__ import annotations

from lilla_ratten.i18n import _


def register(sub, host) -> None:
    p = sub.add_parser("plugins", help=_("list loaded plugins and the ones that failed"))
    p.set_defaults(run=run)


def run(args) -> int:
    host = args.host
    host.section_specs()  # asks every plugin, so a failing lr_sections shows below
    loaded = host.plugins()
    print(_("Loaded plugins:"))
    for info in loaded:
        origin = _("built in") if info.builtin else (info.distribution or _("local"))
        version = info.version or "?"
        print(f"  {info.name} {version} ({origin})")
        if info.sections:
            print("    " + _("file section: {sections}").format(sections=", ".join(f"[ext.{s}]" for s in info.sections)))
        print("    " + _("hooks: {hooks}").format(hooks=", ".join(info.hooks) or "–"))
    if host.disabled:
        print(_("Disabled: {names}").format(names=", ".join(host.disabled)))
    if host.failures:
        print(_("Failed:"))
        for f in host.failures:
            print(f"  {f.plugin} ({f.hook}): {f.error}")
        host.failures.clear()  # shown here; not again at exit
        return 1
    return 0
