"""docs/ssh-review.md followed as written, on this machine, and attacked over a real sshd.

As root (CI runs as root on Debian 12), the fixture does what the guide tells an operator:
the two accounts (§1, under names of their own), a git checkout owned by the deploy
account, the keys file in /etc/ssh/authorized_keys, the sshd_config lines of §2, the gate
script, PAM line and limits of §5, each taken from the guide's text with only names,
paths, the port, ``UnusedConnectionTimeout`` (30 → 15 s) and the log destination (a
syslog socket of the test's: the machine has no /dev/log) replaced. sshd listens on
127.0.0.1 only; every connection is bounded in number and time. Everything made is
removed at the end (accounts, /etc files, processes of the accounts).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT
from tests.test_ssh_review import PROJECT, Terminal, free_port

GUIDE = ROOT / "docs" / "ssh-review.md"
SSHD = "/usr/sbin/sshd"
TOOLS = ("ssh", "ssh-keygen", "tmux", "git", "adduser", "runuser", "userdel", "pgrep", "ss")


def _missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root: it creates the review and deploy accounts and the /etc files the guide names (CI runs as root)"
    gone = [t for t in TOOLS if shutil.which(t) is None] + ([SSHD] if not Path(SSHD).exists() else [])
    if gone:
        return f"needs {', '.join(gone)}: `make test` installs them with .ci/install-system-deps"
    if not Path("/usr/bin/python3").exists() or subprocess.run(["/usr/bin/python3", "-c", "import ensurepip, venv"], capture_output=True).returncode:
        return "needs Debian's python3-venv (the guide's §1): `make test` installs it with .ci/install-system-deps"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def guide_block(name: str) -> str:
    """The fenced block after ``<!-- tested: name -->`` in the guide, unindented."""
    text = GUIDE.read_text(encoding="utf-8")
    at = text.index(f"<!-- tested: {name} -->")
    start = text.index("\n", text.index("```", at)) + 1
    lines = text[start : text.index("```", start)].splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:] for line in lines) + "\n"


def run(*command: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=120, **kw)


class Guide:
    def __init__(self) -> None:
        tag = f"{os.getpid() % 100000}"
        self.account, self.deploy = f"lrg{tag}", f"lrd{tag}"
        for name in (self.account, self.deploy):  # left over by a run that was killed
            run("userdel", name)
        self.base = Path(tempfile.mkdtemp(prefix="lr-guide-", dir="/tmp"))
        self.base.chmod(0o755)
        self.home = Path(f"/var/lib/{self.account}")
        self.projects = self.base / "projects"
        self.port = free_port()
        self.service = f"lr-sshd-{tag}"  # sshd's PAM service is its program name
        self.made: list[Path] = []
        self.log_socket = self.base / "log.sock"
        self.syslog = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.syslog.bind(str(self.log_socket))
        self.log_socket.chmod(0o666)  # the account sends to it, as to /dev/log
        self.venv = self.base / "venv"
        self.command = f"{self.venv}/bin/python -m lilla_ratten"

    def sub(self, text: str) -> str:
        text = text.replace("/opt/lilla-ratten/bin/lilla-ratten review", f"{self.command} review --log {self.log_socket}")
        text = text.replace("/srv/projects", str(self.projects)).replace("/usr/local/sbin/lilla-ratten-gate", str(self.base / "gate"))
        text = text.replace("PORT=22", f"PORT={self.port}").replace("UnusedConnectionTimeout 30", "UnusedConnectionTimeout 15")
        text = re.sub(r"\bgranskning\b", self.account, text)
        return re.sub(r"\bdeploy\b", self.deploy, text)

    def set_up(self) -> None:
        for line in self.sub(guide_block("accounts")).splitlines():
            if line.strip() and not line.startswith("apt-get"):  # .ci/install-system-deps installs the packages
                r = run("sh", "-c", line)
                assert r.returncode == 0, f"{line}: {r.stderr}"
        self.made.append(self.home)
        # the checkout, as deploy would have cloned it: two commits, so there is a history
        as_deploy = ["runuser", "-u", self.deploy, "--", "git", "-C", str(self.projects)]
        who = ["-c", "user.name=Deploy", "-c", "user.email=deploy@example.org"]
        assert run(*as_deploy, "init", "-q").returncode == 0
        for text, subject in ((MINIMAL, "Projektet startar"), (PROJECT, "Lägesrapport SR1 inför styrgruppen")):
            r = run("runuser", "-u", self.deploy, "--", "sh", "-c", f"cat > {self.projects}/styrgrupp.toml", input=text)
            assert r.returncode == 0, r.stderr
            assert run(*as_deploy, "add", "styrgrupp.toml").returncode == 0
            assert run(*as_deploy, *who, "commit", "-q", "-m", subject).returncode == 0
        # the program, as §1 installs it: Debian's python3 -m venv (the packages come from this checkout's .venv)
        assert run("/usr/bin/python3", "-m", "venv", "--without-pip", str(self.venv)).returncode == 0
        site = Path(run(f"{self.venv}/bin/python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
        (site / "lilla_ratten_under_test.pth").write_text(f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n")
        # keys: the reviewer's in the root-owned file §2 names; another one for the attacks
        for key in ("host_key", "reviewer", "intruder"):
            assert run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.base / key)).returncode == 0
        keys_dir = Path("/etc/ssh/authorized_keys")
        if not keys_dir.exists():
            keys_dir.mkdir(mode=0o755)
            self.made.append(keys_dir)
        self.keys = keys_dir / self.account
        self.keys.write_text((self.base / "reviewer.pub").read_text().replace("root@", "anna.styrgrupp@"))
        self.keys.chmod(0o644)
        self.made.insert(0, self.keys)
        # §5: the gate, its PAM line, the limits
        (self.base / "gate").write_text(self.sub(guide_block("gate")))
        (self.base / "gate").chmod(0o755)
        pam = Path(f"/etc/pam.d/{self.service}")
        pam.write_text("@include sshd\n" + self.sub(guide_block("pam")))
        limits = Path(f"/etc/security/limits.d/{self.account}.conf")
        limits.write_text(self.sub(guide_block("limits")))
        self.made[:0] = [pam, limits]
        # §2: sshd_config
        self.config = self.base / "sshd_config"
        self.config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {self.base / 'host_key'}\nPidFile {self.base / 'sshd.pid'}\n"
            f"UsePAM yes\nAcceptEnv LANG LC_*\nAllowUsers {self.account}\n"
            + self.sub(guide_block("sshd-global")) + self.sub(guide_block("sshd-match"))
        )
        r = run(SSHD, "-t", "-f", str(self.config))
        assert r.returncode == 0 and r.stderr == "", r.stderr
        Path("/run/sshd").mkdir(exist_ok=True)
        program = self.base / self.service
        program.symlink_to(SSHD)
        self.log = self.base / "sshd.log"
        self.process = subprocess.Popen([str(program), "-D", "-e", "-f", str(self.config)], stderr=self.log.open("w"))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("sshd did not start: " + self.log.read_text())

    def ssh(self, *extra: str, key: str = "reviewer") -> list[str]:
        return [
            "ssh", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.base / key), "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20", *extra, f"{self.account}@127.0.0.1",
        ]

    def fingerprint(self, key: str = "reviewer") -> str:
        return run("ssh-keygen", "-lf", str(self.base / f"{key}.pub")).stdout.split()[1]

    def logged(self, timeout: float = 10) -> list[str]:
        """The log lines the review sent since last asked."""
        lines = []
        self.syslog.settimeout(timeout)
        try:
            while True:
                lines.append(self.syslog.recv(65536).decode())
                self.syslog.settimeout(0.3)
        except (TimeoutError, socket.timeout):
            return lines

    def account_processes(self) -> list[int]:
        r = run("pgrep", "-u", self.account)
        return [int(p) for p in r.stdout.split()]

    def tear_down(self) -> None:
        if getattr(self, "process", None) is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        for pid in self.account_processes():
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        self.syslog.close()
        for name in (self.account, self.deploy):
            run("userdel", name)
        for path in self.made:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True) if path == self.home else path.rmdir()
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="module")
def guide():
    g = Guide()
    try:
        g.set_up()
        yield g
    finally:
        g.tear_down()


def test_sshd_accepts_the_guides_config_as_written(tmp_path):
    """§2 verbatim (only a port and a host key added): `sshd -t` passes, and the Match block applies."""
    assert run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "host_key")).returncode == 0
    config = tmp_path / "sshd_config"
    config.write_text(f"Port {free_port()}\nHostKey {tmp_path / 'host_key'}\n" + guide_block("sshd-global") + guide_block("sshd-match"))
    r = run(SSHD, "-t", "-f", str(config))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = run(SSHD, "-T", "-f", str(config), "-C", "user=granskning,host=reviewer.example.org,addr=192.0.2.7")
    settings = dict(line.split(" ", 1) for line in r.stdout.splitlines() if " " in line)
    assert settings["forcecommand"].endswith("/opt/lilla-ratten/bin/lilla-ratten review /srv/projects")
    assert settings["authorizedkeysfile"] == "/etc/ssh/authorized_keys/%u"
    assert (settings["disableforwarding"], settings["maxsessions"], settings["exposeauthinfo"]) == ("yes", "1", "yes")
    assert settings["unusedconnectiontimeout"] == "30"


def test_the_account_is_as_the_guide_says(guide):
    entry = pwd.getpwnam(guide.account)
    assert entry.pw_shell == "/bin/sh" and entry.pw_dir == str(guide.home)
    info = guide.home.stat()
    assert (info.st_uid, info.st_mode & 0o777) == (0, 0o755)
    info = guide.projects.stat()
    assert (pwd.getpwuid(info.st_uid).pw_name, info.st_mode & 0o777) == (guide.deploy, 0o750)


def test_the_account_cannot_replace_its_keys_and_runs_no_file_of_its_own(guide):
    # what the account itself could try with any way to write a file (issue 31: `mv ~/.ssh`, a new key)
    for attempt in (f"mkdir {guide.home}/.ssh", f"echo id > {guide.home}/.bashrc", f"mv {guide.home} {guide.home}.old",
                    f"echo x >> {guide.keys}", f"touch {guide.projects}/styrgrupp.toml"):
        r = run("runuser", "-u", guide.account, "--", "sh", "-c", attempt)
        assert r.returncode != 0, f"the account could: {attempt}"
    # and if a key and start-up files were there all the same (put there by someone else):
    marker = guide.base / "a-user-file-ran"
    planted = [guide.home / ".ssh" / "authorized_keys", guide.home / ".bashrc", guide.home / ".profile", guide.home / ".shinit"]
    (guide.home / ".ssh").mkdir()
    planted[0].write_text((guide.base / "intruder.pub").read_text())
    for rc in planted[1:]:
        rc.write_text(f"touch {marker}\n")
    try:
        r = run(*guide.ssh("-T", key="intruder"), "id")
        assert r.returncode == 255 and "Permission denied" in r.stderr  # the key in the home is never read
        r = run(*guide.ssh("-T"), "review", "--print", "styrgrupp")
        assert r.returncode == 0 and "Testprojekt" in r.stdout, r.stderr
        r = run(*guide.ssh("-T"), "id")
        assert r.returncode == 2 and "uid=" not in r.stdout  # the forced command, not a shell
    finally:
        shutil.rmtree(guide.home / ".ssh")
        for rc in planted[1:]:
            rc.unlink()
    assert not marker.exists(), "a start-up file in the account's home ran"
    guide.logged(timeout=1)


def test_history_works_and_each_reading_is_logged_with_the_key(guide):
    guide.logged(timeout=0.5)  # earlier tests' lines
    fingerprint = guide.fingerprint()
    r = run(*guide.ssh("-T"), "review", "--print", "styrgrupp")
    assert r.returncode == 0, r.stderr
    (line,) = guide.logged()
    assert f"printed '{guide.projects / 'styrgrupp.toml'}' by key {fingerprint} (ssh-ed25519), from 127.0.0.1" in line
    assert line.startswith("<86>lilla-ratten-review[") and f"account {guide.account}" in line
    term = Terminal(guide.ssh("-t"))
    try:
        term.wait_for("Testprojekt")
        term.keys("Enter")
        term.wait_for("SKRIVSKYDDAD")
        review = [pid for pid in guide.account_processes() if b"lilla_ratten" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert review, "the review's process was not found"
        limits = Path(f"/proc/{review[0]}/limits").read_text()  # §5's limits, with a terminal
        assert re.search(r"Max address space\s+1073741824\s+1073741824", limits), limits
        term.wait_for("Senaste lägesrapport")
        for _attempt in range(3):  # the key may come before the project's screen has taken the focus
            term.keys("h")
            try:
                screen = term.wait_for("Lägesrapport SR1 inför styrgruppen", timeout=8)
                break
            except AssertionError:
                continue
        screen = term.wait_for("Lägesrapport SR1 inför styrgruppen")
        assert "Projektet startar" in screen and "dubious" not in screen and "safe.directory" not in screen
        term.keys("Escape", "Escape", "C-q")
    finally:
        term.close()
    lines = guide.logged()
    assert any(f"listed the portfolio of '{guide.projects}' by key {fingerprint}" in line for line in lines), lines
    assert any(f"opened '{guide.projects / 'styrgrupp.toml'}' by key {fingerprint}" in line for line in lines), lines


def test_connections_without_a_terminal_are_bounded_and_cannot_lock_others_out(guide):
    gate = guide_block("gate")
    source_max = int(re.search(r"SOURCE_MAX=(\d+)", gate).group(1))
    tries = source_max + 2
    reading = Terminal(guide.ssh("-t", "-b", "127.0.0.6"))  # a reviewer reading all the while, from elsewhere
    reading.wait_for("Testprojekt")
    before = set(guide.account_processes())
    clients = []
    try:
        for _ in range(tries):  # one after another, as a script would: each logs in or is refused
            client = subprocess.Popen(guide.ssh("-N"), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            clients.append(client)
            deadline = time.monotonic() + 20
            while client.poll() is None and len(set(guide.account_processes()) - before) < sum(c.poll() is None for c in clients):
                assert time.monotonic() < deadline, "a connection neither logged in nor was refused"
                time.sleep(0.1)
        held = [c for c in clients if c.poll() is None]
        print(f"\n{len(held)} of {tries} ssh -N connections from one address were let in (SOURCE_MAX={source_max})")
        assert 0 < len(held) <= source_max, f"{len(held)} of {tries} ssh -N connections from one address were let in"
        extra = set(guide.account_processes()) - before
        # §5's limits hold for a connection that never opened a session as well
        limits = Path(f"/proc/{min(extra)}/limits").read_text()
        assert re.search(r"Max address space\s+1073741824", limits) and re.search(r"Max processes\s+256", limits), limits
        # a reviewer from another address still gets the printout
        r = run(*guide.ssh("-T", "-b", "127.0.0.2"), "review", "--print", "styrgrupp")
        assert r.returncode == 0 and "Testprojekt" in r.stdout, r.stderr
        assert "from 127.0.0.2" in " ".join(guide.logged())
        # UnusedConnectionTimeout (15 s here) closes every one of them
        for client in held:
            client.wait(timeout=40)
        assert guide.log.read_text().count("terminating inactive connection") == len(held)
        # the reviewer's session is not an unused connection: still there, and answering
        reading.keys("Enter")
        reading.wait_for("SKRIVSKYDDAD")
        reading.wait_for("Senaste lägesrapport")
    finally:
        reading.close()
        for client in clients:
            if client.poll() is None:
                client.kill()
            client.communicate(timeout=10)


def test_the_account_as_a_whole_has_a_ceiling_whatever_the_addresses(guide):
    """ACCOUNT_MAX of the gate, lowered to 2 for the test: from three addresses, the third login is refused."""
    deadline = time.monotonic() + 20
    while guide.account_processes() and time.monotonic() < deadline:  # earlier tests' connections, closing
        time.sleep(0.1)
    assert guide.account_processes() == []
    gate = guide.base / "gate"
    kept = gate.read_text()
    assert "ACCOUNT_MAX=30\n" in kept
    gate.write_text(kept.replace("ACCOUNT_MAX=30\n", "ACCOUNT_MAX=2\n"))
    clients = []
    try:
        for address in ("127.0.0.3", "127.0.0.4"):
            before = len(guide.account_processes())
            clients.append(subprocess.Popen(guide.ssh("-N", "-b", address), stdin=subprocess.DEVNULL, stderr=subprocess.PIPE))
            deadline = time.monotonic() + 20
            while len(guide.account_processes()) == before:
                assert clients[-1].poll() is None and time.monotonic() < deadline, clients[-1].communicate()[1]
                time.sleep(0.1)
        r = run(*guide.ssh("-T", "-b", "127.0.0.5"), "review", "--print", "styrgrupp")
        assert r.returncode == 255 and "Testprojekt" not in r.stdout  # the account is full
        assert f"Access denied for user {guide.account} by PAM account configuration" in guide.log.read_text()
    finally:
        gate.write_text(kept)
        for client in clients:
            client.kill()
            client.communicate(timeout=10)
    deadline = time.monotonic() + 20
    while guide.account_processes() and time.monotonic() < deadline:  # their sshd processes end with them
        time.sleep(0.1)
    r = run(*guide.ssh("-T", "-b", "127.0.0.5"), "review", "--print", "styrgrupp")
    assert r.returncode == 0 and "Testprojekt" in r.stdout, r.stderr
