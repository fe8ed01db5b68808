"""Cross-cutting pieces every domain uses: audit trail, permission answers, content languages."""
