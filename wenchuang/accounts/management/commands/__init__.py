"""The app's commands, one module each."""
