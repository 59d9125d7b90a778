"""One parameters file; notebooks agree with it; bad parameters stop with the valid names or values."""

import ast
from pathlib import Path

import nbformat
import papermill
import pytest
import yaml

from medical_coding_salaries.build.execute import notebook_paths
from medical_coding_salaries.errors import ParameterError
from medical_coding_salaries.parameters import NAMES, load, main, non_default, validate
from medical_coding_salaries.paths import DEFAULT_PARAMETERS

DEFAULTS = yaml.safe_load(DEFAULT_PARAMETERS.read_text(encoding="utf-8"))


def test_defaults_file_sets_every_parameter_and_nothing_else() -> None:
    assert set(DEFAULTS) == set(NAMES)
    assert load().as_dict() == DEFAULTS


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.name)
def test_notebook_has_one_documented_parameters_cell_agreeing_with_the_defaults(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    declared = papermill.inspect_notebook(str(path))
    assert declared, f"{path.name} declares no parameters"
    for name, parameter in declared.items():
        assert name in DEFAULTS, f"{path.name}: {name} is not in params.yaml"
        assert ast.literal_eval(parameter["default"]) == DEFAULTS[name], f"{path.name}: {name}"
        assert parameter["help"].strip(), f"{path.name}: {name} has no comment for papermill --help-notebook"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_overrides_only_what_it_sets(tmp_path: Path) -> None:
    chosen = load(write(tmp_path, "range_point: high\ncity_baseline: Chicago\n"))
    assert (chosen.range_point, chosen.city_baseline, chosen.paper_size) == ("high", "Chicago", DEFAULTS["paper_size"])
    assert non_default(chosen) == {"range_point": "high", "city_baseline": "Chicago"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "range_piont: high\n",
            r"my\.yml: unknown parameter\(s\) range_piont; valid names are range_point, open_top_factor",
        ),
        ("range_point: mean\n", r"my\.yml: parameter 'range_point' is 'mean'; allowed values are low, midpoint, high"),
        ("open_top_factor: 3\n", r"my\.yml: parameter 'open_top_factor' is 3\.0; it must lie between 1 and 2"),
        ("open_top_factor: lots\n", r"parameter 'open_top_factor' must be float, got 'lots'"),
        ("regional_prices: 1\n", r"parameter 'regional_prices' must be bool"),
        ("dollar_year: 2025.5\n", r"parameter 'dollar_year' must be int"),
        (
            "city_baseline: Boston\n",
            r"allowed values are national_median, New York City, Los Angeles, Chicago, Houston",
        ),
        (
            "profile_city: Boston\n",
            r"parameter 'profile_city' is 'Boston'; allowed values are national, New York City, Los Angeles, Chicago, "
            r"Houston",
        ),
        ("profile_level: junior\n", r"allowed values are entry, mid, experienced, senior"),
        ("profile_credential: RHIT\n", r"allowed values are any, CPC, CCS"),
        ("range_point: [low\n", r"my\.yml: not valid YAML"),
        ("- low\n- high\n", r"my\.yml: expected 'name: value' lines"),
        (
            "range_point: low\nopen_top_factor: 1.2\nrange_point: high\n",
            r"my\.yml: not valid YAML: 'range_point' is given twice \(line 1, column 1\): "
            r"again here \(line 3, column 1\)",
        ),
    ],
)
def test_bad_parameters_stop_with_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        load(write(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("null: 1\n", r"my\.yml: parameter names are text; got None \(NoneType\)"),
        ("1: low\n", r"my\.yml: parameter names are text; got 1 \(int\)"),
        ("x: " + "[" * 20000 + "]" * 20000 + "\n", r"my\.yml: not valid YAML for parameters: nested too deeply"),
        (
            "".join(f"k{number}: 1\n" for number in range(12)),
            r"unknown parameter\(s\) k0, k1, k10, k11, k2, k3, k4, k5, k6, k7 and 2 more; valid names are",
        ),
    ],
)
def test_odd_files_stop_with_one_short_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message) as raised:
        load(write(tmp_path, text))
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 400


def test_yaml_merge_keys_work_and_an_explicit_key_overrides_a_merged_one(tmp_path: Path) -> None:
    chosen = load(write(tmp_path, "<<: {range_point: low, paper_size: a4}\nrange_point: high\n"))
    assert (chosen.range_point, chosen.paper_size) == ("high", "a4")


def test_a_merge_key_given_twice_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"'<<' is given twice \(line 1, column 1\): again here \(line 2"):
        load(write(tmp_path, "<<: {range_point: low}\n<<: {range_point: high}\n"))


def test_a_folder_is_not_a_parameters_file(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="a folder, not a parameters file"):
        load(tmp_path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="parameters file not found"):
        load(tmp_path / "absent.yml")


def test_validate_accepts_integers_for_floats() -> None:
    assert validate({**DEFAULTS, "open_top_factor": 1}).open_top_factor == 1.0


def test_command_line_prints_effective_parameters_or_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(write(tmp_path, "paper_size: a4\n"))]) == 0
    assert "paper_size: a4" in capsys.readouterr().out
    assert main([str(write(tmp_path, "paper: a4\n"))]) == 2
    assert "unknown parameter(s) paper" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("range_point: [\n", "line 2, column 1"),
        ("range_point: a: b\n", "line 1, column 15"),
        ('range_point: "midpoint\n', "line 1, column 14"),
        ("\trange_point: low\n", "line 1, column 1"),
    ],
)
def test_a_yaml_error_is_one_line_with_its_place(tmp_path: Path, text: str, place: str) -> None:
    """PyYAML's own message quotes the offending lines under each place: the build prints one line."""
    with pytest.raises(ParameterError) as raised:
        load(write(tmp_path, text))
    message = str(raised.value)
    assert "\n" not in message and message.startswith(f"{tmp_path / 'my.yml'}: not valid YAML: ")
    assert place in message
