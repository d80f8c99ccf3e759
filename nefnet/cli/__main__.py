"""``python -m nefnet.cli`` (what torchrun starts): the ``nefnet`` command."""

import sys

from . import main

sys.exit(main())
