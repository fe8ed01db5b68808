"""The application engine: programmes, calls, applications moving through stages kept as data."""
