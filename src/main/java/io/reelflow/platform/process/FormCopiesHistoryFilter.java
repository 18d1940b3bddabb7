package io.reelflow.platform.process;

import io.reelflow.platform.ProcessVariable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.stereotype.Component;

/**
 * No engine history for the task-local copies of record data that forms show. When a user task is created, its
 * create listener copies what the person needs from the domain tables into task-local variables (the deal, the
 * licensee and titles of a form's header, an instalment's trigger and due day, a delivery's track summary, a
 * pre-filled field's default); when it is completed, its complete listener stores what was typed in the domain tables
 * and forgets the variables. Those copies are never read back from the engine's history, and at history level
 * {@code full} each would cost a row in {@code ACT_HI_VARINST} and one in {@code ACT_HI_DETAIL} per write: about a
 * seventh of the rows a clean deal writes. So every history event (create, update, delete, migrate) of a
 * <em>task-local</em> variable whose name the {@code *Variables} classes declare as a form's display value or form
 * field (and nowhere as routing) is dropped before the database handler. The runtime rows the forms read stay, as do
 * the history of the process's own variables (routing values, form fields submitted onto the execution), the
 * tasks, activities, identity links and the user operation log: Cockpit shows where every instance is and who did
 * what, the domain tables say what was decided.
 *
 * <p>The names are read once at start from every class named {@code ...Variables} under {@code io.reelflow} that has
 * a {@code PROCESS} constant (the same rule {@code ProcessVariablesDeclaredTest} applies), so a new display value is
 * covered by declaring it.
 */
@Component
public class FormCopiesHistoryFilter extends AbstractProcessEnginePlugin {

    private static final String BASE_PACKAGE = "io.reelflow";

    private final Set<String> names;

    public FormCopiesHistoryFilter() {
        this(declaredVariableClasses());
    }

    FormCopiesHistoryFilter(List<Class<?>> variablesClasses) {
        Set<String> forms = new HashSet<>();
        Set<String> routing = new HashSet<>();
        for (Class<?> type : variablesClasses) {
            for (ProcessVariable<?> v : ProcessVariable.declaredIn(type)) {
                (v.role() == ProcessVariable.Role.ROUTING ? routing : forms).add(v.name());
            }
        }
        forms.removeAll(routing);
        this.names = Set.copyOf(forms);
    }

    /** The names whose task-local values keep no history. */
    Set<String> names() {
        return names;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        HistoryEventHandler database = configuration.getHistoryEventHandler() != null ? configuration.getHistoryEventHandler()
                : new CompositeDbHistoryEventHandler(configuration.getCustomHistoryEventHandlers() == null ? List.of()
                        : configuration.getCustomHistoryEventHandlers());
        configuration.setHistoryEventHandler(new Handler(database, names));
    }

    record Handler(HistoryEventHandler next, Set<String> names) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity v && v.getTaskId() != null && names.contains(v.getVariableName())) return;
            next.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            for (HistoryEvent event : events) handleEvent(event);
        }
    }

    /** Every {@code ...Variables} class with a {@code PROCESS} constant: one process's declared variables. */
    static List<Class<?>> declaredVariableClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*Variables")));
        ClassLoader loader = FormCopiesHistoryFilter.class.getClassLoader();
        return scanner.findCandidateComponents(BASE_PACKAGE).stream()
                .map(BeanDefinition::getBeanClassName)
                .<Class<?>>map(name -> {
                    try {
                        return Class.forName(name, false, loader);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(FormCopiesHistoryFilter::declaresProcess)
                .toList();
    }

    private static boolean declaresProcess(Class<?> type) {
        try {
            Field process = type.getDeclaredField("PROCESS");
            return Modifier.isStatic(process.getModifiers()) && process.getType() == String.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
