"""Shared reference data: GB/T 2260 regions, the 2018 classification, currencies, size rules."""
