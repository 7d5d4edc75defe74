"""The Linux bundle works on its own: unpacked into a temp folder and run with a bare environment, its `zv` builds
the demo, prints a report that reads back, previews an Excel import; its `zv-desktop` shows its window offscreen;
portable mode keeps everything beside it; a damaged bundle says so in German; the .deb holds the same under /opt."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.installer.conftest import Bundle
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id


def test_the_command_line_builds_the_demo_prints_and_previews_an_import(bundle: Bundle) -> None:
    db = bundle.home / "amt.sqlite"
    done = bundle.run("zv", "--db", db, "demo")
    assert done.returncode == 0, done.stderr
    assert "Demodaten" in done.stdout + done.stderr
    assert bundle.run("zv", "--db", db, "check").returncode == 0
    pdf = bundle.home / "zv-2014.pdf"
    done = bundle.run("zv", "--db", db, "report", "agreement", agreement_id(AGREEMENT_METTMANN_2014)[:8], "-o", pdf)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Zielvereinbarung" in text and "Mettmann" in text
    word = bundle.home / "zv-2014.docx"  # python-docx's template travels with the bundle
    done = bundle.run("zv", "--db", db, "report", "agreement", agreement_id(AGREEMENT_METTMANN_2014)[:8], "-o", word)
    assert done.returncode == 0 and word.stat().st_size > 10_000, done.stderr
    sheet = bundle.home / "werte-2014.xlsx"
    assert bundle.run("zv", "--db", db, "export-xlsx", "values", "--year", "2014", "-o", sheet).returncode == 0
    before = db.read_bytes()
    done = bundle.run("zv", "--db", db, "import-xlsx", sheet, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert db.read_bytes() == before  # a dry run writes nothing


def test_the_window_starts_offscreen_on_the_demo_file(bundle: Bundle) -> None:
    db = bundle.home / "demo.sqlite"
    assert bundle.run("zv", "--db", db, "demo").returncode == 0
    done = bundle.run("zv-desktop", "--db", db, "--start-check", "modules")
    assert done.returncode == 0, done.stderr
    assert "Fenster bereit: ZV Desktop – demo.sqlite" in done.stdout
    # menu handlers are imported when first used: every module of the program must be in the bundle
    checked = int(done.stdout.split("Module geprüft: ")[1].split(";")[0])
    assert checked >= 150 and "fehlend: keine" in done.stdout, done.stdout


def test_portable_mode_keeps_data_settings_and_logs_beside_the_program(bundle: Bundle) -> None:
    (bundle.folder / "portable.ini").write_text("", encoding="utf-8")
    assert bundle.run("zv", "demo").returncode == 0  # no --db: the default file, beside the program
    assert (bundle.folder / "Daten" / "zv-daten.sqlite").exists()
    done = bundle.run("zv-desktop", "--start-check")
    assert done.returncode == 0, done.stderr
    assert (bundle.folder / "Protokolle" / "zv-desktop.log").exists()
    assert "last_file" in (bundle.folder / "portable.ini").read_text(encoding="utf-8")
    assert not (bundle.home / ".config").exists() and not (bundle.home / ".local").exists()  # nothing in the home


def test_a_damaged_bundle_gives_a_german_message_not_a_traceback(bundle: Bundle) -> None:
    [migrations] = list(bundle.folder.rglob("0001_initial.sql"))
    migrations.unlink()
    done = bundle.run("zv", "--db", bundle.home / "neu.sqlite", "init")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Bitte installieren Sie ZV Desktop neu" in done.stderr


def test_the_deb_installs_the_bundle_under_opt_with_commands_menu_entry_and_file_type(
    deb: Path, tmp_path: Path
) -> None:
    info = subprocess.run(
        ["dpkg-deb", "--field", deb, "Package", "Version", "Architecture"], capture_output=True, text=True
    )
    assert info.returncode == 0 and "zv-desktop" in info.stdout and "amd64" in info.stdout
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    assert (root / "opt" / "zv-desktop" / "zv-desktop").is_file()
    assert (root / "usr" / "bin" / "zv").readlink() == Path("/opt/zv-desktop/zv")
    entry = (root / "usr" / "share" / "applications" / "zv-desktop.desktop").read_text(encoding="utf-8")
    assert "Exec=zv-desktop %f" in entry and "MimeType=application/x-zv-exchange;" in entry
    assert "*.zvx" in (root / "usr" / "share" / "mime" / "packages" / "zv-desktop.xml").read_text(encoding="utf-8")
    assert (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "zv-desktop.png").is_file()
    installed = Bundle(root / "opt" / "zv-desktop", tmp_path)
    done = installed.run("zv", "--db", tmp_path / "amt.sqlite", "init")
    assert done.returncode == 0, done.stderr
