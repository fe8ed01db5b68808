"""The events pages (thin: selectors read, services write)."""
