"""The cross-border marketplace: listings of cultural goods and services, inquiries, orders."""
