"""Screens of the tradetui app."""
