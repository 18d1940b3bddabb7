package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.support.ApiTestSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's entity manager refuses an entity without an id or with the wildcard id, with the engine's own message;
 * a valid id is accepted without the entity being turned into text.
 */
class EntityIdCheckTest extends ApiTestSupport {

    @Autowired ProcessEngine engine;

    /** An entity that counts how often it is turned into text. */
    private static final class Probe implements DbEntity {
        final AtomicInteger printed = new AtomicInteger();
        String id;

        Probe(String id) {
            this.id = id;
        }

        @Override public String getId() { return id; }
        @Override public void setId(String id) { this.id = id; }
        @Override public Object getPersistentState() { return id; }
        @Override public String toString() {
            printed.incrementAndGet();
            return "Probe[" + id + "]";
        }
    }

    private final EntityIdCheck.Manager manager = new EntityIdCheck.Manager(null, null);

    @Test
    void aValidIdIsAcceptedWithoutTurningTheEntityIntoText() {
        Probe probe = new Probe("2f9c1d4e-0b7a-11ef-9a3c-0242ac120002");
        manager.validateId(probe);
        assertThat(probe.printed).hasValue(0);
    }

    @Test
    void aMissingIdIsRefusedWithTheEnginesMessage() {
        assertThatThrownBy(() -> manager.validateId(new Probe(null)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity Probe[null] has an invalid id");
    }

    @Test
    void theWildcardIdIsRefusedWithTheEnginesMessage() {
        assertThatThrownBy(() -> manager.validateId(new Probe("*")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity Probe[*] has an invalid id")
                .hasMessageContaining("is a reserved identifier");
    }

    @Test
    void theEngineOpensThisEntityManagerInEveryCommand() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        DbEntityManager opened = configuration.getCommandExecutorTxRequired().execute(context -> context.getDbEntityManager());
        assertThat(opened).isInstanceOf(EntityIdCheck.Manager.class);
    }
}
