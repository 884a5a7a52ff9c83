from mlprep_desktop.core.search_query import fts_query, search_terms


def test_words_become_quoted_prefix_terms():
    assert fts_query("Regulariz L1") == '"regulariz"* "l1"*'


def test_operators_and_punctuation_are_plain_words():
    assert fts_query('NOT "ab" AND (bc) -cd title:de *') == '"not"* "ab"* "and"* "bc"* "cd"* "title"* "de"*'


def test_nothing_searchable_gives_none():
    assert fts_query("") is None
    assert fts_query('  "*-:()  🤖 ') is None


def test_terms_deduplicate_and_split_underscores():
    assert search_terms("snake_case Snake") == ["snake", "case"]


def test_one_letter_words_match_whole_tokens_only():
    assert fts_query("k means") == '"k" "means"*'


def test_huge_inputs_are_cut_to_the_first_words_in_linear_time():
    import time

    words = " ".join(f"w{i}" for i in range(200_000))  # ~1.4 MB of distinct words
    start = time.perf_counter()
    terms = search_terms(words)
    assert terms == [f"w{i}" for i in range(16)]
    assert time.perf_counter() - start < 5.0  # generous: the old list scan took minutes here


def test_a_hyphenated_term_is_a_phrase_or_one_word():
    assert fts_query("k-means") == '("k means"* OR "kmeans"*)'
    assert fts_query("K-Means clustering") == '("k means"* OR "kmeans"*) AND "clustering"*'
    assert fts_query("self-a") == '("self a" OR "selfa"*)'  # a one-letter last word is whole
    assert fts_query("gradient descent") == '"gradient"* "descent"*'  # other searches unchanged
