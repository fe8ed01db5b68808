"""Signals of the project's own machinery: a background worker starting or recovering."""

from django.dispatch import Signal

# Sent when a worker starts and whenever it recovers from a database error, before it takes
# a task: apps fail or resume the work a dead worker left "running".
worker_ready = Signal()
