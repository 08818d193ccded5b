"""The name engine's folding reads plain ASCII runs in one go (issue 17: tag suggestions on every
keystroke); it must give exactly what folding one character at a time gives, offsets included."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from efh_desktop.domain.name_folding import _LINE_BREAK_HYPHEN, _fold_each, fold_with_offsets

PIECES = ["Kai", "Marlow", "Zoë", "Renée", "Straße", "İstanbul", "Llŷr", "Siân", "Łukasz", "Wiśniewska", "نور",
          "O'Brien", "Jones-Patel", "`", "´", "\u200b", "\u00ad", "  ", "\t", "\n", " ", "-", "!", "~", "_",
          "Café", "ﬁ", "Ⅻ", "x\u0301", "2", "Park.", "(Ann)", "\r\n", "–", "’s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=30))
def test_fast_fold_equals_folding_each_character(parts):
    text = "".join(parts)
    plain_ascii = (text.isascii() and "`" not in text and "-\n" not in text and "-\r" not in text
                   and not re.search(r"\s\s|[\t\n\r\f\v]", text))
    assume(not plain_ascii)  # that case was, and is, text.lower() as it stands
    skip: set[int] = set()
    for m in _LINE_BREAK_HYPHEN.finditer(text):
        skip.update(range(m.start(), m.end()))
    assert fold_with_offsets(text) == _fold_each(text, skip)


def test_a_plain_note_folds_to_its_lower_case():
    text = "Kai Marlow was seen at the Quickmart on Station Road with older males; police informed."
    folded, origin = fold_with_offsets(text)
    assert folded == text.lower() and origin == list(range(len(text) + 1))
    mixed = "Zoë and Kai  met\tnear Café Rouge"
    assert fold_with_offsets(mixed) == _fold_each(mixed, set())
    assert fold_with_offsets(mixed)[0] == "zoe and kai met near cafe rouge"
