"""`make sign`: the installer (and the MSI) signed with an office's code-signing certificate (here a self-signed one made for the
test) carries an Authenticode signature that osslsigncode verifies against that certificate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer.conftest import ROOT

sys.path.insert(0, str(ROOT / "installer"))
from build_windows import sign


@pytest.mark.parametrize("pattern", ["ZV-Desktop-Setup-*.exe", "ZV-Desktop-*.msi"], ids=["nsis", "msi"])
def test_the_installer_is_signed_with_the_given_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str
) -> None:
    [setup] = sorted((ROOT / "dist").glob(pattern))[-1:] or pytest.fail("make installer-windows installer-msi first")
    cert, key = tmp_path / "zertifikat.pem", tmp_path / "schluessel.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Kreis Testland IT",
         "-addext", "extendedKeyUsage=codeSigning", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )  # fmt: skip
    copy = tmp_path / setup.name
    shutil.copy(setup, copy)
    assert not sign(copy)  # without a certificate nothing is signed
    monkeypatch.setitem(os.environ, "ZV_SIGN_CERT", str(cert))
    monkeypatch.setitem(os.environ, "ZV_SIGN_KEY", str(key))
    assert sign(copy)
    verified = subprocess.run(
        ["osslsigncode", "verify", "-in", copy, "-CAfile", cert], capture_output=True, text=True, check=False
    )
    assert "Signature verification: ok" in verified.stdout, verified.stdout + verified.stderr
    assert "Kreis Testland IT" in verified.stdout
