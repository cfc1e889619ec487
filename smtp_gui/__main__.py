"""``python -m smtp_gui`` is the ``smtp-gui`` command."""

import sys

from smtp_gui.cli import main

sys.exit(main())
