"""``python -m mlprep_desktop``: the same as the ``mlprep`` command."""
import sys

from mlprep_desktop.cli import main

sys.exit(main())
