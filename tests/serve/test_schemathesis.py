"""The OpenAPI schema checked against the running app by schemathesis.

Schemathesis generates requests from the schema, valid and invalid, and checks
each answer: no server error, a documented status code and content type, and a
body that matches the documented schema. Examples per operation are bounded so
the run stays short; the store is this module's own copy, since reviews write.

The schema is loaded when the module is collected, before any fixture has built
a store, so it is read from an app over an empty store; the requests then go
to an app over the example store (`ForwardingApp`). (schemathesis's
`from_fixture` would do this, but fails under pytest 9.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from allegiance.kb import KnowledgeBase
from allegiance.serve import create_app
from allegiance.store.db import open_store
from tests.serve.conftest import make_client

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


class ForwardingApp:
    """An ASGI app that hands every request to `target`, which a fixture sets."""

    def __init__(self, target) -> None:
        self.target = target

    async def __call__(self, scope, receive, send) -> None:
        await self.target(scope, receive, send)


def _schema_only_app():
    """An app over an empty in-memory store: enough to serve /openapi.json."""
    return create_app(open_store("sqlite://"), kb=KnowledgeBase(actors={}, places={}))


forwarding = ForwardingApp(_schema_only_app())
schema = schemathesis.openapi.from_asgi("/openapi.json", forwarding)


@pytest.fixture(scope="module", autouse=True)
def example_app(api_store):
    """Point the schema's requests at the app over this module's copy of the example store."""
    with make_client(api_store) as client:
        forwarding.target = client.app
        yield client.app


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_schema(case):
    case.call_and_validate(checks=CHECKS)
