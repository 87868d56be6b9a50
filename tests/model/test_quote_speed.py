"""The closest passage of a mistyped quotation is found fast at any seed size (issue 12, item 8:
a 90-word quotation against a 300 KB seed took 479 s)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from latsar.source.quotes import find_quote

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "seeds" / "berita-uji.txt"


def big_seed(words: int, seed: int = 3) -> list[str]:
    """A regulation-length text: Indonesian words of the mini seed, shuffled, in lines of 12."""
    vocabulary = SEED.read_text(encoding="utf-8").split()
    rng = random.Random(seed)
    return [rng.choice(vocabulary) for _ in range(words)]


def test_a_mistyped_90_word_quotation_in_a_300_kb_seed() -> None:
    words = big_seed(45_000)
    text = "\n".join(" ".join(words[i:i + 12]) for i in range(0, len(words), 12))
    assert len(text.encode("utf-8")) > 300_000
    at = 30_000
    quote = words[at:at + 90]
    typed = quote[:40] + ["tidakk"] + quote[41:70] + quote[71:]  # one word mistyped, one left out
    started = time.process_time()  # CPU time: the machine may be busy
    match = find_quote(" ".join(typed), text)
    elapsed = time.process_time() - started
    assert elapsed < 1.0, elapsed
    assert not match.found
    assert match.line == at // 12 + 1
    assert match.passage.split()[:3] == quote[:3] and match.passage.split()[-3:] == quote[-3:]


def test_an_exact_quotation_is_still_found_across_lines() -> None:
    words = big_seed(2_000, seed=4)
    text = "\n".join(" ".join(words[i:i + 12]) for i in range(0, len(words), 12))
    match = find_quote(" ".join(words[600:640]), text)
    assert match.found and match.line == 600 // 12 + 1
