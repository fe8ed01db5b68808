"""Commands: import_records and export_records."""
