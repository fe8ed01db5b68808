"""Directory pages by topic: records (browse, edit, validate) and transfer (import, export)."""
