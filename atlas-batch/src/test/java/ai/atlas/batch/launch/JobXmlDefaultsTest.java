package ai.atlas.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.batch.export.ExportJob;
import ai.atlas.batch.gepa.GepaJob;
import ai.atlas.batch.grpo.GrpoJob;
import ai.atlas.batch.pipeline.PipelineJob;
import ai.atlas.batch.rewardeval.RewardEvalJob;
import ai.atlas.batch.train.SftJob;
import ai.atlas.core.application.jobs.JobParameter;
import ai.atlas.core.application.jobs.JobSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each job XML is held to its job's schema: every job parameter it reads is one the schema
 * declares, and every default it writes ({@code ?:value;}) is the schema's default. A default
 * changed in one place and not the other fails here.
 */
class JobXmlDefaultsTest {

  private static final Pattern PARAMETER = Pattern.compile("#\\{jobParameters\\['([^']+)'\\]\\}(?:\\?:([^;]*);)?");

  static Stream<JobSchema> schemas() {
    return Stream.of(ExportJob.SCHEMA, RewardEvalJob.SCHEMA, SftJob.SCHEMA, GrpoJob.SCHEMA, GepaJob.SCHEMA, PipelineJob.SCHEMA);
  }

  @ParameterizedTest
  @MethodSource("schemas")
  void theJobXmlReadsOnlyItsSchemasParametersWithItsDefaults(JobSchema schema) throws IOException {
    String xml = xml(schema.job());
    Matcher m = PARAMETER.matcher(xml);
    List<String> read = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      read.add(name);
      JobParameter parameter = schema.parameter(name).orElse(null);
      assertThat(parameter).as(schema.job() + ".xml reads '" + name + "', which the schema does not declare").isNotNull();
      if (m.group(2) != null) {
        assertThat(same(m.group(2), parameter.defaultValue()))
            .as(schema.job() + ".xml's default of '" + name + "' is " + m.group(2) + ", the schema's " + parameter.defaultValue())
            .isTrue();
      }
    }
    assertThat(read).as(schema.job() + ".xml reads job parameters").isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("schemas")
  void everyParameterHasADescriptionAndChoicesHaveTheirDefault(JobSchema schema) {
    for (JobParameter parameter : schema.parameters()) {
      assertThat(parameter.description()).as(schema.job() + "." + parameter.name()).isNotBlank();
      if (parameter.type() == JobParameter.Type.CHOICE && !parameter.computed()) {
        assertThat(parameter.choices()).as(schema.job() + "." + parameter.name()).contains(parameter.defaultValue());
      }
    }
  }

  private static boolean same(String xml, String schema) {
    if (schema == null) {
      return false;
    }
    try {
      return Double.parseDouble(xml) == Double.parseDouble(schema);
    } catch (NumberFormatException e) {
      return xml.equals(schema);
    }
  }

  private static String xml(String job) throws IOException {
    try (InputStream in = JobXmlDefaultsTest.class.getResourceAsStream("/META-INF/batch-jobs/" + job + ".xml")) {
      assertThat(in).as(job + ".xml").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
    }
  }
}
