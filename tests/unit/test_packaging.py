"""The built wheel carries everything the program reads at run time: installed outside the checkout, it creates a
data file, builds the demo and prints a report (issue 18, point 1). And the package list cannot fall behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.errors import InstallationError
from zv_desktop.core.store import migrations

ROOT = Path(__file__).resolve().parents[2]


def _configured() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]  # type: ignore[no-any-return]


def test_every_package_of_the_source_tree_is_listed() -> None:
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "zv_desktop").rglob("__init__.py")}
    listed = set(_configured()["packages"])  # type: ignore[arg-type]
    mapped = set(_configured()["package-dir"])  # type: ignore[arg-type]
    assert found <= listed, f"missing in pyproject.toml: {sorted(found - listed)}"
    resources = {f"zv_desktop.resources.{p.parent.name}" for p in (ROOT / "resources").glob("*/__init__.py")}
    assert listed - found == mapped | resources


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lock_file_pins_what_pyproject_asks_for_with_hashes() -> None:
    """requirements.lock, which make installs with --require-hashes, holds every requirement of pyproject.toml
    (program, test and dev) at the pinned version, and a hash for every package; `make lock` writes it again."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = _locked(text)
    for requirement in wanted:
        name, _, version = requirement.partition("==")
        assert locked.get(_canonical(name)) == version.strip(), (
            f"{requirement}: requirements.lock has {locked.get(_canonical(name))}"
        )
    entries = re.findall(r"^[A-Za-z0-9].*(?:\n[ \t].*)*", text, re.MULTILINE)
    assert len(entries) == len(locked) and all("--hash=sha256:" in entry for entry in entries)
    assert any(entry.startswith("colorama==") and "win32" in entry for entry in entries)  # the Windows build's too
    assert "--find-links" not in text and "--index-url" not in text  # nothing of this machine's pip setup


def _locked(text: str) -> dict[str, str]:
    return {_canonical(n): v for n, v in re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+)", text, re.MULTILINE)}


def test_the_bundler_is_locked_with_hashes_and_agrees_with_the_programs_lock() -> None:
    """installer/requirements-build.lock (the Linux build installs it with --require-hashes) pins the bundler of
    requirements-build.txt, hashes every package, and shares every package it has in common with requirements.lock
    at the same version, since both go into one build venv."""
    text = (ROOT / "installer" / "requirements-build.lock").read_text(encoding="utf-8")
    bundler = _locked(text)
    for line in (ROOT / "installer" / "requirements-build.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert bundler.get(_canonical(name)) == version.strip(), f"{line}: the lock has {bundler.get(name)}"
    entries = re.findall(r"^[A-Za-z0-9].*(?:\n[ \t].*)*", text, re.MULTILINE)
    assert len(entries) == len(bundler) and all("--hash=sha256:" in entry for entry in entries)
    program = _locked((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    shared = bundler.keys() & program.keys()
    assert "packaging" in shared and {name: bundler[name] for name in shared} == {n: program[n] for n in shared}


def test_an_empty_migration_folder_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(InstallationError, match="keine Schemaschritte.*neu"):
        migrations.load_migrations(tmp_path)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, installed into a fresh venv outside it (dependencies from the test venv)."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", folder, ROOT],
        check=True,
        cwd=folder,
    )
    [wheel] = folder.glob("zv_desktop-*.whl")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    deps = Path(
        subprocess.check_output(
            [sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (site / "test-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")  # a path only: no editable finder
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", site, wheel],
        check=True,
    )
    return python


def _zv(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ZV_RESOURCES")}
    return subprocess.run(
        [python, "-c", "from zv_desktop.cli.main import main; raise SystemExit(main())", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_installed_wheel_creates_a_file_builds_the_demo_and_prints(installed: Path, tmp_path: Path) -> None:
    where = subprocess.check_output(
        [installed, "-c", "import zv_desktop; print(zv_desktop.__file__)"], cwd=tmp_path, text=True
    )
    assert str(ROOT) not in where and str(installed.parents[1]) in where  # the wheel's copy, not the checkout
    db = tmp_path / "amt.sqlite"
    for args in (("init",), ("demo",)):
        done = _zv(installed, tmp_path, "--db", str(db), *args)
        assert done.returncode == 0, done.stderr
    pdf = tmp_path / "zv-2014.pdf"
    done = _zv(
        installed,
        tmp_path,
        "--db",
        str(db),
        "report",
        "agreement",
        agreement_id(AGREEMENT_METTMANN_2014)[:8],
        "-o",
        str(pdf),
    )
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Zielvereinbarung" in text and "Mettmann" in text
