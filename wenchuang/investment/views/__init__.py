"""Investment pages, by topic: projects, investors and matches, the pipeline."""
