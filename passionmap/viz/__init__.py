"""Figures, maps and the rendered reports."""
