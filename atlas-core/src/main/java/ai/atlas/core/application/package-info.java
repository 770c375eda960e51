/**
 * Application services over the domain: what the REST API, the batch jobs and a team's own
 * Jakarta EE code call. Transaction boundaries live here.
 */
package ai.atlas.core.application;
