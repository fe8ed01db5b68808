"""Consulting: certified service providers and the enterprises' requests routed to them."""
