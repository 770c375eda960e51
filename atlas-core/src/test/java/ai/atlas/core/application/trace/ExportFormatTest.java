package ai.atlas.core.application.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

  private static AgentSession session() {
    AgentSession session = new AgentSession("What is 6*7?", Instant.EPOCH);
    session.addStep("multiply").finish("42", "validated", 0.9);
    session.addStep("answer").finish("The answer is 42.", "validated", null);
    session.setSessionReward(0.8);
    session.complete(SessionStatus.SUCCEEDED, "42", Instant.EPOCH);
    return session;
  }

  @Test
  void openaiIsOneChatFineTuningLine() {
    List<JsonObject> lines = ExportFormat.OPENAI.lines(session());

    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("user");
      assertThat(line.getJsonArray("messages").getJsonObject(0).getString("content")).isEqualTo("What is 6*7?");
      assertThat(line.getJsonArray("messages").getJsonObject(1).getString("role")).isEqualTo("assistant");
      assertThat(line.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("42");
    });
    assertThat(ExportFormat.OPENAI.lines(new AgentSession("unanswered", Instant.EPOCH))).isEmpty();
  }

  @Test
  void openaiCarriesTheToolCallsAsAnAssistantTurnAndToolMessages() {
    AgentSession session = new AgentSession("Weather in Paris?", Instant.EPOCH);
    session.addStep("look it up").setToolCalls("""
        [{"id": "call_1", "name": "weather", "arguments": "{\\"city\\":\\"Paris\\"}", "result": "18C, sunny"},
         {"id": null, "name": "clock", "arguments": "{}", "result": null}]""");
    session.complete(SessionStatus.SUCCEEDED, "18C and sunny", Instant.EPOCH);

    JsonObject line = ExportFormat.OPENAI.lines(session).get(0);

    assertThat(line).isEqualTo(ai.atlas.core.common.Json.parseObject("""
        {"messages": [
          {"role": "user", "content": "Weather in Paris?"},
          {"role": "assistant", "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
            {"id": "call_0_1", "type": "function", "function": {"name": "clock", "arguments": "{}"}}]},
          {"role": "tool", "tool_call_id": "call_1", "content": "18C, sunny"},
          {"role": "tool", "tool_call_id": "call_0_1", "content": ""},
          {"role": "assistant", "content": "18C and sunny"}]}""", "expected"));
  }

  @Test
  void trlIsOnePromptCompletionRewardLinePerStep() {
    List<JsonObject> lines = ExportFormat.TRL.lines(session());

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).getString("prompt")).isEqualTo("What is 6*7?\n\nStep: multiply");
    assertThat(lines.get(0).getString("completion")).isEqualTo("42");
    assertThat(lines.get(0).getJsonNumber("reward").doubleValue()).isEqualTo(0.9);
    // a step without its own reward takes the session's
    assertThat(lines.get(1).getJsonNumber("reward").doubleValue()).isEqualTo(0.8);
    assertThat(lines.get(1).getInt("step_id")).isEqualTo(1);
  }

  @Test
  void trlWithoutStepsIsTheFinalAnswer() {
    AgentSession plain = new AgentSession("t", Instant.EPOCH);
    plain.complete(SessionStatus.SUCCEEDED, "a", Instant.EPOCH);

    assertThat(ExportFormat.TRL.lines(plain)).singleElement()
        .satisfies(l -> assertThat(l.getString("completion")).isEqualTo("a"))
        .satisfies(l -> assertThat(l.isNull("reward")).isTrue());
  }

  @Test
  void atlasIsTheTraceRecordAndNamesParse() {
    assertThat(ExportFormat.ATLAS.lines(session())).singleElement()
        .satisfies(l -> assertThat(l.getString("final_answer")).isEqualTo("42"));
    assertThat(ExportFormat.fromWire("TRL")).contains(ExportFormat.TRL);
    assertThat(ExportFormat.fromWire("csv")).isEmpty();
  }
}
