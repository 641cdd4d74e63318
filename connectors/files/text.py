"""From bytes to text: the encodings exports come in, and refusing what is not text at all.

Spreadsheet tools write UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode
text"), or the Windows code page cp1252 (Excel on Windows, "CSV (Comma delimited)"). With
`encoding = "auto"` a BOM decides; without one, UTF-16 is recognised by its zero bytes, then
strict UTF-8 is tried, then cp1252. Bytes no candidate decodes, and binary content, are refused
with the offset and line, never guessed into mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from connectors.files.errors import FileRefusedError

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
DELIMITERS = ("auto", ",", ";", "\t")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters never found in a text export (tab, CR, LF and form feed aside).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\r", "\n", "\f"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, encoding: str = "auto") -> Decoded:
    """The file's text, or FileRefusedError saying why it is not a text export."""
    encoding = checked_encoding(data, encoding)
    return Decoded(data.decode(encoding).lstrip("\ufeff"), encoding)


def checked_encoding(data: bytes, encoding: str = "auto") -> str:
    """The encoding the file decodes with, every byte checked; FileRefusedError when it is
    empty, binary or not in that encoding. Keeps no decoded copy of a large file."""
    if not data or data.isspace():
        raise FileRefusedError("the file is empty: export it again with its answers")
    if encoding == "auto":
        encoding = _sniff(data)
    try:
        data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        hint = (
            ' It looks like cp1252 (Excel on Windows): set encoding = "cp1252" or re-export '
            "as UTF-8."
            if encoding.startswith("utf-8") and _decodes(data, "cp1252")
            else " Re-export the file as UTF-8 CSV."
        )
        raise FileRefusedError(
            f"not valid {encoding}: byte 0x{data[err.start]:02x} at offset {err.start}.{hint}",
            line=line,
        ) from None
    head = head_text(data, encoding)
    bad = next((i for i, ch in enumerate(head) if ch in _CONTROL), None)
    if bad is not None:
        raise FileRefusedError(
            f"binary content (control character 0x{ord(head[bad]):02x} at character {bad}): "
            "this is not a text export; export the survey or checklist as CSV, XLSX, YAML or "
            "Markdown",
            line=head[:bad].count("\n") + 1,
        )
    return encoding


def head_text(data: bytes, encoding: str, chars: int = 65536) -> str:
    """The first characters of the file (for sniffing and checks), without decoding it all."""
    return data[: chars * 4].decode(encoding, errors="ignore").lstrip("\ufeff")[:chars]


def _sniff(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if head.count(0):
        # UTF-16 without a BOM puts a zero byte beside every ASCII character.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 0.4 * len(head) / 2 and even == 0:
            return "utf-16-le"
        if even > 0.4 * len(head) / 2 and odd == 0:
            return "utf-16-be"
        raise FileRefusedError(
            f"binary content (a zero byte at offset {head.index(0)}): this is not a text export; "
            "export the survey or checklist as CSV, XLSX, YAML or Markdown"
        )
    if _decodes(data, "utf-8"):
        return "utf-8"
    if _decodes(data, "cp1252"):
        return "cp1252"
    # Neither: let the strict UTF-8 decode name the first bad byte.
    return "utf-8"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: whichever of , ; and tab occurs most outside quotes
    (ties go to the comma)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in text[:65536]:
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            break
        elif ch in counts and not quoted:
            counts[ch] += 1
    return max(counts, key=lambda d: (counts[d], d == ","))
