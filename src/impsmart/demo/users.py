"""Demo accounts: a cadre in every desa and dusun, PKB per few desa, and one of each role."""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password

from impsmart.accounts.models import User
from impsmart.accounts.roles import Role
from impsmart.demo.names import person_name
from impsmart.regions.models import Level, Region

if TYPE_CHECKING:
    from impsmart.demo.generator import DemoContext

# The showcase kecamatan of the replication plan (medium term): Bontomarannu.
SHOWCASE_KECAMATAN_NAME = "Bontomarannu"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _showcase(kabupaten: Region) -> Region:
    kecamatan = kabupaten.children.order_by("code")
    return kecamatan.filter(name=SHOWCASE_KECAMATAN_NAME).first() or kecamatan.first()


def _desa_by_kecamatan(kabupaten: Region) -> dict[str, list[Region]]:
    grouped: dict[str, list[Region]] = {}
    for desa in Region.objects.filter(
        level=Level.DESA, code__startswith=f"{kabupaten.code}."
    ).order_by("code"):
        grouped.setdefault(desa.parent_id, []).append(desa)
    return grouped


def create_users(kabupaten: Region, rng: random.Random, password: str) -> dict[str, User]:
    """Create the accounts and return the showcase login of each role."""
    encoded = make_password(password)  # hashed once: every demo user shares the password
    users: list[User] = []
    taken: set[str] = set()

    def add(prefix: str, name: str, role: Role, codes: list[str], sex: str = "P") -> User:
        base = f"{prefix}.{slug(name)}"
        username, n = base, 1
        while username in taken:
            n += 1
            username = f"{base}{n}"
        taken.add(username)
        User.username_validator(username)  # the rule the account pages apply on edit
        user = User(
            username=username,
            password=encoded,
            role=role,
            region_code=codes[0],
            extra_region_codes=codes[1:],
            first_name=person_name(rng, sex),
        )
        users.append(user)
        return user

    showcase = _showcase(kabupaten)
    chosen = {
        Role.ADMIN_KABUPATEN: add("admin", kabupaten.name, Role.ADMIN_KABUPATEN, [kabupaten.code]),
        Role.PIMPINAN: add("pimpinan", kabupaten.name, Role.PIMPINAN, [kabupaten.code], "L"),
    }
    for kecamatan_code, desas in _desa_by_kecamatan(kabupaten).items():
        kecamatan = desas[0].parent
        koordinator = add(
            "koordinator", kecamatan.name, Role.KOORDINATOR_KECAMATAN, [kecamatan_code]
        )
        mitra = add("puskesmas", kecamatan.name, Role.MITRA, [kecamatan_code])
        pkbs = [
            add(
                "pkb",
                f"{kecamatan.name}{i + 1}",
                Role.PKB,
                [d.code for d in desas[i : i + 3]],
                rng.choice("LP"),
            )
            for i in range(0, len(desas), 3)
        ]
        ppkbds = [add("ppkbd", d.name, Role.PPKBD, [d.code]) for d in desas]
        subs = [
            add("subppkbd", f"{d.name}{dusun.code[-2:]}", Role.SUB_PPKBD, [dusun.code])
            for d in desas
            for dusun in d.children.order_by("code")
        ]
        if kecamatan_code == showcase.code:
            chosen.update(
                {
                    Role.KOORDINATOR_KECAMATAN: koordinator,
                    Role.MITRA: mitra,
                    Role.PKB: pkbs[0],
                    Role.PPKBD: ppkbds[0],
                    Role.SUB_PPKBD: subs[0],
                }
            )
    User.objects.bulk_create(users, batch_size=1000)
    return {role: User.objects.get(username=u.username) for role, u in chosen.items()}


def step(ctx: DemoContext) -> str:
    ctx.logins = create_users(ctx.kabupaten, ctx.rng, ctx.password)
    return f"{User.objects.count()} pengguna"
