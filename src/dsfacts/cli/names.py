"""Entity and attribute names as a user types them, resolved to ids (or refused with suggestions)."""

from __future__ import annotations

from typing import Any


def resolve_entity(name: str, index: Any = None) -> str:
    if index is not None and index.entity_name(name) is not None:
        return name  # an exact id: no need to load the alias registry
    from dsfacts.extract.entities import registry

    return registry().resolve(name)


def entity_name(entity_id: str) -> str:
    from dsfacts.extract.entities import registry

    reg = registry()
    return reg.get(entity_id).name if entity_id in reg.entities else entity_id


def check_attribute(attribute: str, present: set[str]) -> str:
    from dsfacts import reconcile as rc

    return rc.check_attribute(attribute, present | _listed_attributes())


def known_attributes(claims: list[Any]) -> set[str]:
    return {c.attribute for c in claims} | _listed_attributes()


def _listed_attributes() -> set[str]:
    from importlib import resources

    import yaml

    text = resources.files("dsfacts.data").joinpath("attributes.yaml").read_text(encoding="utf-8")
    listed = yaml.safe_load(text) or {}
    return set(listed) if isinstance(listed, dict) else set()


def review_entity(name: str, claims: list[Any]) -> str:
    """A known entity by any alias, or a model id the sources use that the list does not know."""
    from dsfacts.errors import UnknownEntityError

    try:
        return resolve_entity(name)
    except UnknownEntityError:
        if name.strip().lower() in {c.entity for c in claims}:
            return name.strip().lower()
        raise
