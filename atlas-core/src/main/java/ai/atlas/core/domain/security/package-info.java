/**
 * Who may do what: roles, the people who sign in and the API keys of machine clients. Secrets are
 * never kept here in clear, only their salted hashes.
 */
package ai.atlas.core.domain.security;
