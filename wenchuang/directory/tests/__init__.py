"""Tests of the directory app."""
