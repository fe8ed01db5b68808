"""The registry of original works: a tamper-evident log, certificates, near-duplicate search."""
