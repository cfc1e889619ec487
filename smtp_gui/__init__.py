"""smtp-gui: a desktop troubleshooter for SMTP errors."""

__version__ = "0.1.0"
