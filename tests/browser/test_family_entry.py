"""A PPKBD on a 360×740 phone registers a couple and her KB start, and sees it recorded."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from impsmart.accounts.roles import Role
from impsmart.families.identity import nik_for
from impsmart.regions.loader import load_kabupaten
from impsmart.regions.models import Level, Region
from tests.base import KABUPATEN, KECAMATAN_A, make_user
from tests.browser.phone import BROWSER_TEST, fits_the_phone, sign_in

pytestmark = BROWSER_TEST

WIFE_BIRTH = dt.date(1996, 4, 9)
HUSBAND_BIRTH = dt.date(1992, 8, 1)


@pytest.fixture
def ppkbd(committed):
    """A PPKBD of a desa in Gowa, committed (the live server reads from another thread)."""
    load_kabupaten(KABUPATEN)
    desa = Region.objects.filter(level=Level.DESA, parent_id=KECAMATAN_A).order_by("code")[0]
    return make_user("ppkbd_a", Role.PPKBD, desa.code)


def add_member(page: Page, name: str, nik: str, sex: str, birth: dt.date, relation: str):
    page.get_by_role("link", name="Tambah anggota").click()
    page.fill("#id_name", name)
    page.fill("#id_nik", nik)
    page.get_by_label(sex, exact=True).check()
    page.fill("#id_birth_date", birth.isoformat())
    page.select_option("#id_relation", relation)
    page.select_option("#id_marital_status", "kawin")
    fits_the_phone(page)


def test_a_ppkbd_registers_a_couple_and_her_kb_start(page: Page, live_server, ppkbd):
    sign_in(page, live_server, ppkbd)
    page.get_by_role("link", name="Daftar keluarga").click()
    page.get_by_role("link", name="Tambah keluarga").click()

    page.fill("#id_kk_number", "7306060101250099")
    page.fill("#id_address", "Jl. Poros Malino 7")
    page.get_by_role("button", name="Pakai lokasi saya").click()
    expect(page.locator("#id_lat")).to_have_value("-5.210000")
    fits_the_phone(page)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("h1")).to_have_text("KK 7306060101250099")

    add_member(
        page, "Hasnah", nik_for("730606", WIFE_BIRTH, "P", 77), "Perempuan", WIFE_BIRTH, "istri"
    )
    page.get_by_role("button", name="Simpan").click()
    add_member(
        page,
        "Syamsul",
        nik_for("730606", HUSBAND_BIRTH, "L", 78),
        "Laki-laki",
        HUSBAND_BIRTH,
        "kepala",
    )
    page.select_option("#id_spouse", label="Hasnah")
    page.get_by_role("button", name="Simpan").click()

    page.get_by_role("link", name="Mulai KB").click()
    page.get_by_label("Suntik 3 bulan").check()
    page.select_option("#id_jalur", "pemerintah")
    page.get_by_role("button", name="Simpan").click()

    wife = page.locator(".person").filter(has=page.locator("h3", has_text="Hasnah"))
    expect(wife.locator(".status")).to_have_text("Suntik 3 bulan")
    expect(wife).to_contain_text("pasangan: Syamsul")
    expect(page.get_by_role("link", name="Ganti cara")).to_be_visible()
    fits_the_phone(page)
