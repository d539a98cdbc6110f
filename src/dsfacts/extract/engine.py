"""Stage 3 placeholder, replaced next."""
from dsfacts.models import Claim
from dsfacts.sources import Document


def extract_document(doc: Document) -> list[Claim]:
    return []
