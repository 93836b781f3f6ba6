"""PySpark's worker daemon with the SpineLens pipeline built before it forks workers.

``spinelens batch --engine spark`` on a local master sets ``spark.python.daemon.module`` to this
module: every Python worker is forked with the pipeline already in memory (shared copy-on-write),
as the local engine's worker pool is, instead of each worker building its own.
"""

import pandas  # noqa: F401  (mapInPandas needs them in every worker: import them once, here)
import pyarrow  # noqa: F401
from pyspark.daemon import manager

from spinelens.analyze import load

if __name__ == "__main__":
    load()
    manager()
