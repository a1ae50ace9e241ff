"""Employer tools: a job description from a role spec (generate), and a linter for any job description."""
