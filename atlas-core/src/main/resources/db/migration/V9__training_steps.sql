-- The metrics of each step of a training job (sft, grpo), written with the step's chunk.

CREATE TABLE training_steps (
    instance_id    BIGINT NOT NULL,
    step           INTEGER NOT NULL,
    loss           DOUBLE PRECISION NOT NULL,
    tokens         INTEGER NOT NULL,
    grad_norm      DOUBLE PRECISION NOT NULL,
    learning_rate  DOUBLE PRECISION NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT training_steps_pk PRIMARY KEY (instance_id, step)
);
