/**
 * The public plugin API: what a third-party plugin JAR compiles against. This module has no
 * dependencies beyond the JDK, so a plugin never sees the server's libraries.
 *
 * <p>A plugin is one JAR in the server's plugins folder holding:
 *
 * <ul>
 *   <li>its classes and the libraries it needs (shaded or not: each plugin has a class loader of
 *       its own that sees only its JAR, this API and the JDK);
 *   <li>{@code META-INF/atlas-plugin.properties}, the descriptor:
 *       <pre>
 * id=acme-judges            # unique among the server's plugins: letters, digits, - and .
 * version=1.2.0
 * spi-version=1.2           # the version of this API it was built against ({@link SpiVersion})
 * provides=judge:acme-exact, chat-model:acme
 * </pre>
 *   <li>one {@code META-INF/services/} file per factory interface it implements
 *       ({@link ChatModelFactory}, {@link AgentAdapterFactory}, {@link JudgeFactory}).
 * </ul>
 *
 * <p>The server loads a plugin when its SPI major version equals the server's and its minor
 * version is not newer. Calls into a plugin run with the plugin's class loader as the thread's
 * context class loader and under a time limit; a plugin that fails is reported alone and never
 * stops the server. Value types are records whose constructors fill absent parts with empty
 * values, and new fields come with {@code with…} methods, so plugins built against an older
 * minor version keep working.
 */
package ai.atlas.spi;
