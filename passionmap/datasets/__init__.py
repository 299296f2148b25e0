"""The embedded sample: :mod:`~passionmap.datasets.sample` (synthetic comments with planted
communities) and :mod:`~passionmap.datasets.sample_text` (its words)."""
