"""Matchmaking of investors and projects: structured fit plus cross-lingual text similarity."""
