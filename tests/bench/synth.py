"""A realistic archive of synthetic dân vận articles, for scale benchmarks (100k, 300k, 1M articles).

The text is written here from templates (no third-party sentence is used); what is realistic is its shape:

- Who appears. People are drawn by a Pitman-Yor process: a mention names someone already in the archive with a
  probability proportional to how often they were named before, or a new person; so a few leaders appear
  constantly, most people a handful of times, and new people keep appearing as the archive grows, at the rate
  of the real corpora. Names are drawn from the Vietnamese family-name shares and common middle/given syllables,
  so namesakes occur as they do in real text.
- Per article (dân vận pages, measured on the development records of ../shared/corpus/danvan_pages.jsonl with the
  extractor of 2026-12-08): 3.1 persons and 3.9 holdings on average (9 % with none), 0.6 events, 0.5 attendance,
  0.14 chairs, 0.2 speeches, 0.04 campaign figures. The general news of the baomoi corpus is sparser (1.8 persons,
  0.37 holdings); `--general` sets the share of such articles (default 0.3). `--calibrate` recomputes the
  figures from ../shared.
- Where. Provinces weighted by how often the pages corpus names them; people hold posts in their province (and
  about 4 % move to another province at some point), at province, district and commune level.
- When. Articles are dated in archive order over ten years, so first/last seen and tenures spread out.

    python tests/bench/synth.py --articles 100000 --out /tmp/synth_100k.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Family-name shares (per cent, rounded), from Vietnamese population statistics; the tail shares the rest.
SURNAMES = {
    "Nguyễn": 38.0, "Trần": 11.0, "Lê": 9.5, "Phạm": 7.1, "Hoàng": 5.1, "Huỳnh": 2.0, "Phan": 4.5, "Vũ": 3.9,
    "Võ": 2.0, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1.0, "Lý": 0.5, "Đào": 0.6,
    "Đinh": 0.6, "Trịnh": 0.5, "Mai": 0.4, "Lương": 0.4, "Tô": 0.3, "Cao": 0.4, "Hà": 0.5, "Lâm": 0.4,
    "Trương": 0.6, "Tạ": 0.2, "Chu": 0.2, "Thái": 0.2, "Lò": 0.1, "Điểu": 0.05, "Y": 0.05,
}  # fmt: skip
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Ngọc", "Xuân", "Hoàng", "Công", "Thế", "Anh",
          "Hồng", "Kim", "Tiến", "Quang", "Trọng", "Đình", "Bá"]  # fmt: skip
GIVEN = ["Hùng", "Dũng", "Tuấn", "Hương", "Lan", "Long", "Hải", "Hà", "Nam", "Sơn", "Thắng", "Hòa", "Bình",
         "Hiếu", "Phúc", "Thành", "Trung", "Quân", "Linh", "Nga", "Hạnh", "Mai", "Cường", "Vinh", "Khánh", "Tâm",
         "Thủy", "Yến", "Đông", "Lâm", "Chính", "Hiền", "Tú", "Việt", "Phương", "Hằng", "Toàn", "Thịnh", "Kiên",
         "Quý", "Tùng", "Đạt", "Huy", "Lực", "Nghĩa", "Trường", "Hậu", "Ánh", "Loan", "Thu"]  # fmt: skip

# Provinces weighted by how many pages of the dân vận corpus name them (its README), the small ones at 1.
PROVINCE_WEIGHTS = {
    "Hà Nội": 39, "Nghệ An": 27, "Hồ Chí Minh": 25, "Thanh Hóa": 22, "Thái Nguyên": 16, "Gia Lai": 13,
    "Ninh Bình": 13, "Cần Thơ": 12, "Hà Tĩnh": 12, "Phú Thọ": 12, "Lai Châu": 11, "Tây Ninh": 11, "Vĩnh Long": 11,
    "Bắc Ninh": 10, "Hưng Yên": 10, "Lạng Sơn": 10, "Quảng Ninh": 10, "Quảng Trị": 10, "Đà Nẵng": 10,
    "Đồng Tháp": 10, "Khánh Hòa": 9, "Lào Cai": 9, "Lâm Đồng": 9, "Điện Biên": 9, "An Giang": 8, "Hải Phòng": 8,
    "Đắk Lắk": 8, "Sơn La": 7, "Cao Bằng": 6, "Cà Mau": 6, "Đồng Nai": 6, "Quảng Ngãi": 5, "Huế": 5,
    "Tuyên Quang": 4,
}  # fmt: skip
PROVINCE_CITIES = {"Hà Nội", "Hồ Chí Minh", "Cần Thơ", "Đà Nẵng", "Hải Phòng", "Huế"}
DISTRICT_WORDS = ["Bắc", "Nam", "Đông", "Tây", "Tân", "Phú", "Hòa", "An", "Vĩnh", "Thạch", "Yên", "Kim", "Long",
                  "Hưng", "Thuận", "Mỹ", "Lộc", "Thành", "Sơn", "Hà"]  # fmt: skip

# Posts: (template, level). {P} is the province body's place, {D} a commune/ward name.
POSTS = [
    ("Bí thư Tỉnh ủy {P}", "province", 1),
    ("Phó Bí thư Tỉnh ủy {P}", "province", 2),
    ("Chủ tịch Ủy ban nhân dân tỉnh {P}", "province", 1),
    ("Phó Chủ tịch Ủy ban nhân dân tỉnh {P}", "province", 4),
    ("Chủ tịch Hội đồng nhân dân tỉnh {P}", "province", 1),
    ("Trưởng Ban Dân vận Tỉnh ủy {P}", "province", 1),
    ("Phó Trưởng Ban Dân vận Tỉnh ủy {P}", "province", 3),
    ("Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy {P}", "province", 1),
    ("Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {P}", "province", 1),
    ("Chủ tịch Hội Nông dân tỉnh {P}", "province", 1),
    ("Chủ tịch Hội Liên hiệp Phụ nữ tỉnh {P}", "province", 1),
    ("Bí thư Tỉnh đoàn {P}", "province", 1),
    ("Chủ tịch Hội Cựu chiến binh tỉnh {P}", "province", 1),
    ("Ủy viên Ban Thường vụ Tỉnh ủy {P}", "province", 14),
    ("Bí thư Đảng ủy xã {D}", "commune", 1),
    ("Chủ tịch Ủy ban nhân dân xã {D}", "commune", 1),
    ("Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã {D}", "commune", 1),
]
EVENTS = ["hội nghị giao ban công tác dân vận", "hội nghị tổng kết phong trào thi đua", "hội thi dân vận khéo",
          "hội nghị đối thoại với nhân dân", "đại hội đại biểu"]  # fmt: skip
CAMPAIGNS = ["Dân vận khéo", "Ngày hội Đại đoàn kết toàn dân tộc", "Vì người nghèo", "Năm dân vận chính quyền"]


def _city_form(template: str, province: str) -> str:
    """Centrally-run cities have a Thành ủy and a "thành phố", not a Tỉnh ủy and a "tỉnh"."""
    if province not in PROVINCE_CITIES:
        return template
    return (
        template.replace("Tỉnh ủy", "Thành ủy").replace("tỉnh {P}", "thành phố {P}").replace("Tỉnh đoàn", "Thành đoàn")
    )


def _place_name(province: str) -> str:
    return f"thành phố {province}" if province in PROVINCE_CITIES else f"tỉnh {province}"


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


@dataclass
class Person:
    name: str
    province: str
    posts: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass
class World:
    """The people of the archive so far, grown by a Pitman-Yor process over mentions."""

    rng: random.Random
    # Fitted so that 928 mentions name about 630 people (the pages corpus: 588) and 24.6k about 9.2k (baomoi,
    # whose 12k "names" include non-persons); 1M articles (3M mentions) then name about 440k people.
    discount: float = 0.8
    strength: float = 100.0
    people: list[Person] = field(default_factory=list)
    mentions: int = 0
    #: One entry per past mention (the person's index): a uniform draw from it picks people by their mentions.
    _urn: list[int] = field(default_factory=list)

    def _new_person(self) -> Person:
        rng = self.rng
        surname = _weighted(rng, SURNAMES)
        middle = rng.choice(MIDDLE)
        given = rng.choice(GIVEN)
        name = f"{surname} {middle} {given}" if rng.random() < 0.9 else f"{surname} {given}"
        province = _weighted(rng, PROVINCE_WEIGHTS)  # type: ignore[arg-type]
        person = Person(name, province)
        person.posts = self._posts_for(province, rng.choices([1, 2, 3], weights=[5, 3, 1])[0])
        return person

    def _posts_for(self, province: str, count: int) -> list[str]:
        rng = self.rng
        chosen = rng.choices(POSTS, weights=[w for _, _, w in POSTS], k=count)
        commune = f"{rng.choice(DISTRICT_WORDS)} {rng.choice(DISTRICT_WORDS)}"
        return sorted({_city_form(template, province).format(P=province, D=commune) for template, _, _ in chosen})

    def person(self) -> Person:
        """Someone named in an article: a known person by past mentions, or a new one (Pitman-Yor)."""
        k = len(self.people)
        new_share = (self.strength + self.discount * k) / (self.strength + self.mentions) if self.mentions else 1.0
        if self.rng.random() < new_share:
            person = self._new_person()
            self.people.append(person)
            index = k
        else:
            while True:  # P(i) ~ mentions_i - discount: draw by mentions, accept with (m - d) / m
                index = self._urn[self.rng.randrange(len(self._urn))]
                m = self.people[index].mentions
                if self.rng.random() < (m - self.discount) / m:
                    break
            person = self.people[index]
            if self.rng.random() < 0.01:  # a transfer: the person's next posts are in another province
                person.province = _weighted(self.rng, PROVINCE_WEIGHTS)  # type: ignore[arg-type]
                person.posts = self._posts_for(person.province, 1)
        self._urn.append(index)
        person.mentions += 1
        self.mentions += 1
        return person


def _count(rng: random.Random, mean: float, zero_share: float) -> int:
    """A count with the given mean and share of zeros (zero-inflated geometric)."""
    if rng.random() < zero_share:
        return 0
    positive_mean = mean / (1.0 - zero_share)
    n = 1
    while rng.random() > 1.0 / positive_mean:
        n += 1
    return n


def _date(index: int, total: int, start: dt.date = dt.date(2016, 1, 1), years: int = 10) -> dt.date:
    return start + dt.timedelta(days=int(index * years * 365 / max(total, 1)))


def article(world: World, index: int, total: int, general_share: float) -> dict[str, object]:
    rng = world.rng
    general = rng.random() < general_share
    day = _date(index, total)
    people_n = _count(rng, 1.8 if general else 3.1, 0.37 if general else 0.0)
    people = [world.person() for _ in range(people_n)]
    province = people[0].province if people else _weighted(rng, PROVINCE_WEIGHTS)  # type: ignore[arg-type]
    sentences: list[str] = []
    has_event = not general and rng.random() < 0.55
    event = rng.choice(EVENTS)
    if has_event:
        sentences.append(
            f"Ngày {day.day}/{day.month}, tại {_place_name(province)}, "
            + _city_form("Ban Dân vận Tỉnh ủy {P}", province).format(P=province)
            + f" tổ chức {event} năm {day.year}."
        )
    else:
        sentences.append(f"Ngày {day.day}/{day.month}, {_place_name(province)} có thêm nhiều hoạt động mới ở cơ sở.")
    for i, person in enumerate(people):
        titles = ", ".join(person.posts) if person.posts else ""
        if general and rng.random() < 0.8:
            sentences.append(f"Ông {person.name} cho biết kế hoạch sẽ được triển khai trong thời gian tới.")
        elif i == 0 and has_event and rng.random() < 0.3:
            sentences.append(f"Đồng chí {person.name}, {titles} chủ trì {event}.")
        elif has_event and rng.random() < 0.4:
            sentences.append(f"Dự {event} có đồng chí {person.name}, {titles}.")
        elif rng.random() < 0.1 and person.posts:
            sentences.append(
                _city_form("Ban Thường vụ Tỉnh ủy {P}", person.province).format(P=person.province)
                + f" công bố quyết định điều động đồng chí {person.name} giữ chức {person.posts[0]}."
            )
        else:
            sentences.append(f"Đồng chí {person.name}, {titles} phát biểu ý kiến tại buổi làm việc.")
    if not general and rng.random() < 0.04:
        campaign = rng.choice(CAMPAIGNS)
        sentences.append(
            f"Năm {day.year}, toàn {_place_name(province)} có {rng.randint(50, 5000)} mô hình "
            f'"{campaign}" được công nhận.'
        )
    sentences.append("Các đại biểu thống nhất nhiều giải pháp nâng cao hiệu quả công tác vận động quần chúng.")
    text = " ".join(sentences)
    number = f"{index:08d}"
    return {
        "id": f"synth-{number}",
        "url": f"https://synthetic.invalid/{province.lower().replace(' ', '-')}/{day.isoformat()}/{number}",
        "title": f"{event.capitalize()} tại {province}" if has_event else f"Tin {province} {day.isoformat()}",
        "published": day.isoformat(),
        "source": "synthetic.invalid",
        "text": text,
    }


def generate(total: int, seed: int = 7, general_share: float = 0.3, start: int = 0) -> Iterator[dict[str, object]]:
    """Articles ``start`` .. ``total - 1`` of one deterministic archive (the same seed gives the same archive)."""
    world = World(random.Random(seed))
    for index in range(total):
        record = article(world, index, total, general_share)
        if index >= start:
            yield record


def calibrate() -> None:
    """Per-article figures of the two corpora, from the extractor (the figures in this module's docstring)."""
    sys.path.insert(0, str(REPO))
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    corpus = REPO.parent / "shared" / "corpus"
    for name in ("danvan_pages.jsonl", "baomoi_2017_sample.jsonl"):
        path = corpus / name
        if not path.is_file():
            print(f"{path}: not found (../shared is not beside the repository)")
            continue
        totals: dict[str, int] = {}
        names: dict[str, int] = {}
        n = 0
        for ex in extract_paths([path], workers=2):
            if not isinstance(ex, Extraction):
                continue
            n += 1
            data = ex.to_json()
            for fact in data["facts"]:
                totals[fact["type"]] = totals.get(fact["type"], 0) + 1
            for entity in data["entities"]:
                if entity["type"] == "Person":
                    names[entity["name"]] = names.get(entity["name"], 0) + 1
        print(f"{name}: {n} articles, {len(names)} distinct person names in {sum(names.values())} mentions")
        for kind in ("HOLDS", "CHAIRED", "ATTENDED", "SPOKE_AT", "RUNS"):
            print(f"  {kind:<9} {totals.get(kind, 0) / max(n, 1):.2f} per article")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--general", type=float, default=0.3, help="share of general-news articles")
    parser.add_argument("--start", type=int, default=0, help="write only articles from this index on")
    parser.add_argument("--calibrate", action="store_true", help="print the corpora's figures and stop")
    args = parser.parse_args()
    if args.calibrate:
        calibrate()
        return
    if args.out is None:
        parser.error("--out is required")
    with args.out.open("w", encoding="utf-8") as out:
        for record in generate(args.articles, args.seed, args.general, args.start):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}: articles {args.start}..{args.articles - 1}")


if __name__ == "__main__":
    main()
