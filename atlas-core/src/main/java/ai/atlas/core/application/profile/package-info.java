/** Agent profiles from YAML: validation by key, secrets only by reference, the profiles folder. */
package ai.atlas.core.application.profile;
