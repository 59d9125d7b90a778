"""The report's parameters: one YAML file of defaults, validated strictly before anything runs."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from medical_coding_salaries.clean.labels import CITIES, EXPERIENCE_ORDER
from medical_coding_salaries.errors import ParameterError
from medical_coding_salaries.paths import DEFAULT_PARAMETERS

CITY_NAMES = tuple(city for city, _ in CITIES.values())
CREDENTIAL_BASELINES = ("CPC", "CCS", "Medical Records Coder")

# The city baseline that is the national median wage, not a city.
NATIONAL_MEDIAN = "national_median"
# The pay band's profile: a level of the experience tables, a city of the article or the nation, a credential.
PROFILE_LEVELS = tuple(EXPERIENCE_ORDER)
NATIONAL = "national"
PROFILE_CITIES = (NATIONAL, *CITY_NAMES)
ANY_CREDENTIAL = "any"
PROFILE_CREDENTIALS = (ANY_CREDENTIAL, "CPC", "CCS")


@dataclass(frozen=True)
class Parameters:
    """Every choice a reader can change; params.yaml holds the defaults and says what each one means."""

    range_point: str
    open_top_factor: float
    city_baseline: str
    credential_baseline: str
    dollar_year: int
    undated_reference_year: int
    regional_prices: bool
    paper_size: str
    profile_level: str
    profile_city: str
    profile_credential: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


CHOICES: dict[str, tuple[Any, ...]] = {
    "range_point": ("low", "midpoint", "high"),
    "city_baseline": (NATIONAL_MEDIAN, *CITY_NAMES),
    "credential_baseline": CREDENTIAL_BASELINES,
    "paper_size": ("letter", "a4"),
    "profile_level": PROFILE_LEVELS,
    "profile_city": PROFILE_CITIES,
    "profile_credential": PROFILE_CREDENTIALS,
}
BOUNDS: dict[str, tuple[float, float]] = {
    "open_top_factor": (1.0, 2.0),
    "dollar_year": (2000, 2100),
    "undated_reference_year": (2000, 2100),
}
NAMES = tuple(field.name for field in fields(Parameters))
# Parameters only the renderers read: no notebook declares them, so changing one re-executes no notebook.
LAYOUT_ONLY = ("paper_size",)
# Unknown names an error lists (a file of thousands would make a message of megabytes).
SHOWN_UNKNOWN = 10


def _check_type(name: str, value: Any, expected: type, source: str) -> Any:
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ParameterError(
            f"{source}: parameter {name!r} must be {expected.__name__}, got {value!r} ({type(value).__name__})"
        )
    return value


def validate(values: dict[str, Any], source: str = "parameters") -> Parameters:
    """Parameters from a mapping; unknown names, wrong types and values out of range raise ParameterError."""
    not_text = [name for name in values if not isinstance(name, str)]
    if not_text:
        raise ParameterError(f"{source}: parameter names are text; got {not_text[0]!r} ({type(not_text[0]).__name__})")
    unknown = sorted(set(values) - set(NAMES))
    if unknown:
        shown = ", ".join(unknown[:SHOWN_UNKNOWN]) + (
            f" and {len(unknown) - SHOWN_UNKNOWN} more" if len(unknown) > SHOWN_UNKNOWN else ""
        )
        raise ParameterError(f"{source}: unknown parameter(s) {shown}; valid names are {', '.join(NAMES)}")
    types = {field.name: field.type for field in fields(Parameters)}
    checked = {}
    for name, value in values.items():
        expected = {"str": str, "float": float, "int": int, "bool": bool}[str(types[name])]
        value = _check_type(name, value, expected, source)
        if name in CHOICES and value not in CHOICES[name]:
            raise ParameterError(
                f"{source}: parameter {name!r} is {value!r}; allowed values are {', '.join(map(str, CHOICES[name]))}"
            )
        if name in BOUNDS and not BOUNDS[name][0] <= value <= BOUNDS[name][1]:
            low, high = BOUNDS[name]
            raise ParameterError(f"{source}: parameter {name!r} is {value!r}; it must lie between {low:g} and {high:g}")
        checked[name] = value
    return Parameters(**checked)


def yaml_problem(error: yaml.YAMLError) -> str:
    """PyYAML's error in one line ('while parsing a flow sequence (line 1, column 14): expected ...
    (line 2, column 1)'), where its own text quotes the offending lines under each place."""
    parts = []
    for what, mark in (("context", "context_mark"), ("problem", "problem_mark")):
        text, place = getattr(error, what, None), getattr(error, mark, None)
        if text:
            parts.append(f"{text} (line {place.line + 1}, column {place.column + 1})" if place else text)
    return ": ".join(parts) or " ".join(str(error).split())


MERGE_TAG = "tag:yaml.org,2002:merge"


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key given twice in one mapping is an error: the plain loader keeps the
    last value silently, so a parameter set twice (an edit added below the old line) would be half-ignored."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            # `<<: *base` merges a mapping, whose keys this one's own may override, as YAML defines; `<<` itself
            # counts as a key given once.
            key = "<<" if key_node.tag == MERGE_TAG else self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable) and key in first:
                raise yaml.constructor.ConstructorError(
                    f"{key!r} is given twice", first[key], "again here", key_node.start_mark
                )
            if isinstance(key, Hashable):
                first[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> dict[str, Any]:
    """The name: value mapping of a parameters file; a missing or malformed file raises ParameterError."""
    if path.is_dir():
        raise ParameterError(f"{path}: a folder, not a parameters file")
    if not path.is_file():
        raise ParameterError(f"{path}: parameters file not found")
    try:
        values = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader) or {}  # noqa: S506
    except yaml.YAMLError as error:
        raise ParameterError(f"{path}: not valid YAML: {yaml_problem(error)}") from error
    except UnicodeDecodeError as error:
        raise ParameterError(f"{path}: not valid YAML: {error}") from error
    except RecursionError:
        raise ParameterError(f"{path}: not valid YAML for parameters: nested too deeply") from None
    except OSError as error:
        raise ParameterError(f"{path}: cannot be read ({error.strerror})") from None
    if not isinstance(values, dict):
        raise ParameterError(f"{path}: expected 'name: value' lines, got {type(values).__name__}")
    return values


def load(path: Path | str | None = None) -> Parameters:
    """The defaults of params.yaml, overridden by what the file at `path` sets (all defaults if None)."""
    defaults = read_yaml(DEFAULT_PARAMETERS)
    missing = sorted(set(NAMES) - set(defaults))
    if missing:
        raise ParameterError(f"{DEFAULT_PARAMETERS.name}: no default for {', '.join(missing)}")
    overrides = read_yaml(Path(path)) if path is not None else {}
    source = Path(path).name if path is not None else DEFAULT_PARAMETERS.name
    validate(defaults, source=DEFAULT_PARAMETERS.name)
    return validate({**defaults, **overrides}, source=source)


def non_default(parameters: Parameters) -> dict[str, Any]:
    """The parameters whose values differ from the project's defaults file."""
    defaults = load().as_dict()
    return {name: value for name, value in parameters.as_dict().items() if value != defaults[name]}


def as_yaml(parameters: Parameters) -> str:
    """The parameters as sorted 'name: value' lines: what Make records and compares between builds."""
    return yaml.safe_dump(parameters.as_dict(), sort_keys=True)


def build_record(parameters: Parameters, data: Path) -> str:
    """What a report is built from, as the build records it beside its outputs and Make compares it before the
    next one: the effective parameters; each input file and notebook with a digest of its bytes (so that a deleted,
    added or renamed file, or one restored with an older modification time, is seen); and one digest of the
    package's files (its code, templates and styles). The build takes it before it reads anything: a file edited
    while it runs then differs from the record, and the next build runs again."""
    import hashlib

    from medical_coding_salaries.build.cache import files_digest, package_files
    from medical_coding_salaries.paths import input_files, notebook_paths

    def line(kind: str, name: str, path: Path) -> str:
        return f"# {kind}: {name} {hashlib.sha256(path.read_bytes()).hexdigest()[:16]}\n"

    inputs = [line("input", path.relative_to(data).as_posix(), path) for path in input_files(data)]
    notebooks = [line("notebook", path.name, path) for path in notebook_paths()]
    package = files_digest(package_files(renderers=True))
    return as_yaml(parameters) + "".join(inputs + notebooks) + f"# package: {package[:16]}\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m medical_coding_salaries.parameters [--record DATA] [FILE]`: validate FILE and print the
    effective parameters (with --record, followed by the input files under DATA, as the build records them)."""
    import sys

    arguments = sys.argv[1:] if argv is None else list(argv)
    data = None
    if arguments[:1] == ["--record"] and len(arguments) >= 2:
        data, arguments = Path(arguments[1]).resolve(), arguments[2:]
    try:
        chosen = load(arguments[0] if arguments else None)
        print(as_yaml(chosen) if data is None else build_record(chosen, data), end="")
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # an input file that cannot be read: the build names it
        print(f"error: {error.filename}: cannot be read ({error.strerror})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C as make reads the Makefile: make reports it
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
