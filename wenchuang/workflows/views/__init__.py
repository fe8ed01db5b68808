"""The engine's pages: calls (public and the staff editor), applications, staff lists."""
