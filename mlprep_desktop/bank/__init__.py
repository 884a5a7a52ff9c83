"""The question bank: its source format, its checks and its build into questions.sqlite."""
