"""Stage 6: presenting results (terminal tables, exports)."""
