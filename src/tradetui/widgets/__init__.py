"""Widgets of the tradetui app."""
