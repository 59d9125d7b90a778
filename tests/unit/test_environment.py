"""The conda environment mirrors the pinned lock; the lock pins everything the project imports."""

import re

import yaml

from medical_coding_salaries.paths import ROOT


def lock_pins() -> set[str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def test_environment_yml_lists_the_same_pins_as_the_lock() -> None:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    pins = {entry.lower() for entry in pip_section if not entry.startswith("-e")}
    assert pins == lock_pins()
    assert "-e ." in pip_section


def test_every_pin_is_exact_and_direct_dependencies_are_pinned() -> None:
    pins = lock_pins()
    assert all(re.fullmatch(r"[a-z0-9_.\-\[\]]+==[\w.+!\-]+", pin) for pin in pins), [
        pin for pin in pins if "==" not in pin
    ]
    names = {pin.split("==")[0].replace("_", "-") for pin in pins}
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    direct = set(re.findall(r'^\s+"([a-z0-9\-]+)",?$', pyproject, flags=re.MULTILINE))
    assert direct, "no dependencies read from pyproject.toml"
    assert direct <= names, direct - names
