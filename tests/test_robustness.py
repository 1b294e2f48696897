"""Bad and unusual input: each gives a clear error or a correct result, never a crash of the whole run.

Every input is a real file written to tmp_path; the articles are written for the test.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import psutil
import pytest

from danvan.loaders.document import Document
from danvan.loaders.read import MAX_ARTICLE_BYTES, ReadError, read_file, read_paths

ARTICLE = (
    "Thứ Hai, 4/3/2024\n"
    "Thanh Hoá: Hội nghị tổng kết công tác dân vận năm 2023\n"
    "Sáng 2/3, Ban Dân vận Tỉnh uỷ Thanh Hoá tổ chức hội nghị tổng kết. "
    "Đồng chí Lê Thị Thuý, Trưởng Ban Dân vận Tỉnh uỷ chủ trì hội nghị.\n"
    "Năm 2023, toàn tỉnh có 2.140 mô hình “Dân vận khéo”; nhiều mô hình được nhân rộng./.\n"
    "Ngọc Hoà\n"
)
NFC_ARTICLE = unicodedata.normalize("NFC", ARTICLE)


def _expect_article(doc: Document) -> None:
    assert doc.title == "Thanh Hóa: Hội nghị tổng kết công tác dân vận năm 2023"  # tone placement normalised
    assert doc.published == dt.date(2024, 3, 4)
    assert doc.place == "Thanh Hóa"
    assert doc.authors == ["Ngọc Hoà"] or doc.authors == ["Ngọc Hòa"]
    assert doc.sentence_text(doc.sentences[0]) == ("Sáng 2/3, Ban Dân vận Tỉnh ủy Thanh Hóa tổ chức hội nghị tổng kết.")
    for span in doc.sentences:
        assert len(doc.raw[span.start : span.end]) == span.end - span.start


def _error(path: Path) -> ReadError:
    results = list(read_paths([path]))
    assert len(results) == 1 and isinstance(results[0], ReadError), results
    return results[0]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path) == ReadError(str(path), "empty file")
    (tmp_path / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    assert "no text" in _error(tmp_path / "blank.txt").message
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert _error(tmp_path / "empty.jsonl").message == "empty file"


def test_binary_files_are_refused_with_what_they_are(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "binary file (a PNG image)" in _error(png).message
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 16)
    assert "binary file" in _error(blob).message
    with pytest.raises(ReadError, match="binary"):
        list(read_file(blob))


def test_utf8_with_bom_and_utf16(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (doc,) = list(read_file(bom))
    assert doc.raw == NFC_ARTICLE and doc.encoding == "utf-8"
    _expect_article(doc)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(ARTICLE.encode("utf-16"))  # with BOM
    (doc16,) = list(read_file(utf16))
    assert doc16.raw == NFC_ARTICLE and doc16.encoding.startswith("utf-16")
    _expect_article(doc16)
    no_bom = tmp_path / "utf16le.txt"
    no_bom.write_bytes(ARTICLE.encode("utf-16-le"))  # Windows "Unicode" saved without a BOM
    (doc_le,) = list(read_file(no_bom))
    assert doc_le.raw == NFC_ARTICLE


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters (â, ê, ơ, ư, đ...) plus combining tones."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.txt"
    data = _cp1258(ARTICLE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path.write_bytes(data)
    (doc,) = list(read_file(path))
    assert doc.encoding == "cp1258"
    assert doc.raw == NFC_ARTICLE  # decoded, then composed: offsets are into the NFC text
    _expect_article(doc)


def test_nfd_text_is_composed_and_offsets_point_into_the_nfc_text(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", ARTICLE), encoding="utf-8")
    (doc,) = list(read_file(path))
    assert doc.raw == NFC_ARTICLE
    _expect_article(doc)
    nfc_of_file = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    first = doc.sentences[0]
    assert nfc_of_file[first.start : first.end].startswith("Sáng 2/3, Ban Dân vận Tỉnh uỷ Thanh Hoá")


def test_50_megabyte_files_do_not_blow_memory(tmp_path: Path) -> None:
    size = 50 * 1024 * 1024
    big_txt = tmp_path / "big.txt"
    with big_txt.open("wb") as handle:
        block = ("Hội nghị dân vận được tổ chức tại tỉnh Bắc Ninh. " * 1000 + "\n").encode("utf-8")
        for _ in range(size // len(block) + 1):
            handle.write(block)
    assert big_txt.stat().st_size >= size
    # A 50 MB single article is refused before reading (no article is that long).
    assert "too large for one article" in _error(big_txt).message

    # A 50 MB .jsonl is streamed: a giant line is refused (named by line), the others are read.
    big_jsonl = tmp_path / "big.jsonl"
    good = json.dumps({"title": "Hội nghị tại Hà Nam", "body": "Sáng 1/2, tỉnh Hà Nam họp."}, ensure_ascii=False)
    with big_jsonl.open("w", encoding="utf-8") as handle:
        handle.write(good + "\n")
        handle.write('{"title": "x", "body": "' + "a" * size + '"}\n')
        handle.write(good + "\n")
    assert big_jsonl.stat().st_size >= size
    before = psutil.Process().memory_info().rss
    results = list(read_paths([big_jsonl]))
    growth = psutil.Process().memory_info().rss - before
    assert [type(r).__name__ for r in results] == ["Document", "ReadError", "Document"]
    assert results[1] == ReadError(f"{big_jsonl}:2", f"line longer than {MAX_ARTICLE_BYTES // 1048576} MB")
    assert growth < 200 * 1024 * 1024


def test_malformed_html_still_yields_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><div><p>Chiều 9/8, Huyện ủy Lục Nam tổ chức hội nghị dân vận tại tỉnh Bắc Giang."
        "<p>Hội nghị kết thúc <b>thành công<div></span></table><td>",
        encoding="utf-8",
    )
    (doc,) = list(read_file(path))
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "Chiều 9/8, Huyện ủy Lục Nam tổ chức hội nghị dân vận tại tỉnh Bắc Giang.",
        "Hội nghị kết thúc thành công",
    ]
    assert doc.place == "Bắc Giang"
    empty_page = tmp_path / "empty.html"
    empty_page.write_text("<html><head><script>var a = 1;</script></head><body><nav>Trang chủ</nav></body>", "utf-8")
    assert _error(empty_page).message == "no article text found in the HTML page"
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 5000 + "Ban Dân vận tỉnh Lạng Sơn họp sáng nay." + "</div>" * 10, encoding="utf-8")
    (deep_doc,) = list(read_file(deep))
    assert deep_doc.place == "Lạng Sơn"


def test_jsonl_with_broken_lines_yields_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"title": "Bài một", "body": "Tỉnh Sơn La tổ chức hội nghị."}, ensure_ascii=False),
        '{"title": "Bài hỏng", "body": "thiếu ngoặc"',
        "",
        json.dumps(["không", "phải", "đối tượng"], ensure_ascii=False),
        json.dumps({"title": "Không có thân bài"}, ensure_ascii=False),
        json.dumps({"title": "Bài cuối", "body": "Tỉnh Điện Biên tổ chức hội thi."}, ensure_ascii=False),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"title": "\xff\xfe"}\n')
    results = list(read_paths([path]))
    kinds = [(type(r).__name__, r.position if isinstance(r, Document) else r.path) for r in results]
    assert kinds == [
        ("Document", 1),
        ("ReadError", f"{path}:2"),
        ("ReadError", f"{path}:4"),
        ("ReadError", f"{path}:5"),
        ("Document", 6),
        ("ReadError", f"{path}:7"),
    ]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert errors[0].message.startswith("invalid JSON")
    assert errors[1].message == "expected a JSON object, got list"
    assert errors[2].message == "record has no 'body' text"
    assert errors[3].message.startswith("not UTF-8")
    # read_file yields the good records, then raises the first error
    good = []
    with pytest.raises(ReadError, match=":2: invalid JSON"):
        for doc in read_file(path):
            good.append(doc.place)
    assert good == ["Sơn La", "Điện Biên"]


def test_unreadable_and_odd_paths(tmp_path: Path) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    assert list(read_paths([folder])) == []
    assert _error(tmp_path / "missing.txt").message == "no such file or directory"


def test_html_declared_windows_1258(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>'
        "<h1>Hội nghị dân vận tỉnh Phú Yên</h1><p>Sáng 3/3, Ban Dân vận Tỉnh uỷ Phú Yên tổ chức hội nghị.</p>"
        "</body></html>"
    )
    path.write_bytes(_cp1258(page))
    (doc,) = list(read_file(path))
    assert doc.title == "Hội nghị dân vận tỉnh Phú Yên"
    assert doc.sentence_text(doc.sentences[0]) == "Sáng 3/3, Ban Dân vận Tỉnh ủy Phú Yên tổ chức hội nghị."
    assert doc.place == "Phú Yên"
