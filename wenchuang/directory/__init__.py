"""The directory: enterprises, parks, investors, members, talents and service providers."""
