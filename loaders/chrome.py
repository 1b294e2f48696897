"""Page chrome: the lines a news page wraps around an article (share buttons, comment forms, related-news
headers, visitor counters, menus). None of it is article text.

Two kinds of line are recognised: a *chrome line* is made only of chrome phrases, numbers and separators
("Tất cả | 3089933 |", "Video hoạt độngHình ảnh hoạt động", "Số lượt xem 223"); a *footer marker*
("Các tin khác", "Xem nhiều nhất", "Ý kiến bạn đọc", ...) starts the page's footer, and what follows it
(other articles' headlines, comment forms) is chrome too.
"""

from __future__ import annotations

import re

#: Phrases that start the footer: everything after them is not the article.
FOOTER_MARKERS = (
    "Gửi cho bạn bè",
    "Thông tin người gửi phản hồi",
    "Gửi phản hồi",
    "Các tin khác",
    "Tin khác",
    "Các tin đã đưa",
    "Tin liên quan",
    "Các tin liên quan",
    "Bài viết liên quan",
    "Tin bài liên quan",
    "Tin cùng chuyên mục",
    "Tin mới hơn",
    "Tin cũ hơn",
    "Tin đã đưa",
    "Xem nhiều nhất",
    "Đọc nhiều nhất",
    "Tin đọc nhiều",
    "Tin xem nhiều",
    "Ý kiến bạn đọc",
    "Bình luận",
    "Gửi bình luận",
    "Viết bình luận",
    "Ý kiến của bạn",
    "Thống kê truy cập",
    "Website liên kết",
    "Liên kết website",
)

#: Phrases that are chrome wherever they stand alone on a line.
CHROME_PHRASES = (
    *FOOTER_MARKERS,
    "Phản hồi",
    "Video hoạt động",
    "Hình ảnh hoạt động",
    "Video",
    "Hình ảnh",
    "Thư viện ảnh",
    "Đang online",
    "Đang truy cập",
    "Trực tuyến",
    "Tất cả",
    "Tổng truy cập",
    "Tổng lượt truy cập",
    "Lượt truy cập",
    "Truy cập",
    "Hôm nay",
    "Hôm qua",
    "Tuần này",
    "Tháng này",
    "Số lượt xem",
    "Lượt xem",
    "Lượt đọc",
    "In bài",
    "In bài viết",
    "Bản in",
    "Chia sẻ",
    "Chia sẻ bài viết",
    "Email",
    "Facebook",
    "Twitter",
    "Zalo",
    "Trang chủ",
    "Quay lại",
    "Trở về",
    "Về đầu trang",
    "Lên đầu trang",
    "Xem thêm",
    "Đọc tiếp",
    "Tags",
    "Từ khóa",
    "Từ khoá",
    "Nghe đọc bài",
    "Nghe bài viết",
    "Cỡ chữ",
    "Tin tức",
    "Tin tức - Sự kiện",
    "Tin tức sự kiện",
    "Tin mới",
    "Tin nổi bật",
    "Góp ý",
    "Liên hệ",
    "Đăng nhập",
    "Đăng ký",
    "Tìm kiếm",
    "Bạn đọc",
    "Thích",
    "Like",
    "Share",
    "Tweet",
    "A-",
    "A+",
)

_SEPARATORS = r"[\s|>»«/•·:\-–—,;.()\[\]*+#]"
_PHRASE_ALTERNATION = "|".join(re.escape(p) for p in sorted(set(CHROME_PHRASES), key=len, reverse=True))
_CHROME_LINE = re.compile(rf"^(?:{_SEPARATORS}|\d|(?:{_PHRASE_ALTERNATION}))*$", re.IGNORECASE)
_HAS_WORD = re.compile(r"[^\W\d_]")
_FOOTER = re.compile(
    rf"^\s*(?:{'|'.join(re.escape(p) for p in sorted(FOOTER_MARKERS, key=len, reverse=True))})\s*[:(]?[\d\s)]*$",
    re.IGNORECASE,
)
_MENU_SPLIT = re.compile(r"\s*(?:\||»|›|>|•)\s*")


def is_chrome(line: str) -> bool:
    """A line made only of chrome phrases, numbers and separators (and at least one phrase or counter)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return False
    return bool(_CHROME_LINE.match(stripped)) and (bool(_HAS_WORD.search(stripped)) or "|" in stripped)


def is_footer_marker(line: str) -> bool:
    """A line that starts the page footer ("Các tin khác", "Ý kiến bạn đọc", "Bình luận:" ...)."""
    return bool(_FOOTER.match(line))


def is_menu(line: str) -> bool:
    """A navigation line: three or more short items between '|', '»' or '>' ("Trang chủ » Tin tức » Dân vận")."""
    stripped = line.strip()
    if len(stripped) > 300 or stripped.endswith((".", "?", "!")):
        return False
    items = [item for item in _MENU_SPLIT.split(stripped) if item]
    separators = len(_MENU_SPLIT.findall(stripped))
    return separators >= 2 and len(items) >= 2 and all(len(item.split()) <= 5 for item in items)
