"""Expert review of applications: assignment, declarations, reviews, workload and ranking."""
