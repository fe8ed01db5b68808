"""Information release: news, policies, calls for proposals and event announcements."""
