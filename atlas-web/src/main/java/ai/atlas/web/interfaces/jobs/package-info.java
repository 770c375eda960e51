/**
 * Batch jobs over REST, modelled on Liberty's own batch API: start a job with parameters, then
 * follow its execution and steps.
 */
package ai.atlas.web.interfaces.jobs;
