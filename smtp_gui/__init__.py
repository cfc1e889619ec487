"""smtp-gui: a desktop troubleshooter for SMTP errors."""

__version__ = "0.1.0"
# The project's home, shown in the About dialog and named in resources/smtp-gui.metainfo.xml.
# The reserved .invalid domain (RFC 6761) stands in until the project has a public address.
PROJECT_URL = "https://smtp-gui.invalid/"
