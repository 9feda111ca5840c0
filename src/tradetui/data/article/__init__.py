"""Reading a news article's trade figures as claims, checked like the claims files.

source (the text of a .txt, .md or saved web page, its page furniture and its date),
sentences (split with character offsets), figures (money and percentages as written),
when (periods resolved against the article's date), flows (the direction as written),
reader (one reading per trade figure, a reason per number skipped) and verdicts (each
reading through the claims checker). Pure Python and polars, no Textual.
"""
