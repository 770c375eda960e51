-- The server that runs a session, so a server that restarts fails only the sessions it was running,
-- never those of another server sharing the database (null: recorded before this column).
ALTER TABLE sessions ADD COLUMN server_id VARCHAR(300);
