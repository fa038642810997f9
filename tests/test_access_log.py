"""Who read what: the review's log line for each project opened or printed, with the SSH key.

The end-to-end check over a real sshd (ExposeAuthInfo) is in tests/test_ssh_guide.py.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from lilla_ratten.storage import access_log
from tests.conftest import MINIMAL

REVIEW = [sys.executable, "-m", "lilla_ratten", "review"]


def ssh_key(tmp_path: Path) -> tuple[str, str]:
    """(the public key line, the fingerprint ssh-keygen gives for it)."""
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    listed = subprocess.run(["ssh-keygen", "-lf", f"{key}.pub"], capture_output=True, text=True, check=True).stdout
    return Path(f"{key}.pub").read_text().strip(), listed.split()[1]


def environment(tmp_path: Path, public: str) -> dict[str, str]:
    auth = tmp_path / "auth-info"
    kind, blob = public.split()[:2]
    auth.write_text(f"publickey {kind} {blob}\n")  # what sshd writes for ExposeAuthInfo
    return {**os.environ, "SSH_USER_AUTH": str(auth), "SSH_CONNECTION": "192.0.2.7 50022 192.0.2.1 22",
            "LILLA_RATTEN_CACHE": "off"}


needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen (openssh-client)")


@needs_ssh_keygen
def test_a_printout_is_logged_to_a_file_with_the_fingerprint_ssh_keygen_shows(tmp_path):
    public, fingerprint = ssh_key(tmp_path)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "styrgrupp.toml").write_text(MINIMAL, encoding="utf-8")
    log = tmp_path / "access.log"
    env = environment(tmp_path, public)
    r = subprocess.run([*REVIEW, "--log", str(log), "--print", "--project", "styrgrupp", str(tmp_path / "p")],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*REVIEW, "--log", str(log), "--print", str(tmp_path / "p")], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    printed, listed = log.read_text().splitlines()
    assert f"printed '{tmp_path / 'p' / 'styrgrupp.toml'}' by key {fingerprint} (ssh-ed25519)" in printed
    assert "from 192.0.2.7 port 50022" in printed
    assert f"printed the portfolio of '{tmp_path / 'p'}' by key {fingerprint}" in listed


@needs_ssh_keygen
def test_a_syslog_socket_gets_one_line_per_access_and_a_name_cannot_forge_a_second(tmp_path):
    public, fingerprint = ssh_key(tmp_path)
    sock_path = tmp_path / "log.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(sock_path))
        server.settimeout(10)
        access_log.start(str(sock_path), environment(tmp_path, public))
        try:
            access_log.record("opened", tmp_path / "a\nforged.toml")
        finally:
            access_log.stop()
        line = server.recv(65536).decode()
    assert line.startswith("<86>lilla-ratten-review[")  # authpriv.info, as sshd's own lines
    assert "\n" not in line and f"by key {fingerprint}" in line and "forged.toml" in line


def test_a_project_is_not_shown_when_its_reading_cannot_be_logged(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "styrgrupp.toml").write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, "LILLA_RATTEN_CACHE": "off"}
    nowhere = tmp_path / "no-such-folder" / "access.log"
    r = subprocess.run([*REVIEW, "--log", str(nowhere), "--print", "--project", "styrgrupp", str(tmp_path / "p")],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 1
    assert "Testprojekt" not in r.stdout
    assert "kunde inte loggas" in r.stderr and str(nowhere) in r.stderr
    assert f"{nowhere}: filen eller mappen finns inte" in r.stderr  # why, in Swedish: not the OS's English


def test_the_tui_session_of_the_review_logs_the_project_it_opens(tmp_path):
    from lilla_ratten.storage import ProjectFileError
    from lilla_ratten.tui.session import Session

    path = tmp_path / "styrgrupp.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    log = tmp_path / "access.log"
    access_log.start(str(log), {"SSH_CONNECTION": "192.0.2.7 50022 192.0.2.1 22"})
    try:
        Session.open(path)  # editing, not the review: not an access to log
        assert not log.exists()
        Session.open(path, read_only=True)
        assert f"opened '{path}' by key unknown (no ExposeAuthInfo), from 192.0.2.7" in log.read_text()
        log.unlink()
        log.mkdir()  # cannot be appended to
        with pytest.raises(ProjectFileError) as refused:
            Session.open(path, read_only=True)
        assert "could not be logged" in str(refused.value) or "kunde inte loggas" in str(refused.value)
        assert "Is a directory" not in str(refused.value)  # the OS's English is not passed on
    finally:
        access_log.stop()
