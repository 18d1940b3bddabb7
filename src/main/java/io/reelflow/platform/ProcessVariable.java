package io.reelflow.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One process variable: its name and type, declared once in the {@code *Variables} class of its process
 * (a class with a {@code PROCESS} constant holding the process id). The glue reads and writes variables
 * only through these; a model test fails on a name used in a model that no such class declares.
 *
 * @param name the variable's name in models, forms and the engine
 * @param type what it holds
 * @param role why it exists: routing (ids, flags, decisions, timer dates), a form field a person types,
 *             or a read-only value a form shows (set task-locally when the task is created)
 */
public record ProcessVariable<T>(String name, Class<T> type, Role role) {

    /** Why a variable exists. */
    public enum Role {
        /** Set by the glue (or by a call activity's {@code in} mapping) to route the process: no form declares it. */
        ROUTING,
        /** A form field a person types; read by the task's complete listener. */
        FORM_FIELD,
        /** Shown read-only in a form, set task-locally by a create listener; never read back. */
        FORM_DISPLAY
    }

    public ProcessVariable {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(role);
    }

    public static <T> ProcessVariable<T> routing(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, Role.ROUTING);
    }

    public static <T> ProcessVariable<T> field(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, Role.FORM_FIELD);
    }

    public static <T> ProcessVariable<T> display(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, Role.FORM_DISPLAY);
    }

    /** The value, or null when unset; a value of another type is a technical error. */
    public T get(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null) return null;
        if (type == Long.class && value instanceof Number n && !(value instanceof Long)) return type.cast(n.longValue());
        if (type == Integer.class && value instanceof Number n && !(value instanceof Integer)) return type.cast(n.intValue());
        if (!type.isInstance(value)) {
            throw new IllegalStateException("variable " + name + " holds a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** The value as text (form fields may arrive as strings, numbers or booleans), or null. */
    public String text(VariableScope scope) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** The value, which the process cannot go on without. */
    public T required(VariableScope scope) {
        T value = get(scope);
        if (value == null) throw new IllegalStateException("variable " + name + " is not set");
        return value;
    }

    /**
     * A form field as submitted with the task, as text. Completing a task puts its variables on the execution; a
     * form submission puts them on the task where the task holds a pre-filled (task-local) value of that name. So the
     * execution's value wins when there is one; after reading, {@link #forget} removes it so none is left for the next
     * round of the same task.
     */
    public String submitted(org.camunda.bpm.engine.delegate.DelegateTask task) {
        Object value = task.getExecution() == null ? null : task.getExecution().getVariable(name);
        if (value == null) value = task.getVariableLocal(name);
        return value == null ? null : value.toString();
    }

    /** Removes form fields from the task and its process once they are stored in the domain tables. */
    public static void forget(org.camunda.bpm.engine.delegate.DelegateTask task, ProcessVariable<?>... fields) {
        for (ProcessVariable<?> f : fields) {
            if (task.getExecution() != null) task.getExecution().removeVariable(f.name());
            task.removeVariableLocal(f.name());
        }
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /**
     * Sets a routing value that only the gateways, timers and due dates reached in the same transaction read: the
     * engine keeps it in memory until the next wait state and writes no row for it (runtime, history or detail). Where
     * the instance already keeps a value of that name (an earlier round stored it), that value is updated instead: the
     * engine refuses a transient value in place of a stored one.
     */
    public void setTransient(VariableScope scope, T value) {
        org.camunda.bpm.engine.variable.value.TypedValue stored = scope.getVariableTyped(name, false);
        if (stored != null && !stored.isTransient()) scope.setVariable(name, value);
        else scope.setVariable(name, org.camunda.bpm.engine.variable.Variables.untypedValue(value, true));
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, role == Role.FORM_DISPLAY ? shownWhole(value) : value);
    }

    /** The most characters a text variable holds (the engine's text column). */
    public static final int TEXT_MAX = 4000;
    static final String SHORTENED = "\n… shortened here; the deal's or delivery's view in the API shows it whole";

    /**
     * A text a form shows, cut to what the engine stores: a display longer than {@link #TEXT_MAX} (the conflicts of a
     * deal asked worldwide, hundreds of findings) would otherwise fail the step that creates the task. The cut is made
     * at the last line that fits and says where the whole text is.
     */
    @SuppressWarnings("unchecked")
    private T shownWhole(T value) {
        if (!(value instanceof String text) || text.length() <= TEXT_MAX) return value;
        return (T) shorten(text);
    }

    static String shorten(String text) {
        int room = TEXT_MAX - SHORTENED.length();
        int cut = text.lastIndexOf('\n', room);
        return text.substring(0, cut > room / 2 ? cut : room) + SHORTENED;
    }

    /** The variables declared as {@code static final ProcessVariable} fields of a {@code *Variables} class. */
    public static List<ProcessVariable<?>> declaredIn(Class<?> variablesClass) {
        List<ProcessVariable<?>> out = new ArrayList<>();
        for (var f : variablesClass.getDeclaredFields()) {
            if (f.getType() != ProcessVariable.class || !java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
            try {
                f.setAccessible(true);
                out.add((ProcessVariable<?>) f.get(null));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
