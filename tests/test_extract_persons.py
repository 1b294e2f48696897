"""Person names: surnames, cues, and places or bodies that start like names."""

from __future__ import annotations

import datetime as dt

from extract_helpers import extract_text

from danvan.loaders.persons import find_persons


def names(text: str) -> list[str]:
    return [p.name for p in find_persons(text)]


def test_surname_led_names_of_several_shapes() -> None:
    text = "Dự có Nguyễn Thị Kim Dung, Lý Thị Vinh, Giàng Thị Dung, Tôn Nữ Thị Ninh và Lê Quốc Chỉnh."
    assert names(text) == ["Nguyễn Thị Kim Dung", "Lý Thị Vinh", "Giàng Thị Dung", "Tôn Nữ Thị Ninh", "Lê Quốc Chỉnh"]


def test_person_cues_let_in_names_without_a_listed_surname() -> None:
    assert names("Dự có đồng chí Y Thanh Hà Niê Kđăm và ông Ksor Phước.") == ["Y Thanh Hà Niê Kđăm", "Ksor Phước"]


def test_places_streets_and_bodies_are_not_persons() -> None:
    text = (
        "Tại đường Lê Lợi, phường Hoàng Văn Thụ, tỉnh Hà Nam, Đoàn Thanh niên Cộng sản Hồ Chí Minh "
        "và Cao Bằng, Hà Tĩnh đã ký kết."
    )
    assert names(text) == []


def test_name_after_a_place_in_a_title_before_the_name() -> None:
    assert names("Trưởng ban Dân vận Tỉnh ủy Bắc Giang Nguyễn Thị Kim Dung cho biết.") == ["Nguyễn Thị Kim Dung"]
    assert names("Bí thư Huyện ủy Quỳnh Lưu Phan Đức Tài chủ trì.") == ["Phan Đức Tài"]
    assert names("Chủ tịch HĐND thành phố Nguyễn Hoàng Long phát biểu.") == ["Nguyễn Hoàng Long"]


def test_a_name_stops_where_a_title_starts() -> None:
    assert names("Ông Trần Văn Sơn Phó Chủ tịch xã dự.") == ["Trần Văn Sơn"]


def test_dong_is_a_name_syllable_but_dong_chi_still_opens_the_next_person() -> None:
    facts = extract_text(
        "Tin Hưng Yên\n"
        "Ông Vũ Ngọc Đồng, Giám đốc Sở Nội vụ tỉnh Hưng Yên và Đồng Minh Thịnh dự họp. "
        "Cùng dự có Lê Văn Hà Đồng chí Nguyễn Văn Tú.\n"
    )
    assert {"Vũ Ngọc Đồng", "Đồng Minh Thịnh", "Lê Văn Hà", "Nguyễn Văn Tú"} <= facts.persons
    assert not any(name.endswith("Hà Đồng") for name in facts.persons)


def test_a_caption_verb_or_a_body_word_does_not_end_up_in_a_name() -> None:
    facts = extract_text(
        "Hội nghị ở Hà Nam\n"
        "Thứ trưởng Bộ Y tế Lê Văn Nam Kết luận hội nghị. "
        "Bà Đinh Thị Mai - Phó Bí thư Tỉnh ủy, Trưởng Đoàn Đại biểu Quốc hội tỉnh Hà Nam dự họp.\n"
    )
    assert facts.persons == {"Lê Văn Nam", "Đinh Thị Mai"}


def test_a_photo_credit_is_not_a_person_of_the_story() -> None:
    facts = extract_text(
        "Lễ ra quân ở Bến Tre\n"
        "Ảnh: Trần Văn Việt/TTXVN Phó Chủ tịch UBND tỉnh Bến Tre Lê Văn Hưng phát biểu tại lễ ra quân.\n"
    )
    assert facts.persons == {"Lê Văn Hưng"}


def test_a_given_name_after_a_cue_refers_back_to_the_one_full_name_that_ends_with_it() -> None:
    facts = extract_text(
        "Tin Sóc Trăng\n"
        "Ông Lâm Văn Khải nghỉ hưu từ tháng 5. Ông Khải từng đảm nhiệm chức vụ Giám đốc Sở Y tế tỉnh Sóc Trăng.\n"
    )
    assert facts.holds_status == {("Lâm Văn Khải", "Giám đốc Sở Y tế tỉnh Sóc Trăng", "former")}


def test_a_given_name_shared_by_two_people_named_before_is_left_alone() -> None:
    facts = extract_text(
        "Tin Sóc Trăng\n"
        "Ông Lâm Văn Khải và ông Trần Quốc Khải dự họp. Ông Khải từng là Giám đốc Sở Y tế tỉnh Sóc Trăng.\n"
    )
    assert facts.holds == set()


def test_a_name_after_the_agriculture_ministry_is_not_a_hamlet() -> None:
    # "thôn" (hamlet) introduces places named after people, but "Phát triển nông thôn" ends a ministry's name
    assert names("Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Văn Tuấn dự lễ.") == ["Lê Văn Tuấn"]
    assert names("Về thôn Lê Lợi của xã.") == []


def test_a_person_is_of_the_province_of_the_posts_held_not_of_the_article() -> None:
    facts = extract_text(
        "Giao ban dân vận ở Nghệ An\n"
        "Ngày 8/5, tại thành phố Vinh, tỉnh Nghệ An, Ban Dân vận Trung ương tổ chức hội nghị giao ban. "
        "Đồng chí Lò Văn Thạch, Phó Trưởng Ban Dân vận Trung ương chủ trì. "
        "Đồng chí Hà Thị Xoan, Trưởng Ban Dân vận Tỉnh ủy Thanh Hóa trình bày tham luận. "
        "Đồng chí Trịnh Minh Lực, Chủ tịch UBND huyện Nam Đàn phát biểu.\n"
    )
    props = {e.name: e.properties for e in facts.entities("Person")}
    assert props["Hà Thị Xoan"].get("province") == "Thanh Hóa"
    # A central official belongs to no province, whatever the article's place.
    assert "province" not in props["Lò Văn Thạch"] and props["Lò Văn Thạch"]["level"] == "central"
    # A district body is in the article's province.
    assert props["Trịnh Minh Lực"].get("province") == "Nghệ An"


def test_lien_ends_a_name_but_opens_a_body_and_central_doan_is_not_a_surname() -> None:
    facts = extract_text(
        "Tin Hà Nội\n"
        "Thứ trưởng Bộ VHTTDL Ngô Thị Bích Liên và bà Trần Thị Hoa, Chủ tịch Hội Liên hiệp Phụ nữ tỉnh Nam Định, "
        "dự lễ. Bí thư T.Ư Đoàn Bùi Văn Bảy chủ trì hội nghị; ông Đoàn Văn Tám, Bí thư Trung ương Đoàn, cùng dự.\n"
    )
    assert facts.persons == {"Ngô Thị Bích Liên", "Trần Thị Hoa", "Bùi Văn Bảy", "Đoàn Văn Tám"}
    assert ("Bùi Văn Bảy", "Bí thư Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh") in facts.holds


def test_a_district_the_gazetteer_knows_is_not_cut_by_a_family_name_inside_it() -> None:
    facts = extract_text("Tin Quảng Nam\nÔng Lê Văn Tám, Chủ tịch UBND huyện Bắc Trà My cho biết.\n")
    assert facts.persons == {"Lê Văn Tám"}
    assert facts.holds == {("Lê Văn Tám", "Chủ tịch Ủy ban nhân dân huyện Bắc Trà My")}


def test_a_mass_organisation_of_an_implied_district_before_a_name() -> None:
    facts = extract_text("Tin huyện Ba Vì\nỞ huyện Ba Vì, Chủ tịch Hội Nông dân huyện Phan Thị Yến cho biết kết quả.\n")
    assert facts.holds == {("Phan Thị Yến", "Chủ tịch Hội Nông dân huyện Ba Vì")}


def test_lunar_years_and_newspapers_are_not_persons() -> None:
    facts = extract_text(
        "Tin Bà Rịa - Vũng Tàu\n"
        "Tỉnh tổ chức buổi họp mặt doanh nghiệp xuân Đinh Dậu 2017. Phóng viên báo Thanh Niên đã hỏi ông "
        "Đinh Văn Dậu về việc này. Ảnh: Dân Trí.\n"
    )
    assert facts.persons == {"Đinh Văn Dậu"}


def test_a_name_after_moi_truong_is_a_person_but_after_a_school_it_is_not() -> None:
    facts = extract_text(
        "Tin Hòa Bình\n"
        "Giám đốc Sở Tài nguyên và Môi trường Lê Văn Tám báo cáo với HĐND tỉnh Hòa Bình. "
        "Học sinh trường Hồ Văn Chín được khen.\n"
    )
    assert facts.persons == {"Lê Văn Tám"}
    assert facts.holds == {("Lê Văn Tám", "Giám đốc Sở Tài nguyên và Môi trường tỉnh Hòa Bình")}


def test_a_historic_site_named_after_a_place_is_not_a_person() -> None:
    facts = extract_text(
        "Tin Nghệ An\n"
        "Chiều cùng ngày, tại Khu di tích Kim Liên, Trung tướng Lê Văn Tám chủ trì lễ báo công dâng Bác.\n",
        published=dt.date(2024, 5, 17),
    )
    assert facts.persons == {"Lê Văn Tám"}
    assert facts.roles == {("Lê Văn Tám", "CHAIRED")}


def test_a_hospital_name_after_benh_vien_is_not_a_person() -> None:
    facts = extract_text(
        "Tin Hòa Bình\n"
        "Bác sĩ Lê Văn Tám, Trưởng khoa Nhi – Bệnh viện Bạch Mai, cho biết cháu bé đã qua cơn nguy kịch.\n"
    )
    assert facts.persons == {"Lê Văn Tám"}


def test_a_family_clan_is_not_a_person() -> None:
    assert find_persons("Hội đồng trị sự Trần Đức Tộc họp bàn việc tu sửa nhà thờ họ.") == []
