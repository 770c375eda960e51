/**
 * Signing in and managing access: users with salted password hashes, API keys shown once and
 * stored hashed, the first administrator at start-up. Every change is written to the audit log
 * in the same transaction.
 */
package ai.atlas.core.application.security;
