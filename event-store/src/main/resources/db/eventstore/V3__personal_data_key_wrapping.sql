-- The data keys are stored wrapped by a key-encryption key (KEK) from the services' configuration,
-- so that the database or a backup alone opens no personal data. kek_version names the KEK that
-- wrapped the row's secret; NULL marks a key stored plain before keys were wrapped, which still
-- opens until the rewrap at start-up wraps it with the current KEK.
ALTER TABLE personal_data_key ADD COLUMN kek_version INTEGER;

COMMENT ON COLUMN personal_data_key.secret IS
    'the data key wrapped (AES-256-GCM) with KEK kek_version, bound to key_id and person_id; plain when kek_version is NULL';
