"""Template tags of the toolkit."""
