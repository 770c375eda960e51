/** What batch jobs conclude, stored beside Liberty's job repository. */
package ai.atlas.core.application.jobs;
