"""Investment promotion: projects, investors' interests, matchmaking, the pipeline, agreements."""
