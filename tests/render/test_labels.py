"""Fixed labels come from data, per language, with single-key overrides."""

from __future__ import annotations

import pickle
import string
from importlib import resources

import pytest
import yaml

from latsar.errors import LatsarError
from latsar.labels import LABEL_KEYS, Labels, labels_for


def _file(lang: str) -> dict:
    return yaml.safe_load(resources.files("latsar.labels").joinpath(f"{lang}.yaml").read_text("utf-8"))


def test_both_languages_have_the_same_keys_and_no_empty_value():
    assert set(_file("id")) == set(_file("en")) == LABEL_KEYS
    for lang in ("id", "en"):
        assert all(isinstance(v, str) and v.strip() for v in _file(lang).values())


def test_labels_switch_language():
    assert labels_for("id")["contents"] == "Daftar Isi"
    assert labels_for("en")["contents"] == "Contents"
    assert labels_for("en")["chapter"] == "Chapter"


def test_override_replaces_one_label_only():
    labels = labels_for("id", {"glossary": "Daftar Istilah"})
    assert labels["glossary"] == "Daftar Istilah"
    assert labels["contents"] == "Daftar Isi"


def test_unknown_override_key_is_an_error_with_a_suggestion():
    with pytest.raises(LatsarError, match="glosary.*did you mean 'glossary'"):
        labels_for("id", {"glosary": "Daftar Istilah"})


def test_unknown_language_is_an_error():
    with pytest.raises(LatsarError, match="unknown label language 'fr'"):
        labels_for("fr")


def test_labels_are_frozen_and_hashable():
    labels = labels_for("id")
    assert isinstance(labels, Labels) and labels.lang == "id"
    with pytest.raises(AttributeError):
        labels.lang = "en"
    with pytest.raises(TypeError):
        labels["contents"] = "x"  # type: ignore[index]
    assert hash(labels) == hash(labels_for("id")) and labels == labels_for("id")
    with pytest.raises(KeyError, match="no label 'nope'"):
        labels["nope"]


def test_labels_pickle_with_their_language_and_overrides():
    # Worker processes receive the theme, labels included, by pickling.
    labels = labels_for("en", {"glossary": "Terms"})
    copy = pickle.loads(pickle.dumps(labels))
    assert isinstance(copy, Labels) and copy.lang == "en" and copy == labels and hash(copy) == hash(labels)
    assert copy["glossary"] == "Terms"


def test_both_languages_fill_the_same_placeholders():
    # The scorer fills {name} placeholders with str.format: a name missing in one language
    # would raise only when that sentence is printed.
    def names(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    id_labels, en_labels = _file("id"), _file("en")
    for key, text in id_labels.items():
        if "{{" not in text:  # Jinja templates are checked where they are rendered
            assert names(text) == names(en_labels[key]), key


def test_labels_hash_by_what_they_hold_also_after_pickling():
    labels = labels_for("id", {"answer_key": "Kunci"})
    again = pickle.loads(pickle.dumps(labels))
    assert again == labels and hash(again) == hash(labels)
    assert hash(labels_for("id")) == hash(labels_for("id")) != hash(labels)
