"""Locust users for `bench/load_api.py`: an analyst's mixed reads on the JSON API.

Not run on its own: load_api.py starts the server, writes the parameters (dates,
actor names, pairs, search words taken from the store) to the JSON file named
by ALLEGIANCE_BENCH_PARAMS and runs locust headless on this file.

Every answer other than 2xx is recorded as a failure named "HTTP <status>", so
the failures table counts server errors (5xx) apart from client errors.
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, constant, task

PARAMS = json.loads(open(os.environ["ALLEGIANCE_BENCH_PARAMS"], encoding="utf-8").read())
THINK = float(os.environ.get("ALLEGIANCE_BENCH_THINK", "0"))


class Analyst(FastHttpUser):
    """Moves the time slider, opens pairs and profiles, searches: reads only."""

    wait_time = constant(THINK)

    def _get(self, path: str, name: str, params: dict | None = None) -> None:
        with self.client.get(path, params=params, name=name, catch_response=True) as response:
            if not 200 <= response.status_code < 300:
                response.failure(f"HTTP {response.status_code}")

    @task(3)
    def network(self) -> None:
        self._get("/api/network", "/api/network", {"at": random.choice(PARAMS["months"])})

    @task(3)
    def pair(self) -> None:
        a, b = random.choice(PARAMS["pairs"])
        self._get("/api/pair", "/api/pair", {"a": a, "b": b})

    @task(2)
    def actor(self) -> None:
        self._get(f"/api/actors/{random.choice(PARAMS['actors'])}", "/api/actors/[name]")

    @task(2)
    def search(self) -> None:
        self._get("/api/search", "/api/search", {"q": random.choice(PARAMS["words"])})
