"""Value grammars: find the dates, numbers, money, size lists and ranges a sentence states.

`find_values(text)` returns every value in `text`, left to right, with its exact span, its
normalized typed value and its hedge ("约 278 万" -> 2.78e6, approx). It knows nothing of
entities or attributes: the extraction engine decides what a value is about.

The grammars run as passes in priority order (arXiv ids, dates, money, compounds, ranges,
lists, percents and other non-counts, years, numbers, Chinese numerals, numbers in words); a
pass only takes text that no earlier pass took, so a date beats the numbers inside it and
"557.6万美元" is money, not a count.
Hedge words, currencies, month names and parts of a year are data (data/values.yaml).

    lexicon.py   result types, the vocabulary, regex fragments
    common.py    checks around a number (glue, hedges), scaling, dates, the pass registry
    dated.py     passes 1-2: arXiv ids and links, dates
    amounts.py   passes 3-6: mixed numerals, money, compounds, ranges, lists, non-counts, years, numbers
    chinese.py   pass 7: Chinese numerals, their ranges and lists
    words.py     pass 8: numbers, ranges and lists written in English words
    scan.py      find_values: the passes in order over a text
"""

from dsfacts.extract.values.lexicon import Compound, MonthDay, ValueMatch
from dsfacts.extract.values.scan import find_values

__all__ = ["Compound", "MonthDay", "ValueMatch", "find_values"]
