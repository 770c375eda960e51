package ai.atlas.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model engine's arrows, as docs/architecture.md draws them: a library with no package cycle,
 * that knows nothing of ATLAS's server, jobs, CUDA module or tools (they depend on it), and whose
 * backends sit below the network and the trainers, with the GRPO objective's contract below them.
 */
class ArchitectureTest {

  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("ai.atlas.model");
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("ai.atlas.model.(*)..").should().beFreeOfCycles().check(engine);
  }

  @Test
  void theEngineKnowsNoOtherModule() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.atlas.core..", "ai.atlas.batch..", "ai.atlas.web..",
        "ai.atlas.cuda..", "ai.atlas.tools..", "ai.atlas.server..").check(engine);
  }

  @Test
  void backendsSeeOnlyTheObjectivesContract() {
    noClasses().that().resideInAnyPackage("ai.atlas.model.backend..", "ai.atlas.model.objective..").should().dependOnClassesThat()
        .resideInAnyPackage("ai.atlas.model.nn..", "ai.atlas.model.grpo..", "ai.atlas.model.train..", "ai.atlas.model.generate..",
            "ai.atlas.model.io..", "ai.atlas.model.tokenizer..", "ai.atlas.model.tasks..")
        .check(engine);
  }
}
