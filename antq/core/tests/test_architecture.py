"""The walls between apps hold: import-linter's contract covers every app, and it is kept."""

import importlib
import re
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


PERMISSION_LITERAL = re.compile(
    r"[\"']((?:core|geo|orgs|committees|programs|evaluations|initiatives|tips)\.(?:view|manage|handle|record|submit|"
    r"review|update|grade|approve|run|recognise|supervise)_[a-z_]+)[\"']")


def _declared_codes() -> dict[str, str]:
    codes = {}
    for module_path in (ROOT / "antq").glob("*/permissions.py"):
        module = importlib.import_module(f"antq.{module_path.parent.name}.permissions")
        codes.update({value: f"{module_path.parent.name}.{name}" for name, value in vars(module).items()
                      if name.isupper() and isinstance(value, str)})
    return codes


def test_every_permission_code_is_a_constant_shipped_with_the_roles(db):
    from antq.orgs.models import Permission, Role

    declared = _declared_codes()
    shipped = set(Permission.objects.values_list("code", flat=True))
    assert set(declared) == shipped
    held = set(Role.objects.exclude(code="system_admin").values_list("permissions__code", flat=True))
    assert set(declared) - held <= {"core.manage_reference_data"}  # the ministry's administrator alone
    assert set(Role.objects.get(code="system_admin").permissions.values_list("code", flat=True)) == shipped


def test_code_names_permissions_by_their_constants_and_templates_only_shipped_codes():
    declared = _declared_codes()
    literals = []
    for path in (ROOT / "antq").rglob("*"):
        if path.suffix not in (".py", ".html") or "migrations" in path.parts or "tests" in path.parts:
            continue
        if path.name in ("permissions.py", "defaults.py", "conftest.py"):
            continue
        for line in path.read_text().splitlines():
            if "contribut" in line or "action=" in line or line.lstrip().startswith(("#", '"', "'")):
                continue  # a registry hook or an audit action, a comment or a docstring
            for code in PERMISSION_LITERAL.findall(line):
                assert code in declared, f"{path}: unknown permission {code}"
                if path.suffix == ".py":
                    literals.append(f"{path.relative_to(ROOT)}: {code}")
    # Codes of an app the file may not import, named by their text: geo shows a unit's organisations
    # (orgs is a layer above it); a model's site at an establishment is checked against the evaluation's
    # view permission, which governs the establishment registry. No other literal.
    assert set(literals) <= {"antq/geo/views.py: orgs.view_organisation", "antq/geo/views.py: orgs.manage_organisation",
                             "antq/geo/views.py: orgs.manage_user",
                             "antq/initiatives/api/views.py: evaluations.view_evaluation"}, literals


AUDIT_ACTION = re.compile(r"(?:action=|_audit\([^,]+, |\"action\": )\"([a-z]+)\.([a-z_]+)\"")


def test_every_audit_action_is_named_like_the_service_that_writes_it():
    unnamed = []
    for path in (ROOT / "antq").rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        text = path.read_text()
        functions = set(re.findall(r"^def ([a-z_]+)\(", text, re.M))
        for _app, action in AUDIT_ACTION.findall(text):
            if action not in functions:
                unnamed.append(f"{path.relative_to(ROOT)}: {action}")
    assert unnamed == []


def test_no_template_carries_inline_script_so_the_content_security_policy_holds():
    """Scripts come from files (antq.core.middleware.CONTENT_SECURITY_POLICY): no <script> without src, no
    on…= handler attribute, no javascript: URL. Behaviours are data attributes read by core/antq.js."""
    found = []
    for path in (ROOT / "antq").rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=\s*[\"']", r"javascript:"):
            found += [f"{path.relative_to(ROOT)}: {m}" for m in re.findall(pattern, text, re.I)]
    assert found == []
