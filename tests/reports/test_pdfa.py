"""PDF/A-2b, read back part by part (no validator runs offline here, so the conformance itself is unvalidated):
the PDF/A identification and the document information mirrored in uncompressed XMP, an sRGB OutputIntent with a
version-2 ICC profile, every font embedded with a Unicode mapping, no transparency, no encryption, a file ID."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageCms
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.reports.pdf_reading import reader
from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.reports.agreement_report import agreement_document
from zv_desktop.core.reports.archive import srgb_profile
from zv_desktop.core.reports.document import Appendix
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.paper_report import paper_document
from zv_desktop.core.reports.time_series_report import time_series_document
from zv_desktop.core.store import Store

KPI = model.GoalKind.KPI_TARGET.value


def _xmp(pdf: PdfReader) -> tuple[str, DictionaryObject]:
    stream = pdf.trailer["/Root"]["/Metadata"].get_object()
    return stream.get_data().decode("utf-8"), stream


def _tag(xmp: str, name: str) -> str:
    found = re.search(rf"<{name}>(?:<rdf:\w+>\s*<rdf:li[^>]*>)?([^<]*)<", xmp)
    assert found, name
    return found.group(1)


def _iso_of(pdf_date: str) -> str:
    y, mo, d, h, mi, s, sign, oh, om = re.match(  # type: ignore[union-attr]
        r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)", pdf_date
    ).groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}"


def _transparent(pdf: PdfReader) -> list[str]:
    """Every graphics state or image of the pages that makes anything transparent."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        resources = page["/Resources"].get_object()
        for name, state in (resources.get("/ExtGState") or {}).items():
            state = state.get_object()
            for key in ("/CA", "/ca"):
                if key in state and float(state[key]) < 1:
                    found.append(f"page {number} {name} {key}={state[key]}")
            if state.get("/SMask", "/None") != "/None" or state.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
                found.append(f"page {number} {name} soft mask or blend mode")
        for name, xobject in (resources.get("/XObject") or {}).items():
            if "/SMask" in xobject.get_object():
                found.append(f"page {number} {name} image with a soft mask")
    return found


def _assert_pdfa(content: bytes) -> str:
    pdf = reader(content)
    xmp, stream = _xmp(pdf)
    assert "/Filter" not in stream  # the metadata can be read without decoding
    assert _tag(xmp, "pdfaid:part") == "2" and _tag(xmp, "pdfaid:conformance") == "B"
    info = pdf.metadata
    assert info is not None
    assert _tag(xmp, "dc:title") == info.title and _tag(xmp, "dc:creator") == info.author
    assert _tag(xmp, "dc:description") == info.subject
    assert _tag(xmp, "pdf:Producer") == info.producer and _tag(xmp, "xmp:CreatorTool") == info.creator
    assert _tag(xmp, "xmp:CreateDate") == _iso_of(info["/CreationDate"])
    assert _tag(xmp, "xmp:ModifyDate") == _iso_of(info["/ModDate"])
    [intent] = pdf.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[8] == 2
    assert "/Encrypt" not in pdf.trailer and len(pdf.trailer["/ID"]) == 2
    assert _transparent(pdf) == []
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/ToUnicode" in font, font["/BaseFont"]  # text stays extractable
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    return xmp


def test_an_agreement_is_pdfa_2b_with_its_title_kept(demo: Store) -> None:
    document = agreement_document(demo, agreement_id(AGREEMENT_METTMANN_2014))
    content = finish(document).content
    xmp = _assert_pdfa(content)
    assert document.title in xmp and reader(content).metadata.title == document.title  # type: ignore[union-attr]
    assert "Zielvereinbarung" in reader(content).pages[0].extract_text()


def test_the_draft_mark_is_no_longer_transparent(demo: Store) -> None:
    _assert_pdfa(finish(agreement_document(demo, agreement_id(AGREEMENT_KAMEN_2002))).content)


def test_a_chart_with_a_target_corridor_is_pdfa(demo: Store) -> None:
    goal = demo.find(model.Goal, "kind = ? AND target_value IS NOT NULL AND area_id IS NOT NULL", (KPI,))[0]
    assert goal.target_value is not None and goal.measure_id and goal.area_id
    goal.corridor_low, goal.corridor_high = goal.target_value - 1, goal.target_value + 1
    demo.save(goal)  # set up directly: the corridor is what is drawn, whatever the agreement's state
    _assert_pdfa(finish(time_series_document(demo, goal.measure_id, goal.area_id)).content)


def test_a_handout_whose_anlagen_are_pdfa_is_pdfa_as_a_whole(demo: Store) -> None:
    finished = finish(paper_document(demo, paper_id("50/003/2022")))
    assert finished.warnings == []
    _assert_pdfa(finished.content)


def test_a_foreign_anlage_drops_the_claim_and_says_so(demo: Store) -> None:
    document = paper_document(demo, paper_id("50/003/2022"))
    own = finish(agreement_document(demo, agreement_id(AGREEMENT_METTMANN_2014))).content
    foreign = own.replace(b"pdfaid:part", b"pdfaid:xart")  # a PDF that does not claim PDF/A
    document.appendices.append(Appendix("Anlage 3: Schreiben des Ministeriums", foreign, "Anlage 3"))
    finished = finish(document)
    xmp, _ = _xmp(reader(finished.content))
    assert "pdfaid:part" not in xmp and reader(finished.content).metadata.title == document.title  # type: ignore[union-attr]
    assert finished.warnings == [
        "Die Anlage „Anlage 3: Schreiben des Ministeriums“ ist kein PDF/A; die Druckfassung ist deshalb nicht als "
        "PDF/A (archivtauglich) gekennzeichnet."
    ]


def test_the_profile_converts_like_littlecms_own_srgb() -> None:
    ours = ImageCms.ImageCmsProfile(io.BytesIO(srgb_profile()))
    assert ours.profile.xcolor_space.strip() == "RGB" and ours.profile.version == 2.1
    colours = [(200, 30, 40), (20, 160, 60), (128, 128, 128), (255, 255, 255), (0, 0, 0)]
    image = Image.new("RGB", (len(colours), 1))
    image.putdata(colours)
    to_lab = ImageCms.buildTransform(ours, ImageCms.createProfile("LAB"), "RGB", "LAB")
    reference = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB")
    ours_lab = ImageCms.applyTransform(image, to_lab).tobytes()
    reference_lab = ImageCms.applyTransform(image, reference).tobytes()
    assert max(abs(a - b) for a, b in zip(ours_lab, reference_lab, strict=True)) <= 1
