"""rolemap: turn real job postings into a clear, trustworthy map of the backend job market."""

__version__ = "0.1.0"
