/**
 * Application services over the stored domain that every higher layer may use: audit, redaction,
 * secrets, security, the playbook, the job tables, the plugin JAR policy and the trace formats.
 * Transaction boundaries live here. Nothing here knows profiles, plugins, rewards or the runtime.
 */
package ai.atlas.core.application;
