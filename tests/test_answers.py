"""An answer key: each answer is about the model, and states the attribute, its question asks about."""

from __future__ import annotations

from dsfacts.extract.answers import answer_key, is_question
from dsfacts.segment import segment
from dsfacts.sources import Document
from extraction import facts

QUIZ = """QUESTIONS
---------

1.  DeepSeek's first chat model, DeepSeek LLM, came in two sizes. Name both?

2.  How many programming languages does DeepSeek-Coder-V2 support? Was it a) 86, b) 338, or c) 1,000?

3.  DeepSeekMath: how many parameters?

4.  On what date was DeepSeek-R1 released? Was it the 10th, 20th or 27th of January 2025?

ANSWERS
-------

1.  7B and 67B. Both were trained from scratch on 2 trillion tokens.

2.  b) 338.

3.  7B. It started from DeepSeek-Coder-Base-v1.5 7B and was trained on a further 500B tokens.

4.  20th (20 January 2025).
"""


def test_the_items_of_an_answer_list_pair_with_the_questions_above_by_position():
    blocks = segment(Document(source="quiz.txt", text=QUIZ))
    pairs = answer_key(blocks)
    assert [(blocks[a].text[:4], blocks[q].text[:8]) for a, q in sorted(pairs.items())] == [
        ("7B a", "DeepSeek"), ("b) 3", "How many"), ("7B. ", "DeepSeek"), ("20th", "On what ")
    ]


def test_an_answer_takes_its_questions_model_and_attribute():
    got = facts(QUIZ, "quiz.txt")
    assert {
        ("deepseek-llm", "variant_sizes", (7_000_000_000, 67_000_000_000)),
        ("deepseek-llm", "training_tokens", 2_000_000_000_000),
        ("deepseek-coder-v2", "programming_languages", 338),
        ("deepseek-math", "total_params", 7_000_000_000),
        ("deepseek-math", "training_tokens", 500_000_000_000),
        ("deepseek-r1", "release_date", "2025-01-20"),
    } <= got
    assert not {c for c in got if c[2] in (86, 1000)}  # the question's options are asked, not said


def test_a_list_of_statements_is_no_answer_key():
    text = "- DeepSeek-V3 has 671B parameters.\n- Is it open?\n\nText.\n\n- 37B active.\n- 128K context.\n"
    assert answer_key(segment(Document(source="d.md", text=text))) == {}
    assert is_question("Q: How many? ") and not is_question("Yes.")
