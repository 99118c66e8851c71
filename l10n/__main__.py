"""``python -m l10n``."""

import sys

from .cli import main

sys.exit(main())
