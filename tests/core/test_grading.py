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
