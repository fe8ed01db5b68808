"""The funding pages: awards (`awards`) and decisions on applications (`decisions`)."""
