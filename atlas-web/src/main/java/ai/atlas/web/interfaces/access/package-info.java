/** Access control over REST: users and roles, API keys, the audit log, the caller's identity. */
package ai.atlas.web.interfaces.access;
