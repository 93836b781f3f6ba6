"""Every error the library raises: one base class and its kinds. Exit codes live in the CLI."""

from __future__ import annotations


class SpineLensError(Exception):
    """Base of every SpineLens error. ``kind`` names the error for machines (batch error records)."""

    kind = "error"


class InputError(SpineLensError, ValueError):
    """Input that cannot be analysed: binary, too large, a bad age or sex."""

    kind = "input"


class BinaryInput(InputError):
    """Binary data (NUL bytes or characters), not report text."""

    kind = "binary"


class InputTooLarge(InputError):
    """Over the 1 MB limit for one report."""

    kind = "too_large"


class LexiconError(SpineLensError, ValueError):
    """A lexicon file is missing, unreadable or has a bad entry (file, entry and key named)."""

    kind = "lexicon"


class PatternError(SpineLensError, ValueError):
    """A token pattern SpineLens cannot compile."""

    kind = "pattern"


class UsageError(SpineLensError, ValueError):
    """A batch run asked for something that cannot be done (missing input, unknown column ...)."""

    kind = "usage"


class SparkUnavailable(UsageError):
    """pyspark or Java is missing, or Spark could not start."""

    kind = "spark_unavailable"


class SparkFailed(UsageError):
    """A Spark job failed; the message holds its root cause in one line."""

    kind = "spark_failed"
