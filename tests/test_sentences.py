"""Rule-based sentence splitting on Vietnamese news text (sentences written for the test)."""

from __future__ import annotations

from danvan.loaders.document import Span
from danvan.loaders.sentences import split_block, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_block(text, 0, len(text))]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Dự có PGS.TS. Trần Văn Bình và ThS. Lê Thị Hoa, GS. Phạm An, TS. Vũ Hà. "
        "Hội nghị diễn ra tại TP. Hồ Chí Minh và Tp. Cần Thơ, TX. Sơn Tây."
    )
    assert sentences(text) == [
        "Dự có PGS.TS. Trần Văn Bình và ThS. Lê Thị Hoa, GS. Phạm An, TS. Vũ Hà.",
        "Hội nghị diễn ra tại TP. Hồ Chí Minh và Tp. Cần Thơ, TX. Sơn Tây.",
    ]


def test_initials_and_ward_numbers() -> None:
    assert sentences("Trụ sở ở Q. 1 và P. 5, do ông Nguyễn V. Anh phụ trách. Sau đó nghỉ.") == [
        "Trụ sở ở Q. 1 và P. 5, do ông Nguyễn V. Anh phụ trách.",
        "Sau đó nghỉ.",
    ]


def test_numbers_dates_and_vv() -> None:
    text = "Toàn tỉnh có 4.235 mô hình, 75.000 m2 đất, ngày 19/6/2024, cây, con v.v. đều tăng. Năm 2025 tiếp tục."
    assert sentences(text) == [
        "Toàn tỉnh có 4.235 mô hình, 75.000 m2 đất, ngày 19/6/2024, cây, con v.v. đều tăng.",
        "Năm 2025 tiếp tục.",
    ]
    assert sentences("Gồm lúa, ngô v.v. Ngoài ra còn rau.") == ["Gồm lúa, ngô v.v.", "Ngoài ra còn rau."]


def test_list_numbers_stay_with_their_item() -> None:
    assert sentences("Nhiệm vụ gồm: 1. Tuyên truyền. 2. Vận động nhân dân. 3. Kiểm tra.") == [
        "Nhiệm vụ gồm: 1. Tuyên truyền.",
        "2. Vận động nhân dân.",
        "3. Kiểm tra.",
    ]


def test_official_ending_and_ellipses() -> None:
    text = "Thực hiện tốt quy chế dân chủ./. Tin: Hà An"
    assert sentences(text) == ["Thực hiện tốt quy chế dân chủ./.", "Tin: Hà An"]
    text = "Tăng cường giám sát... Phong trào phát triển… Các xã tham gia... và nhiều nơi khác."
    assert sentences(text) == [
        "Tăng cường giám sát...",
        "Phong trào phát triển…",
        "Các xã tham gia... và nhiều nơi khác.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = 'Đẩy mạnh phong trào “Dân vận khéo”. Ông nói: "Phải làm tốt." Bà đồng ý. "Mô hình hay" được nhân rộng.'
    assert sentences(text) == [
        "Đẩy mạnh phong trào “Dân vận khéo”.",
        'Ông nói: "Phải làm tốt."',
        "Bà đồng ý.",
        '"Mô hình hay" được nhân rộng.',
    ]


def test_semicolon_lists_and_colons_do_not_split() -> None:
    text = "Dự có các đồng chí: Lê Văn A, Bí thư; Trần Thị B, Phó Bí thư; Ngô C, Trưởng ban. Hết."
    assert sentences(text) == [
        "Dự có các đồng chí: Lê Văn A, Bí thư; Trần Thị B, Phó Bí thư; Ngô C, Trưởng ban.",
        "Hết.",
    ]
    assert sentences("Làm A; B; C. Sau đó nghỉ.") == ["Làm A; B; C.", "Sau đó nghỉ."]


def test_questions_exclamations_and_missing_space() -> None:
    assert sentences("Vì sao? Vì dân! Đúng vậy.Đồng chí Hùng đồng ý.") == [
        "Vì sao?",
        "Vì dân!",
        "Đúng vậy.",
        "Đồng chí Hùng đồng ý.",
    ]
    assert sentences("Truy cập baolaocai.vn và TP.HCM hôm nay.") == ["Truy cập baolaocai.vn và TP.HCM hôm nay."]


def test_lines_are_boundaries_and_captions_are_sentences() -> None:
    text = "Quang cảnh hội nghị\nĐồng chí Hà phát biểu. Các đại biểu nhất trí\nthông qua nghị quyết."
    lines = [Span(0, 19), Span(20, 64), Span(65, len(text))]
    assert text[lines[0].start : lines[0].end] == "Quang cảnh hội nghị"
    got = [text[s.start : s.end] for s in split_sentences(text, lines)]
    # a line that does not end in punctuation and is followed by a lower-case line is hard-wrapped
    assert got == ["Quang cảnh hội nghị", "Đồng chí Hà phát biểu.", "Các đại biểu nhất trí\nthông qua nghị quyết."]


def test_spans_are_trimmed_offsets() -> None:
    text = "   Câu một.   Câu hai!  "
    spans = split_block(text, 0, len(text))
    assert spans == [Span(3, 11), Span(14, 22)]


def test_tp_ends_a_sentence_when_no_city_follows() -> None:
    text = "Ông A được bổ nhiệm Hiệu trưởng Trường Chính trị TP. Ông Quang thay ông Bình. Tuyên truyền ở TP. Vinh."
    assert sentences(text) == [
        "Ông A được bổ nhiệm Hiệu trưởng Trường Chính trị TP.",
        "Ông Quang thay ông Bình.",
        "Tuyên truyền ở TP. Vinh.",
    ]
    assert sentences("Hội nghị ở TP. Tuy nhiên, trời mưa.") == ["Hội nghị ở TP.", "Tuy nhiên, trời mưa."]
