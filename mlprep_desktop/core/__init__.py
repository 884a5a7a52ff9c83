"""Pure-Python domain layer: dataclasses and rules. No Qt, no SQL."""
