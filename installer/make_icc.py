"""Write the sRGB colour profile of the PDF/A OutputIntent into resources/icc/sRGB-v2.icc.

An ICC version 2 display profile (accepted by every PDF/A part), written from the published numbers of sRGB
(IEC 61966-2-1): the D65 white point, the primaries' colorants adapted to the D50 connection space, and the sRGB
tone curve as a 1024-entry table. Run once: `.venv/bin/python installer/make_icc.py`.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "resources" / "icc" / "sRGB-v2.icc"
DESCRIPTION = "sRGB IEC61966-2.1 (ZV Desktop)"
COPYRIGHT = "No copyright, use freely"
WHITE_D65 = (0.9505, 1.0, 1.0890)
ILLUMINANT_D50 = (0.9642, 1.0, 0.8249)
COLORANTS = {  # Bradford-adapted to D50
    b"rXYZ": (0.4360747, 0.2225045, 0.0139322),
    b"gXYZ": (0.3850649, 0.7168786, 0.0971045),
    b"bXYZ": (0.1430804, 0.0606169, 0.7141733),
}


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)


def _curve() -> bytes:
    points = []
    for i in range(1024):
        x = i / 1023
        linear = x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
        points.append(round(linear * 65535))
    return b"curv\0\0\0\0" + struct.pack(">I", len(points)) + struct.pack(f">{len(points)}H", *points)


def _description(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    data = b"desc\0\0\0\0" + struct.pack(">I", len(ascii_text)) + ascii_text
    return data + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67


def profile() -> bytes:
    """The bytes of the profile."""
    curve = _curve()
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", _description(DESCRIPTION)),
        (b"cprt", b"text\0\0\0\0" + COPYRIGHT.encode("ascii") + b"\0"),
        (b"wtpt", _xyz(WHITE_D65)),
        *((name, _xyz(values)) for name, values in COLORANTS.items()),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data, placed = b"", b"", {}
    for name, body in tags:
        if body not in placed:  # the three curves share one copy
            placed[body] = offset + len(data)
            data += body + b"\0" * (-len(body) % 4)
        table += name + struct.pack(">II", placed[body], len(body))
    size = offset + len(data)
    header = struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
    header += struct.pack(">6H", 2026, 12, 5, 0, 0, 0) + b"acsp" + b"\0" * 4 + b"\0" * 4 + b"\0" * 8 + b"\0" * 8
    header += struct.pack(">I", 0) + b"".join(_s15(v) for v in ILLUMINANT_D50) + b"\0" * 4
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data


def main() -> int:
    TARGET.write_bytes(profile())
    print(TARGET, TARGET.stat().st_size, "Bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
