"""Grading an answer against key points: normalised words, stop words, stemming, a threshold."""
from __future__ import annotations

from mlprep_desktop.core.grading import (
    MATCH_THRESHOLD,
    answer_stems,
    content_words,
    grade_answer,
    match_key_point,
    match_rate,
    stem,
)


def test_stemming_conflates_inflections_and_british_spelling():
    for group in (
        ("regularization", "regularisation", "regularized", "regularizing", "regularize"),
        ("gradients", "gradient"),
        ("features", "feature"),
        ("losses", "loss"),
        ("probabilities", "probability"),
        ("training", "trained", "trains", "train"),
        ("normalised", "normalize", "normalization"),
        ("running", "run"),
        ("centre", "center"),
    ):
        assert len({stem(w) for w in group}) == 1, group
    assert stem("bias") != stem("basis")
    assert stem("sing") == "sing"  # no vowel before -ing: not a suffix


def test_stop_words_math_markup_and_single_letters_are_not_content():
    words = [surface for _, surface in content_words("The model explains $\\mathbb{E}[x] = \\mu$ and uses a prior.")]
    assert words == ["mu", "prior"]


def test_a_key_point_matches_when_half_its_words_and_at_least_two_appear():
    point = "Dropout randomly zeroes activations during training to reduce co-adaptation."
    # content words: dropout, randomly, zeroes, activations, training, reduce, co, adaptation (8)
    assert len(match_key_point(point, frozenset()).words) == 8
    three = match_key_point(point, answer_stems("Dropout zeroes activations."))
    assert three.matched == ("Dropout".lower(), "zeroes", "activations") and not three.is_match
    four = match_key_point(point, answer_stems("During training, dropout zeroes random activations."))
    assert four.ratio >= MATCH_THRESHOLD and four.is_match
    assert set(four.matched) == {"dropout", "randomly", "zeroes", "activations", "training"}


def test_one_shared_word_is_never_enough_except_for_one_word_points():
    assert not match_key_point("Use L2 regularization", answer_stems("regularisation")).is_match  # 'l2' missing
    assert match_key_point("Regularization!", answer_stems("We regularize.")).is_match
    assert not match_key_point("the and of", answer_stems("the and of")).is_match  # nothing to match


def test_grade_answer_reports_matched_words_per_key_point():
    key_points = [
        "Bias is error from wrong assumptions; variance is sensitivity to the training sample.",
        "Use a transformer with beam search decoding.",
    ]
    answer = "High bias means the assumptions are too strong; high variance means sensitivity to the sample you train on."
    matches = grade_answer(answer, key_points)
    assert matches[0].is_match and {"bias", "variance", "assumptions", "sensitivity"} <= set(matches[0].matched)
    assert not matches[1].is_match and matches[1].matched == ()
    assert match_rate(matches) == 0.5
    assert match_rate([]) == 0.0


# ----- issue 18 item 7: formulas by their symbols, phrases, and why a point was (not) ticked
BACKPROP_CHAIN = ("Backpropagation is the chain rule applied layer by layer from the loss backwards, "
                  "reusing cached forward values.")
BACKPROP_DELTA = ("The recursion $\\delta_l = (W_{l+1}^\\top \\delta_{l+1}) \\odot \\sigma'(\\mathbf{z}_l)$ and "
                  "the weight gradient $\\delta_l \\mathbf{a}_{l-1}^\\top$ (an outer product).")


def test_a_formula_matches_by_its_symbols_however_they_are_written():
    for spelling in ("\\delta", "δ", "delta", "Δ"):
        assert "delta" in answer_stems(f"the error {spelling}_l"), spelling
    assert {"sigma", "hadamard", "epsilon", "nabla"} <= answer_stems("σ'(z) ⊙ ϵ ∇")
    assert answer_stems("\\varepsilon") & answer_stems("ε") & answer_stems("epsilon") == {"epsilon"}
    assert "hadamard" in answer_stems("a Hadamard product") & answer_stems("$a \\odot b$")


def test_a_plain_text_delta_recursion_is_matched_by_its_symbols():
    answer = "δ_l = (W_{l+1}^T δ_{l+1}) ⊙ σ'(z_l)"
    match = grade_answer(answer, [BACKPROP_DELTA])[0]
    assert {"delta", "odot", "sigma"} <= set(match.matched)  # was: only "sigma"
    assert match.is_match and "delta odot" in match.phrases
    assert "outer" in match.missing and "product" in match.missing  # and it says what is not there


def test_neighbouring_words_as_phrases_tick_a_long_key_point():
    match = grade_answer("Chain rule, cache forward values", [BACKPROP_CHAIN])[0]
    assert set(match.matched) == {"chain", "rule", "cached", "forward", "values"}
    assert match.ratio < MATCH_THRESHOLD  # 5 of 11 words: the word rule alone would not tick it
    assert {"chain rule", "cached forward", "forward values"} <= set(match.phrases)
    assert match.is_match
    # the same words scattered, not side by side, stay unticked: phrases are the evidence
    scattered = grade_answer("values of the rule: forward the chain, then cache", [BACKPROP_CHAIN])[0]
    assert len(scattered.matched) == 5 and not scattered.is_match


def test_phrases_need_a_third_of_the_words():
    point = "Gradient clipping caps the global norm before the optimizer step, preventing exploding updates in recurrent networks trained on long sequences."
    two_phrases_few_words = grade_answer("gradient clipping and global norm", [point])[0]
    assert len(two_phrases_few_words.phrases) >= 2 and two_phrases_few_words.ratio < 1 / 3
    assert not two_phrases_few_words.is_match


def test_answer_stems_are_the_stems_and_neighbouring_pairs_of_the_content_words():
    """answer_stems (looking at each distinct word once) gives what the word-by-word sequence
    gives: every content word's stem and each pair of different neighbouring stems."""
    from mlprep_desktop.core.grading import _pairs, _stem_sequence

    texts = ["", "the and of", "The chain rule: the chain rule again, and again.",
             "σ'(z) ⊙ ϵ ∇ running runs ran; regularisation of the L2 norm",
             "\n\n".join(f"Point {i}: the loss term $w_{{{i}}}^2$ shrinks weight {i}." for i in range(300))]
    for text in texts:
        sequence = _stem_sequence(text)
        assert answer_stems(text) == frozenset(key for key, _ in sequence) | frozenset(_pairs(sequence)), text
