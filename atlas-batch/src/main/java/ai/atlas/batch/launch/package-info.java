/**
 * How each batch job is started from a request ({@link ai.atlas.core.application.jobs.JobLauncher}):
 * the request read through the job's schema, then the checks only the server can make (the files
 * exist in their folders, the profile exists, the settings make a trainer), and the parameters the
 * server computes. The REST API finds the launchers by CDI and knows no job by name.
 */
package ai.atlas.batch.launch;
