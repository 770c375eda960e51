/**
 * The request guard, a Liberty user feature ({@code usr:atlasRequestGuard-1.0}): Liberty's web
 * container refuses some request paths (Servlet 6 URI canonicalization: control characters, bad
 * percent-encoding, dot segments with path parameters, {@code ..} above the root) before it picks
 * an application, with a body of its own that no error page, filter or exception mapper can
 * replace. The guard sees those requests first, at the HTTP dispatcher, and answers them with the
 * same {@code application/problem+json} as every other error of the server.
 */
package ai.atlas.liberty.guard;
