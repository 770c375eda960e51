package ai.atlas.core.profile;

/** What importing one file of the profiles folder did: created, updated, unchanged, or failed and why. */
public record ProfileImport(String file, String profile, String outcome, String error) {}
