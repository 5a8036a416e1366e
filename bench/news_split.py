"""A fixed split of the news dev set into a build half and a held-out half, so that what the
reader is shaped on and what measures it are different articles.

    .venv/bin/python bench/news_split.py ../shared/news/articles.json OUTDIR

writes OUTDIR/build.json and OUTDIR/held-out.json, each of the dev set's shape (an
"articles" list), to score with the judge's scorer (news_score.py) one half at a time.

The rule: within each language, the articles sorted by the SHA-256 of their URL; every second
one (the 2nd, 4th, ...) is held out. A language with one article only builds. The rule reads
no text, so an article added to the set later falls on a side without anyone choosing it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any


def _key(article: dict[str, Any]) -> str:
    return hashlib.sha256(article["url"].encode("utf-8")).hexdigest()


def split(articles: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(build, held_out), each in the set's own order."""
    by_language: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        by_language[article["language"]].append(article)
    held: set[str] = set()
    for group in by_language.values():
        ordered = sorted(group, key=_key)
        held.update(a["url"] for a in ordered[1::2])
    build = [a for a in articles if a["url"] not in held]
    return build, [a for a in articles if a["url"] in held]


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    articles = json.loads(source.read_text(encoding="utf-8"))["articles"]
    out.mkdir(parents=True, exist_ok=True)
    for name, half in zip(("build", "held-out"), split(articles), strict=True):
        (out / f"{name}.json").write_text(
            json.dumps({"articles": half}, ensure_ascii=False), encoding="utf-8"
        )
        languages = sorted({a["language"] for a in half})
        print(f"{name}: {len(half)} articles, {' '.join(languages)}")


if __name__ == "__main__":
    main()
