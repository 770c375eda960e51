-- The GRPO job's metrics per step, beside the loss, tokens, gradient norm and learning rate every
-- training step has: null for the steps of other jobs.

ALTER TABLE training_steps ADD COLUMN reward_mean DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN reward_std DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN kl DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN clip_fraction DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN entropy DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN completion_length DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN truncated_fraction DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN improvement_rate DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN degradation_rate DOUBLE PRECISION;
-- where the step's time went, in milliseconds
ALTER TABLE training_steps ADD COLUMN sampling_ms DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN scoring_ms DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN forward_ms DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN objective_ms DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN backward_ms DOUBLE PRECISION;
ALTER TABLE training_steps ADD COLUMN optimizer_ms DOUBLE PRECISION;
