-- What makes two entries of a learning key one lesson: their cue and action, case and spacing
-- aside, as a SHA-256. Unique per key, so two servers distilling sessions of one key at the same
-- moment cannot both store a lesson (one server learns a key's sessions one at a time already).
-- Entries learned before have none (NULLs never collide); PlaybookService reads them to leave out
-- what a key has, as before.
ALTER TABLE playbook_entries ADD COLUMN lesson_hash VARCHAR(64);
CREATE UNIQUE INDEX playbook_entries_lesson_idx ON playbook_entries (learning_key, lesson_hash);
