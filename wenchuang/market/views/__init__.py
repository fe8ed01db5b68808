"""Marketplace pages: listings, orders and their threads, the seller's sales."""
