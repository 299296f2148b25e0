"""Text to mentions: spaCy, word lists, the mentions cache and Dask."""
