"""HTML input: the article's main text taken from a news page, chrome dropped.

Steps: decode (the page's declared charset if it works, else :func:`loaders.encoding.decode`); parse
with selectolax (lexbor, forgiving with broken markup); read the head's metadata (og:title, published
time, site name, canonical URL, author); drop scripts, styles, navigation, headers, footers, forms and
elements whose class or id names chrome (menu, sidebar, comment, related, share, ...); pick the
container of the article (``<article>``, ``itemprop=articleBody`` or known content classes, else the
element holding the most paragraph text); turn it into lines (block elements end a line, inline
elements do not). The page's headline comes first in ``raw``, then a blank line, then the text; the
rest (datelines, bylines, chrome lines left inside the container) is handled as for .txt files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from danvan.loaders.document import Document, Span
from danvan.loaders.encoding import DecodeError, decode
from danvan.loaders.jsonl import parse_date
from danvan.loaders.normalize import to_nfc
from danvan.loaders.read import MAX_HTML_BYTES, ReadError, _read_bytes, build_document, location

_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "svg", "form", "button", "nav", "header", "footer", "aside",
    "select", "input", "textarea", "template", "object", "embed", "canvas", "video", "audio", "map", "head",
)  # fmt: skip
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:menu|nav|navbar|sidebar|side-bar|footer|header|breadcrumbs?|comments?|binh-?luan|related|"
    r"lien-?quan|tin-?khac|other-?news|xem-?nhieu|most-?view|share|social|sharing|tags?|keywords?|advert\w*|ads?|"
    r"banner|widget|popup|modal|cookie|print|rating|author-box|subscribe|newsletter|pagination|toolbar)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_SELECTORS = (
    "[itemprop=articleBody]",
    "article .content",
    "article",
    ".detail-content",
    ".content-detail",
    ".article-content",
    ".article-body",
    ".entry-content",
    ".post-content",
    ".news-content",
    ".detail__content",
    ".fck_detail",
    ".noidung",
    ".chitiet",
    ".main-content",
    "#content",
)
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name not in ("utf-8", "utf8"):
            try:
                return data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data)


def _meta(tree: Any, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{name}"]')
            if node is not None:
                content = (node.attributes.get("content") or "").strip()
                if content:
                    return content
    return ""


def _lines(root: Any) -> list[str]:
    """Text of ``root`` as lines: block elements break lines, inline ones do not (iterative walk)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            flush()
            continue
        if tag == "-text":
            current.append((node.text_content or "").replace("\n", " "))
            continue
        if tag in ("-comment", "-doctype") or tag in _DROP_TAGS:
            continue
        is_block = tag in _BLOCK_TAGS
        if is_block:
            flush()
            stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    flush()
    return lines


def _drop_chrome(tree: Any) -> None:
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    body = tree.body
    page_length = len(body.text(strip=True)) if body is not None else 0
    # Reverse document order: descendants go before their ancestors, so no freed node is touched.
    for node in reversed(tree.css("[class], [id]")):
        attrs = node.attributes
        marker = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if not _CHROME_ATTR.search(marker) or node.tag in ("body", "html", "article", "main"):
            continue
        # A class name is only a hint: never drop what holds most of the page ("post-content ads-free").
        if len(node.text(strip=True)) > page_length / 2:
            continue
        node.decompose()


def _container(tree: Any) -> Any:
    for selector in _CONTENT_SELECTORS:
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) >= 200:
            return node
    best, best_score = None, 0
    scores: dict[int, tuple[Any, int]] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is None:
            continue
        key = parent.mem_id  # wrappers are created per access; mem_id identifies the DOM node
        held, score = scores.get(key, (parent, 0))
        scores[key] = (held, score + len(paragraph.text(strip=True)))
    for node, score in scores.values():
        if score > best_score:
            best, best_score = node, score
    return best if best is not None and best_score >= 200 else tree.body


def read_html_file(path: Path, where: str | None = None) -> Document:
    """One news page; ``where`` is its location (default: as a file named directly)."""
    data = _read_bytes(path, MAX_HTML_BYTES)
    try:
        decoded, encoding = _decode_html(data)
    except DecodeError as exc:
        raise ReadError(str(path), str(exc)) from None
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decoded)
    if tree.body is None:
        raise ReadError(str(path), "malformed HTML: no page body")
    h1 = tree.css_first("h1")
    title_node = tree.css_first("title")
    headline = (h1.text(strip=True) if h1 is not None else "") or _meta(tree, "og:title", "twitter:title")
    # <title> usually adds the site name: "Báo Lào Cai - Hội thảo ..." (the longest part is the headline).
    title_parts = re.split(r"\s+[-|–—]\s+", title_node.text(strip=True)) if title_node is not None else []
    if not headline and title_parts:
        headline = max(title_parts, key=len)
    headline = _SPACES.sub(" ", headline).strip()
    published = parse_date(_meta(tree, "article:published_time", "datePublished", "pubdate", "date", "dc.date"))
    source = _meta(tree, "og:site_name", "publisher")
    if not source and len(title_parts) >= 2:
        shortest = min(title_parts, key=len)
        source = shortest if len(shortest) <= 40 else ""
    canonical = tree.css_first('link[rel="canonical"]')
    url = _meta(tree, "og:url") or ((canonical.attributes.get("href") or "") if canonical is not None else "")
    if h1 is not None:
        h1.decompose()
    _drop_chrome(tree)
    container = _container(tree)
    lines = _lines(container) if container is not None else []
    if headline:
        lines = [line for line in lines if line != headline]
    body_text = to_nfc("\n".join(lines))
    if not body_text.strip():
        raise ReadError(str(path), "no article text found in the HTML page")
    headline = to_nfc(headline)
    parts: dict[str, Span] = {}
    if headline:
        raw = headline + "\n\n" + body_text
        parts = {"title": Span(0, len(headline)), "body": Span(len(headline) + 2, len(raw))}
    else:
        raw = body_text
        parts = {"body": Span(0, len(raw))}
    doc = build_document(
        str(path),
        raw,
        encoding=encoding,
        title=headline,
        title_span=parts.get("title"),
        published=published,
        source=source,
        url=url,
        parts=parts,
        where=location(path) if where is None else where,
    )
    if not doc.body:
        raise ReadError(str(path), "no article text found in the HTML page")
    return doc
