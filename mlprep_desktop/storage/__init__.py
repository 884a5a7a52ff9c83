"""Storage: the only layer that speaks SQL. Repositories return core dataclasses."""
