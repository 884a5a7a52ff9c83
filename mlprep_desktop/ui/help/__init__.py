"""The Help menu's parts: the keyboard-shortcut sheet, the first-run guide, "Using MLPrep"."""
