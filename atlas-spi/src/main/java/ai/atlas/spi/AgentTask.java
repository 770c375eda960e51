package ai.atlas.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task for the team's agent.
 *
 * @param task what to do, in the user's words
 * @param guidance the teacher's guidance for this attempt, or {@code null}
 * @param playbook learned hints for tasks like this one (may be empty)
 * @param metadata free key/value context (tenant, tags, ...)
 * @param conversation the caller's own messages, when the task came as a chat (through the
 *     OpenAI-compatible gateway): its system messages, earlier turns, the assistant's tool calls and
 *     the tools' answers, in order, ending with the user's message the task is; empty otherwise.
 *     An agent that talks to a chat model sends these instead of a message made from {@code task}
 * @param tools the tools the caller offers the model (empty: none)
 * @param toolChoice the caller's {@code tool_choice} as JSON text ({@code "auto"}, {@code "none"},
 *     {@code "required"} or an object naming a function), or {@code null}
 * @param maxTokens the most tokens this call's answer may take (the profile's
 *     {@code student.max_plan_tokens}, {@code max_step_tokens} or {@code max_synthesis_tokens}, by
 *     what the call is for), or {@code null}: the agent's own limit. An agent that talks to a model
 *     passes it on as the request's token limit; one that cannot limit its answer ignores it
 * @since SPI 1.1 for conversation, tools and toolChoice; SPI 1.2 for maxTokens
 */
public record AgentTask(String task, String guidance, List<String> playbook, Map<String, String> metadata,
    List<ChatMessage> conversation, List<ToolDefinition> tools, String toolChoice, Integer maxTokens) {

  public AgentTask {
    Objects.requireNonNull(task, "task");
    playbook = playbook == null ? List.of() : List.copyOf(playbook);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    conversation = conversation == null ? List.of() : List.copyOf(conversation);
    tools = tools == null ? List.of() : List.copyOf(tools);
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, not " + maxTokens);
    }
  }

  /** A task without a token limit (SPI 1.1's constructor). */
  public AgentTask(String task, String guidance, List<String> playbook, Map<String, String> metadata,
      List<ChatMessage> conversation, List<ToolDefinition> tools, String toolChoice) {
    this(task, guidance, playbook, metadata, conversation, tools, toolChoice, null);
  }

  /** A task that did not come as a chat (SPI 1.0's constructor). */
  public AgentTask(String task, String guidance, List<String> playbook, Map<String, String> metadata) {
    this(task, guidance, playbook, metadata, List.of(), List.of(), null, null);
  }

  public static AgentTask of(String task) {
    return new AgentTask(task, null, List.of(), Map.of());
  }

  public AgentTask withGuidance(String value) {
    return new AgentTask(task, value, playbook, metadata, conversation, tools, toolChoice, maxTokens);
  }

  /** The same task with a limit on its answer's tokens ({@code null}: none). */
  public AgentTask withMaxTokens(Integer value) {
    return new AgentTask(task, guidance, playbook, metadata, conversation, tools, toolChoice, value);
  }

  /** The task as the caller's chat, with the tools it offers. */
  public AgentTask withConversation(List<ChatMessage> messages, List<ToolDefinition> offered, String choice) {
    return new AgentTask(task, guidance, playbook, metadata, messages, offered, choice, maxTokens);
  }
}
