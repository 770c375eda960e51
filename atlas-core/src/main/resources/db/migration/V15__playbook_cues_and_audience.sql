-- A playbook entry's cue decides when it applies (text: always, a description for the model;
-- keyword: the task holds one of its comma-separated words; regex: the task matches it), and its
-- audience whose prompt it goes into (student, teacher or both). Entries learned before: text, both.
ALTER TABLE playbook_entries ADD COLUMN cue_kind VARCHAR(16) DEFAULT 'text' NOT NULL;
ALTER TABLE playbook_entries ADD COLUMN audience VARCHAR(16) DEFAULT 'both' NOT NULL;
