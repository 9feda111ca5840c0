"""tradetui: explore bilateral trade flows in the terminal."""

__version__ = "0.1.0"
