"""Job seeker tools: read a resume, coach its bullets, find its stories, match it to postings."""
