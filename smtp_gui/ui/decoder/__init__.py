"""The AUTH decoder pane and its answer builder."""
