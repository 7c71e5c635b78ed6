"""Tests of the WHO MEC engine against the packaged table and the shared MEC README rules.

Expected values come from the CSV (read here independently of the engine) or are worked out by
hand from the README (§4 bands, §5 combining rule, §8 facts), never copied from engine output.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
from collections import defaultdict
from pathlib import Path

import pytest

from impsmart.counseling.mec import (
    MecInputError,
    combine_category,
    evaluate,
    explain,
    load_table,
    referral,
)

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "src" / "impsmart" / "counseling" / "data" / "mec_table.csv"
REVIEWED_SHA256 = "0e3405c81db6241257601a230d1722647cac93cb6699dbc1a238c35e6cc93129"
METHODS = [
    "COC",
    "CIC",
    "POP",
    "DMPA",
    "IMPLANT",
    "CU_IUD",
    "LNG_IUD",
    "KONDOM",
    "MAL",
    "MOW",
    "MOP",
]
BASELINE = {method: "A" if method in ("MOW", "MOP") else "1" for method in METHODS}
ORDER = ["1", "C", "2", "2/3", "3", "3/4", "4"]  # "C" only ever occurs for MAL on this scale.
INDONESIAN_WORDS = ("isi", "harus", "tidak", "pilih", "periksa", "salah satu")


def read_table() -> dict[str, dict[str, str]]:
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    with TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert row["method"] not in cells[row["condition_id"]], row
            cells[row["condition_id"]][row["method"]] = row["category"]
    return dict(cells)


CELLS = read_table()


def expected_single(condition_id: str) -> dict[str, str]:
    return {method: CELLS[condition_id].get(method, BASELINE[method]) for method in METHODS}


def oracle(condition_ids: list[str]) -> dict[str, str]:
    """README §5.1 written out independently: NA wins, letters form a set, others take the max."""
    result = {}
    for method in METHODS:
        values = [CELLS[cid][method] for cid in condition_ids if method in CELLS[cid]]
        if "NA" in values:
            result[method] = "NA"
        elif method in ("MOW", "MOP"):
            letters = sorted({value for value in values if value != "A"})
            result[method] = "+".join(letters) or "A"
        else:
            result[method] = max(values, key=ORDER.index, default="1")
    return result


# --- every row of the table, as a single condition --------------------------------------------


def test_table_has_all_rows_and_methods() -> None:
    assert sum(len(methods) for methods in CELLS.values()) == 1480
    assert {method for methods in CELLS.values() for method in methods} == set(METHODS)


def test_package_copy_is_the_reviewed_table() -> None:
    """The SHA-256 recorded in data/README.md is the reviewed table's."""
    digest = hashlib.sha256(TABLE.read_bytes()).hexdigest()
    assert digest == REVIEWED_SHA256
    assert REVIEWED_SHA256 in (TABLE.parent / "README.md").read_text()


@pytest.mark.parametrize("condition_id", sorted(CELLS))
def test_single_condition_returns_table_row(condition_id: str) -> None:
    result = evaluate({"conditions": [condition_id]})
    assert result["methods"] == expected_single(condition_id)
    assert result["conditions"] == [condition_id]
    for method, category in CELLS[condition_id].items():
        if category != BASELINE[method]:
            assert condition_id in [s["condition_id"] for s in result["sources"][method]]


def test_result_is_json_and_lists_every_method() -> None:
    result = evaluate({"age": 30})
    assert list(result["methods"]) == METHODS
    assert set(result["explanations"]) == set(result["referral"]) == set(METHODS)
    json.dumps(result)


def test_table_is_loaded_once() -> None:
    assert load_table() is load_table()


# --- combining: most-restrictive rule ----------------------------------------------------------


@pytest.mark.parametrize(
    ("conditions", "method", "expected"),
    [
        (["smoking_lt35", "obesity_bmi30"], "COC", "2"),  # 2 and 2
        (["age_20_39", "htn_160plus"], "COC", "4"),  # 1 and 4
        (["nulliparous", "arv_nrti__init"], "CU_IUD", "2/3"),  # 2 < 2/3
        (["arv_nrti__init", "pp_iud_48h_4w"], "CU_IUD", "3"),  # 2/3 < 3
        (["liver_malignant", "cirrhosis_severe"], "CIC", "3/4"),  # 3 < 3/4
        (["multiple_cvd_risk", "dvt_hx"], "COC", "4"),  # 3/4 < 4
        (["obesity_bmi30", "surgery_major_immob", "coagulation_disorders"], "MOW", "C+D+S"),
        (["surgery_major_immob", "obesity_bmi30"], "MOW", "C+D"),  # alphabetical, not input order
        (["obesity_bmi30", "pelvic_surgery_hx"], "MOW", "C"),  # the same letter twice
        (["malaria", "parous"], "MOW", "A"),
        (["sti_other__init", "sle_apl__init"], "MOP", "C+D"),
        (["iron_deficiency_anaemia", "obesity_bmi30"], "MOW", "C+D/C"),
        (["pregnant", "age_20_39"], "COC", "NA"),  # NA is not outranked by 1
        (["pregnant", "age_20_39"], "CU_IUD", "4"),
        (["bp_unavailable", "surgery_major_immob"], "MOW", "NA"),
        (["hiv_stage12__init", "age_20_39"], "MAL", "C"),
        (["latex_allergy", "age_lt18"], "KONDOM", "3"),
        (["young_age", "age_lt18"], "MOP", "C"),
    ],
)
def test_combination(conditions: list[str], method: str, expected: str) -> None:
    assert evaluate({"conditions": conditions})["methods"][method] == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [(["2/3", "3/4"], "3/4"), (["2", "2/3"], "2/3"), (["3", "2/3"], "3"), (["3/4", "4"], "4")],
)
def test_split_cells_order(values: list[str], expected: str) -> None:
    assert combine_category("COC", values) == expected
    assert combine_category("COC", list(reversed(values))) == expected


def test_every_pair_follows_the_rule() -> None:
    groups = ("age_", "bf_", "pp_nobf_", "pp_iud_", "postabortion_", "smoking_", "hiv_")
    checked = 0
    for first, second in itertools.combinations(sorted(CELLS), 2):
        same_group = any(first.startswith(g) and second.startswith(g) for g in groups)
        postpartum = all(cid.startswith(("bf_", "pp_nobf_")) for cid in (first, second))
        same_base = "__" in first and first.split("__")[0] == second.split("__")[0]
        parity = {first, second} == {"nulliparous", "parous"}
        if same_group or postpartum or same_base or parity:
            with pytest.raises(MecInputError):
                evaluate({"conditions": [first, second]})
            continue
        assert evaluate({"conditions": [first, second]})["methods"] == oracle([first, second])
        checked += 1
    assert checked > 10000


def test_sources_name_the_rows_that_set_the_category() -> None:
    result = evaluate({"conditions": ["obesity_bmi30", "htn_160plus", "smoking_lt35"]})
    assert [s["condition_id"] for s in result["sources"]["COC"]] == ["htn_160plus"]
    assert {s["condition_id"] for s in result["sources"]["MOW"]} == {"obesity_bmi30", "htn_160plus"}
    assert all(s["source"].startswith("WHO-FPH-2022") for s in result["sources"]["COC"])


# --- ages (README §4) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (17, "age_lt18"),
        (18, "age_18_19"),
        (19, "age_18_19"),
        (20, "age_20_39"),
        (35, "age_20_39"),
        (39, "age_20_39"),
        (40, "age_40_45"),
        (45, "age_40_45"),
        (46, "age_gt45"),
    ],
)
def test_age_lands_in_band(age: int, band: str) -> None:
    result = evaluate({"age": age})
    assert result["age_band"] == band
    assert result["conditions"] == [band]
    assert result["methods"] == expected_single(band)


@pytest.mark.parametrize(
    ("age", "method", "expected"),
    [  # Source bands: COC/CIC <40 | >=40; POP/DMPA/implant <18 | 18-45 | >45; IUD <20 | >=20.
        (17, "DMPA", "2"),
        (18, "DMPA", "1"),
        (45, "DMPA", "1"),
        (46, "DMPA", "2"),
        (19, "CU_IUD", "2"),
        (20, "CU_IUD", "1"),
        (39, "COC", "1"),
        (40, "COC", "2"),
        (46, "CIC", "2"),
    ],
)
def test_age_source_bands(age: int, method: str, expected: str) -> None:
    assert evaluate({"age": age})["methods"][method] == expected


# --- client facts (README §8) --------------------------------------------------------------------


def test_contract_example() -> None:
    result = evaluate({"age": 17, "breastfeeding": True, "postpartum_weeks": 4})
    assert set(result["conditions"]) == {"age_lt18", "bf_lt6w", "pp_iud_4w_plus", "pp_mow_7_41d"}
    methods = result["methods"]
    assert (methods["COC"], methods["CIC"], methods["DMPA"]) == ("4", "4", "3")  # bf < 6 weeks
    assert (methods["CU_IUD"], methods["LNG_IUD"]) == ("2", "2")  # age < 20, IUD at >= 4 weeks: 1
    assert (methods["MOW"], methods["MOP"], methods["KONDOM"]) == ("D", "A", "1")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"breastfeeding": True, "postpartum_hours": 47}, {"bf_lt6w", "pp_iud_lt48h_bf"}),
        ({"breastfeeding": False, "postpartum_hours": 47}, {"pp_nobf_lt21d", "pp_iud_lt48h_nobf"}),
        ({"breastfeeding": True, "postpartum_hours": 48}, {"bf_lt6w", "pp_iud_48h_4w"}),
        ({"breastfeeding": True, "postpartum_days": 6}, {"bf_lt6w", "pp_iud_48h_4w"}),
        ({"breastfeeding": True, "postpartum_days": 7}, {"bf_lt6w", "pp_iud_48h_4w", "pp_mow"}),
        ({"breastfeeding": True, "postpartum_days": 27}, {"bf_lt6w", "pp_iud_48h_4w", "pp_mow"}),
        ({"breastfeeding": True, "postpartum_days": 41}, {"bf_lt6w", "pp_iud_4w_plus", "pp_mow"}),
        ({"breastfeeding": True, "postpartum_weeks": 6}, {"bf_6w_6m", "pp_iud_4w_plus"}),
        ({"breastfeeding": True, "postpartum_months": 5}, {"bf_6w_6m", "pp_iud_4w_plus"}),
        ({"breastfeeding": True, "postpartum_months": 6}, {"bf_6m_plus", "pp_iud_4w_plus"}),
        (
            {"breastfeeding": False, "postpartum_days": 20},
            {"pp_nobf_lt21d", "pp_iud_48h_4w", "pp_mow"},
        ),
        (
            {"breastfeeding": False, "postpartum_days": 21},
            {"pp_nobf_21_42d", "pp_iud_48h_4w", "pp_mow"},
        ),
        ({"breastfeeding": False, "postpartum_days": 42}, {"pp_nobf_21_42d", "pp_iud_4w_plus"}),
        ({"breastfeeding": False, "postpartum_days": 43}, {"pp_nobf_gt42d", "pp_iud_4w_plus"}),
        (
            {"breastfeeding": False, "postpartum_days": 10, "vte_risk_factors": True},
            {"pp_nobf_lt21d_vte", "pp_iud_48h_4w", "pp_mow"},
        ),
        ({"breastfeeding": False}, set()),
    ],
)
def test_postpartum_rows(facts: dict, expected: set[str]) -> None:
    expected = {"pp_mow_7_41d" if row == "pp_mow" else row for row in expected}
    assert set(evaluate(facts)["conditions"]) == expected


@pytest.mark.parametrize(
    ("facts", "row"),
    [
        ({"young_age": True}, "young_age"),
        ({"parity": "nulliparous"}, "nulliparous"),
        ({"puerperal_sepsis": True}, "puerperal_sepsis"),
        ({"postabortion": "first_trimester"}, "postabortion_t1"),
        ({"postabortion": "second_trimester"}, "postabortion_t2"),
        ({"postabortion": "septic"}, "postabortion_septic"),
        ({"past_ectopic": True}, "past_ectopic"),
        ({"smoking": True, "age": 34}, "smoking_lt35"),
        ({"smoking": True, "age": 35, "cigarettes_per_day": 14}, "smoking_35plus_lt15"),
        ({"smoking": True, "age": 35, "cigarettes_per_day": 15}, "smoking_35plus_15plus"),
        ({"bmi": 30}, "obesity_bmi30"),
        ({"hypertension": "controlled"}, "htn_controlled"),
        ({"bp": "140/80"}, "htn_140_159"),
        ({"bp": "120/90"}, "htn_140_159"),
        ({"bp": "159/99"}, "htn_140_159"),
        ({"bp": "160/80"}, "htn_160plus"),
        ({"bp": "120/100"}, "htn_160plus"),
        ({"dvt": "history"}, "dvt_hx"),
        ({"dvt": "acute"}, "dvt_acute"),
        ({"ihd": "current"}, "ihd_current__init"),
        ({"ihd": "current", "phase": "continuation"}, "ihd_current__cont"),
        ({"stroke": True}, "stroke_hx__init"),
        ({"headache": "migraine_with_aura"}, "migraine_aura__init"),
        ({"headache": "migraine_without_aura", "age": 34}, "migraine_noaura_lt35__init"),
        ({"headache": "migraine_without_aura", "age": 35}, "migraine_noaura_35plus__init"),
        ({"unexplained_vaginal_bleeding": True}, "unexplained_bleeding__init"),
        ({"breast_cancer": "current"}, "breast_cancer_current"),
        ({"cervical_cancer": "awaiting_treatment"}, "cervical_cancer__init"),
        ({"pid": "current"}, "pid_current__init"),
        ({"sti": "cervicitis_chlamydia_gonorrhoea"}, "sti_cervicitis_ct_gc__init"),
        ({"hiv": "high_risk"}, "hiv_high_risk__init"),
        ({"hiv": "stage1-2"}, "hiv_stage12__init"),
        ({"hiv": "stage3-4", "phase": "continuation"}, "hiv_stage34__cont"),
        ({"diabetes": "organ_damage"}, "diabetes_organ_damage"),
        ({"gallbladder": "current"}, "gallbladder_current"),
        ({"drug": "rifampicin"}, "rifampicin"),
        ({"drug": "anticonvulsant"}, "anticonvulsants"),
        ({"tb": "pelvic"}, "tb_pelvic__init"),
        ({"tb": "non_pelvic"}, "tb_nonpelvic__init"),
        ({"anaemia": "sickle_cell"}, "sickle_cell"),
        ({"latex_allergy": True}, "latex_allergy"),
        ({"conditions": ["ihd_current"], "phase": "continuation"}, "ihd_current__cont"),
    ],
)
def test_fact_maps_to_row(facts: dict, row: str) -> None:
    result = evaluate(facts)
    assert row in result["conditions"]
    assert result["methods"] == oracle(result["conditions"])


@pytest.mark.parametrize(
    "facts",
    [
        {"bmi": 29.9},
        {"bp": "139/89"},
        {"smoking": False},
        {"latex_allergy": False},
        {"dvt": None},
        {"hiv": False},
    ],
)
def test_facts_below_threshold_add_no_row(facts: dict) -> None:
    result = evaluate(facts)
    assert result["conditions"] == []
    assert result["methods"] == BASELINE


def test_facts_and_conditions_combine() -> None:
    result = evaluate({"age": 36, "smoking": True, "cigarettes_per_day": 20, "conditions": ["cin"]})
    assert result["methods"]["COC"] == "4"  # smoking >= 35 and >= 15/day
    assert result["methods"]["DMPA"] == "2"  # CIN
    assert result["notes"] == [] or all(isinstance(n, str) for n in result["notes"])


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"age": -1}, "age"),
        ({"age": 17.5}, "age"),
        ({"age": "17"}, "age"),
        ({"age": True}, "age"),
        ({"age": 250}, "age"),
        ({"conditions": ["no_such_condition"]}, "conditions"),
        ({"conditions": ["obesity_bmi3"]}, "conditions"),
        ({"conditions": "obesity_bmi30"}, "conditions"),
        ({"postpartum_weeks": 4}, "breastfeeding"),
        ({"breastfeeding": True}, "breastfeeding"),
        ({"breastfeeding": True, "postpartum_weeks": 4, "postpartum_days": 10}, "postpartum_weeks"),
        ({"breastfeeding": False, "postpartum_days": -3}, "postpartum_days"),
        ({"breastfeeding": False, "postpartum_days": 3, "postabortion": "septic"}, "postabortion"),
        ({"breastfeeding": "yes", "postpartum_weeks": 4}, "breastfeeding"),
        ({"age": 17, "conditions": ["age_20_39"]}, "conditions"),
        (
            {"breastfeeding": True, "postpartum_weeks": 4, "conditions": ["bf_6m_plus"]},
            "conditions",
        ),
        ({"conditions": ["ihd_current__init", "ihd_current__cont"]}, "conditions"),
        ({"smoking": True}, "age"),
        ({"smoking": True, "age": 40}, "cigarettes_per_day"),
        ({"cigarettes_per_day": 10}, "smoking"),
        ({"headache": "migraine_without_aura"}, "age"),
        ({"headache": "cluster"}, "headache"),
        ({"bp": "80/120"}, "bp"),
        ({"bp": "tinggi"}, "bp"),
        ({"hiv": "positive"}, "hiv"),
        ({"phase": "start"}, "phase"),
        ({"umur": 20}, "umur"),
    ],
)
def test_invalid_facts_raise_clear_indonesian_error(facts: dict, field: str) -> None:
    with pytest.raises(MecInputError) as caught:
        evaluate(facts)
    message = str(caught.value)
    assert caught.value.field == field
    assert field in message or field == "conditions"
    assert any(word in message.lower() for word in INDONESIAN_WORDS), message


def test_error_is_a_value_error_and_suggests_close_ids() -> None:
    with pytest.raises(ValueError, match="obesity_bmi30"):
        evaluate({"conditions": ["obesity_bmi3"]})
    with pytest.raises(MecInputError):
        evaluate(["age", 20])  # type: ignore[arg-type]


# --- explanations and referral ---------------------------------------------------------------


@pytest.mark.parametrize("category", ["1", "2", "2/3", "3", "3/4", "4", "NA"])
def test_every_category_has_an_explanation(category: str) -> None:
    assert explain("COC", category).strip()


def test_letter_explanations_join() -> None:
    assert explain("MOW", "C+D") == f"{explain('MOW', 'C')} {explain('MOW', 'D')}"
    assert explain("MOW", "A") != explain("MOW", "D")


@pytest.mark.parametrize(
    ("method", "category", "refer"),
    [
        ("COC", "1", False),
        ("COC", "2", False),
        ("POP", "2/3", True),
        ("COC", "3", True),
        ("COC", "3/4", True),
        ("COC", "4", True),
        ("COC", "NA", True),
        ("KONDOM", "1", False),
        ("KONDOM", "3", True),
        ("IMPLANT", "1", True),
        ("CU_IUD", "1", True),
        ("LNG_IUD", "1", True),
        ("MOW", "A", True),
        ("MOP", "A", True),
    ],
)
def test_referral_rule(method: str, category: str, refer: bool) -> None:
    advice = referral(method, category)
    assert advice["refer"] is refer
    assert advice["provider"] == ("bidan" if refer else "kader")
    assert advice["advice"]
