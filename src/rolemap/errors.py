"""Every error rolemap raises on purpose, in one hierarchy.

    RolemapError                 base: a message a person can act on, and a short code
    ├── InputError               a file, URL or argument we were given cannot be read as asked
    │   ├── PostingError         one posting inside a readable input is bad (the batch goes on)
    │   └── NotFound             a posting (or other record) named by id is not in the store
    ├── FetchError               a job-board API answered badly or not at all
    ├── StoreError               the database cannot be opened, migrated or written
    └── DataError                a bundled data file (taxonomy, word list) is invalid

The CLI prints `error: <message>` and exits 1 (2 for bad usage); the API maps them to 4xx with a JSON body
(NotFound 404, InputError 400 or 422, FetchError 502, StoreError 503).
Messages name the input and, where there is one, the fix.
"""

from __future__ import annotations


class RolemapError(Exception):
    code = "R000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(RolemapError):
    code = "R100"


class PostingError(InputError):
    """One bad posting (a line, a row, a job) in an otherwise readable input."""

    code = "R101"

    def __init__(
        self, where: str, message: str, posting_id: str | None = None, board: str | None = None
    ) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.posting_id = posting_id
        self.board = board  # the complete listing the job came from (`Posting.board`), when it did


class NotFound(InputError):
    code = "R102"


class FetchError(RolemapError):
    code = "R200"


class StoreError(RolemapError):
    code = "R300"


class DataError(RolemapError):
    code = "R400"
