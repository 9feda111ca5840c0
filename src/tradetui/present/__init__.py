"""Turning the data layer's records into words and figures, for the CLI and the app alike.

Free of Textual and of polars: it takes plain values and records and returns text, so one
``Format`` decides how every number on screen, in prose and in machine output is written.
"""
