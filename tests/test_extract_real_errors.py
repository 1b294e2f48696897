"""Error classes seen on real text (issue 9), each checked on the real sentence it was seen in.

The records are read from ../shared at test time by id (see tests/real_text.py); the sentences are not
copied here. Every case was a wrong fact in the precision audit or in reading the development records.
"""

from __future__ import annotations

from real_text import extract, holds_of, holds_status, roles_of


def test_a_title_before_the_next_name_is_not_given_to_the_previous_one() -> None:
    # "nguyên Chủ tịch QH A, Phó Thủ tướng – Bộ trưởng Ngoại giao B, ..., Bí thư thành ủy HN C"
    ref = "baomoi:22603486"
    assert holds_of(ref, "Nguyễn Sinh Hùng") == {"Chủ tịch Quốc hội"}
    assert holds_status(ref, "Nguyễn Sinh Hùng") == {"Chủ tịch Quốc hội": "former"}
    assert holds_of(ref, "Phạm Bình Minh") == {"Phó Thủ tướng Chính phủ", "Bộ trưởng Bộ Ngoại giao"}
    assert holds_of(ref, "Hoàng Trung Hải") == {"Bí thư Thành ủy Hà Nội"}
    assert "Bí thư Thành ủy Hà Nội" not in holds_of(ref, "Trần Thanh Mẫn")
    assert holds_of(ref, "Nguyễn Thị Kim Ngân") == {"Chủ tịch Quốc hội"}


def test_a_foreign_leader_keeps_only_the_title_before_her_name() -> None:
    # "Thủ tướng Đức A, Chủ tịch Trung Quốc Tập Cận Bình, ...": the second title is the next (unread) name's
    assert holds_of("baomoi:22713348", "Angela Merkel") == {"Thủ tướng Đức"}


def test_a_shared_title_over_bare_names_ends_at_the_semicolon() -> None:
    # "nguyên Ủy viên Bộ Chính trị, nguyên Chủ tịch nước: A, B; Ủy viên Bộ Chính trị, Thủ tướng Chính phủ C; ..."
    ref = "pages:194b485fae4b7515"
    assert holds_status(ref, "Trương Tấn Sang") == {"Ủy viên Bộ Chính trị": "former", "Chủ tịch nước": "former"}
    assert holds_status(ref, "Phạm Minh Chính") == {"Ủy viên Bộ Chính trị": "current", "Thủ tướng Chính phủ": "current"}
    assert holds_status(ref, "Trần Thanh Mẫn") == {"Ủy viên Bộ Chính trị": "current", "Chủ tịch Quốc hội": "current"}
    assert holds_status(ref, "Trần Cẩm Tú") == {"Ủy viên Bộ Chính trị": "current", "Thường trực Ban Bí thư": "current"}
    # the list after a title over "A; B; C" items with their own titles still shares it
    assert "Ủy viên Bộ Chính trị" in holds_of("baomoi:22701839", "Tô Lâm")


def test_the_province_of_a_body_s_own_site() -> None:
    # tinhuykontum.org.vn: the article never names its province; the site does
    ref = "pages:6ad245c41d8de99c"
    assert "Ủy viên Ban Thường vụ Tỉnh ủy Kon Tum" in holds_of(ref, "Nguyễn Thế Hải")
    assert "Chủ tịch Ủy ban nhân dân tỉnh Kon Tum" in holds_of(ref, "Lê Ngọc Tuấn")


def test_province_spelled_the_other_way_is_not_replaced_by_the_article_s() -> None:
    # "Sở NNPTNT tỉnh Đăk Lăk" in an article placed in Gia Lai
    assert holds_of("baomoi:22322117", "Huỳnh Quốc Thích") == {
        "Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn tỉnh Đắk Lắk"
    }


def test_short_level_words_of_communes() -> None:
    # "Chủ tịch UBND X.Điền Hải" is a commune's chair, not the province's
    assert holds_of("baomoi:21471441", "Nguyễn Xuân Công") == {"Chủ tịch Ủy ban nhân dân xã Điền Hải"}


def test_truncated_posts() -> None:
    # "Văn phòng Đăng ký ...", "Công ty trách nhiệm hữu hạn ...", "Phó trưởng Công an TP.Vinh"
    assert "Giám đốc Văn phòng Đăng ký quyền sử dụng đất Chi nhánh quận 9" in holds_of("baomoi:22363120", "Võ Trí Dũng")
    assert holds_of("baomoi:22721016", "Huỳnh Minh Trung") == {"Giám đốc Công ty trách nhiệm hữu hạn Nhật Đức"}
    assert holds_of("baomoi:22364418", "Hoàng Duy Hà") == {"Phó Trưởng Công an thành phố Vinh"}
    # "Chánh Văn phòng Đoàn Đại biểu Quốc hội và HĐND tỉnh" is not cut to "Văn phòng Đoàn Đại"
    posts = holds_of("pages:96cc974d3bd90864", "Trình Minh Đức")
    assert all("Đoàn Đại" not in post or "Đoàn Đại biểu" in post for post in posts)


def test_chuc_vu_is_not_the_title_vu_truong() -> None:
    # "giữ chức vụ Trưởng Ban Tuyên giáo Tỉnh ủy"
    assert holds_status("pages:bbde809f507fa5e7", "Vi Ngọc Bích")["Trưởng Ban Tuyên giáo Tỉnh ủy Quảng Ninh"] == "new"
    assert not any(post.startswith("Vụ trưởng") for post in holds_of("pages:bbde809f507fa5e7", "Vi Ngọc Bích"))
    assert holds_of("pages:14de26bf76ecd216", "Đỗ Tấn Hùng") == {"Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Tiền Giang"}


def test_a_place_name_does_not_run_over_a_line_break() -> None:
    # "... các cơ quan huyện" ends a line; "Thay mặt ..." opens the next
    assert holds_of("pages:e5b2fabb58f9e081", "Trần Văn Lộc") == {"Phó Chủ tịch Hội đồng nhân dân huyện Tân Biên"}


def test_event_names_end_before_who_came() -> None:
    # "Lễ công bố có các đồng chí: ...", "Đại hội có anh X", "Buổi họp báo có Thứ trưởng X", "Lễ khai mạc bà X"
    assert roles_of("pages:54821b2facf11606", "Nguyễn Tấn Dũng") == {("ATTENDED", "Lễ công bố")}
    assert roles_of("pages:292d2970cc52dff2", "Nguyễn Minh Triết") == {("ATTENDED", "Đại hội")}
    assert roles_of("baomoi:22604367", "Mai Văn Trinh") == {("ATTENDED", "Buổi họp báo")}
    assert roles_of("baomoi:22545832", "Lê Thị Mai Linh") == {("SPOKE_AT", "Lễ khai mạc")}
    # a dot inside an abbreviation or a brand does not end the name; a verb or a time word does
    assert ("SPOKE_AT", "Lễ ra mắt thương hiệu Co.op Organic") in roles_of("baomoi:22215639", "Phạm Trung Kiên")
    assert any("Ban Bí thư T.Ư Đảng" in name for _, name in roles_of("pages:92a72058fbe77a7c", "Võ Văn Thưởng"))
    assert ("SPOKE_AT", "Lễ kỷ niệm 60 năm ngày thành lập lực lượng quản lý thị trường") in roles_of(
        "baomoi:22658833", "Trương Hòa Bình"
    )


def test_captions_and_next_sentences_do_not_run_into_names() -> None:
    # "... Lý Khắc Cường Ảnh: Reuters", "Phó Chủ tịch UBND TP Hồ Chí Minh Lê Thanh Liêm Ngoài ra, ..."
    assert "Thủ tướng Trung Quốc" in holds_of("baomoi:22257009", "Lý Khắc Cường")
    assert "Lý Khắc Cường Ảnh" not in extract("baomoi:22257009").persons
    assert holds_of("baomoi:22692238", "Lê Thanh Liêm") == {"Phó Chủ tịch Ủy ban nhân dân thành phố Hồ Chí Minh"}


def test_given_names_that_are_also_title_words() -> None:
    # "Trần Đức Quận", "Trần Công Chánh", "Đỗ Kim Hội": a name, unless a title or body word follows
    assert holds_of("pages:7f9ec89ae5d46ad1", "Trần Đức Quận") == {"Bí thư Tỉnh ủy Lâm Đồng"}
    assert holds_of("pages:d3a44e8f752550dd", "Trần Công Chánh") == {"Bí thư Tỉnh ủy Hậu Giang"}
    assert ("SPOKE_AT", "Lễ trao tặng Huy hiệu 30 năm tuổi Đảng cho đảng viên Đỗ Kim Hội") in roles_of(
        "baomoi:21511578", "Đỗ Kim Hội"
    )


def test_ethnic_minority_name_with_a_typographic_apostrophe() -> None:
    assert ("SPOKE_AT", "Lễ công bố quyết định") in roles_of("pages:92f26c6f75202e42", "Điểu K’Ré")


def test_schools_and_regions_are_not_persons() -> None:
    # "Hiệu trưởng trường Mầm non Đồng Thắng", "chương trình Nga và Âu Á"
    facts = extract("baomoi:21474451")
    assert "Đồng Thắng" not in facts.persons
    assert ("Lê Thị Thúy", "Hiệu trưởng trường Mầm non Đồng Thắng") in facts.holds
    assert "Âu Á" not in extract("baomoi:22497293").persons


def test_foreign_officials_hold_no_post_in_vietnam_s_bodies() -> None:
    # "ông Thotsaphon Sinyabut – Chủ tịch huyện Taungoi, tỉnh Sakon Nakhon" (Thailand)
    assert holds_of("baomoi:22492374", "Thotsaphon Sinyabut") == set()
    # an ethnic-minority name is Vietnamese: "Điểu Kré", Ủy viên Trung ương Đảng
    assert "Ủy viên Ban Chấp hành Trung ương Đảng" in holds_of("baomoi:21478829", "Điểu Kré")


def test_the_secretariat_is_a_body_not_a_title() -> None:
    # "Thừa ủy quyền của Ban Bí thư Trung ương Đảng, ông A, Bí thư Tỉnh ủy Thái Nguyên"
    assert holds_of("pages:ffd6141adb54a82f", "Trịnh Xuân Trường") == {"Bí thư Tỉnh ủy Thái Nguyên"}


def test_a_sentence_about_another_province() -> None:
    # a Bình Dương article: "Tại Bắc Ninh, HĐND tỉnh đã ... bà A, Giám đốc Sở TT&TT"
    assert holds_of("pages:6e1e6410575e6249", "Nguyễn Thị Lệ Tuyết") == {
        "Giám đốc Sở Thông tin và Truyền thông tỉnh Bắc Ninh"
    }


def test_nguyen_covers_a_shared_title_but_stops_after_a_complete_one() -> None:
    # "nguyên Ủy viên Bộ Chính trị, nguyên Thủ tướng Chính phủ A" (each its own) and
    # "B, Ủy viên Trung ương Đảng, nguyên Bí thư Thành ủy thành phố Cần Thơ hiệp thương cử giữ chức ..."
    assert holds_status("pages:0cf9fd281657f9fd", "Trần Thanh Mẫn") == {
        "Ủy viên Ban Chấp hành Trung ương Đảng": "current",
        "Bí thư Thành ủy Cần Thơ": "former",
        "Phó Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam": "new",
    }


def test_party_groups_and_the_front_s_central_committee() -> None:
    # "Ủy viên Đảng đoàn Quốc hội"; "Bí thư Đảng đoàn MTTQ Việt Nam" in national news is the central committee's
    assert "Ủy viên Đảng đoàn Quốc hội" in holds_of("pages:7de05c2dd9148438", "Nguyễn Thanh Hải")
    assert "Bí thư Đảng đoàn Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam" in holds_of(
        "pages:ce09cee8b4085041", "Đỗ Văn Chiến"
    )


def test_religious_and_army_posts() -> None:
    # "Giám mục ... - Giám mục Giáo phận Đà Lạt"; "Tư lệnh Quân khu 4"
    assert holds_of("pages:7f9ec89ae5d46ad1", "Đa Minh Nguyễn Văn Mạnh") == {"Giám mục Giáo phận Đà Lạt"}
    assert "Tư lệnh Quân khu 4" in holds_of("baomoi:22292554", "Nguyễn Tân Cương")


def _runs(ref: str) -> set[tuple[str, str]]:
    facts = extract(ref)
    return {(facts.name(f.subject), facts.name(f.object)) for f in facts.facts("RUNS")}


def test_campaign_runners_are_who_the_sentence_says() -> None:
    # a central body acts ("Ban Bí thư ban hành Chỉ thị ... với cuộc vận động", "Quân ủy Trung ương, Bộ Quốc phòng
    # tổ chức"), a venue is not a runner ("diễn ra tại Nhà hát Lớn Hà Nội"), and a list of provinces leaves it open
    assert ("Lâm Đồng", "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh") not in _runs("baomoi:21511830")
    assert ("Nam Định", "Làng đô thị xanh") not in _runs("baomoi:21511830")
    assert not any(runner == "Hà Nội" for runner, _ in _runs("baomoi:22652714"))
    assert not any(runner == "Nghệ An" for runner, _ in _runs("baomoi:22292554"))
    # the central committee that launches it still runs it, and a province's own work stays the province's
    assert ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Toàn dân đoàn kết xây dựng NTM, đô thị văn minh") in _runs(
        "baomoi:21511830"
    )
    assert ("Bắc Kạn", "Dân vận khéo") in _runs("pages:cbc885ede1c75e3b")


def test_attendance_lists_after_a_colon() -> None:
    # "Đến dự Đại hội có các đồng chí: A, ...; B, Phó Ban Tổ chức ...; C, ...": every item attends
    assert {name for name, role in extract("pages:00cd3a7126c23d7f").roles if role == "ATTENDED"} >= {
        "Vũ Quốc Huy",
        "Nguyễn Thị Thủy",
        "Đỗ Tấn Hùng",
    }
    assert "Phó Trưởng Ban Tổ chức Trung ương Hội Nông dân Việt Nam" in holds_of(
        "pages:00cd3a7126c23d7f", "Nguyễn Thị Thủy"
    )
    # "Dự kỳ họp có các đồng chí: ..." ("dự kỳ" is no "dự kiến" here)
    assert {("Đào Hồng Lan", "ATTENDED"), ("Nguyễn Hương Giang", "ATTENDED")} <= extract("pages:5a8cb5772dd4d081").roles


def test_a_rare_family_name() -> None:
    # "Phương Thị Thanh, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"
    assert "Phó Bí thư Thường trực Tỉnh ủy Bắc Kạn" in holds_of("pages:cbc885ede1c75e3b", "Phương Thị Thanh")


def test_a_career_told_in_a_profile() -> None:
    # "Ông Hải từng kinh qua các chức vụ ..., Bí thư Huyện ủy huyện Cái Nước, Giám đốc Sở Tư pháp, ...": past posts,
    # and a Sở is the province's even after a district's post
    assert holds_status("pages:ea1ca099fc98389e", "Nguyễn Tiến Hải")["Giám đốc Sở Tư pháp tỉnh Cà Mau"] == "former"
    # "Đầu năm 2019, ông Dũng được điều động giữ chức Phó bí thư Tỉnh ủy Lai Châu, sau đó được bầu làm Chủ tịch
    # UBND tỉnh": history, not this article's appointment; and the "tỉnh" is the Lai Châu the sentence names
    assert holds_status("pages:9dd7322833feed5a", "Trần Tiến Dũng") == {
        "Bí thư Tỉnh ủy Điện Biên": "new",
        "Phó Bí thư Tỉnh ủy Lai Châu": "current",
        "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu": "current",
    }


def test_departments_keep_the_body_they_belong_to() -> None:
    # "Phó trưởng Khoa ..., BV Nhi TƯ", "Trưởng phòng ... (Sở GD-ĐT Hà Nội)", "Trưởng phòng ... - Sở Công Thương TP.HCM"
    assert holds_of("baomoi:22642465", "Lê Ngọc Duy") == {"Phó Trưởng Khoa Cấp cứu chống độc Bệnh viện Nhi Trung ương"}
    assert holds_of("baomoi:21478396", "Hoàng Thanh Hương") == {
        "Trưởng phòng Giáo dục MN Sở Giáo dục và Đào tạo thành phố Hà Nội"
    }
    assert holds_of("baomoi:22355117", "Nguyễn Nguyên Phương") == {
        "Trưởng phòng Quản lý thương mại Sở Công Thương thành phố Hồ Chí Minh"
    }


def test_medical_schools_clans_and_connectives_are_not_names() -> None:
    # "Đại học Y Hà Nội", "Đại học Y Dược", "Nguyễn Phước tộc", "... Nguyễn Duy Thăng Tuy nhiên, ..."
    assert "Y Hà Nội" not in extract("baomoi:22472806").persons
    assert "Y Dược" not in extract("baomoi:22729537").persons
    assert "Nguyễn Duy Thăng Tuy" not in extract("baomoi:22626772").persons
    # and a name cut by the end of an excerpt ("... Chủ tịch UBND tỉnh Thái Ng")
    assert "Thái Ng" not in extract("pages:8a88e83e008060c4").persons


def test_a_province_named_before_a_colon() -> None:
    # "Tiền Giang: Ông A làm chủ tịch HĐND tỉnh; ..." in an article about several provinces
    assert holds_of("pages:2212bc59facd7d3d", "Trần Kim Trác") == {"Phó Chủ tịch Hội đồng nhân dân tỉnh Tiền Giang"}
    assert holds_of("pages:2212bc59facd7d3d", "Trần Thị Kim Vân") == {"Phó Chủ tịch Hội đồng nhân dân tỉnh Bình Dương"}


def test_a_mass_organisation_s_central_committee_is_not_the_party_s() -> None:
    # "Chủ tịch T.Ư Hội Sinh viên Việt Nam", "Phó Chủ tịch Ban Chấp hành Trung ương Hội NDVN"
    assert not any(
        "Ban Chấp hành Trung ương Đảng" in p for p in holds_of("pages:292d2970cc52dff2", "Nguyễn Minh Triết")
    )
    assert not any("Ban Chấp hành Trung ương Đảng" in p for p in holds_of("pages:44b633ce52135a24", "Bùi Thị Thơm"))


def test_a_one_word_foreign_name_takes_its_own_title() -> None:
    # "Thủ tướng Việt Nam Nguyễn Xuân Phúc, Thủ tướng Lào Thoonglun, ..."
    assert "Thủ tướng Lào" not in holds_of("baomoi:22438590", "Nguyễn Xuân Phúc")


def test_a_foreign_minister_is_not_a_truncated_post() -> None:
    # "Ngoại trưởng Trung Quốc Vương Nghị" was read as "Trưởng Trung Quốc"
    assert holds_of("baomoi:21487939", "Vương Nghị") == {"Ngoại trưởng Trung Quốc"}


def test_hospitals_and_schools_written_short_are_not_persons() -> None:
    # "Trưởng khoa Thận nhân tạo BV Bạch Mai", "Trường PTCS Lương Thế Vinh"
    assert "Bạch Mai" not in extract("baomoi:22464054").persons
    assert "Bạch Mai" not in extract("baomoi:22415464").persons
    assert (
        "Lương Thế Vinh"
        not in {name for name, _ in extract("baomoi:22406794").holds} | extract("baomoi:22406794").persons
    )
