"""Event roles: who chaired (chủ trì), attended (dự, cùng dự) and spoke (phát biểu)."""

from __future__ import annotations

import datetime as dt

from extract_helpers import extract_text


def test_leading_verb_governs_the_persons_after_it_and_trailing_verb_the_list_before() -> None:
    facts = extract_text(
        "Hội nghị tổng kết công tác dân vận tỉnh Hà Giang\n"
        "Sáng 20/12, Ban Dân vận Tỉnh ủy Hà Giang tổ chức hội nghị tổng kết. "
        "Dự hội nghị có đồng chí Thào Hồng Sơn, Phó Bí thư Tỉnh ủy; đồng chí Hoàng Văn Vịnh, "
        "Trưởng Ban Dân vận Tỉnh ủy. "
        "Các đồng chí: Thào Hồng Sơn, Phó Bí thư Tỉnh ủy; Hầu Minh Lợi, Phó Chủ tịch UBND tỉnh chủ trì hội nghị. "
        "Phát biểu bế mạc hội nghị, đồng chí Hoàng Văn Vịnh đề nghị các cấp tiếp tục thực hiện.\n",
        published=dt.date(2023, 12, 21),
    )
    # A chair is not also listed as attending.
    assert facts.roles == {
        ("Thào Hồng Sơn", "CHAIRED"),
        ("Hầu Minh Lợi", "CHAIRED"),
        ("Hoàng Văn Vịnh", "ATTENDED"),
        ("Hoàng Văn Vịnh", "SPOKE_AT"),
    }
    (event,) = facts.entities("Event")
    assert event.properties["date"] == dt.date(2023, 12, 20)
    held = [facts.name(f.object) for f in facts.facts("HELD_IN")]
    assert held == ["Hà Giang"]


def test_no_event_no_roles_and_interviews_are_not_speeches() -> None:
    facts = extract_text(
        "Tin An Giang\n"
        "Trưởng Ban Dân vận Tỉnh ủy An Giang Lê Văn Phước cho biết, năm nay tỉnh chú trọng đổi mới công tác dân vận.\n"
    )
    assert facts.roles == set()
    assert facts.entities("Event") == []
    assert ("Lê Văn Phước", "Trưởng Ban Dân vận Tỉnh ủy An Giang") in facts.holds


def test_du_an_is_not_attendance() -> None:
    facts = extract_text(
        "Hội thảo ở Bình Dương\n"
        "Sáng 5/3, Tỉnh ủy Bình Dương tổ chức hội thảo về dự án đường vành đai. "
        "Ông Nguyễn Văn Lợi, Bí thư Tỉnh ủy nói về dự án và đề nghị các sở vào cuộc.\n",
        published=dt.date(2024, 3, 5),
    )
    assert facts.roles == set()


def test_joined_verbs_share_their_subject_and_lead_agency_is_not_chairing() -> None:
    facts = extract_text(
        "Hội nghị xúc tiến đầu tư tỉnh Long An\n"
        "Sáng 12/4, Thủ tướng Phạm Minh Chính tham dự và phát biểu tại hội nghị xúc tiến đầu tư tỉnh Long An. "
        "Thủ tướng giao Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với ông Nguyễn Văn Út, Chủ tịch UBND tỉnh "
        "rà soát các dự án.\n",
        published=dt.date(2024, 4, 12),
    )
    assert facts.roles == {("Phạm Minh Chính", "ATTENDED"), ("Phạm Minh Chính", "SPOKE_AT")}
    assert ("Phạm Minh Chính", "Thủ tướng Chính phủ") in facts.holds


def test_a_generic_ceremony_mention_refers_to_the_named_ceremony() -> None:
    facts = extract_text(
        "Lễ ra quân hiến đất làm đường ở Thanh Chương\n"
        "Sáng 5/9, Huyện ủy Thanh Chương tổ chức lễ ra quân vận động nhân dân hiến đất làm đường. "
        "Bí thư Huyện ủy Thanh Chương Nguyễn Đình Hùng chủ trì buổi lễ.\n",
        published=dt.date(2024, 9, 6),
    )
    assert [e.properties["kind"] for e in facts.entities("Event")] == ["lễ ra quân"]
    assert facts.roles == {("Nguyễn Đình Hùng", "CHAIRED")}
    assert ("Nguyễn Đình Hùng", "Bí thư Huyện ủy Thanh Chương") in facts.holds


def test_a_verb_far_after_a_name_belongs_to_another_subject() -> None:
    facts = extract_text(
        "Hội nghị cấp cao ở Đà Nẵng\n"
        "Sáng 9/11, thành phố Đà Nẵng tổ chức hội nghị cấp cao. "
        "Thay mặt Chủ tịch nước Trần Đại Quang, Thủ tướng trân trọng mời các nhà lãnh đạo tham dự hội nghị.\n",
        published=dt.date(2017, 11, 9),
    )
    assert facts.roles == set()
    assert facts.holds == {("Trần Đại Quang", "Chủ tịch nước")}  # the bare "Thủ tướng" is the next clause's subject


def test_a_statement_in_a_sentence_set_at_the_event_is_a_speech() -> None:
    facts = extract_text(
        "Làm việc với doanh nghiệp Đức\n"
        "Tại buổi làm việc, Phó Chủ tịch UBND tỉnh Hà Tĩnh Dương Tất Thắng cho biết tỉnh có nhiều lợi thế. "
        "Ông Nguyễn Văn Minh cho biết thêm về các dự án.\n",
        published=dt.date(2017, 7, 4),
    )
    assert facts.roles == {("Dương Tất Thắng", "SPOKE_AT")}


def test_attending_a_programme_and_a_semicolon_list_with_unnamed_items() -> None:
    facts = extract_text(
        "Khai mạc Năm du lịch Điện Biên\n"
        "Tối 2/3, tỉnh Điện Biên khai mạc Năm du lịch. "
        "Đến dự chương trình có Bộ trưởng Bộ Y tế Trần Văn Bình; đại diện lãnh đạo các sở, ngành; "
        "Giáo sư Lê Văn Cầm và ông Lò Văn Mạnh, Chủ tịch UBND tỉnh Điện Biên.\n",
        published=dt.date(2024, 3, 3),
    )
    assert facts.roles == {
        ("Trần Văn Bình", "ATTENDED"),
        ("Lê Văn Cầm", "ATTENDED"),
        ("Lò Văn Mạnh", "ATTENDED"),
    }


def test_one_sides_members_in_an_attendance_list_attend() -> None:
    facts = extract_text(
        "Làm việc với tỉnh Trà Vinh\n"
        "Sáng 4/5, UBND tỉnh Trà Vinh tổ chức buổi làm việc với đoàn công tác của Bộ Công an. "
        "Về phía tỉnh Trà Vinh có đồng chí Kim Văn Sơn, Phó Bí thư Tỉnh ủy.\n",
        published=dt.date(2024, 5, 4),
    )
    assert facts.roles == {("Kim Văn Sơn", "ATTENDED")}


def test_greeting_on_behalf_of_a_body_and_a_statement_after_a_comma_are_speeches() -> None:
    facts = extract_text(
        "Lễ kỷ niệm ở Vĩnh Long\n"
        "Sáng 6/5, tỉnh Vĩnh Long tổ chức lễ kỷ niệm. "
        "Thay mặt lãnh đạo tỉnh, Phó Chủ tịch UBND tỉnh Vĩnh Long Đặng Văn Hưng gửi lời chúc mừng các đại biểu. "
        "Tại buổi lễ, ông Lữ Văn Quang, Giám đốc Sở Y tế tỉnh Vĩnh Long, cho biết ngành đã hoàn thành kế hoạch.\n",
        published=dt.date(2024, 5, 6),
    )
    assert facts.roles == {("Đặng Văn Hưng", "SPOKE_AT"), ("Lữ Văn Quang", "SPOKE_AT")}


def test_words_attributed_to_a_person_at_a_named_session_are_a_speech_there() -> None:
    facts = extract_text(
        "Kỳ họp HĐND tỉnh Bình Phước\n"
        "Đó là khẳng định của bà Điểu Thị Hoa, Chủ tịch HĐND tỉnh Bình Phước tại kỳ họp thứ 6 sáng 5/7.\n",
        published=dt.date(2024, 7, 5),
    )
    assert facts.roles == {("Điểu Thị Hoa", "SPOKE_AT")}


def test_attending_a_ceremony_of_response_is_attendance_not_a_speech() -> None:
    facts = extract_text(
        "Tết trồng cây ở Phú Thọ\n"
        "Đây là khẳng định của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Văn Tuấn khi tham dự "
        "lễ hưởng ứng Tết trồng cây tại tỉnh Phú Thọ sáng 6/2.\n",
        published=dt.date(2024, 2, 6),
    )
    assert facts.roles == {("Lê Văn Tuấn", "ATTENDED")}


def test_the_owner_of_an_event_does_not_attend_it_by_being_named_after_the_verb() -> None:
    facts = extract_text(
        "Ra mắt sách ở Huế\nSáng 3/3, nhiều văn nghệ sĩ đã tham dự sự kiện của nhà thơ Lê Văn Thạch tại Huế.\n",
        published=dt.date(2024, 3, 3),
    )
    assert facts.roles == set()


def test_a_recalled_date_is_not_the_event_date_and_a_caption_is_not_its_name() -> None:
    facts = extract_text(
        "Kỷ niệm ngày sinh đồng chí Lê Văn Cẩn\n"
        "Tỉnh ủy Phú Yên tổ chức lễ kỷ niệm 110 năm ngày sinh đồng chí Lê Văn Cẩn (12/3/1914 - 5/8/1990). "
        "Đồng chí Hồ Văn Đạt, Bí thư Tỉnh ủy Phú Yên, dự Đại hội đại biểu Đảng bộ huyện (Ảnh: Thu Hà) "
        "và phát biểu.\n",
        published=dt.date(2024, 3, 12),
    )
    events = {e.properties["kind"]: e for e in facts.entities("Event")}
    # A birth date in brackets is the person's, a century before the article: the ceremony is dated by
    # the article.
    assert events["lễ kỷ niệm"].properties["date"] == dt.date(2024, 3, 12)
    assert events["đại hội"].name == "Đại hội đại biểu Đảng bộ huyện"


def test_an_undated_article_keeps_a_full_date_near_its_own_year_only() -> None:
    facts = extract_text(
        "Hội nghị ở Hải Dương\n"
        "Tỉnh ủy Hải Dương tổ chức hội nghị kỷ niệm ngày thành lập Hội Nông dân tỉnh (10/6/1967). "
        "Chiều 16/3/2017, đồng chí Đỗ Văn Bình chủ trì lễ ra quân. Hạn nộp báo cáo là ngày 31/3/2017.\n",
        published=None,
    )
    dates = {e.properties["kind"]: e.properties.get("date") for e in facts.entities("Event")}
    # The article's dates point to 2017: the founding day of 1967 is recalled, not the meeting's date.
    assert dates == {"hội nghị": None, "lễ ra quân": dt.date(2017, 3, 16)}


def test_attendance_list_goes_on_over_a_former_standing_member_of_the_secretariat() -> None:
    facts = extract_text(
        "Tin Đồng Nai\n"
        "Sáng 2-7, tỉnh tổ chức lễ truy điệu các liệt sĩ. Tham dự lễ có các ông Trương Văn Ba, nguyên Chủ tịch "
        "nước; ông Lê Văn Bốn, nguyên Thường trực Ban Bí thư; bà Đặng Thị Năm, Phó Chủ tịch nước; ông Võ Văn Sáu, "
        "Trưởng Ban Tuyên giáo Trung ương.\n",
        published=dt.date(2024, 7, 2),
    )
    assert facts.roles == {(name, "ATTENDED") for name in ("Trương Văn Ba", "Lê Văn Bốn", "Đặng Thị Năm", "Võ Văn Sáu")}


def test_speaker_at_an_event_whose_title_ends_with_a_bracketed_province() -> None:
    facts = extract_text(
        "Tin Hà Giang\n"
        "Chiều 6/6, Trung ương Đoàn tổ chức hội nghị chuyên đề. Tại hội nghị, đội viên Vàng Thị Hoa, Bí thư Đoàn "
        "thanh niên thị trấn Yên Minh (Hà Giang) cho rằng: cần mở thêm lớp học cho cán bộ Đoàn.\n",
        published=dt.date(2024, 6, 7),
    )
    assert facts.roles == {("Vàng Thị Hoa", "SPOKE_AT")}


def test_an_exchange_programme_and_a_report_ceremony_are_events() -> None:
    facts = extract_text(
        "Tin Nghệ An\n"
        "Tối 16/5, Bộ Tư lệnh Quân khu 4 tổ chức Chương trình giao lưu gương mặt trẻ tiêu biểu. "
        "Tham dự giao lưu có đồng chí Lê Văn Tám, Phó Bí thư Tỉnh ủy Nghệ An. "
        "Chiều cùng ngày, Thiếu tướng Hồ Văn Chín chủ trì lễ báo công dâng Bác.\n",
        published=dt.date(2024, 5, 17),
    )
    kinds = {e.properties["kind"] for e in facts.entities("Event")}
    assert {"chương trình giao lưu", "lễ báo công"} <= kinds
    assert facts.roles == {("Lê Văn Tám", "ATTENDED"), ("Hồ Văn Chín", "CHAIRED")}


def test_a_speaker_at_an_event_named_after_the_time_the_sentence_opens_with() -> None:
    facts = extract_text(
        "Tin Hà Nội\n"
        "Chiều 27/6, trong buổi họp báo định kỳ của Bộ Tư pháp, ông Lê Văn Tám - Chánh Văn phòng Bộ Tư pháp "
        "thông tin về kết quả thanh tra.\n",
        published=dt.date(2024, 6, 28),
    )
    assert facts.roles == {("Lê Văn Tám", "SPOKE_AT")}
    (event,) = facts.entities("Event")
    assert event.properties["kind"] == "buổi họp báo"


def test_statements_in_the_body_of_an_article_about_a_meeting_are_made_there() -> None:
    facts = extract_text(
        "Hội nghị bàn về chuyển đổi số ở tỉnh Hòa Bình\n"
        "Sáng 14/3, Ủy ban nhân dân tỉnh Hòa Bình tổ chức hội nghị bàn về chuyển đổi số. "
        "Báo cáo với hội nghị, ông Lò Văn Khiêm, Giám đốc Sở Nội vụ tỉnh Hòa Bình cho biết nhiều thủ tục "
        "đã được rút gọn. "
        "Trao đổi với phóng viên, bà Đinh Thị Mơ, Phó Giám đốc Sở Nội vụ tỉnh Hòa Bình cho biết sẽ sớm có kết quả. "
        "Trước đó, ông Quách Văn Tường, Phó Giám đốc Sở Nội vụ tỉnh Hòa Bình cho biết đã rà soát xong. "
        "Các hồ sơ bị ông Lò Văn Khiêm trả lại Cũng tại hội nghị, bà Bùi Thị Nhàn cho rằng cần thêm thời gian.\n",
        published=dt.date(2024, 3, 15),
    )
    # words to the reporter, said before the meeting, or of someone who is not the subject are no role
    assert facts.roles == {("Lò Văn Khiêm", "SPOKE_AT")}


def test_a_verb_after_an_appositive_title_is_the_named_persons() -> None:
    facts = extract_text(
        "Công bố kết quả rà soát tại huyện Lạc Thủy\n"
        "Ngày 9/4, ông Quách Văn Tường, Trưởng Tổ rà soát số 12 của Ủy ban nhân dân tỉnh, đã dự hội nghị "
        "công bố kết quả. "
        "Tại hội nghị, bà Bùi Thị Nhàn, Tổ phó Tổ rà soát số 12 đã công bố kế hoạch làm việc.\n",
        published=dt.date(2024, 4, 10),
    )
    assert facts.roles == {("Quách Văn Tường", "ATTENDED"), ("Bùi Thị Nhàn", "SPOKE_AT")}


def test_the_chair_named_after_duoi_su_chu_tri_cua() -> None:
    facts = extract_text(
        "Ủy ban nhân dân tỉnh Hòa Bình họp thường kỳ\n"
        "Sáng 2/5, dưới sự chủ trì của Chủ tịch Bùi Văn Thắm, Ủy ban nhân dân tỉnh họp phiên họp thường kỳ tháng 4.\n",
        published=dt.date(2024, 5, 3),
    )
    assert ("Bùi Văn Thắm", "CHAIRED") in facts.roles


def test_an_attendance_verb_before_the_event_makes_it_one_even_with_no_name_in_its_sentence() -> None:
    facts = extract_text(
        "Thứ trưởng kiểm tra công tác phòng cháy tại tỉnh Hòa Bình\n"
        "Tham dự buổi làm việc còn có lãnh đạo các sở, ngành của tỉnh Hòa Bình. "
        "Về phía tỉnh có đồng chí Hà Văn Lỏng, Phó Chủ tịch UBND tỉnh Hòa Bình.\n",
        published=dt.date(2024, 5, 3),
    )
    assert facts.roles == {("Hà Văn Lỏng", "ATTENDED")}


def test_a_lead_that_says_someone_works_with_a_body_gives_a_working_session() -> None:
    facts = extract_text(
        "Tỉnh Hòa Bình cần đẩy mạnh trồng rừng gỗ lớn\n"
        "Bộ trưởng Đinh Công Sửu làm việc với lãnh đạo tỉnh Hòa Bình. "
        "Chủ tịch UBND tỉnh Hòa Bình Bùi Văn Thắm đã báo cáo với đoàn công tác kết quả trồng rừng năm qua.\n",
        published=dt.date(2024, 5, 3),
    )
    assert ("Bùi Văn Thắm", "SPOKE_AT") in facts.roles
    (event,) = facts.entities("Event")
    assert event.properties["kind"] == "buổi làm việc"


def test_a_gathering_a_grand_ceremony_and_a_plaque_ceremony_are_events() -> None:
    facts = extract_text(
        "Lễ gắn biển tên đường Bác sĩ Lường Văn Nọi tại tỉnh Hòa Bình\n"
        "Về phía tỉnh Hòa Bình có đồng chí Hà Văn Lỏng, Phó Chủ tịch UBND tỉnh.\n",
        published=dt.date(2024, 5, 3),
    )
    assert facts.roles == {("Hà Văn Lỏng", "ATTENDED")}
    facts = extract_text(
        "Doanh nghiệp gặp gỡ đầu xuân\n"
        "Ngày 6/2, tỉnh Hòa Bình tổ chức buổi họp mặt doanh nghiệp đầu xuân. "
        "Ông Bùi Văn Thắm, Chủ tịch UBND tỉnh Hòa Bình, nhấn mạnh: tỉnh luôn đồng hành cùng doanh nghiệp.\n",
        published=dt.date(2024, 2, 7),
    )
    assert facts.roles == {("Bùi Văn Thắm", "SPOKE_AT")}
    facts = extract_text(
        "Mừng ngày hội của các tăng ni\n"
        "Cùng ngày, Ban Trị sự tỉnh Hòa Bình tổ chức Đại lễ Vu Lan. "
        "Thay mặt lãnh đạo tỉnh, Phó Chủ tịch UBND tỉnh Hòa Bình Hà Văn Lỏng gửi lời chúc mừng các tăng ni.\n",
        published=dt.date(2024, 8, 20),
    )
    assert facts.roles == {("Hà Văn Lỏng", "SPOKE_AT")}
