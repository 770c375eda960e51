/** Whether an agent is learning: reward and lane mix over time, drift alerts. */
package ai.atlas.web.interfaces.learning;
