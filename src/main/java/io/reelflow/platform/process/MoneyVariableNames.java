package io.reelflow.platform.process;

import java.util.Set;

/**
 * The names of process variables that carry money, contributed by each capability that has them (a form field finance
 * types, or an amount shown in finance's forms). {@link MoneyHistoryFilter} keeps them out of the engine's history,
 * which managers read in Cockpit and through {@code /engine-rest/history}.
 */
public interface MoneyVariableNames {

    Set<String> names();
}
