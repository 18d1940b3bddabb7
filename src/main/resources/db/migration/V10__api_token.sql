-- API tokens of service accounts (the CRM, the metrics scraper, a post house's or vendor's integration).
-- Only a keyed hash of each token is kept (HMAC-SHA-256); the token itself is shown once, when created.
CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    account      VARCHAR(64)  NOT NULL,
    role         VARCHAR(64)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_hash   BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   VARCHAR(64),
    replaces     BIGINT REFERENCES api_token (id),
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash),
    CONSTRAINT api_token_hash_length CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX api_token_account ON api_token (account);
