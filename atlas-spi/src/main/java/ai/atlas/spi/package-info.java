/**
 * The public plugin API: the types a third-party plugin JAR compiles against (agent adapters, chat
 * models, judges and the values they exchange). This module has no dependencies beyond the JDK, so
 * a plugin never sees the server's libraries.
 */
package ai.atlas.spi;
