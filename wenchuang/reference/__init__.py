"""Reference data every domain shares: regions (GB/T 2260), the 2018 culture-industry classification, currencies and size thresholds."""
