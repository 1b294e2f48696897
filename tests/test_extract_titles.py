"""Titles: chains, shared titles over lists, title before the name, dashes, nguyên, appointment verbs."""

from __future__ import annotations

from extract_helpers import extract_text


def test_chain_after_name_gives_every_post_and_completes_truncated_ones() -> None:
    facts = extract_text(
        "Tin Thanh Hóa\n"
        "Đồng chí Mai Văn Tuấn, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy Thanh Hóa phát biểu.\n"
    )
    assert facts.holds == {
        ("Mai Văn Tuấn", "Ủy viên Ban Thường vụ Tỉnh ủy Thanh Hóa"),
        ("Mai Văn Tuấn", "Trưởng Ban Dân vận Tỉnh ủy Thanh Hóa"),
    }


def test_local_bodies_take_the_article_place_and_abbreviations_are_expanded() -> None:
    facts = extract_text(
        "Hội nghị ở Quảng Trị\n"
        "Dự có đồng chí Hồ Văn Nam, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh, Trưởng đoàn ĐBQH tỉnh Quảng Trị.\n"
    )
    assert facts.holds == {
        ("Hồ Văn Nam", "Phó Bí thư Tỉnh ủy Quảng Trị"),
        ("Hồ Văn Nam", "Chủ tịch Hội đồng nhân dân tỉnh Quảng Trị"),
        ("Hồ Văn Nam", "Trưởng đoàn Đoàn đại biểu Quốc hội tỉnh Quảng Trị"),
    }


def test_shared_title_over_a_list_applies_to_each_member() -> None:
    facts = extract_text(
        "Tin Phú Thọ\n"
        "Dự hội nghị có các đồng chí Ủy viên Ban TVTU: Đỗ Thị Hà, Phó Chủ tịch Thường trực UBND tỉnh; "
        "Bùi Văn Quang, Trưởng Ban Tổ chức Tỉnh ủy; lãnh đạo các sở, ngành tỉnh Phú Thọ.\n"
    )
    assert facts.holds == {
        ("Đỗ Thị Hà", "Ủy viên Ban Thường vụ Tỉnh ủy Phú Thọ"),
        ("Đỗ Thị Hà", "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Phú Thọ"),
        ("Bùi Văn Quang", "Ủy viên Ban Thường vụ Tỉnh ủy Phú Thọ"),
        ("Bùi Văn Quang", "Trưởng Ban Tổ chức Tỉnh ủy Phú Thọ"),
    }


def test_title_before_the_name_and_a_list_of_names_after_a_plural_title() -> None:
    facts = extract_text(
        "Tin Gia Lai\n"
        "Bí thư Tỉnh ủy Gia Lai Hồ Văn Niên và các Phó Chủ tịch UBND tỉnh Nguyễn Hữu Quế, Dương Mah Tiệp dự lễ.\n"
    )
    assert ("Hồ Văn Niên", "Bí thư Tỉnh ủy Gia Lai") in facts.holds
    assert ("Nguyễn Hữu Quế", "Phó Chủ tịch Ủy ban nhân dân tỉnh Gia Lai") in facts.holds
    assert ("Dương Mah Tiệp", "Phó Chủ tịch Ủy ban nhân dân tỉnh Gia Lai") in facts.holds


def test_dash_and_brackets_introduce_titles() -> None:
    facts = extract_text(
        "Tin Bình Định\n"
        "Đồng chí Lê Kim Toàn - Phó Bí thư Thường trực Tỉnh ủy Bình Định phát biểu; "
        "bà Phạm Thị Hồng (Chủ tịch Hội Nông dân tỉnh) cùng dự.\n"
    )
    assert ("Lê Kim Toàn", "Phó Bí thư Thường trực Tỉnh ủy Bình Định") in facts.holds
    assert ("Phạm Thị Hồng", "Chủ tịch Hội Nông dân tỉnh Bình Định") in facts.holds


def test_nguyen_marks_the_rest_of_the_chain_former_and_nay_la_starts_a_current_post() -> None:
    facts = extract_text(
        "Tin Hưng Yên\n"
        "Dự có ông Đặng Văn Bình, nguyên Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy Hưng Yên, "
        "nay là Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy.\n"
    )
    assert facts.holds_status == {
        ("Đặng Văn Bình", "Ủy viên Ban Thường vụ Tỉnh ủy Hưng Yên", "former"),
        ("Đặng Văn Bình", "Trưởng Ban Dân vận Tỉnh ủy Hưng Yên", "former"),
        ("Đặng Văn Bình", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên", "current"),
    }


def test_appointment_verbs_mark_the_new_post() -> None:
    facts = extract_text(
        "Tin Quảng Ninh\n"
        "Hội đồng nhân dân tỉnh Quảng Ninh đã bầu ông Cao Tường Huy, Phó Chủ tịch Thường trực UBND tỉnh, "
        "giữ chức Chủ tịch UBND tỉnh Quảng Ninh.\n"
        "Bà Trịnh Thị Minh Thanh được hiệp thương cử giữ chức Chủ tịch Ủy ban MTTQ Việt Nam tỉnh.\n"
    )
    assert ("Cao Tường Huy", "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", "new") in facts.holds_status
    deputy = "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Quảng Ninh"
    assert ("Cao Tường Huy", deputy, "current") in facts.holds_status
    assert (
        "Trịnh Thị Minh Thanh", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh", "new"
    ) in facts.holds_status


def test_central_bodies_take_no_place() -> None:
    facts = extract_text(
        "Giao ban công tác dân vận khu vực Tây Nguyên tại Đắk Lắk\n"
        "Đồng chí Phạm Tất Thành, Bí thư Trung ương Đảng, Trưởng Ban Dân vận Trung ương chủ trì hội nghị.\n"
        "Dự có Phó Thủ tướng Trần Hồng Hà và Bộ trưởng Bộ Nội vụ Phạm Thị Thanh Trà.\n"
    )
    assert facts.holds >= {
        ("Phạm Tất Thành", "Bí thư Trung ương Đảng"),
        ("Phạm Tất Thành", "Trưởng Ban Dân vận Trung ương"),
        ("Trần Hồng Hà", "Phó Thủ tướng Chính phủ"),
        ("Phạm Thị Thanh Trà", "Bộ trưởng Bộ Nội vụ"),
    }


def test_city_committees_bind_to_the_city_the_article_names() -> None:
    facts = extract_text(
        "Thành phố Vinh đối thoại với nhân dân\n"
        "Sáng 9/5, Thành ủy Vinh tổ chức hội nghị đối thoại tại thành phố Vinh, tỉnh Nghệ An. "
        "Đồng chí Phan Thanh Hải, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố chủ trì.\n"
    )
    assert facts.holds == {
        ("Phan Thanh Hải", "Phó Bí thư Thành ủy Vinh"),
        ("Phan Thanh Hải", "Chủ tịch Ủy ban nhân dân thành phố Vinh"),
    }


def test_a_district_body_without_a_named_district_is_skipped_not_guessed() -> None:
    facts = extract_text(
        "Tin Nam Định\n"
        "Đồng chí Vũ Văn Hòa, Bí thư Huyện ủy phát biểu tại hội nghị của huyện Ý Yên và huyện Vụ Bản.\n"
    )
    assert facts.persons == {"Vũ Văn Hòa"}
    assert facts.holds == set()


def test_posts_carry_label_and_point_to_their_organisation() -> None:
    facts = extract_text("Tin Lào Cai\nĐồng chí Giàng Thị Dung, Phó Chủ tịch UBND tỉnh Lào Cai chủ trì hội nghị.\n")
    (post,) = facts.entities("Post")
    assert post.properties["label"] == post.name == "Phó Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"
    assert post.properties["role"] == "Phó Chủ tịch"
    (post_in,) = facts.facts("POST_IN")
    assert facts.name(post_in.object) == "Ủy ban nhân dân tỉnh Lào Cai"
    org = facts.entity(post_in.object)
    assert (org.properties["kind"], org.properties["level"]) == ("peoples_committee", "province")


def test_commission_is_part_of_its_party_committee() -> None:
    facts = extract_text("Tin Bắc Ninh\nĐồng chí Nguyễn Công Thắng, Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh phát biểu.\n")
    part_of = {(facts.name(f.subject), facts.name(f.object)) for f in facts.facts("PART_OF")}
    assert part_of == {("Ban Dân vận Tỉnh ủy Bắc Ninh", "Tỉnh ủy Bắc Ninh")}
    based_in = {(facts.name(f.subject), facts.name(f.object)) for f in facts.facts("BASED_IN")}
    assert ("Tỉnh ủy Bắc Ninh", "Bắc Ninh") in based_in


def test_person_cue_between_title_and_name() -> None:
    facts = extract_text("Tin Hà Nội\nChủ tịch UBND thành phố Hà Nội ông Nguyễn Đức Chung yêu cầu các sở báo cáo.\n")
    assert facts.holds == {("Nguyễn Đức Chung", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội")}


def test_a_province_named_in_the_chain_completes_its_other_titles() -> None:
    facts = extract_text(
        "Tin Đồng Nai\n"
        "Ủy ban Kiểm tra kết luận về ông Trần Văn Bình, nguyên Phó Bí thư Tỉnh ủy, "
        "nguyên Chủ tịch UBND tỉnh Khánh Hòa.\n"
    )
    assert facts.holds_status == {
        ("Trần Văn Bình", "Phó Bí thư Tỉnh ủy Khánh Hòa", "former"),
        ("Trần Văn Bình", "Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa", "former"),
    }


def test_shared_title_list_items_may_start_with_their_own_title_and_rank() -> None:
    facts = extract_text(
        "Lễ dâng hương ở Hà Nội\n"
        "Dự lễ có các đồng chí Ủy viên Bộ Chính trị: Phó Thủ tướng Trần Văn Hòa; Thượng tướng Lê Văn Hùng, "
        "Bộ trưởng Bộ Quốc phòng.\n"
    )
    assert facts.holds >= {
        ("Trần Văn Hòa", "Ủy viên Bộ Chính trị"),
        ("Trần Văn Hòa", "Phó Thủ tướng Chính phủ"),
        ("Lê Văn Hùng", "Ủy viên Bộ Chính trị"),
        ("Lê Văn Hùng", "Bộ trưởng Bộ Quốc phòng"),
    }
    assert facts.roles == {("Trần Văn Hòa", "ATTENDED"), ("Lê Văn Hùng", "ATTENDED")}


def test_acting_heads_dashes_inside_chains_and_ministries_by_short_name() -> None:
    facts = extract_text(
        "Tin Tiền Giang\n"
        "Ông Cao Văn Hóa, Quyền Giám đốc Sở NN&PTNT tỉnh Tiền Giang cho biết. "
        "Ông Đỗ Văn Chiến (Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương MTTQ Việt Nam) và Phó Thủ tướng, "
        "Bộ trưởng Ngoại giao Phạm Bình Minh dự.\n"
    )
    assert facts.holds >= {
        ("Cao Văn Hóa", "Quyền Giám đốc Sở Nông nghiệp và Phát triển nông thôn tỉnh Tiền Giang"),
        ("Đỗ Văn Chiến", "Phó Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
        ("Đỗ Văn Chiến", "Tổng Thư ký Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
        ("Phạm Bình Minh", "Phó Thủ tướng Chính phủ"),
        ("Phạm Bình Minh", "Bộ trưởng Bộ Ngoại giao"),
    }
