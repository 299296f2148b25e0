"""The embedded sample data set."""
