package io.reelflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The house plan's arrows (ARCHITECTURE.md, "Rooms"), checked on the compiled service: rules are plain Java,
 * {@code platform} knows no capability, controllers are thin, capabilities do not go round in circles, and the
 * inspection library needs nothing but the JDK. A failure names each offending dependency with its source line.
 */
class ArchitectureTest {

    private static final String BASE = "io.reelflow";
    private static final String[] CAPABILITIES = {"deal", "delivery", "rights", "royalty", "window", "inspection"};

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void rulesImportOnlyJavaAndTheirOwnRules() {
        ArchRule rule = classes().that().resideInAPackage(BASE + ".*.rules..")
                .should(dependOnlyOnJavaOrTheirOwnRules())
                .because("rules are plain Java: no Spring, no Camunda, no JPA, no other room");
        rule.check(SERVICE);
    }

    @Test
    void platformKnowsNoCapability() {
        String[] capabilityPackages = new String[CAPABILITIES.length];
        for (int i = 0; i < CAPABILITIES.length; i++) capabilityPackages[i] = BASE + "." + CAPABILITIES[i] + "..";
        ArchRule rule = noClasses().that().resideInAPackage(BASE + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage(capabilityPackages)
                .because("everything may use platform, so platform may use nothing of theirs (a capability contributes to it instead)");
        rule.check(SERVICE);
    }

    @Test
    void controllersUseServicesNotTheDatabaseOrTheEngine() {
        ArchRule rule = noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "org.camunda.bpm.engine")
                .because("controllers are thin: SQL lives in repositories and services, engine calls in services and delegates");
        rule.check(SERVICE);
    }

    @Test
    void capabilitiesHaveNoCycles() {
        ArchRule rule = slices().matching(BASE + ".(*)..").should().beFreeOfCycles();
        rule.check(SERVICE);
    }

    @Test
    void inspectionNeedsOnlyTheJdk() {
        ArchRule rule = classes().that().resideInAPackage(BASE + ".inspection..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".inspection..", "java..", "javax.xml..", "org.w3c..", "org.xml..")
                .because("the inspection library runs from the command line with nothing but the JDK");
        rule.check(SERVICE);
    }

    /** A rules class may use java.* and the rules package of its own capability (io.reelflow.X.rules..), nothing else. */
    private static ArchCondition<JavaClass> dependOnlyOnJavaOrTheirOwnRules() {
        Pattern capability = Pattern.compile(Pattern.quote(BASE) + "\\.([a-z]+)\\.rules(\\..*)?");
        return new ArchCondition<>("depend only on java.* and their own rules package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Matcher own = capability.matcher(item.getPackageName());
                if (!own.matches()) return;
                String ownRules = BASE + "." + own.group(1) + ".rules";
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    String pkg = target.getPackageName();
                    boolean allowed = target.isPrimitive() || pkg.startsWith("java.") || pkg.equals(ownRules) || pkg.startsWith(ownRules + ".");
                    if (!allowed) events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                }
            }
        };
    }
}
