"""Comments in, tables out: reading a comments file and writing every output.

The lowest layer: it imports only :mod:`passionmap.config` and
:mod:`passionmap.errors`. The rooms:

- :mod:`~passionmap.io.ingest`: :func:`~passionmap.io.ingest.load_comments` and
  :func:`~passionmap.io.ingest.iter_comments`, which put the others together;
- :mod:`~passionmap.io.readers`: a file in chunks of records, in bounded memory;
- :mod:`~passionmap.io.decoding`: which encoding a file is in;
- :mod:`~passionmap.io.columns`: which columns hold the text, customer, id, time, ...;
- :mod:`~passionmap.io.values`, :mod:`~passionmap.io.timestamps`,
  :mod:`~passionmap.io.ids`: cell values, dates and ids cleaned;
- :mod:`~passionmap.io.channels`: the channel vocabulary;
- :mod:`~passionmap.io.generation`: generations from ages;
- :mod:`~passionmap.io.dates`: ``--since`` / ``--until``;
- :mod:`~passionmap.io.privacy`: pseudonymous customer ids;
- :mod:`~passionmap.io.loaded`: the tables a read produces (comments, rejects, counts);
- :mod:`~passionmap.io.files`: atomic writes;
- :mod:`~passionmap.io.export`: the CSV, Parquet, JSON and GEXF writers.
"""
