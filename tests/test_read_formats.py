"""Reading .txt, .html and .jsonl files and folders (articles written for the test)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from danvan.loaders.document import Document
from danvan.loaders.read import ReadError, read_file, read_paths

ARTICLE = (
    "Thứ Năm, 12/9/2024\n"
    "Hội nghị sơ kết công tác dân vận tỉnh Hà Tĩnh\n"
    "\n"
    "Sáng 11/9, Ban Dân vận Tỉnh ủy Hà Tĩnh tổ chức hội nghị sơ kết. Đồng chí Lê Văn Hòa, "
    "Trưởng Ban Dân vận Tỉnh ủy chủ trì.\n"
    "Quang cảnh hội nghị\n"
    "Toàn tỉnh có 1.250 mô hình \u201cDân vận khéo\u201d được công nhận./.\n"
    "Thu Trang\n"
    "(baohatinh.vn)\n"
    "Tin liên quan\n"
    "Một tiêu đề bài khác ở cuối trang\n"
)


def _one(path: Path) -> Document:
    (doc,) = list(read_file(path))
    return doc


def test_text_article_metadata_and_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = _one(path)
    assert doc.title == "Hội nghị sơ kết công tác dân vận tỉnh Hà Tĩnh"
    assert doc.published == dt.date(2024, 9, 12)
    assert doc.authors == ["Thu Trang"]
    assert doc.source == "baohatinh.vn"
    assert doc.place == "Hà Tĩnh"
    body = doc.body_text()
    assert "Tin liên quan" not in body and "tiêu đề bài khác" not in body and "Thu Trang" not in body
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "Sáng 11/9, Ban Dân vận Tỉnh ủy Hà Tĩnh tổ chức hội nghị sơ kết.",
        "Đồng chí Lê Văn Hòa, Trưởng Ban Dân vận Tỉnh ủy chủ trì.",
        "Quang cảnh hội nghị",
        "Toàn tỉnh có 1.250 mô hình \u201cDân vận khéo\u201d được công nhận./.",
    ]
    assert doc.raw == ARTICLE


def test_html_page_main_text_without_chrome(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Báo Quảng Ninh</title>
<meta property="og:site_name" content="Báo Quảng Ninh">
<meta property="article:published_time" content="2024-05-02T09:00:00+07:00">
<link rel="canonical" href="https://baoquangninh.vn/bai-viet.html"></head><body>
<nav class="main-menu"><a>Trang chủ</a> | <a>Thời sự</a></nav>
<div class="breadcrumb">Trang chủ » Chính trị</div>
<h1>Quảng Ninh tôn vinh 50 mô hình dân vận khéo</h1>
<div class="article-content">
<p>Chiều 1/5, Ban Dân vận Tỉnh ủy Quảng Ninh tổ chức <b>lễ tôn vinh</b> 50 mô hình &ldquo;Dân vận khéo&rdquo;.
Đồng chí Trịnh Thị Minh, Trưởng Ban Dân vận Tỉnh ủy dự.</p>
<figure><img src="x.jpg"><figcaption>Các đại biểu dự lễ</figcaption></figure>
<p>Các mô hình tập trung vào lĩnh vực kinh tế, văn hóa và xây dựng hệ thống chính trị ở cơ sở.</p>
<div class="share-buttons">Chia sẻ Facebook Zalo</div>
</div>
<div class="related-news"><h3>Tin liên quan</h3><a>Bài khác hoàn toàn</a></div>
<div id="comments">Ý kiến bạn đọc</div>
<footer>Bản quyền thuộc về báo</footer><script>var tracking = 1;</script></body></html>"""
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    doc = _one(path)
    assert doc.title == "Quảng Ninh tôn vinh 50 mô hình dân vận khéo"
    assert doc.title_span is not None and doc.raw[doc.title_span.start : doc.title_span.end] == doc.title
    assert doc.published == dt.date(2024, 5, 2)
    assert doc.source == "Báo Quảng Ninh"
    assert doc.url == "https://baoquangninh.vn/bai-viet.html"
    assert doc.place == "Quảng Ninh"
    body = doc.body_text()
    for chrome in ("Trang chủ", "Chia sẻ", "Tin liên quan", "Bài khác", "Ý kiến", "Bản quyền", "tracking"):
        assert chrome not in body
    got = [doc.sentence_text(s) for s in doc.sentences]
    # inline <b> does not break the line; entities are decoded; the figure caption is its own sentence
    assert got[0] == "Chiều 1/5, Ban Dân vận Tỉnh ủy Quảng Ninh tổ chức lễ tôn vinh 50 mô hình “Dân vận khéo”."
    assert "Các đại biểu dự lễ" in got
    assert len(got) == 4


def test_jsonl_corpus_shape_and_contract_shape(tmp_path: Path) -> None:
    records = [
        {"id": "77", "title": "Phú Thọ sơ kết phong trào", "sapo": "Tóm tắt ngắn.",
         "body": "Sáng 3/4, tỉnh Phú Thọ họp. Kết thúc. Minh Hà"},
        {"title": "Hội thi dân vận khéo", "body": "Ngày 5/6, Ban Dân vận Tỉnh ủy tổ chức hội thi.",
         "date": "2023-06-05", "url": "https://baoyenbai.com.vn/x", "source": "Báo Yên Bái"},
    ]  # fmt: skip
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    first, second = list(read_file(path))
    assert first.id == "article:77" and first.position == 1 and second.position == 2
    assert first.title == "Phú Thọ sơ kết phong trào"
    assert first.raw == "Phú Thọ sơ kết phong trào\n\nTóm tắt ngắn.\n\nSáng 3/4, tỉnh Phú Thọ họp. Kết thúc. Minh Hà"
    body = first.parts["body"]
    assert first.raw[body.start : body.end] == records[0]["body"]
    assert first.authors == ["Minh Hà"]  # byline run into the end of a one-line body
    got = [first.sentence_text(s) for s in first.sentences]
    assert got == ["Tóm tắt ngắn.", "Sáng 3/4, tỉnh Phú Thọ họp.", "Kết thúc."]
    assert first.place == "Phú Thọ"
    assert second.published == dt.date(2023, 6, 5)
    assert second.source == "Báo Yên Bái" and second.url == "https://baoyenbai.com.vn/x"
    assert second.place == "Yên Bái"
    assert second.id.startswith("article:") and len(second.id) == 8 + 16


def test_folders_are_read_recursively_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE.replace("Hà Tĩnh", "Nghệ An"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("không phải bài báo", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    results = list(read_paths([tmp_path]))
    assert [Path(r.path).name for r in results if isinstance(r, Document)] == ["a.txt", "z.txt"]
    assert [r.place for r in results if isinstance(r, Document)] == ["Nghệ An", "Hà Tĩnh"]
    missing = list(read_paths([tmp_path / "nope.txt"]))
    assert missing == [ReadError(str(tmp_path / "nope.txt"), "no such file or directory")]
