"""Special funds after the award: awards, payment tranches, reports on the use of funds."""
