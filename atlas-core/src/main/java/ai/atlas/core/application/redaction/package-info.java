/** Redaction of sensitive text (e-mails, phone numbers, card numbers, custom patterns, live secrets) before data leaves ATLAS. */
package ai.atlas.core.application.redaction;
