-- What batch jobs conclude (a JSON document per job instance, shown by GET /api/jobs/{id}), and
-- the per-item outcomes of reward-eval jobs, written with each chunk so a restart resumes cleanly.

CREATE TABLE job_results (
    instance_id  BIGINT PRIMARY KEY,
    job_name     VARCHAR(128) NOT NULL,
    result       ${text} NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE reward_eval_items (
    instance_id     BIGINT NOT NULL,
    line_number     BIGINT NOT NULL,
    category        VARCHAR(200) NOT NULL,
    correct         BOOLEAN NOT NULL,
    scored          BOOLEAN NOT NULL,
    chosen_scores   ${text},
    rejected_scores ${text},
    CONSTRAINT reward_eval_items_pk PRIMARY KEY (instance_id, line_number)
);
