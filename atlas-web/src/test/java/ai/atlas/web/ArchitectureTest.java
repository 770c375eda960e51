package ai.atlas.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web module's arrows: it speaks to the core (and the server adapters) only. The jobs are
 * reached through the core's job launchers and models folder, so the WAR never links to the batch
 * module, the model engine, the CUDA backend or the tools; and the core's persistence stays
 * behind its repository ports.
 */
class ArchitectureTest {

  private static JavaClasses web;

  @BeforeAll
  static void importWeb() {
    web = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("ai.atlas.web");
  }

  @Test
  void theWebKnowsOnlyTheCoreAndTheServerAdapters() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("ai.atlas.batch..", "ai.atlas.model..", "ai.atlas.cuda..", "ai.atlas.tools..").check(web);
  }

  @Test
  void resourcesUseNoRepositoryImplementation() {
    noClasses().that().resideInAPackage("ai.atlas.web.interfaces..").should().dependOnClassesThat()
        .resideInAPackage("ai.atlas.core.infrastructure..").check(web);
  }
}
