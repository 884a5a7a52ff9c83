"""Running a user's code against an exercise's tests in a limited child process (no Qt).

``process.ExerciseProcess`` / ``process.run_exercise`` are the parent side; ``harness`` runs in
the child. Kept import-free so the child (``python -m mlprep_desktop.runner``) starts fast.
"""
