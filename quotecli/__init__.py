"""quotecli: find every quote in news articles, who said it and how.

    import quotecli

    for quote in quotecli.extract(text, source="bbc"):
        print(quote.speaker, quote.text)

None of these modules imports spaCy (only loading a model does), so `import quotecli` and
`quotes --help` stay fast.
"""

from __future__ import annotations

from importlib import metadata as _metadata

# Imported eagerly, not on first use: the function `extract` shares its name with the module
# `quotecli.extract`, and importing that module (as the CLI does) would otherwise leave
# `quotecli.extract` bound to the module instead of the function.
from quotecli.extract import extract, extract_many
from quotecli.records import FIELDS, Quote
from quotecli.attribution.across import unify_speakers

try:
    __version__ = _metadata.version("quotecli")
except _metadata.PackageNotFoundError:  # run from a source tree without `pip install`
    __version__ = "0+unknown"

__all__ = ["FIELDS", "Quote", "__version__", "extract", "extract_many", "unify_speakers"]
