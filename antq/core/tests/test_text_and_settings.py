import os
import subprocess
import sys

from antq.core.text import fold


def test_fold_strips_vietnamese_diacritics_and_case():
    assert fold("Phường Hoàn Kiếm") == "phuong hoan kiem"
    assert fold("ĐẶC KHU  Côn Đảo") == "dac khu con dao"
    assert fold("") == ""


def _import_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_")}
    return subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; settings.SECRET_KEY"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "antq.settings", **env},
        capture_output=True, text=True, check=False,
    )


def test_production_refuses_the_demo_secret_key():
    result = _import_settings({"ANTQ_DEBUG": "0"})
    assert result.returncode != 0
    assert "ANTQ_SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_key_and_data_keys():
    result = _import_settings({"ANTQ_DEBUG": "0", "ANTQ_SECRET_KEY": "x" * 50})
    assert result.returncode != 0 and "ANTQ_DATA_KEYS" in result.stderr
    result = _import_settings({"ANTQ_DEBUG": "0", "ANTQ_SECRET_KEY": "x" * 50,
                               "ANTQ_DATA_KEYS": "k1:" + "A" * 43 + "="})
    assert result.returncode == 0, result.stderr


def test_defaults_are_vietnamese_and_ho_chi_minh_time(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_the_production_settings_the_readme_documents_pass_the_deploy_check(tmp_path):
    import base64

    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (set in this process when they are collected).
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("ANTQ_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env = {**clean, "DJANGO_SETTINGS_MODULE": "antq.settings", "ANTQ_DEBUG": "0", "ANTQ_SECRET_KEY": "vX3-9qLr_Tz8" * 5,
           "ANTQ_DATA_KEYS": "k1:" + base64.b64encode(b"k" * 32).decode(), "ANTQ_BEHIND_TLS_PROXY": "1",
           "ANTQ_ALLOWED_HOSTS": "antq.example.vn", "ANTQ_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
