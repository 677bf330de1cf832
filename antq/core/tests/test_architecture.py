"""The walls between apps hold: import-linter's contract covers every app, and it is kept."""

import tomllib
from pathlib import Path

from django.apps import apps
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[3]


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return [module.strip() for layer in contract["layers"] for module in layer.split("|")]


def test_every_app_of_the_project_stands_in_a_layer():
    ours = {config.name for config in apps.get_app_configs() if config.name.startswith("antq.")}
    assert ours == set(_layers())


def test_no_app_imports_a_sibling_or_a_layer_above_it():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
