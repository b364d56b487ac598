"""textacy 0.13's `direct_quotations` as quotecli records (JSON lines), for `quotes eval`.

    python benchmarks/textacy_quotes.py seeds/ > textacy-seeds.jsonl
    quotes eval --gold data/gold/seeds.jsonl seeds/ --predictions textacy-seeds.jsonl

textacy is not a dependency of quotecli (install it with `pip install textacy==0.13`); this
script exits with a message when it is absent. Each article is parsed whole with the same
spaCy pipeline quotecli uses. textacy gives up on an article with an odd number of quotation
marks (ValueError): that article then has no quotes, and the count is said on stderr.

textacy does not tell a whole statement from a quoted fragment, nor resolve names: every
quote is typed `direct`, and `speaker` is the words of its mention (`he`, `Starmer`), so compare
it on the `quoted` and `all` rows, and on speaker mentions rather than canonical names.
"""

from __future__ import annotations

import argparse
import json
import sys

from quotecli.errors import InputError
from quotecli.pipeline import load_model
from quotecli.readers import read_articles


def _extent(tokens) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def textacy_records(text: str, source: str, path: str | None, nlp) -> list[dict]:
    """textacy's direct quotations in `text`, as records; [] when textacy gives up."""
    from textacy.extract.triples import direct_quotations

    doc = nlp(text)
    records = []
    for speaker, cue, content in direct_quotations(doc):
        tokens = list(content)
        if tokens and tokens[0].is_quote:
            tokens = tokens[1:]  # records hold the words inside the marks, not the marks
        if tokens and tokens[-1].is_quote:
            tokens = tokens[:-1]
        if not tokens:
            continue
        start, end = _extent(tokens)
        speaker_start, speaker_end = _extent(speaker)
        cue_start, cue_end = _extent(cue)
        mention = text[speaker_start:speaker_end]
        records.append({
            "source": source, "path": path, "type": "direct", "text": text[start:end],
            "start": start, "end": end, "speaker": mention, "speaker_mention": mention,
            "speaker_start": speaker_start, "speaker_end": speaker_end,
            "cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end,
        })
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="texts: files or folders (*.txt)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: quotecli's)")
    args = parser.parse_args()
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed: pip install textacy==0.13", file=sys.stderr)
        return 2
    nlp = load_model(args.model)
    gave_up = []
    for item in read_articles(args.paths):
        if isinstance(item, InputError):
            print(f"Error: {item}", file=sys.stderr)
            continue
        text, source, path = item
        try:
            records = textacy_records(text, source, path, nlp)
        except ValueError:
            gave_up.append(source)
            continue
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if gave_up:
        print(f"textacy gave up on {len(gave_up)} article(s) (unpaired quotation marks), "
              f"e.g. {gave_up[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
