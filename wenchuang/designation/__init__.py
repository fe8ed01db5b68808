"""Cluster-area designation: field assessments by entrusted institutions and the register."""
