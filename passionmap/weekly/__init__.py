"""What changed this week: weeks, community matching, emerging interests, summary.

Every function works on the tidy tables of a passionmap run (``comments``,
``mentions``, ``customers``, ``clusters``) so the weekly report notebook only
calls functions and shows their results. The rooms:

- :mod:`~passionmap.weekly.weeks`: ISO weeks, the days a week covers, which week to report;
- :mod:`~passionmap.weekly.names`: one name per community;
- :mod:`~passionmap.weekly.matching`: this week's communities against last week's;
- :mod:`~passionmap.weekly.changes`: the change table those matches give;
- :mod:`~passionmap.weekly.trends`: emerging interests;
- :mod:`~passionmap.weekly.tables`: per-community tables (channels, interests, start);
- :mod:`~passionmap.weekly.narrative`: the summary sentences;
- :mod:`~passionmap.weekly.drilldown`: one community's members and comments;
- :mod:`~passionmap.weekly.compare`: :func:`weekly_report`, which puts them together.

Examples
--------
>>> previous_week("2026-W01")
'2025-W52'
"""

from __future__ import annotations

# the formatting helpers are re-exported for the notebooks, which use ``weekly.*``
from passionmap.phrases import (
    CHANNEL_NAMES,
    NO_GENERATIONS,
    channel_name,
    count,
    missing,
    one_channel_text,
    percent,
    points,
    split_list,
    text_or,
)
from passionmap.weekly.changes import CHANGE_COLUMNS
from passionmap.weekly.compare import WeeklyReport, compare_weeks, weekly_report
from passionmap.weekly.drilldown import (
    community_comments,
    community_members,
    pick_community,
    voices,
)
from passionmap.weekly.matching import BASES, customer_count, match_communities
from passionmap.weekly.names import display_names, tell_apart, with_names
from passionmap.weekly.narrative import (
    mentioned_sentence,
    no_channel_sentence,
    summary_sentences,
)
from passionmap.weekly.tables import (
    MENTIONED,
    MIN_KNOWN_GENERATIONS,
    POSTS,
    USES,
    channel_shares,
    community_table,
    generation_text,
    interest_shares,
    known_share,
    start_channels,
)
from passionmap.weekly.trends import (
    EMERGING_COLUMNS,
    active_customers,
    emerging_interests,
    no_rise_text,
    rising,
    two_proportion_z,
)
from passionmap.weekly.weeks import (
    GAP_DAILY,
    Coverage,
    comments_in_week,
    day_text,
    latest_complete_week,
    parse_week,
    passed_over,
    pick_week,
    previous_week,
    week_coverage,
    week_notes,
    weeks_in,
)

__all__ = [
    "customer_count",
    "BASES",
    "CHANGE_COLUMNS",
    "CHANNEL_NAMES",
    "EMERGING_COLUMNS",
    "GAP_DAILY",
    "MENTIONED",
    "MIN_KNOWN_GENERATIONS",
    "NO_GENERATIONS",
    "POSTS",
    "USES",
    "Coverage",
    "WeeklyReport",
    "active_customers",
    "channel_name",
    "channel_shares",
    "comments_in_week",
    "community_comments",
    "community_members",
    "community_table",
    "compare_weeks",
    "count",
    "day_text",
    "display_names",
    "emerging_interests",
    "generation_text",
    "interest_shares",
    "known_share",
    "latest_complete_week",
    "match_communities",
    "mentioned_sentence",
    "no_channel_sentence",
    "missing",
    "no_rise_text",
    "one_channel_text",
    "parse_week",
    "passed_over",
    "percent",
    "pick_community",
    "pick_week",
    "points",
    "rising",
    "previous_week",
    "split_list",
    "start_channels",
    "summary_sentences",
    "tell_apart",
    "text_or",
    "two_proportion_z",
    "voices",
    "week_coverage",
    "week_notes",
    "weekly_report",
    "weeks_in",
    "with_names",
]
