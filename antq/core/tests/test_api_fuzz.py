"""Schemathesis over the whole OpenAPI: every operation, bounded examples from a fixed seed, in a
throw-away test database, as a system administrator with an API token — no server error and every
answer as the description says (its status documented, its body matching its schema)."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from antq.orgs.tests.factories import UserFactory, grant

EXAMPLES = 10  # per operation: ~100 operations in about a minute


def _schema():
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    return schema


def _fuzz(headers: dict, checks: list) -> tuple[int, list[str]]:
    operations, failures = 0, []
    for result in _schema().get_all_operations():
        operation = result.ok()
        operations += 1
        # Valid requests, then invalid ones (wrong types, missing fields, out-of-range values).
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @hypothesis_settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                                 suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            @given(case=operation.as_strategy(mode))
            def run(case):
                case.call_and_validate(headers=headers, checks=checks)

            try:
                run()
            except Unsatisfiable:  # nothing in this operation can be made invalid (no parameter, no body)
                continue
            except BaseExceptionGroup as exc:  # every operation is tried; the failures are listed at the end
                failures.append(f"{mode.value} {operation.method.upper()} {operation.path}: {str(exc)[:900]}")
    return operations, failures


@pytest.mark.django_db
def test_every_operation_answers_as_described(tree, people, settings):
    """One test over all operations (schemathesis' pytest plugin does not run under this pytest): each
    operation gets its own bounded, derandomised Hypothesis run; the failures are gathered and shown
    together."""
    from knox.models import AuthToken

    settings.ANTQ_TIP_SUBMIT_LIMIT = settings.ANTQ_TIP_FOLLOW_LIMIT = "100000/3600"
    admin = UserFactory(username="quantri.fuzz", home_unit=tree.root)
    grant(admin, "system_admin", tree.root)
    _token, key = AuthToken.objects.create(user=admin)
    checks = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
    # As Django's test client does: the end of a request must not close the connection that holds the
    # test's transaction (on PostgreSQL it would, and every later request would fail).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        # The in-process WSGI client does not decompress: ask for plain answers (pages are gzipped otherwise).
        operations, failures = _fuzz({"Authorization": f"Token {key}", "Accept-Encoding": "identity"}, checks)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert operations > 90
    assert failures == [], "\n\n".join(failures)
