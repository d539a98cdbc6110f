"""Stage 1a: a file's bytes -> its text, whatever the encoding.

A BOM wins; then UTF-16 without a BOM, UTF-8 (exact and fast), a file that is UTF-8 on some
lines and GBK on others (the odd lines are skipped and named, never guessed), GB18030 or Big5
when their characters are everyday Chinese, and charset-normalizer for the rest. Images, PDFs,
archives and other binary files are refused with a message naming what they are.
"""

from __future__ import annotations

from dsfacts.errors import SourceError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"),
    (b"GIF89a", "an image (GIF)"),
    (b"II*\x00", "an image (TIFF)"),
    (b"MM\x00*", "an image (TIFF)"),
    (b"\x00\x00\x01\x00", "an image (ICO)"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),  # the utf-16 codec reads the BOM itself and drops it
    (b"\xfe\xff", "utf-16"),
)


def binary_kind(data: bytes) -> str | None:
    """'an image (PNG)', 'a binary file' … or None when the bytes may well be text."""
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "an image (WEBP)"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in data[:8192] and _utf16_without_bom(data) is None:
        return "a binary file"
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding name). BOM, then UTF-8 (fast, exact), then charset-normalizer."""
    text, encoding, _ = decode_reporting(data, name)
    return text, encoding


def decode_reporting(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """decode(), plus problems worth telling the user (lines skipped in a mixed-encoding file)."""
    if not data:
        return "", "utf-8", []
    what = binary_kind(data)
    if what:
        raise SourceError(f"{name}: is {what}, not a text document; remove it or convert it to text.")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data, enc, name), enc, []
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16:  # before UTF-8: ASCII text in UTF-16 is valid UTF-8 too, full of NULs
        return _strict(data, utf16, name), utf16, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data, name)
    if mixed:
        return mixed[0], "utf-8", [mixed[1]]
    chinese = _chinese_decode(data)
    if chinese:
        return chinese[0], chinese[1], []
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(data).best()
    if best is None:
        raise SourceError(f"{name}: cannot tell this file's text encoding; save it as UTF-8 and try again.")
    text = str(best)
    if best.bom and text.startswith("\ufeff"):
        text = text[1:]
    return text, best.encoding, []


_ASCII_BYTES = bytes(range(0x80))


def _mixed_utf8(data: bytes, name: str) -> tuple[str, str] | None:
    """A file that is UTF-8 on some lines and something else on others (text pasted from a GBK page).

    Decoding it whole in either encoding turns half of it into mojibake, so it is decided line
    by line: when a fair share of the non-ASCII lines are UTF-8, the others are left empty
    (skipped, not guessed, so no wrong number is read from them) and named in a problem.
    """
    lines = data.split(b"\n")
    good = 0
    bad: list[int] = []
    out: list[str] = []
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            out.append("\r" if raw.endswith(b"\r") else "")
            continue
        if len(raw.translate(None, _ASCII_BYTES)) >= 4:  # one GBK hanzi can be valid UTF-8 by chance
            good += 1
        out.append(line)
    if not bad or good == 0 or good * 4 < len(bad):
        return None  # not UTF-8 at all: a single-encoding file (GBK, Big5 …)
    shown = _ranges(bad)
    problem = (
        f"{name}: line{'s' if len(bad) > 1 else ''} {shown} {'are' if len(bad) > 1 else 'is'} not UTF-8 "
        "like the rest of the file (mixed encodings); skipped, not guessed. Save the file as UTF-8."
    )
    return "\n".join(out), problem


def _ranges(numbers: list[int], limit: int = 8) -> str:
    """[3, 4, 5, 9] -> '3-5, 9' (the first few runs, then '…')."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [f"{a}-{b}" if a != b else str(a) for a, b in runs[:limit]]
    return ", ".join(parts) + (" …" if len(runs) > limit else "")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise SourceError(
            f"{name}: not valid {encoding} text at byte {e.start}; save it as UTF-8 and try again."
        ) from e


def _chinese_decode(data: bytes) -> tuple[str, str] | None:
    """GB18030 (GBK) or Big5, when the bytes decode to mostly everyday Chinese characters.

    Detectors guess short Chinese texts wrongly (GBK as Korean cp949), and Chinese is what this
    project reads, so both codecs are tried first and the one whose characters are common wins.
    """
    best: tuple[float, str, str] | None = None
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = [ch for ch in text[:65536] if ord(ch) > 0x7F]
        if not sample:
            continue
        score = sum(1 for ch in sample if _common_gb(ch) or _common_big5(ch)) / len(sample)
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, text, encoding)
    return (best[1], best[2]) if best else None


def _common_gb(ch: str) -> bool:
    """Level-1 GB2312 hanzi (the 3,755 everyday ones) or full-width punctuation."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or 0xA1 <= b[0] <= 0xA3)


def _common_big5(ch: str) -> bool:
    """Big5 frequent hanzi (0xA440-0xC67E) or its punctuation block."""
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xA4 <= b[0] <= 0xC6 or 0xA1 <= b[0] <= 0xA3)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows a zero byte in every other position (for ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) // 2
    if zeros_odd > half * 0.3 and zeros_even < half * 0.02:
        return "utf-16-le"
    if zeros_even > half * 0.3 and zeros_odd < half * 0.02:
        return "utf-16-be"
    return None
