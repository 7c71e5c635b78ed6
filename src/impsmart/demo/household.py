"""The people of one demo household: a couple (or a single head), children, elderly parents.

About 84 % of households are couples, 12.6 % have a female head (PK21, Gowa) and the rest a
single man; 70 % of couples have a wife of 15–49, which makes them a PUS. Children follow the
mother's marriage age with 2–5 years between births; most grown children have left. Children
born during the two-year history window come from the mother's pregnancies instead
(``add_babies``), so that births and the KB history agree.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate

from impsmart.demo.names import person_name

MAX_MEMBERS = 8
CHILDREN = [0, 1, 2, 3, 4, 5, 6]
CHILDREN_CUMULATIVE = list(accumulate([3, 10, 22, 25, 20, 12, 8]))
LEVELS = ["tidak_sekolah", "sd", "smp", "sma", "diploma", "sarjana"]
OLDER_CUMULATIVE = list(accumulate([20, 45, 20, 12, 1, 2]))
YOUNGER_CUMULATIVE = list(accumulate([4, 22, 24, 36, 5, 9]))
MEN_WORK = [
    "Petani",
    "Petani",
    "Buruh harian",
    "Wiraswasta",
    "Pedagang",
    "Sopir",
    "PNS",
    "Karyawan swasta",
    "Tukang",
]
WOMEN_WORK = ["Mengurus rumah tangga"] * 6 + ["Petani", "Pedagang", "Guru", "Karyawan swasta"]


@dataclass
class Person:
    name: str
    sex: str
    birth: dt.date
    relation: str
    marital: str
    education: str = ""
    occupation: str = ""
    spouse: int | None = None
    has_nik: bool = True
    joined_on: dt.date | None = None
    age: int = 0


@dataclass
class People:
    today: dt.date
    rng: random.Random
    persons: list[Person] = field(default_factory=list)
    pus: int | None = None  # index of the PUS wife
    children: int = 0

    def add(self, person: Person) -> int:
        self.persons.append(person)
        return len(self.persons) - 1

    def add_babies(self, births: list[dt.date]) -> None:
        for birth in sorted(births):
            if len(self.persons) >= MAX_MEMBERS or birth > self.today:
                return
            sex = self.rng.choice("LP")
            name = person_name(self.rng, sex)
            baby = Person(name, sex, birth, "anak", "belum_kawin", "tidak_sekolah", "")
            baby.has_nik = self.rng.random() < 0.6
            baby.joined_on = birth
            self.add(baby)
            self.children += 1

    def poktan_members(self) -> tuple[bool, bool, bool]:
        """BKB, BKR, BKL membership: some of the families that are targets take part."""
        ages = [(self.today - p.birth).days / 365.25 for p in self.persons]
        rng = self.rng
        bkb = any(a < 6 for a in ages) and rng.random() < 0.35
        bkr = any(10 <= a < 25 for a in ages) and rng.random() < 0.2
        bkl = any(a >= 60 for a in ages) and rng.random() < 0.3
        return bkb, bkr, bkl


class Household:
    def __init__(self, rng: random.Random, today: dt.date, window: dt.date):
        self.rng, self.today = rng, today
        # Children born from here on come from the mother's pregnancy records.
        self.recent = (today - window).days / 365.25 + 0.75
        self.people = People(today, rng)

    def born(self, age: float) -> dt.date:
        return self.today - dt.timedelta(days=int(age * 365.25) + self.rng.randint(0, 364))

    def person(self, sex: str, age: float, relation: str, marital: str) -> Person:
        birth = self.born(age)
        years = (self.today - birth).days // 365
        p = Person(person_name(self.rng, sex), sex, birth, relation, marital, age=int(years))
        p.education = self.education(years)
        p.occupation = self.occupation(sex, years)
        return p

    def education(self, age: int) -> str:
        if age < 7:
            return "tidak_sekolah"
        if age < 13:
            return "sd"
        if age < 16:
            return "smp"
        cumulative = OLDER_CUMULATIVE if age > 50 else YOUNGER_CUMULATIVE
        return self.rng.choices(LEVELS, cum_weights=cumulative)[0]

    def occupation(self, sex: str, age: int) -> str:
        if age < 6:
            return ""
        if age < 19:
            return "Pelajar"
        if age >= 65:
            return "Tidak bekerja"
        return self.rng.choice(MEN_WORK if sex == "L" else WOMEN_WORK)

    def build(self) -> People:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.126:
            self.single("P", rng.uniform(28, 78), rng.choice(["cerai_mati", "cerai_hidup"]))
        elif roll < 0.156:
            self.single("L", rng.uniform(22, 75), rng.choice(["belum_kawin", "cerai_mati"]))
        else:
            self.couple()
        self.parents()
        return self.people

    def single(self, sex: str, age: float, marital: str) -> None:
        head = self.person(sex, age, "kepala", marital)
        self.people.add(head)
        if marital != "belum_kawin":
            self.offspring(age, keep_recent=True)

    def couple(self) -> None:
        rng = self.rng
        wife_age = rng.uniform(18, 50) if rng.random() < 0.71 else rng.uniform(50, 74)
        husband = self.person("L", max(20, wife_age + rng.uniform(-2, 9)), "kepala", "kawin")
        wife = self.person("P", wife_age, "istri", "kawin")
        h = self.people.add(husband)
        w = self.people.add(wife)
        husband.spouse, wife.spouse = w, h
        pus = 15 <= wife.age <= 49
        if pus:
            self.people.pus = w
        self.offspring(wife_age, keep_recent=not pus)

    def offspring(self, mother_age: float, keep_recent: bool) -> None:
        rng = self.rng
        wanted = rng.choices(CHILDREN, cum_weights=CHILDREN_CUMULATIVE)[0]
        at = rng.uniform(17, 25) + rng.uniform(0.8, 2.5)
        while wanted > 0 and at < min(mother_age, 43):
            age = mother_age - at
            at, wanted = at + rng.uniform(2, 5), wanted - 1
            if age < self.recent and not keep_recent:
                continue
            if age >= 20 and rng.random() < (0.75 if age >= 25 else 0.35):
                continue  # grown up and gone
            if len(self.people.persons) >= MAX_MEMBERS - 1:
                return
            sex = rng.choice("LP")
            self.people.add(self.person(sex, age, "anak", "belum_kawin"))
            self.people.children += 1

    def parents(self) -> None:
        roll = self.rng.random()
        if roll >= 0.25 or len(self.people.persons) >= MAX_MEMBERS - 1:
            return
        if roll < 0.04:
            father = self.person("L", self.rng.uniform(66, 84), "orang_tua", "kawin")
            mother = self.person("P", self.rng.uniform(62, 80), "orang_tua", "kawin")
            f, m = self.people.add(father), self.people.add(mother)
            father.spouse, mother.spouse = m, f
            return
        sex = "P" if self.rng.random() < 0.72 else "L"
        self.people.add(self.person(sex, self.rng.uniform(62, 88), "orang_tua", "cerai_mati"))
