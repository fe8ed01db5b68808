"""The directory of cultural enterprises, parks, investors, members, talents and service providers."""
