"""Mentions to people: the graph, communities, profiles and audiences.

Imports :mod:`passionmap.nlp` and :mod:`passionmap.io`, nothing above. The rooms:

- :mod:`~passionmap.analysis.graph`: :func:`~passionmap.analysis.graph.build_graph`, the
  networkx graph of customers, interests and channels;
- :mod:`~passionmap.analysis.communities`: :func:`~passionmap.analysis.communities.detect`,
  communities of customers who share passions;
- :mod:`~passionmap.analysis.profiles`: :func:`~passionmap.analysis.profiles.profile`,
  customers and communities described;
- :mod:`~passionmap.analysis.channel_plan`: where to start, each community's first channels;
- :mod:`~passionmap.analysis.audiences`: :func:`~passionmap.analysis.audiences.audience`,
  audiences by network and generation;
- :mod:`~passionmap.analysis.labels`: the analyst's names for communities (``--labels``);
- :mod:`~passionmap.analysis.metrics`: clustering agreement, precision and recall.
"""
