"""The data layer: pure polars, never imports textual."""
