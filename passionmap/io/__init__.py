"""Reading and writing: comments files in, tables out."""
