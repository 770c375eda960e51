/** Signing in (Basic for people, Bearer API keys for machines), the first administrator, request limits. */
package ai.atlas.web.infrastructure.security;
