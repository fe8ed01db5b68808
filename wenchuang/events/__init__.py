"""Events: conferences, exhibitions and promotions, registration, 1:1 meetings and their report."""
