"""Stage 4: reconcile — group claims into facts, decide whether the sources agree, what to believe.

Finding is separate from deciding: extraction reports what each source says; here small named
policies decide. One room per job:

  compare.py       4a  intervals from stated precision; same / compatible / minor / conflict
  text.py          4a  one canonical spelling per text value (data/normalize.yaml)
  independence.py  4b  copy families (near-duplicate documents, verbatim sentences); trust priors
  context.py       4b  the documents' texts and metadata a knowledge base adds to the claims
  groups.py        4c  value groups and how they relate (all pairs, or sort-and-sweep when large)
  facts.py         4c  claims -> facts: status, independent counts, split, preferred
  truth.py         4c  bounded truth discovery: value confidence and source trust
  explain.py       4d  why, with the arithmetic shown
  formatting.py        values as a person writes them
  report.py            filters, counts, timeline and JSON shapes for the commands

Every name other modules imported from the old single-file `dsfacts.reconcile` is re-exported.
"""

from dsfacts.errors import DataFileError, DsfactsError
from dsfacts.reconcile.compare import (
    _RANK,
    APPROX,
    HEDGE,
    MINOR,
    RANK,
    Interval,
    Relation,
    _as_number,
    _as_sizes,
    _typed,
    agreement_reason,
    binary_k_match,
    claim_interval,
    compare_dates,
    compare_list_range,
    compare_numbers,
    compare_ranges,
    compare_size_lists,
    compare_sizes,
    compatible_value,
    number_interval,
    relation,
    relative_difference,
    stated_resolution,
)
from dsfacts.reconcile.context import context_for
from dsfacts.reconcile.explain import explain_fact, explain_relation, interval_text
from dsfacts.reconcile.facts import (
    Context,
    Decision,
    FactValue,
    Links,
    canonical_value,
    fact_claims,
    fact_status,
    merge_same_source_sizes,
    reconcile,
    source_trust,
)
from dsfacts.reconcile.formatting import claim_label, format_value, group_digits, short_number
from dsfacts.reconcile.independence import (
    Families,
    Priors,
    default_priors,
    fact_families,
    near_duplicates,
    priors_for,
    priors_from_yaml,
)
from dsfacts.reconcile.report import (
    DATE_ATTRIBUTES,
    DISPUTED,
    SPLITS,
    STATUS_ORDER,
    ReportError,
    check_attribute,
    count_statuses,
    entity_facts,
    entity_rows,
    fact_json,
    lead_value,
    parse_split,
    parse_statuses,
    relation_to_preferred,
    select_facts,
    source_rows,
    timeline,
)
from dsfacts.reconcile.text import TextRules, compare_texts, normalize_text, text_rules, text_rules_from_yaml
from dsfacts.reconcile.truth import GAMMA, INITIAL_TRUST, ITERATIONS, RHO

__all__ = [
    "APPROX", "DATE_ATTRIBUTES", "GAMMA", "INITIAL_TRUST", "ITERATIONS", "RHO", "DISPUTED", "HEDGE", "MINOR", "RANK", "SPLITS", "STATUS_ORDER", "_RANK",
    "Context", "DataFileError", "Decision", "DsfactsError", "FactValue", "Families", "Interval", "Links",
    "Priors", "Relation", "ReportError", "TextRules", "_as_number", "_as_sizes", "_typed",
    "agreement_reason", "binary_k_match", "canonical_value", "check_attribute", "claim_interval",
    "claim_label", "compare_dates", "compare_list_range", "compare_numbers", "compare_ranges",
    "compare_size_lists", "compare_sizes", "compare_texts", "compatible_value", "context_for",
    "count_statuses", "default_priors", "entity_facts", "entity_rows", "explain_fact", "explain_relation",
    "fact_claims", "fact_families", "fact_json", "fact_status", "format_value", "group_digits",
    "interval_text", "lead_value", "merge_same_source_sizes", "near_duplicates", "normalize_text",
    "number_interval", "parse_split", "parse_statuses", "priors_for", "priors_from_yaml", "reconcile",
    "relation", "relation_to_preferred", "relative_difference", "select_facts", "short_number",
    "source_rows", "source_trust", "stated_resolution", "text_rules", "text_rules_from_yaml", "timeline",
]
