"""Wenchuang: the daily work of a cultural-industry promotion agency."""
