"""Qt widgets over smtp_gui.core. Each pane in its own module; background work via jobs.py."""
