"""The exceptions a user can see. The CLI turns each into one line on stderr."""


class QuotecliError(Exception):
    """Base class: something the user can fix; the message says how."""


class ModelError(QuotecliError):
    """The spaCy pipeline asked for cannot be loaded."""


class InputError(QuotecliError):
    """An input cannot be read as text: missing, unreadable, binary, undecodable or empty."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path


class ArticleError(QuotecliError):
    """One article could not be extracted: an error in its extraction, or a worker process
    that died on it twice. The run goes on with the others."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: cannot be extracted: {reason}")
        self.name = name


class WorkerError(QuotecliError):
    """The worker processes of `--jobs` cannot be started or kept alive."""
