"""Stage 3: read every field of the extraction record from a posting's text, with evidence."""

from rolemap.extract.engine import extract_posting, extract_record, extract_text

__all__ = ["extract_posting", "extract_record", "extract_text"]
