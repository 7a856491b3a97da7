-- Crypto-shredding: the personal data in events (names, the pair's private text) is encrypted with
-- a key per person; deleting the key erases that data from every stored event at once. The keys
-- are kept apart from the events: without this table every event still reads, its personal data
-- as erased (null).
CREATE TABLE personal_data_key (
    key_id     UUID                        NOT NULL PRIMARY KEY,
    person_id  VARCHAR(200)                NOT NULL UNIQUE,
    secret     BYTEA                       NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Who was erased, when and by whom: a person erased once never gets a new key, so nothing written
-- about them afterwards could be read again under the same id.
CREATE TABLE personal_data_erasure (
    person_id VARCHAR(200)                NOT NULL PRIMARY KEY,
    erased_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    erased_by VARCHAR(255)
);
