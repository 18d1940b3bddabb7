package io.reelflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.platform.ProcessVariable;
import io.reelflow.support.ReelflowSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every variable name a model uses (expressions anywhere in the file: names, conditions, due dates, timers,
 * multi-instance collections; call-activity in/out mappings; element variables; the field keys, template
 * placeholders and conditions of its user tasks' forms) is declared by the {@code *Variables} class of that process
 * (the class under src/main/java whose {@code PROCESS} constant is the process id). A root of an expression that is
 * no variable must be a Spring bean (a delegate or expression bean) or the engine's {@code execution}/{@code task}.
 */
@ReelflowSpringTest
class ProcessVariablesDeclaredTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt",
            "le", "ge", "div", "mod", "instanceof", "execution", "task");

    @Autowired
    ApplicationContext context;

    /** The declared variable names of each process id, from the {@code *Variables} classes. */
    static Map<String, Set<String>> declared() throws IOException, ReflectiveOperationException {
        Map<String, Set<String>> byProcess = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("Variables.java")).toList();
        }
        for (Path f : files) {
            String name = SOURCES.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
            Class<?> type = Class.forName(name);
            java.lang.reflect.Field process;
            try {
                process = type.getDeclaredField("PROCESS");
            } catch (NoSuchFieldException e) {
                continue; // a helper named ...Variables, not a process's declaration
            }
            process.setAccessible(true);
            Set<String> names = byProcess.computeIfAbsent((String) process.get(null), k -> new TreeSet<>());
            for (ProcessVariable<?> v : ProcessVariable.declaredIn(type)) names.add(v.name());
        }
        return byProcess;
    }

    /** The roots of an expression's body: identifiers not after a dot, outside string literals. */
    static Set<String> roots(String body) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(STRING_LITERAL.matcher(body).replaceAll("''"));
        while (m.find()) if (!KEYWORDS.contains(m.group(1))) out.add(m.group(1));
        return out;
    }

    @Test
    void theExpressionReaderFindsEveryRoot() {
        assertThat(roots("resolution == 'WITHDRAW' and dealFees.instalmentNumbers(execution.processBusinessKey) ne missing"))
                .containsExactly("resolution", "dealFees", "missing");
        assertThat(roots("renewalDecision != \"RENEW\"")).containsExactly("renewalDecision");
    }

    @Test
    void everyProcessHasItsVariablesClass() throws Exception {
        Map<String, Set<String>> declared = declared();
        try (Stream<Path> s = Files.list(PROCESSES)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                String id = p.getFileName().toString().replace(".bpmn", "");
                assertThat(declared).as("a *Variables class with PROCESS = \"" + id + "\"").containsKey(id);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVariableAModelUsesIsDeclared() throws Exception {
        Map<String, Set<String>> declared = declared();
        List<Path> models;
        try (Stream<Path> s = Files.list(PROCESSES)) {
            models = s.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
        return models.stream().map(model -> DynamicTest.dynamicTest(model.getFileName().toString(), () -> {
            String xml = Files.readString(model);
            BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
            String processId = bpmn.getModelElementsByType(Process.class).iterator().next().getId();
            Set<String> mine = declared.getOrDefault(processId, Set.of());
            List<String> undeclared = new ArrayList<>();

            Matcher e = EXPRESSION.matcher(xml);
            while (e.find()) {
                for (String root : roots(e.group(1))) {
                    if (!mine.contains(root) && !context.containsBean(root)) undeclared.add("${" + e.group(1) + "}: " + root);
                }
            }
            for (MultiInstanceLoopCharacteristics mi : bpmn.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
                String element = mi.getCamundaElementVariable();
                if (element != null && !mine.contains(element)) undeclared.add("elementVariable " + element);
            }
            for (CallActivity call : bpmn.getModelElementsByType(CallActivity.class)) {
                Set<String> child = declared.getOrDefault(call.getCalledElement(), Set.of());
                if (call.getExtensionElements() == null) continue;
                for (CamundaIn in : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
                    if (in.getCamundaSource() != null && !mine.contains(in.getCamundaSource())) undeclared.add("in source " + in.getCamundaSource());
                    if (in.getCamundaTarget() != null && !child.contains(in.getCamundaTarget())) {
                        undeclared.add("in target " + in.getCamundaTarget() + " (of " + call.getCalledElement() + ")");
                    }
                }
                for (CamundaOut out : call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list()) {
                    if (out.getCamundaSource() != null && !child.contains(out.getCamundaSource())) undeclared.add("out source " + out.getCamundaSource());
                    if (out.getCamundaTarget() != null && !mine.contains(out.getCamundaTarget())) undeclared.add("out target " + out.getCamundaTarget());
                }
            }
            for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
                if (task.getCamundaFormRef() == null) continue;
                for (String name : formVariables(FORMS.resolve(task.getCamundaFormRef() + ".form"))) {
                    if (!mine.contains(name)) undeclared.add("form " + task.getCamundaFormRef() + ": " + name);
                }
            }
            assertThat(undeclared).as(processId + ": variables used in the model that its *Variables class does not declare").isEmpty();
        }));
    }

    /** Field keys, {{placeholders}} of texts, and the roots of FEEL conditions ({@code =...}) of a Camunda Form. */
    static Set<String> formVariables(Path form) throws IOException {
        Set<String> out = new TreeSet<>();
        collect(new ObjectMapper().readTree(form.toFile()), out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        collect(node, out, false);
    }

    /** {@code inRow}: inside a dynamic list, whose fields are the keys of its rows, not variables (its path is one). */
    private static void collect(JsonNode node, Set<String> out, boolean inRow) {
        if (node.isObject()) {
            boolean list = "dynamiclist".equals(node.path("type").asText());
            if (list && node.hasNonNull("path")) out.add(node.get("path").asText());
            if (!inRow && node.hasNonNull("key") && node.hasNonNull("type")) out.add(node.get("key").asText());
            node.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                if (v.isTextual()) {
                    Matcher t = TEMPLATE.matcher(v.asText());
                    while (t.find()) out.add(t.group(1));
                    if (("hide".equals(f.getKey()) || "expression".equals(f.getKey())) && v.asText().startsWith("=")) {
                        out.addAll(roots(v.asText().substring(1)));
                    }
                } else {
                    collect(v, out, inRow || list);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out, inRow));
        }
    }
}
