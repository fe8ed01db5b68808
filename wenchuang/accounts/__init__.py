"""Users, organisations, roles, jurisdictions and API tokens."""
