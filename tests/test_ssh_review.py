"""End to end over a real OpenSSH server: the steering group's read-only review.

sshd runs on 127.0.0.1 on a free port with a throwaway host key and the sshd_config
settings docs/ssh-review.md recommends; the test user's key is in an authorized_keys line
`restrict,pty,command="lilla-ratten review DIR"`, as it tells operators to write it. The ssh client runs in tmux at 80×24.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.test_review import slow_plugin, wait_for_file

SSHD = "/usr/sbin/sshd"
TOOLS = ("ssh", "ssh-keygen", "tmux")
pytestmark = pytest.mark.skipif(
    not Path(SSHD).exists() or any(shutil.which(t) is None for t in TOOLS),
    reason="needs OpenSSH's sshd and ssh, and tmux: `make test` installs them with .ci/install-system-deps "
    "where it may (root or password-less sudo)",
)

PROJECT = MINIMAL + """
[[status_reports]]
id = "SR1"
date = 2023-06-07
period_start = 2023-05-01
period_end = 2023-06-07
milestone = "M1"
time = "green"
cost = "green"
overall = "yellow"
overall_reason = "Rekryteringen av socialsekreterare drog ut på tiden."
summary = "Kartläggningen är klar och styrgruppen har fått rapporten."
sent = 2023-06-07
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.projects = root / "projects"
        self.projects.mkdir()
        self.file = self.projects / "styrgrupp.toml"
        self.file.write_text(PROJECT, encoding="utf-8")
        self.user = getpass.getuser()
        self.port = free_port()
        self.key = root / "client_key"
        for key in (root / "host_key", self.key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        review = Path(sys.executable).parent / "lilla-ratten"
        command = f"{review} review {self.projects}"
        # a second key whose review is slow to answer (a plugin taking a minute): a busy server
        self.slow_key = root / "slow_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.slow_key)], check=True)
        slow_env = " ".join(f"{k}={v}" for k, v in slow_plugin(root / "site").items())
        self.slow_marker = root / "site" / "started"
        slow = f"env {slow_env} {review} --plugin slow_summary:plugin review {self.projects}"
        (root / "authorized_keys").write_text(
            f'restrict,pty,command="{command}" {(root / "client_key.pub").read_text().strip()}\n'
            f'restrict,command="{slow}" {(root / "slow_key.pub").read_text().strip()}\n',
            encoding="utf-8",
        )
        (root / "authorized_keys").chmod(0o600)
        config = root / "sshd_config"
        config.write_text(
            f"""Port {self.port}
ListenAddress 127.0.0.1
HostKey {root / "host_key"}
PidFile {root / "sshd.pid"}
AuthorizedKeysFile {root / "authorized_keys"}
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin forced-commands-only
AllowUsers {self.user}
PermitUserEnvironment no
X11Forwarding no
AcceptEnv LANG LC_* NO_COLOR
ClientAliveInterval 15
ClientAliveCountMax 4
MaxStartups 10:30:60
Match User {self.user}
    DisableForwarding yes
    PermitTunnel no
    PermitUserRC no
    MaxSessions 1
""",
            encoding="utf-8",
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation directory
        self.log = root / "sshd.log"
        self.process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=self.log.open("w"))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("sshd did not start: " + self.log.read_text())

    def ssh(self, *extra: str, key: Path | None = None) -> list[str]:
        return [
            "ssh", "-F", "/dev/null", "-p", str(self.port), "-i", str(key or self.key), "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", *extra, f"{self.user}@127.0.0.1",
        ]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("ssh"))
    yield s
    s.stop()


class Terminal:
    """tmux at 80×24 on its own socket, running the ssh client."""

    def __init__(self, command: list[str], term: str = "xterm-256color", size: tuple[int, int] = (80, 24)) -> None:
        self.socket = f"lr-review-{os.getpid()}"
        self.started = time.monotonic()
        line = " ".join(command)
        subprocess.run(
            ["tmux", "-L", self.socket, "new-session", "-d", "-s", "r", "-x", str(size[0]), "-y", str(size[1]),
             f"TERM={term} {line}; sleep 30"],
            check=True,
        )

    def resize(self, width: int, height: int) -> None:
        subprocess.run(["tmux", "-L", self.socket, "resize-window", "-t", "r", "-x", str(width), "-y", str(height)], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p", "-t", "r"], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not on the screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "-L", self.socket, "send-keys", "-t", "r", key], check=True)
            time.sleep(0.15)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def test_review_over_ssh_shows_the_report_and_changes_nothing(server):
    before = sha(server.file)
    term = Terminal(server.ssh("-t"))
    try:
        screen = term.wait_for("Testprojekt")  # the portfolio's row
        first_frame = time.monotonic() - term.started
        print(f"\nssh start to first frame: {first_frame * 1000:.0f} ms\n{screen}")
        term.keys("Enter")
        screen = term.wait_for("SR1 2023-06-07")
        assert "SKRIVSKYDDAD" in screen
        assert "(!) gul" in screen  # the latest report's overall light, in words too
        term.keys("6")  # the status reports tab
        screen = term.wait_for("Lägesrapport SR1: Testprojekt")
        print(screen)
        # every editing key, and typing into what would be a form: nothing may change
        term.keys("a", "n", "d", "s", "e", "x", "Escape", "C-s", "C-z", "Delete", "Enter", "Escape")
        screen = term.screen()
        assert "osparade" not in screen
        term.keys("Escape", "C-q")
        time.sleep(1)
    finally:
        term.close()
    assert sha(server.file) == before


def test_another_command_is_refused_and_print_works_without_a_terminal(server):
    marker = server.root / "must-survive"
    marker.write_text("x")
    r = subprocess.run(server.ssh("-T") + [f"rm -f {marker}"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "Endast den skrivskyddade granskningen" in r.stderr
    assert marker.exists()
    r = subprocess.run(server.ssh("-T") + ["review", "--print", "styrgrupp"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "Testprojekt" in r.stdout and "Kartläggningen är klar och styrgruppen har fått rapporten." in r.stdout
    r = subprocess.run(server.ssh("-T") + ["review", "--print", "../../etc/passwd"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    r = subprocess.run(server.ssh("-T"), capture_output=True, text=True, timeout=60)  # no command, no terminal
    assert r.returncode == 0 and "Testprojekt" in r.stdout  # the printout, not a broken screen


def test_vt100_and_a_window_too_small_then_resized(server):
    term = Terminal(server.ssh("-t"), term="vt100", size=(50, 12))
    try:
        screen = term.wait_for("för litet")
        assert "50×12" in screen
        term.resize(80, 24)
        term.wait_for("Testprojekt")
        term.wait_for("SKRIVSKYDDAD")  # the title may come a frame after the rows, under load
        term.keys("Enter")
        term.wait_for("SR1 2023-06-07")
        term.keys("C-q")
    finally:
        term.close()


def review_processes(marker: str) -> dict[int, int]:
    """pid → parent pid of the running processes whose command line holds ``marker``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if marker in cmdline and "lilla-ratten" in cmdline and "sshd" not in cmdline:
                stat = (entry / "stat").read_text()
                found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return found


def wait_until_gone(pids: dict[int, int], timeout: float = 10) -> dict[int, int]:
    """Those of ``pids`` still running after ``timeout`` (then killed, so none outlives the test)."""
    deadline = time.monotonic() + timeout
    left = dict(pids)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = {pid: ppid for pid, ppid in review_processes("").items() if pid in pids}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def test_a_printout_for_a_client_that_timed_out_ends_with_the_connection(server):
    server.slow_marker.unlink(missing_ok=True)
    client = subprocess.Popen(server.ssh("-T", key=server.slow_key) + ["review", "--print", "styrgrupp"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_file(server.slow_marker)  # the review is busy, nothing printed yet
        running = review_processes("slow_summary:plugin")
        assert running, "the review's process was not found"
    finally:
        client.terminate()  # what `timeout` does to a client that waited too long
        client.communicate(timeout=10)
    gone = time.monotonic()
    left = wait_until_gone(running)
    print(f"\nthe review ended {time.monotonic() - gone:.2f} s after its client")
    assert not left, f"still running after the client had gone (pid: parent pid {left})"


def test_the_review_app_ends_when_the_connection_drops(server):
    before = review_processes(str(server.projects))
    term = Terminal(server.ssh("-t"))
    try:
        term.wait_for("Testprojekt")
        running = {pid: ppid for pid, ppid in review_processes(str(server.projects)).items() if pid not in before}
        assert running, "the review's process was not found"
    finally:
        term.close()  # the window is closed: the client ends and the connection drops
    left = wait_until_gone(running)
    assert not left, f"still running after the client had gone (pid: parent pid {left})"


def test_the_client_may_choose_the_language_but_not_load_code(server):
    server.slow_marker.unlink(missing_ok=True)
    r = subprocess.run(server.ssh("-T") + ["review", "--print", "styrgrupp"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "Senaste lägesrapport" in r.stdout  # Swedish when the client sends nothing
    sent = {"LANG": "en_GB.UTF-8", **slow_plugin(server.root / "site"), "LILLA_RATTEN_PLUGINS": "slow_summary:plugin"}
    asked = ["-o", "SetEnv=" + " ".join(f"{k}={v}" for k, v in sent.items())]
    r = subprocess.run(server.ssh("-T", *asked) + ["review", "--print", "styrgrupp"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "Latest status report" in r.stdout  # AcceptEnv LANG: the client's language
    assert not server.slow_marker.exists() and "slow_summary" not in r.stderr  # LILLA_RATTEN_*, PYTHONPATH did not arrive
