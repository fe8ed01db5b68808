"""Management commands of the directory app."""
