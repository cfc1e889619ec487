"""Pure-Python core of smtp-gui. Never imports Qt: every capability lives here first."""
