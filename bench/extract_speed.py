"""Extraction speed: words per second per core on a corpus of >= 1 million words.

The corpus is built here, not shipped: the example reports and the dev texts
(from ../shared/eval/dev when present) are split into paragraphs, shuffled with
a fixed seed and regrouped into documents until the word target is reached.
One process, one core. Prints words/s and peak memory.

    python bench/extract_speed.py                # 1,000,000 words
    python bench/extract_speed.py --words 200000 --no-model
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from allegiance.extract.pipeline import extract_document  # noqa: E402
from allegiance.ingest.readers import RawDocument, read_all  # noqa: E402
from allegiance.kb import load  # noqa: E402


def build_corpus(words: int, seed: int = 7) -> list[RawDocument]:
    sources = [ROOT / "examples" / "reports", ROOT.parent / "shared" / "eval" / "dev"]
    docs = [d for d in read_all([p for p in sources if p.exists()])
            if isinstance(d, RawDocument) and d.source_path.endswith(".txt")]
    paragraphs = [(p, d.lang, d.published) for d in docs for p in d.text.split("\n\n")
                  if len(p.split()) > 5]
    rng = random.Random(seed)
    corpus: list[RawDocument] = []
    total = 0
    while total < words:
        rng.shuffle(paragraphs)
        for start in range(0, len(paragraphs), 8):
            group = paragraphs[start:start + 8]
            text = "\n\n".join(p for p, _, _ in group)
            lang, published = group[0][1], group[0][2]
            corpus.append(RawDocument(text, "bench", f"bench-{len(corpus)}", None, None,
                                      published, lang, "txt", {}))
            total += len(text.split())
            if total >= words:
                break
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--no-model", action="store_true",
                        help="Run without the English parser even where it is installed.")
    args = parser.parse_args()
    kb = load()
    corpus = build_corpus(args.words)
    n_words = sum(len(d.text.split()) for d in corpus)
    use_model = not args.no_model
    for lang in ("en", "ar"):  # compile each language's lexicons before timing
        extract_document("warm up the caches.", kb, lang=lang, use_model=use_model)
    gc.collect()
    gc.freeze()  # the knowledge base and the corpus live all run: keep them out of GC passes
    started = time.perf_counter()
    cpu_started = time.process_time()
    claims = 0
    for doc in corpus:
        claims += len(extract_document(doc.text, kb, name=doc.name, lang=doc.lang,
                                       published=doc.published, use_model=use_model).claims)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mode = "with the English parser" if use_model else "rules only"
    print(f"extraction ({mode}): {n_words:,} words in {len(corpus):,} documents, "
          f"{claims:,} claims")
    print(f"  {n_words / wall:,.0f} words/s wall, {n_words / cpu:,.0f} words/s per core (CPU)")
    print(f"  peak memory {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
