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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/**
 * The house plan's arrows (ARCHITECTURE.md, "Rooms"), checked on the compiled service: rules are plain Java,
 * {@code platform} knows no capability, controllers are thin, capabilities do not go round in circles, and the
 * inspection library needs nothing but the JDK; each process's glue lives in the room of the capability that owns
 * the process, one class per element named after it; no capability reads another's repository. A failure names each
 * offending dependency with its source line, or each offending bean with its model.
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

    /** The capability that owns each process: its glue (delegates, listeners, expression beans) lives there. */
    private static final Map<String, String> OWNER = Map.of(
            "deal-lifecycle", "deal",
            "window-watch", "window",
            "licence-fee", "royalty", "fee-instalment", "royalty", "royalty-statement", "royalty",
            "netflix-delivery", "delivery", "localization-track", "delivery");

    /**
     * Beans a model may use outside its owner's room or its naming rule, each with its reason. Shared: a listener that
     * several capabilities' models use. The others are steps whose move is part of a change under way elsewhere;
     * remove the line when it lands.
     */
    private static final Map<String, String> GLUE_EXCEPTIONS = Map.of(
            "dealTaskContext", "shared: the deal's header (deal, licensee, titles) in the forms of deal-lifecycle, window-watch and the fee processes");

    @Test
    void eachModelsGlueLivesInTheRoomOfItsOwner() throws IOException {
        Map<String, JavaClass> beans = beansByName();
        List<String> problems = new ArrayList<>();
        List<Path> models;
        try (Stream<Path> s = Files.list(Path.of("processes"))) {
            models = s.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        for (Path file : models) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            String process = model.getModelElementsByType(Process.class).iterator().next().getId();
            String owner = OWNER.get(process);
            if (owner == null) {
                problems.add(process + ": no owning capability in ArchitectureTest.OWNER");
                continue;
            }
            Set<String> glue = new LinkedHashSet<>();
            model.getModelElementsByType(ServiceTask.class).forEach(t -> glue.add(root(t.getCamundaDelegateExpression())));
            model.getModelElementsByType(CamundaTaskListener.class).forEach(l -> glue.add(root(l.getCamundaDelegateExpression())));
            model.getModelElementsByType(CamundaExecutionListener.class).forEach(l -> glue.add(root(l.getCamundaDelegateExpression())));
            glue.remove(null);
            Set<String> expressionBeans = new LinkedHashSet<>();
            Matcher m = Pattern.compile("[$#]\\{\\s*([A-Za-z][A-Za-z0-9]*)").matcher(Files.readString(file));
            while (m.find()) if (beans.containsKey(m.group(1)) && !glue.contains(m.group(1))) expressionBeans.add(m.group(1));
            for (String bean : glue) {
                if (GLUE_EXCEPTIONS.containsKey(bean)) continue;
                JavaClass type = beans.get(bean);
                if (type == null) {
                    problems.add(process + ": no bean '" + bean + "'");
                    continue;
                }
                checkRoom(process, owner, bean, type, problems);
                String kind = type.isAssignableTo(JavaDelegate.class) ? "Delegate"
                        : type.isAssignableTo(TaskListener.class) || type.isAssignableTo(ExecutionListener.class) ? "Listener" : null;
                String expected = kind == null ? null : Character.toUpperCase(bean.charAt(0)) + bean.substring(1) + kind;
                if (kind == null) problems.add(process + ": bean '" + bean + "' (" + type.getName() + ") is no JavaDelegate or listener");
                else if (!type.getName().equals(BASE + "." + owner + "." + expected)) {
                    problems.add(process + ": bean '" + bean + "' is " + type.getName() + ", expected the top-level class "
                            + BASE + "." + owner + "." + expected);
                }
            }
            for (String bean : expressionBeans) {
                if (!GLUE_EXCEPTIONS.containsKey(bean)) checkRoom(process, owner, bean, beans.get(bean), problems);
            }
        }
        if (!problems.isEmpty()) throw new AssertionError("process glue outside its room:\n" + String.join("\n", problems));
    }

    @Test
    void noCapabilityUsesAnothersRepository() {
        ArchRule rule = classes().that().resideInAPackage(BASE + "..")
                .should(useNoRepositoryOfAnotherCapability())
                .because("a capability asks another through that one's service, never its repository");
        rule.check(SERVICE);
    }

    private static void checkRoom(String process, String owner, String bean, JavaClass type, List<String> problems) {
        if (!type.getPackageName().equals(BASE + "." + owner)) {
            problems.add(process + ": bean '" + bean + "' is " + type.getName() + ", outside " + BASE + "." + owner);
        }
    }

    /** {@code ${name}} to {@code name}; null for no expression. */
    private static String root(String expression) {
        if (expression == null) return null;
        Matcher m = Pattern.compile("^[$#]\\{\\s*([A-Za-z][A-Za-z0-9]*)").matcher(expression.strip());
        return m.find() ? m.group(1) : expression;
    }

    /** The service's Spring beans by name: {@code @Component}/{@code @Service} with their value, else the class name. */
    private static Map<String, JavaClass> beansByName() {
        Map<String, JavaClass> beans = new HashMap<>();
        for (JavaClass c : SERVICE) {
            for (Class<? extends java.lang.annotation.Annotation> stereotype : List.of(Component.class, Service.class)) {
                if (!c.isAnnotatedWith(stereotype)) continue;
                String name = String.valueOf(c.getAnnotationOfType(stereotype.getName()).get("value").orElse(""));
                if (name.isEmpty()) name = java.beans.Introspector.decapitalize(c.getSimpleName());
                beans.put(name, c);
            }
        }
        return beans;
    }

    /** A class of capability X may not use a {@code *Repository} of capability Y. */
    private static ArchCondition<JavaClass> useNoRepositoryOfAnotherCapability() {
        Pattern capability = Pattern.compile(Pattern.quote(BASE) + "\\.([a-z]+)(\\..*)?");
        return new ArchCondition<>("use no repository of another capability") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Matcher own = capability.matcher(item.getPackageName());
                if (!own.matches()) return;
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    Matcher theirs = capability.matcher(target.getPackageName());
                    if (theirs.matches() && !theirs.group(1).equals(own.group(1)) && target.getSimpleName().endsWith("Repository")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
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
