/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): every failure the API
 * reports has a status, a title and a message that says what is wrong, and never a stack trace.
 */
package ai.atlas.web.interfaces.problem;
