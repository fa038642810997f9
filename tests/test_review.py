"""`lilla-ratten review` as it is served: it ends with its reader, reads only its own folder,
and its read-only screens offer nothing that cannot be done there.

tests/test_ssh_review.py does the same through a real sshd where one can be started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

# A plugin whose summary takes a minute: a review busy reading, with nothing printed yet.
SLOW_PLUGIN = '''
import os, time
from lilla_ratten import api


class Slow:
    @api.hookimpl
    def lr_summary(self, project, sections, as_of, participants):
        open(os.environ["LILLA_RATTEN_TEST_MARKER"], "w").close()
        time.sleep(60)
        return []


plugin = Slow()
'''


def slow_plugin(folder: Path) -> dict[str, str]:
    """The environment that loads ``SLOW_PLUGIN`` (with ``--plugin slow_summary:plugin``)."""
    folder.mkdir(exist_ok=True)
    (folder / "slow_summary.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "LILLA_RATTEN_HOOK_TIMEOUT": "0", "LILLA_RATTEN_TEST_MARKER": str(folder / "started")}


def wait_for_file(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_a_printing_review_ends_when_its_reader_goes_away(tmp_path):
    projects = tmp_path / "projects"
    projects.mkdir()
    (projects / "styrgrupp.toml").write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, **slow_plugin(tmp_path / "site")}
    command = [sys.executable, "-m", "lilla_ratten", "--plugin", "slow_summary:plugin",
               "review", "--print", "--project", "styrgrupp", str(projects)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        wait_for_file(Path(env["LILLA_RATTEN_TEST_MARKER"]))  # busy, nothing printed yet
        process.stdout.close()  # the reader goes away (a client timing out, `| head` ending)
        started = time.monotonic()
        status = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("the review was still running 10 s after its reader had gone")
    finally:
        process.kill()
        process.wait()
    print(f"ended {time.monotonic() - started:.2f} s after its reader went away")
    assert status == -signal.SIGHUP
    assert b"Traceback" not in process.stderr.read()


SECRET = MINIMAL.replace("Testprojekt", "Hemligt projekt utanför mappen").replace('id = "test"', 'id = "hemligt"')


def served_with_links(tmp_path: Path) -> Path:
    """A served folder holding a project, a link to a file outside it, a link inside it, a FIFO."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hemligt.toml").write_text(SECRET, encoding="utf-8")
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    served = tmp_path / "projects"
    (served / "sub").mkdir(parents=True)
    (served / "styrgrupp.toml").write_text(MINIMAL, encoding="utf-8")
    (served / "lank.toml").symlink_to(outside / "hemligt.toml")  # as git checks out a committed link
    (served / "sub" / "passwd.toml").symlink_to("../../outside/passwd")
    (served / "sub" / "samma.toml").symlink_to("../styrgrupp.toml")  # inside the folder: fine
    (served / "utanfor").symlink_to(outside, target_is_directory=True)  # a linked folder is not entered
    os.mkfifo(served / "ror.toml")
    return served


def review(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("LILLA_RATTEN_LANG", "LC_ALL", "LANGUAGE", "SSH_ORIGINAL_COMMAND")}
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *args], capture_output=True, text=True, cwd=cwd,
                          env={**clean, "LANG": "C.UTF-8", "COLUMNS": "100", **(env or {})}, timeout=60)


def test_review_reads_only_regular_files_inside_its_folder(tmp_path):
    served_with_links(tmp_path)
    r = review("--lang", "en", "review", "--print", "projects", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Hemligt projekt" not in r.stdout and "root:x:0:0" not in r.stdout
    assert "projects/lank.toml        not read: a link to a file outside projects" in r.stdout
    assert "projects/ror.toml not read: it is a named pipe (FIFO), not a regular file" in " ".join(r.stdout.split())
    assert "projects/sub/passwd.toml  not read: a link to a file outside projects" in r.stdout
    assert " ".join(r.stdout.split()).count("Organisation: Skarpnäcks") == 2  # styrgrupp.toml and the link to it inside the folder
    r = review("--lang", "en", "review", "--print", "--project", "lank", "projects", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "projects/lank.toml: not read: a link to a file outside projects\n"
    # over SSH, in Swedish: the same refusal
    r = review("review", "projects", cwd=tmp_path, env={"SSH_ORIGINAL_COMMAND": "review --print passwd"})
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "projects/sub/passwd.toml: inte läst: en länk till en fil utanför projects\n"
    r = review("--lang", "en", "lessons", "projects", cwd=tmp_path)
    assert r.returncode == 1 and "Hemligt" not in r.stdout
    assert "projects/lank.toml: not read: a link to a file outside projects" in r.stderr


def footer_keys(app) -> list[tuple[str, str]]:
    return [(k.key_display, k.description) for k in app.screen.query("FooterKey")]


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Label, Static, Button"))


async def test_the_review_names_no_editing_key_and_ctrl_c_ends_it(tmp_path):
    from lilla_ratten.i18n import set_language
    from lilla_ratten.plugins.manager import PluginHost
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session
    from tests.conftest import SAMPLES

    set_language("sv")
    path = tmp_path / "p.toml"
    path.write_bytes((SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").read_bytes())
    before = path.read_bytes()
    app = LillaRattenApp(Session.open(path, read_only=True), PluginHost.load(), as_of=date(2024, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):  # the plugins' tabs come after the first frame; later on a loaded machine
            if len(app.screen.query("TabPane")) > 9:
                break
            await pilot.pause(0.1)
        await pilot.press("0")  # the budget tab
        await pilot.pause()
        assert not [k for k in footer_keys(app) if k[0] in ("a", "del")]  # the budget lines: read, not added to
        app.screen.query_one("BudgetPane #lines").focus()  # the plugin's own view of them
        await pilot.pause()
        assert ("t", "Transaktioner") in footer_keys(app)
        assert not [k for k in footer_keys(app) if k[0] == "i"]  # was "i Importera huvudbok", a key doing nothing
        await pilot.press("right_square_bracket")  # the steps tab
        await pilot.pause()
        title = str(app.screen.query_one("StepsPane Label").render())
        assert title == "Mätvärde per deltagare och mättillfälle (– = inte mätt)"  # was "…: skriv ett värde, x tömmer …"
        assert not [k for k in footer_keys(app) if k[0] == "x"]
        await pilot.press("right_square_bracket")  # the equality tab
        await pilot.pause()
        pane = app.screen.query_one("EqualityPane")
        assert "Delete tar bort" not in screen_text(app)
        assert not pane.query("#dim-add") and not pane.query("#dimension-form")  # was an inert "Lägg till" form
        assert not pane.query("Input")  # the threshold is shown, not an entry field
        await pilot.press("4", "enter")  # a milestone's form
        await pilot.pause()
        assert type(app.screen).__name__ == "RecordForm"
        text = screen_text(app)
        assert "Esc stäng · Tab nästa fält" in text
        assert "Ctrl+S" not in text and "Spara" not in text and "skickad lägesrapport" not in text
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        await pilot.press("ctrl+c")  # ends the review: nothing in it can be lost
        await pilot.pause()
    assert app.return_code == 0 and not app._notifications
    assert path.read_bytes() == before


async def test_ctrl_c_in_the_editing_app_says_in_swedish_how_to_quit(tmp_path):
    from lilla_ratten.i18n import set_language
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    set_language("sv")
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    app = LillaRattenApp(Session.open(path), host=None, as_of=date(2024, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Tryck Ctrl+Q för att avsluta."]
        assert app.is_running
        await pilot.press("4", "enter")  # an editable milestone's form keeps its Ctrl+S hint
        await pilot.pause()
        assert "Ctrl+S spara · Esc avbryt · Tab nästa fält" in screen_text(app)


@pytest.mark.parametrize(("lang", "said"), [("sv", "filen eller mappen finns inte"), ("en", "there is no such file or folder")])
def test_a_mistyped_path_is_named_not_shown_as_an_empty_portfolio(tmp_path, lang, said):
    from lilla_ratten.testing import run_cli

    (tmp_path / "a.toml").write_text(MINIMAL, encoding="utf-8")
    missing = tmp_path / "finns-inte.toml"
    for extra in ([], ["--print"]):
        r = run_cli("review", *extra, str(missing), lang=lang)
        assert r.exit_code == 1, r
        assert r.stderr == f"{missing}: {'kan inte läsas' if lang == 'sv' else 'cannot be read'}: {said}\n"
