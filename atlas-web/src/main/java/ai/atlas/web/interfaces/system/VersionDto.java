package ai.atlas.web.interfaces.system;

/** The running server's versions. */
public record VersionDto(String name, String version, String spiVersion, String schemaVersion) {}
