"""Mentions to people: graph, communities, profiles, audiences."""
