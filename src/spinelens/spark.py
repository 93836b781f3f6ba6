"""SpineLens on Apache Spark (public entry point; the engine lives in ``spinelens.batch.spark``).

    from spinelens.spark import analyze_dataframe
"""

from .batch.spark import analyze_dataframe

__all__ = ["analyze_dataframe"]
