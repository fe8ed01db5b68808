"""The events' use cases (writes): one function each, permission first, in a transaction."""
