-- API tokens, for `tandem serve --access public-read|token` (created and
-- revoked with `tandem token`). Only the SHA-256 of each token (hex) is
-- kept: the token itself is shown once, when it is created. A token's
-- `scope` is `read` (GET endpoints) or `write` (every endpoint). A revoked
-- token keeps its row, with the time it was revoked; a name belongs to at
-- most one token not revoked. (Version 7 is another branch's.)
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    scope       TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    hash        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
