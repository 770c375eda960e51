package ai.atlas.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's one acyclic order, as docs/architecture.md draws it: common and domain at the bottom,
 * then the application services, profiles, plugins, rewards, the runtime and GEPA, with the stored
 * sessions' service on top. A test here fails when an arrow against that order, or any package
 * cycle, comes back.
 */
class ArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("ai.atlas.core");
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("ai.atlas.core.(**)").should().beFreeOfCycles().check(core);
  }

  @Test
  void layersOnlyPointDown() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Common").definedBy("ai.atlas.core.common..")
        .layer("Domain").definedBy("ai.atlas.core.domain..")
        .layer("Application").definedBy("ai.atlas.core.application..")
        .layer("Profile").definedBy("ai.atlas.core.profile..")
        .layer("Plugins").definedBy("ai.atlas.core.plugins..")
        .layer("Reward").definedBy("ai.atlas.core.reward..")
        .layer("Runtime").definedBy("ai.atlas.core.runtime..")
        .layer("Gepa").definedBy("ai.atlas.core.gepa..")
        .layer("Sessions").definedBy("ai.atlas.core.sessions..")
        .layer("Persistence").definedBy("ai.atlas.core.infrastructure..")
        .whereLayer("Common").mayNotAccessAnyLayer()
        .whereLayer("Domain").mayOnlyAccessLayers("Common")
        .whereLayer("Application").mayOnlyAccessLayers("Common", "Domain")
        .whereLayer("Profile").mayOnlyAccessLayers("Common", "Domain", "Application")
        .whereLayer("Plugins").mayOnlyAccessLayers("Common", "Domain", "Application", "Profile")
        .whereLayer("Reward").mayOnlyAccessLayers("Common", "Domain", "Application", "Profile", "Plugins")
        .whereLayer("Runtime").mayOnlyAccessLayers("Common", "Domain", "Application", "Profile", "Plugins", "Reward")
        .whereLayer("Gepa").mayOnlyAccessLayers("Common", "Domain", "Application", "Profile", "Plugins", "Reward",
            "Runtime")
        .whereLayer("Sessions").mayOnlyAccessLayers("Common", "Domain", "Application", "Profile", "Reward")
        // Repositories are reached through the domain's ports (CDI picks the JPA one), never by name.
        .whereLayer("Persistence").mayNotBeAccessedByAnyLayer()
        .whereLayer("Persistence").mayOnlyAccessLayers("Common", "Domain")
        .check(core);
  }

  @Test
  void coreKnowsNoOuterModule() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("ai.atlas.model..", "ai.atlas.batch..", "ai.atlas.web..", "ai.atlas.cli..", "ai.atlas.plugins..")
        .check(core);
  }
}
