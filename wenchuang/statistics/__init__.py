"""Statistics: indicators, reporting obligations, the quarterly calendar and returns."""
