-- Versions of a profile's prompt templates (adopted from a GEPA run or given directly): the active
-- one is applied over the profile's own templates; activating an older one rolls back, and
-- version 0 (no row active) is the profile's own templates.

CREATE TABLE prompt_versions (
    profile     VARCHAR(100) NOT NULL,
    version     INTEGER NOT NULL,
    prompts     ${text} NOT NULL,
    source      VARCHAR(500) NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    active      BOOLEAN NOT NULL,
    CONSTRAINT prompt_versions_pk PRIMARY KEY (profile, version)
);
