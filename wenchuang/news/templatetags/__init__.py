"""Template tags of the information release."""
