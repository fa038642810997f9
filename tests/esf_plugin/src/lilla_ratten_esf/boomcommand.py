"""Commands that fail: one in ``run``, one while adding its arguments."""

from lilla_ratten import api


def _run(args, host):
    raise RuntimeError("boom in run")


def _bad_configure(parser):
    raise RuntimeError("boom in configure")


@api.hookimpl
def lr_commands():
    return [
        api.Command("esf-boom", "a command that fails", lambda parser: None, _run),
        api.Command("esf-badargs", "a command whose arguments fail", _bad_configure, lambda args, host: 0),
    ]
