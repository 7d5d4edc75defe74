"""PDF/A-2b for the archive and the E-Akte: the XMP metadata with the PDF/A identification and an sRGB OutputIntent.

What else PDF/A-2b asks for holds by construction: every font is embedded (DejaVu, subset), nothing is transparent
and nothing is encrypted. ReportLab writes both parts directly into the documents it renders (no second pass over a
long report); a handout that pypdf assembles from the paper and its Anlagen gets its metadata rewritten there, and
claims PDF/A only if every Anlage is itself PDF/A. No validator runs offline here: the parts are checked by reading
them back (tests/reports/test_pdfa.py), the conformance is unvalidated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, format

from zv_desktop.core.reports.reportlab_internals import catalog_also_writes, document_of, time_stamp

#: The colour space the pages are meant in (the profile in resources/icc, made by installer/make_icc.py).
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """The ICC profile of the OutputIntent."""
    return (resources.files("zv_desktop.resources.icc") / "sRGB-v2.icc").read_bytes()


@dataclass(frozen=True)
class Described:
    """What the document information dictionary says, mirrored in the XMP metadata as PDF/A requires."""

    title: str
    author: str
    subject: str
    producer: str
    creator_tool: str
    created: str  # ISO 8601 with offset: 2026-12-05T21:08:29+01:00
    modified: str
    keywords: str = ""


def xmp_packet(info: Described, pdfa: bool = True) -> bytes:
    """The XMP metadata stream: Dublin Core, XMP, PDF and (``pdfa``) the PDF/A identification part 2, level B."""
    text = {k: escape(v) for k, v in info.__dict__.items()}
    identification = (
        '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n  </rdf:Description>\n"
        if pdfa
        else ""
    )
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
{identification}  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text["title"]}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text["author"]}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text["subject"]}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>de-DE</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>{text["creator_tool"]}</xmp:CreatorTool>
   <xmp:CreateDate>{text["created"]}</xmp:CreateDate>
   <xmp:ModifyDate>{text["modified"]}</xmp:ModifyDate>
   <xmp:MetadataDate>{text["modified"]}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{text["producer"]}</pdf:Producer>
   <pdf:Keywords>{text["keywords"]}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


# --- ReportLab: written into the document as it is rendered ----------------------------------------------------


class _PlainStream(PDFStream):  # type: ignore[misc]  # ReportLab ships no type hints
    """A stream written without any filter: PDF/A wants the metadata readable as it is."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        dictionary["Length"] = len(content)
        return bytes(format(dictionary, document) + b"\nstream\n" + format(content, document) + b"endstream\n")


def _iso(stamp: Any) -> str:
    """ReportLab's time stamp of the document as ISO 8601 (the same instant as its CreationDate)."""
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "+" if stamp.dhh >= 0 else "-"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{sign}{abs(stamp.dhh):02d}:{stamp.dmm:02d}"


def _output_intent(profile: Any) -> Any:
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
            "Info": PDFString(OUTPUT_CONDITION),
            "DestOutputProfile": profile,
        }
    )


def mark_reportlab(canvas: Any) -> None:
    """Give the document of ``canvas`` (before ``save``) its XMP metadata and the sRGB OutputIntent."""
    doc = document_of(canvas)
    info = doc.info
    when = _iso(time_stamp(doc))
    described = Described(info.title, info.author, info.subject, info.producer, info.creator, when, when, info.keywords)
    stream = _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}))
    stream.content = xmp_packet(described)
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    catalog = doc.Catalog
    catalog.Metadata = doc.Reference(stream)
    catalog.OutputIntents = PDFArray([_output_intent(doc.Reference(profile))])
    catalog_also_writes(catalog, "OutputIntents")  # for this document's catalog alone


# --- pypdf: a handout assembled from the paper and its Anlagen --------------------------------------------------

_PDFA_PART = re.compile(rb"pdfaid:part(?:>|=\")\s*([123])")


def is_pdfa(reader: PdfReader) -> bool:
    """True if the PDF says it is PDF/A (any part and level) in its XMP metadata."""
    try:
        metadata = reader.root_object.get("/Metadata")
        if metadata is None:
            return False
        return _PDFA_PART.search(metadata.get_object().get_data()) is not None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):  # damaged metadata: no claim to trust
        return False


def _pdf_date_to_iso(value: str) -> str:
    """D:20261205210829+01'00' → 2026-12-05T21:08:29+01:00 (what ReportLab writes)."""
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})'(\d{2})'?", value)
    if match is None:
        return ""
    y, mo, d, h, mi, s, sign, oh, om = match.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}"


def mark_pypdf(writer: PdfWriter, info: dict[str, str], pdfa: bool) -> None:
    """Metadata of an assembled handout: XMP matching its information dictionary; the PDF/A claim only if ``pdfa``.

    The OutputIntent comes with the paper's own pages (cloned from ReportLab's output, see ``mark_reportlab``). An
    OutputIntent alone claims nothing, so it stays when the claim is dropped.
    """
    created = str(writer.metadata.get("/CreationDate", "")) if writer.metadata else ""
    when = _pdf_date_to_iso(created)
    described = Described(
        info["/Title"], info["/Author"], info["/Subject"], info["/Producer"], info["/Creator"], when, when,
        str(writer.metadata.get("/Keywords", "")) if writer.metadata else "",
    )  # fmt: skip
    writer.xmp_metadata = xmp_packet(described, pdfa)
