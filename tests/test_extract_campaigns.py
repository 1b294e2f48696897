"""Campaigns with their figures, documents with their issuers, abbreviations and places."""

from __future__ import annotations

import datetime as dt

from extract_helpers import extract_text

from danvan.loaders.abbreviations import expand
from danvan.loaders.campaigns import parse_number


def test_vietnamese_number_format() -> None:
    assert parse_number("4.235") == 4235
    assert parse_number("75.000") == 75000
    assert parse_number("1,5") == 1.5


def test_abbreviations_are_spelled_out() -> None:
    assert expand("Ủy viên Ban TVTU, Phó Chủ tịch HĐND tỉnh") == (
        "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Hội đồng nhân dân tỉnh"
    )
    assert expand("Chủ tịch UBMTTQ tỉnh, Đoàn ĐBQH, BCĐ QCDC, Ban Chấp hành T.Ư, TP.HCM") == (
        "Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh, Đoàn đại biểu Quốc hội, Ban Chỉ đạo thực hiện Quy chế dân chủ, "
        "Ban Chấp hành Trung ương, thành phố Hồ Chí Minh"
    )
    assert expand("Hội LHTN và GPMB ở TP. Vinh") == "Hội Liên hiệp Thanh niên và giải phóng mặt bằng ở thành phố Vinh"


def test_campaign_figure_with_breakdown_runs_from_the_place_named_before_it() -> None:
    facts = extract_text(
        "Tin Tuyên Quang\n"
        "Đến nay, Tuyên Quang đã có 2.345 mô hình “Dân vận khéo”, trong đó 1.200 mô hình trong lĩnh vực kinh tế, "
        "1.145 mô hình lĩnh vực văn hóa - xã hội. Tỉnh cũng thực hiện “Năm dân vận chính quyền” 2021.\n",
        published=dt.date(2021, 6, 1),
    )
    runs = {(facts.name(f.subject), facts.name(f.object)): f.properties for f in facts.facts("RUNS")}
    figures = runs[("Tuyên Quang", "Dân vận khéo")]
    assert figures["value"] == 2345
    assert figures["unit"] == "mô hình"
    assert figures["breakdown"] == "kinh tế: 1200; văn hóa - xã hội: 1145"
    assert figures["as_of"] == dt.date(2021, 6, 1)
    assert ("Tuyên Quang", "Năm dân vận chính quyền 2021") in runs


def test_lower_case_dan_van_kheo_is_not_the_movement() -> None:
    facts = extract_text("Tin Yên Bái\nCán bộ Yên Bái cần dân vận khéo trong giải phóng mặt bằng.\n")
    assert facts.entities("Campaign") == []


def test_documents_numbered_named_and_laws_with_their_issuers() -> None:
    facts = extract_text(
        "Tin Sơn La\n"
        "Hội nghị nhằm triển khai Đề án số 09 của Ban Chấp hành Đảng bộ tỉnh, Kế hoạch số 120-KH/TU của "
        "Ban Thường vụ Tỉnh ủy Sơn La, Nghị quyết số 43-NQ/TW và Luật thực hiện dân chủ ở cơ sở năm 2022.\n"
    )
    issued = {(facts.name(f.object), facts.name(f.subject)) for f in facts.facts("ISSUED")}
    assert issued == {
        ("Đề án số 09", "Ban Chấp hành Đảng bộ tỉnh Sơn La"),
        ("Kế hoạch số 120-KH/TU", "Ban Thường vụ Tỉnh ủy Sơn La"),
        ("Nghị quyết số 43-NQ/TW", "Ban Chấp hành Trung ương Đảng"),
        ("Luật thực hiện dân chủ ở cơ sở năm 2022", "Quốc hội"),
    }
    kinds = {e.name: (e.properties["kind"], e.properties.get("number")) for e in facts.entities("Document")}
    assert kinds["Kế hoạch số 120-KH/TU"] == ("kế hoạch", "120-KH/TU")


def test_merged_province_is_linked_to_its_successor() -> None:
    facts = extract_text("Tin Nam Định\nĐồng chí Lê Quốc Chỉnh, Phó Bí thư Tỉnh ủy Nam Định phát biểu.\n")
    merged = {(facts.name(f.subject), facts.name(f.object)) for f in facts.facts("MERGED_INTO")}
    assert merged == {("Nam Định", "Ninh Bình")}
    statuses = {e.name: e.properties["status"] for e in facts.entities("Place")}
    assert statuses == {"Nam Định": "merged", "Ninh Bình": "current"}


def test_quoted_shows_and_slogans_are_not_campaigns_without_a_mobilisation_cue() -> None:
    facts = extract_text(
        "Tin Hải Dương\n"
        "Tối 12/5, chương trình “Ngôi sao làng quê” lên sóng truyền hình tỉnh Hải Dương. "
        "Khán giả gửi câu hỏi cho chương trình “Ai giỏi nhất?” và hát vang khẩu hiệu “Tiến lên”. "
        "Các xã hưởng ứng phong trào “Ngõ xóm sáng đèn”, xây dựng mô hình “Tổ liên gia an toàn”, "
        "thực hiện chương trình phối hợp “Phụ nữ giữ đường quê sạch” "
        "và chương trình “Chung tay vì bạn nghèo vùng cao”.\n"
    )
    found = {(e.name, e.properties.get("kind")) for e in facts.entities("Campaign")}
    assert found == {
        ("Ngõ xóm sáng đèn", "movement"),
        ("Tổ liên gia an toàn", "model"),
        ("Phụ nữ giữ đường quê sạch", "programme"),
        ("Chung tay vì bạn nghèo vùng cao", "programme"),
    }


def _runs(text: str) -> dict[tuple[str, str], dict[str, object]]:
    facts = extract_text(text, published=dt.date(2024, 4, 2))
    return {(facts.name(f.subject), facts.name(f.object)): f.properties for f in facts.facts("RUNS")}


def test_campaign_figures_count_meetings_works_and_land_not_only_models() -> None:
    runs = _runs(
        "Tin Phú Yên\n"
        'Sau một năm triển khai chủ đề "Năm dân vận chính quyền", các xã của Phú Yên đã tổ chức 415 cuộc tiếp xúc, '
        "đối thoại với người dân. Đoàn viên trong tỉnh đã làm 860 công trình, phần việc thanh niên trong phong trào "
        '"Tuổi trẻ chung tay xây dựng nông thôn mới".\n'
    )
    year = runs[("Phú Yên", "Năm dân vận chính quyền")]
    assert (year["value"], year["unit"]) == (415, "cuộc tiếp xúc, đối thoại")
    youth = runs[("Phú Yên", "Tuổi trẻ chung tay xây dựng nông thôn mới")]
    assert (youth["value"], youth["unit"]) == (860, "công trình, phần việc")


def test_headline_campaign_takes_the_figure_of_a_report_sentence_that_does_not_repeat_its_name() -> None:
    runs = _runs(
        'Phú Yên: Sơ kết 3 năm thực hiện chủ đề "Năm dân vận chính quyền"\n'
        'Sáng 1/4, Tỉnh ủy Phú Yên tổ chức hội nghị sơ kết 3 năm thực hiện chủ đề "Năm dân vận chính quyền". '
        "Theo báo cáo, sau 3 năm, chính quyền các cấp trong tỉnh đã tổ chức 1.204 cuộc đối thoại với nhân dân.\n"
    )
    figures = runs[("Phú Yên", "Năm dân vận chính quyền")]
    assert (figures["value"], figures["unit"]) == (1204, "cuộc đối thoại")


def test_figure_of_a_district_article_is_run_by_the_district() -> None:
    runs = _runs(
        "Phú Yên: Tuy An vận động hiến đất làm đường\n"
        "Sáng 1/4, Huyện ủy Tuy An tổ chức lễ ra quân. Theo Chủ tịch UBND huyện Lê Văn Tư, qua các mô hình "
        '"Dân vận khéo", người dân trong huyện đã hiến 8.400 m2 đất để làm đường.\n'
    )
    figures = runs[("huyện Tuy An", "Dân vận khéo")]
    assert (figures["value"], figures["unit"]) == (8400, "m2 đất")
    assert not any(runner == "Phú Yên" for runner, _ in runs)


def test_document_number_suffix_names_the_steering_committee_of_the_article() -> None:
    facts = extract_text(
        "Tin Hậu Giang\n"
        "Chiều 5-3, Ban Chỉ đạo (BCĐ) thực hiện Quy chế dân chủ (QCDC) ở cơ sở tỉnh Hậu Giang tổ chức hội nghị. "
        "Cùng chủ trì có đồng chí Trần Văn Mười, Trưởng Ban Dân vận Tỉnh ủy, Phó Trưởng ban Thường trực BCĐ. "
        "Các huyện cần làm theo Kế hoạch số 12-KH/BCĐ của BCĐ tỉnh.\n"
    )
    issued = {(facts.name(f.object), facts.name(f.subject)) for f in facts.facts("ISSUED")}
    steering = "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Hậu Giang"
    assert issued == {("Kế hoạch số 12-KH/BCĐ", steering)}
    assert ("Trần Văn Mười", f"Phó Trưởng Ban Thường trực {steering}") in facts.holds


def test_the_one_mass_organisation_of_the_sentence_runs_the_campaign() -> None:
    facts = extract_text(
        "Tin huyện Ba Vì\n"
        "Ở huyện Ba Vì, Chủ tịch Hội Nông dân huyện Phan Thị Yến cho biết: Hội Nông dân đã triển khai "
        "cuộc vận động “Toàn dân giữ sạch đường làng”.\n"
    )
    runs = {(facts.name(f.subject), facts.name(f.object)) for f in facts.facts("RUNS")}
    assert runs == {("Hội Nông dân huyện Ba Vì", "Toàn dân giữ sạch đường làng")}


def test_the_article_locality_keeps_its_level_as_the_kind_of_place() -> None:
    facts = extract_text(
        "Hà Nội: quận Hoàn Kiếm gặp mặt tân binh\n"
        "Tối 10/2, Quận ủy quận Hoàn Kiếm (Hà Nội) tổ chức buổi gặp mặt thanh niên lên đường nhập ngũ năm 2024. "
        "Ông Lê Văn Tám chủ trì buổi gặp mặt.\n"
    )
    (held_in,) = facts.facts("HELD_IN")
    assert facts.name(held_in.object) == "quận Hoàn Kiếm"
    assert facts.entity(held_in.object).properties["kind"] == "district"


def test_document_numbers_written_apart_from_their_issuer_code() -> None:
    facts = extract_text(
        "Tin Đà Nẵng\n"
        "Cán bộ học tập Chỉ thị số 12- CT/TU của Ban Thường vụ Thành ủy Đà Nẵng và Chỉ thị 34 – CT/TW. "
        "Tàu được đóng theo Nghị định 55/2015 NĐ-CP, theo Quyết định 20/QĐ-UBND.\n"
    )
    numbers = {e.properties.get("number") for e in facts.entities("Document")}
    assert numbers == {"12-CT/TU", "34-CT/TW", "55/2015/NĐ-CP", "20/QĐ-UBND"}
