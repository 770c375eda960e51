-- The score a prompt version earned where it came from: a GEPA candidate's mean validation score
-- (null for templates given directly).
ALTER TABLE prompt_versions ADD COLUMN score DOUBLE PRECISION;
