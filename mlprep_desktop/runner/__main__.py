"""``python -I -m mlprep_desktop.runner CONFIG``: the child process of an exercise run."""
from mlprep_desktop.runner.harness import main

main()
