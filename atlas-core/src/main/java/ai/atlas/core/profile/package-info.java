/**
 * Agent profiles: the stored YAML (validation by key, secrets only by reference, the profiles
 * folder, imports), the prompt versions, and the parsed {@link ai.atlas.core.profile.RuntimeProfile}
 * the runtime, the reward system and the jobs read. Depends only on the domain, the common
 * errors and the application services below it.
 */
package ai.atlas.core.profile;
