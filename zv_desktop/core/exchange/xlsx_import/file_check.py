"""Checks a file before the reader sees it: is it a workbook at all (.xlsx/.xlsm, .xlsb, .xls, .ods), encrypted,
a zip bomb, an XML part with a document type definition (entities: "billion laughs", external files)?

Every refusal is a ZvError with a German sentence that names the file and says what to do.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET

from zv_desktop.core.errors import ZvError, os_reason
from zv_desktop.core.formats import format_number

#: Sum of the unpacked sizes of all parts of a workbook that is still read (zip bombs are refused).
MAX_UNPACKED_TOTAL = 1_000_000_000
#: Unpacked size of a single part (one sheet's XML, the shared strings).
MAX_UNPACKED_PART = 500_000_000
#: Packed parts that unpack more than this many times their size are refused (only for large parts).
MAX_RATIO, RATIO_FROM = 200, 50_000_000
#: Unpacked size of a part openpyxl reads whole while opening the file, without a way to cancel (the table of
#: texts, the styles, the workbook, the theme …; only sheets are streamed): a table of 16 MB of short texts takes
#: about 6 s on the reference machine.
MAX_WHOLE_PART = 16_000_000
#: The refusal of a workbook with XML entity definitions (shared with the workbook reader).
ENTITIES = (
    "enthält XML-Entitäten oder eine Dokumenttyp-Definition, wie sie Excel nicht schreibt; solche Dateien liest ZV "
    "Desktop aus Sicherheitsgründen nicht. Bitte die Datei in Excel öffnen und neu speichern."
)
_TYPES = "[Content_Types].xml"
#: An .ods keeps all its sheets in content.xml, which the reader reads whole: the equivalent of the part limits.
MAX_ODS_CONTENT = 250_000_000
#: An .xls (Excel 97–2003, at most 65,536 rows a sheet) larger than this is not read.
MAX_XLS_BYTES = 250_000_000
_ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF = 65_536


class WorkbookFileError(ZvError):
    """The file cannot be read as an Excel workbook; nothing was read into the data file."""


def _refuse(path: Path, reason: str) -> WorkbookFileError:
    return WorkbookFileError(f"„{path.name}“ {reason}")


def workbook_kind(path: Path) -> str | None:
    """The kind of workbook the file is by its content: "xlsx" (also .xlsm), "xlsb", "xls", "ods"; None if none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        if head.startswith(_OLE):
            return "xls"
        if not head.startswith(_ZIP):
            return None
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                return "xlsb"
            if "mimetype" in names and archive.read("mimetype").strip() == _ODS_TYPE.encode():
                return "ods"
    except _SNIFF_ERRORS:
        return None
    return None


def check_workbook_file(path: Path) -> None:
    """Raise WorkbookFileError unless ``path`` is a readable, unencrypted workbook (.xlsx/.xlsm, .xlsb, .xls, .ods)
    of sane unpacked size whose XML parts declare no document type."""
    try:
        if path.is_dir():
            raise _refuse(path, "ist ein Ordner, keine Excel-Datei.")
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as exc:
        raise WorkbookFileError(f"Die Datei „{path}“ {os_reason(exc)}.") from exc
    if not head:
        raise _refuse(path, "ist leer (0 Bytes).")
    if head.startswith(_ZIP) or head.startswith(_EMPTY_ZIP):
        _check_zip(path)
        return
    if head.startswith(_OLE) and not _encrypted(head):
        if path.stat().st_size > MAX_XLS_BYTES:
            raise _refuse(
                path,
                f"ist {format_number(path.stat().st_size // 1_000_000)} MB groß (höchstens "
                f"{MAX_XLS_BYTES // 1_000_000} MB für eine .xls-Datei) und wird nicht gelesen. Bitte die Daten auf "
                "mehrere kleinere Dateien verteilen.",
            )
        return  # an .xls (Excel 97–2003): the reader says if it is damaged
    raise _refuse(path, _not_a_zip(head))


def _encrypted(head: bytes) -> bool:
    return "EncryptionInfo".encode("utf-16-le") in head or b"EncryptedPackage" in head


_SAVE_AS = "Bitte in Excel öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ speichern, dann erneut einlesen."


def _not_a_zip(head: bytes) -> str:
    """Why a file that is no zip archive is not an xlsx, and what to do."""
    if head.startswith(_OLE):
        return (
            "ist mit einem Kennwort geschützt und kann nicht gelesen werden. Bitte in Excel öffnen, den "
            "Kennwortschutz entfernen (Datei → Informationen → Arbeitsmappe schützen) und erneut speichern."
        )
    if head.startswith(b"%PDF"):
        return "ist eine PDF-Datei, keine Excel-Arbeitsmappe. Zahlen aus PDF-Dateien bitte abtippen oder beim Absender als Excel-Datei anfordern."
    if head.startswith((b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "ist ein Dokument oder Bild, keine Excel-Arbeitsmappe (.xlsx)."
    text = _as_text(head)
    if text is None:
        return "ist keine Excel-Arbeitsmappe (.xlsx) und kein bekanntes Format."
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")) or "<table" in start[:4096]:
        return f"ist eine Webseite (HTML), auch wenn sie wie eine Excel-Datei heißt. {_SAVE_AS}"
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return f"ist eine XML-Tabelle (Excel 2003). {_SAVE_AS}"
    return f"ist eine Textdatei (CSV?), keine Excel-Arbeitsmappe. {_SAVE_AS}"


def _as_text(head: bytes) -> str | None:
    """The start of the file as text, or None if it looks binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # cut in the middle of a character at the end of the sniffed block
            return head[: exc.start].decode("utf-8")
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return head.decode("cp1252", errors="replace") if controls == 0 else None


#: What reading a damaged zip member raises: a bad header or CRC, broken deflate data (zlib), a compression method
#: Python cannot unpack (NotImplementedError, e.g. flag bit 5), a cut-off file.
BROKEN_ZIP: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
)
_BROKEN_TYPES: tuple[type[Exception], ...] = (*BROKEN_ZIP, ParseError)
_SNIFF_ERRORS: tuple[type[Exception], ...] = (*BROKEN_ZIP, KeyError)


def _check_zip(path: Path) -> None:
    """A zip archive must be an unencrypted xlsx/xlsm whose parts unpack to a sane size."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _refuse(path, "ist beschädigt (kein lesbares ZIP-Archiv, wie es eine .xlsx-Datei ist).") from exc
    except OSError as exc:
        raise WorkbookFileError(f"Die Datei „{path}“ {os_reason(exc)}.") from exc
    names = {info.filename for info in infos}
    ods = workbook_kind(path) == "ods"
    binary = "xl/workbook.bin" in names and "[Content_Types].xml" in names
    if not ods and not binary and ("xl/workbook.xml" not in names or "[Content_Types].xml" not in names):
        raise _refuse(path, _other_zip(names))
    if any(info.flag_bits & 0x1 for info in infos):
        raise _refuse(path, "enthält verschlüsselte Teile und kann nicht gelesen werden.")
    total = sum(info.file_size for info in infos)
    largest = max(infos, key=lambda info: info.file_size)
    too_packed = largest.file_size > RATIO_FROM and largest.file_size > MAX_RATIO * max(largest.compress_size, 1)
    if total > MAX_UNPACKED_TOTAL or largest.file_size > MAX_UNPACKED_PART or too_packed:
        raise _refuse(
            path,
            f"wäre entpackt {format_number(total // 1_000_000)} MB groß (Teil „{largest.filename}“: "
            f"{format_number(largest.file_size // 1_000_000)} MB) und wird aus Sicherheitsgründen nicht gelesen. "
            "Bitte die Daten auf mehrere kleinere Dateien verteilen.",
        )
    if ods:
        _check_ods_parts(path, infos)
    else:
        _check_whole_parts(path, archive_parts=infos)
    _refuse_document_types(path, [i.filename for i in infos if i.filename.lower().endswith((".xml", ".rels"))])


def _check_ods_parts(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """An .ods: content.xml (all sheets, read whole) up to MAX_ODS_CONTENT, every other XML part up to
    MAX_WHOLE_PART."""
    for info in infos:
        limit = MAX_ODS_CONTENT if info.filename == "content.xml" else MAX_WHOLE_PART
        if info.filename.lower().endswith(".xml") and info.file_size > limit:
            raise _refuse(path, _too_large(info.filename, info.file_size, limit=limit))


class _Prolog(Exception):
    """The first element was reached: the part declares no document type."""


def _refuse_document_types(path: Path, parts: list[str]) -> None:
    """Refuse a workbook any of whose XML ``parts`` has a document type definition (entities; no spreadsheet
    program writes one). Each part is read only up to its first element."""

    def doctype(*_args: object) -> None:
        raise _refuse(path, ENTITIES)

    def element(*_args: object) -> None:
        raise _Prolog

    try:
        with zipfile.ZipFile(path) as archive:
            for part in parts:
                parser = expat.ParserCreate()
                parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
                parser.StartDoctypeDeclHandler = doctype
                parser.EntityDeclHandler = doctype
                parser.StartElementHandler = element
                try:
                    with archive.open(part) as source:
                        while chunk := source.read(1 << 16):
                            parser.Parse(chunk, False)
                except (_Prolog, expat.ExpatError):
                    continue  # an element came first, or the part is no XML: the reader reports damage
    except BROKEN_ZIP as exc:
        raise _refuse(path, "ist beschädigt (ein Teil des ZIP-Archivs ist nicht lesbar).") from exc


def _check_whole_parts(path: Path, archive_parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook with an XML part larger than MAX_WHOLE_PART that openpyxl might read whole.

    Only worksheets are streamed, and only a part under xl/worksheets/ that [Content_Types].xml declares a
    worksheet is one; every other part that is XML by its name or its declared type (the table of texts under
    any name, styles, theme, workbook, properties, relationships, chart sheets …) counts.
    """
    sizes = {info.filename: info.file_size for info in archive_parts}
    if sizes.get(_TYPES, 0) > MAX_WHOLE_PART:
        raise _refuse(path, _too_large(_TYPES, sizes[_TYPES]))
    try:
        with zipfile.ZipFile(path) as archive:
            types = DefusedET.fromstring(archive.read(_TYPES))
    except DefusedXmlException as exc:
        raise _refuse(path, ENTITIES) from exc
    except _BROKEN_TYPES as exc:
        raise _refuse(path, "ist beschädigt (die Liste ihrer Teile, [Content_Types].xml, ist nicht lesbar).") from exc
    by_extension = {
        item.get("Extension", "").lower(): item.get("ContentType", "") for item in types if item.tag.endswith("Default")
    }
    declared = {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in types
        if item.tag.endswith("Override")
    }
    for name, size in sorted(sizes.items(), key=lambda item: -item[1]):
        if size <= MAX_WHOLE_PART:
            break
        content = declared.get(name) or by_extension.get(name.rsplit(".", 1)[-1].lower(), "")
        streamed = name.startswith("xl/worksheets/") and content.endswith("worksheet+xml")
        xml = "xml" in content or name.lower().endswith((".xml", ".rels", ".vml"))  # images and binaries are not read
        if xml and not streamed:
            raise _refuse(path, _too_large(name, size, content.endswith("sharedStrings+xml")))


def _too_large(part: str, size: int, texts: bool = False, limit: int | None = None) -> str:
    what = "Text" if texts else f"Daten im Teil „{part}“"
    most = (limit or MAX_WHOLE_PART) // 1_000_000
    return (
        f"enthält {format_number(size / 1_000_000, 1)} MB {what} (höchstens {most} MB). "
        "So viel liest ZV Desktop nicht ein, weil das Öffnen lange dauern würde und sich nicht abbrechen ließe. "
        "Bitte nur das benötigte Blatt in eine neue Arbeitsmappe kopieren (Rechtsklick auf den Blattnamen → "
        "Verschieben oder kopieren… → (neue Arbeitsmappe)) und diese einlesen."
    )


def _other_zip(names: set[str]) -> str:
    if "word/document.xml" in names:
        return "ist ein Word-Dokument, keine Excel-Arbeitsmappe."
    if "ppt/presentation.xml" in names:
        return "ist eine PowerPoint-Präsentation, keine Excel-Arbeitsmappe."
    if "content.xml" in names and "mimetype" in names:
        return "ist ein OpenDocument-Dokument, aber keine Tabelle (.ods)."
    return "ist ein ZIP-Archiv, aber keine Tabelle (.xlsx, .xlsb, .ods)."


def fingerprint(path: Path) -> str:
    """Size, modification time and SHA-256 of the file: changes when anyone saves it again."""
    digest = hashlib.sha256()
    try:
        stat = path.stat()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise WorkbookFileError(f"Die Datei „{path}“ {os_reason(exc)}.") from exc
    return f"{stat.st_size}:{stat.st_mtime_ns}:{digest.hexdigest()}"
