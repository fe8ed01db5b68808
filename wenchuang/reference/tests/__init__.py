"""Tests of the reference data."""
