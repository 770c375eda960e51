package ai.atlas.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch module's arrows: its jobs form no package cycle; it uses the core, the server
 * adapters and the model engine, never the web module or the developer tools; and it reaches the
 * CUDA backend only through the engine's backend chooser, never by name.
 */
class ArchitectureTest {

  private static JavaClasses jobs;

  @BeforeAll
  static void importJobs() {
    jobs = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("ai.atlas.batch");
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("ai.atlas.batch.(*)..").should().beFreeOfCycles().check(jobs);
  }

  @Test
  void jobsKnowNeitherTheWebNorTheToolsNorCuda() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.atlas.web..", "ai.atlas.tools..", "ai.atlas.cuda..")
        .check(jobs);
  }
}
