"""Transport and browser hardening: production settings from the environment (HTTPS, HSTS, secure cookies,
the proxy's header), bad values refused at start-up, `icc check --deploy` clean for the documented
production configuration (docs/operations.md), and a Content-Security-Policy on every response."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[2] / "icc" / "settings.py"
# The production configuration of docs/operations.md and .env.example, with a made-up host and key.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3J9-vQ2_xW8pL5rT1yZ6mN4bH7cF0dS9gA2eR5uI8oP3lK6jVzx",
    "ALLOWED_HOSTS": "icc.example.org",
    "SITE_URL": "https://icc.example.org",
}
# Every variable the security settings read: the suite's own environment must not leak into these tests.
READ = [
    "DEBUG",
    "ICC_TESTING",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "EMAIL_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # the suite's, for Playwright; a deploy check rightly refuses it
]


@pytest.fixture
def empty_env_file(tmp_path):
    path = tmp_path / "env"
    path.write_text("")
    return path


def settings_with(monkeypatch, env_file, **variables):
    """The settings module as it starts with these variables and no .env, outside the test suite."""
    for name in READ:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENV_FILE", str(env_file))
    monkeypatch.setenv("ICC_TESTING", "false")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_production_is_https_only_behind_the_proxy_with_secure_cookies(monkeypatch, empty_env_file):
    s = settings_with(monkeypatch, empty_env_file, **PRODUCTION)

    assert s["DEBUG"] is False
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] == 31_536_000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and s["SECURE_HSTS_PRELOAD"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["MAILERS"]["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_each_transport_setting_can_be_changed_from_the_environment(monkeypatch, empty_env_file):
    s = settings_with(
        monkeypatch,
        empty_env_file,
        **PRODUCTION,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="false",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_SCHEME,https",
    )

    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_HSTS_SECONDS"] == 3600 and s["SECURE_HSTS_PRELOAD"] is False
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_SCHEME", "https")
    no_proxy = settings_with(monkeypatch, empty_env_file, **PRODUCTION, SECURE_PROXY_SSL_HEADER="")
    assert "SECURE_PROXY_SSL_HEADER" not in no_proxy


def test_debug_is_off_unless_asked_for(monkeypatch, empty_env_file):
    # Without DEBUG a missing key is refused: nothing runs as a debug server by accident.
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set when DEBUG is off"):
        settings_with(monkeypatch, empty_env_file)

    development = settings_with(monkeypatch, empty_env_file, DEBUG="true")
    assert development["DEBUG"] is True
    assert development["SECURE_SSL_REDIRECT"] is False and development["SECURE_HSTS_SECONDS"] == 0
    assert development["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SECRET_KEY": "short-key"}, "SECRET_KEY is too short: use 50 or more random characters"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set when DEBUG is off"),
        ({"SITE_URL": "icc.example.org"}, "SITE_URL='icc.example.org': give the site's address"),
        ({"SECURE_HSTS_SECONDS": "-1"}, "SECURE_HSTS_SECONDS must be 0"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS"),
        ({"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}, "SECURE_PROXY_SSL_HEADER must be"),
    ],
)
def test_a_bad_value_is_refused_at_start_up_with_the_fix(monkeypatch, empty_env_file, variables, message):
    environment = {**PRODUCTION, **variables}
    with pytest.raises((ImproperlyConfigured, ValueError), match=message):
        settings_with(monkeypatch, empty_env_file, **{k: v for k, v in environment.items() if v is not None})


def test_the_deploy_checks_pass_with_the_documented_production_configuration(empty_env_file, tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in READ}
    environment.update(PRODUCTION, ENV_FILE=str(empty_env_file), ICC_VAR_DIR=str(tmp_path / "var"))

    result = subprocess.run(
        [sys.executable, "-m", "icc", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/cities/",
        "/en/compare/",
        "/accounts/login/",
        "/api/v1/docs",
        "/api/v1/cities",
        "/no-such-page/",
    ],
)
def test_every_response_carries_the_content_security_policy(client, db, path):
    policy = client.get(path)["Content-Security-Policy"]

    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
