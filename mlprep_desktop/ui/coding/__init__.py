"""The coding pane: a Python editor, Run / Stop, and the results of an exercise's tests."""
