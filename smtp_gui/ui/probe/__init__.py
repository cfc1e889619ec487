"""The Probe pane: its form, the live transcript and each step's details."""
