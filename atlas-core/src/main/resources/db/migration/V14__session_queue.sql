-- The durable session queue: a session is stored QUEUED with what it needs to run (the lane asked
-- for, who submitted it) and any server sharing the database claims it; the index serves the
-- claim and the queue counts. API keys get limits of their own (null: the server's defaults).
ALTER TABLE sessions ADD COLUMN requested_lane VARCHAR(32);
ALTER TABLE sessions ADD COLUMN submitted_by VARCHAR(200);
CREATE INDEX sessions_status_idx ON sessions (status, id);
ALTER TABLE api_keys ADD COLUMN sessions_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN max_queued INTEGER;
