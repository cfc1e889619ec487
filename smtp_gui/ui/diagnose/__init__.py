"""The Diagnose pane: a pasted bounce or transcript, its diagnosis and the advice buttons."""
