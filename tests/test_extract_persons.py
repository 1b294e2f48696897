"""Person names: surnames, cues, and places or bodies that start like names."""

from __future__ import annotations

from loaders.persons import find_persons


def names(text: str) -> list[str]:
    return [p.name for p in find_persons(text)]


def test_surname_led_names_of_several_shapes() -> None:
    text = "Dự có Nguyễn Thị Kim Dung, Lý Thị Vinh, Giàng Thị Dung, Tôn Nữ Thị Ninh và Lê Quốc Chỉnh."
    assert names(text) == ["Nguyễn Thị Kim Dung", "Lý Thị Vinh", "Giàng Thị Dung", "Tôn Nữ Thị Ninh", "Lê Quốc Chỉnh"]


def test_person_cues_let_in_names_without_a_listed_surname() -> None:
    assert names("Dự có đồng chí Y Thanh Hà Niê Kđăm và ông Ksor Phước.") == ["Y Thanh Hà Niê Kđăm", "Ksor Phước"]


def test_places_streets_and_bodies_are_not_persons() -> None:
    text = ("Tại đường Lê Lợi, phường Hoàng Văn Thụ, tỉnh Hà Nam, Đoàn Thanh niên Cộng sản Hồ Chí Minh "
            "và Cao Bằng, Hà Tĩnh đã ký kết.")
    assert names(text) == []


def test_name_after_a_place_in_a_title_before_the_name() -> None:
    assert names("Trưởng ban Dân vận Tỉnh ủy Bắc Giang Nguyễn Thị Kim Dung cho biết.") == ["Nguyễn Thị Kim Dung"]
    assert names("Bí thư Huyện ủy Quỳnh Lưu Phan Đức Tài chủ trì.") == ["Phan Đức Tài"]
    assert names("Chủ tịch HĐND thành phố Nguyễn Hoàng Long phát biểu.") == ["Nguyễn Hoàng Long"]


def test_a_name_stops_where_a_title_starts() -> None:
    assert names("Ông Trần Văn Sơn Phó Chủ tịch xã dự.") == ["Trần Văn Sơn"]
