"""The knowledge base: actors, places and their names in every language, as YAML data."""

from allegiance.kb.loader import (
    KbActor,
    KbLink,
    KbName,
    KbPlace,
    KnowledgeBase,
    Problem,
    load,
    load_cached,
)

__all__ = ["KbActor", "KbLink", "KbName", "KbPlace", "KnowledgeBase", "Problem", "load",
           "load_cached"]
