package io.reelflow.platform.process;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * History without money. A money variable lives only for the command that stores it in the domain tables (a payment
 * typed by finance) or task-locally on finance's own tasks (an amount shown in a form); at history level {@code full}
 * the engine would still copy every value into {@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL}, where managers read
 * the history of every process. Every event of a variable named by a {@link MoneyVariableNames} (create, update,
 * delete, migrate) is dropped before the database handler, so no history row of it exists at all; the amounts are in
 * the domain tables, which only finance reads.
 */
@Component
public class MoneyHistoryFilter extends AbstractProcessEnginePlugin {

    private final Set<String> money = new HashSet<>();

    public MoneyHistoryFilter(List<MoneyVariableNames> contributions) {
        contributions.forEach(c -> money.addAll(c.names()));
    }

    Set<String> names() {
        return Set.copyOf(money);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // what the engine would build itself: the database handler and any custom ones
        HistoryEventHandler database = configuration.getHistoryEventHandler() != null ? configuration.getHistoryEventHandler()
                : new CompositeDbHistoryEventHandler(configuration.getCustomHistoryEventHandlers() == null ? List.of()
                        : configuration.getCustomHistoryEventHandlers());
        configuration.setHistoryEventHandler(new Handler(database, Set.copyOf(money)));
    }

    record Handler(HistoryEventHandler next, Set<String> money) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity v && money.contains(v.getVariableName())) return;
            next.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            for (HistoryEvent event : events) handleEvent(event);
        }
    }
}
