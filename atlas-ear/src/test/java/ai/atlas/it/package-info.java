/**
 * Integration tests against the real Liberty server running the EAR, started by the build
 * (pre-integration-test) on H2, or on PostgreSQL when the environment says so.
 */
package ai.atlas.it;
