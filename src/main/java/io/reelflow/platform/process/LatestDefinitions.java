package io.reelflow.platform.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CacheFactory;
import org.springframework.stereotype.Component;

/**
 * Which definition is the latest version of each process key, remembered by the engine's deployment cache for a few
 * seconds, so that a start by key (a deal request, each child a deal's job starts, a call activity) reads its
 * definition by id instead of asking for the highest version of the key.
 *
 * <p>The engine asks PostgreSQL for the latest version on every start by key: a grouped self-join of
 * {@code act_re_procdef} built anew from dynamic SQL, eight per clean deal in the pipeline benchmark (3 % of the
 * service's CPU samples, and as many table scans). Here the answer is kept per key and tenant:
 * <ul>
 *   <li>the definition itself is still read by its id in each start, so a suspended or deleted definition is refused
 *       or looked up again exactly as before;</li>
 *   <li>a deployment, a removed definition or deployment on this node forgets every key, when it happens and again
 *       when its transaction commits (a start running meanwhile may have read the previous latest version);</li>
 *   <li>a version deployed by another node is started by key here at most {@link #REMEMBERED_NANOS} after that
 *       deployment.</li>
 * </ul>
 */
@Component
public class LatestDefinitions extends AbstractProcessEnginePlugin {

    /** How long a key's latest version is trusted without asking the database: a new version from another node waits this long. */
    static final long REMEMBERED_NANOS = 5_000_000_000L;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getDeploymentCache() != null) return; // someone set their own cache: theirs stays
        // the engine's own choice when nothing is configured (DefaultCacheFactory, 1,000 entries of each kind)
        configuration.setDeploymentCache(new Cache(new DefaultCacheFactory(), 1000, System::nanoTime));
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the engine hands its deployers only to a cache it made itself
        if (configuration.getDeploymentCache() instanceof Cache cache) cache.setDeployers(configuration.getDeployers());
    }

    /** The engine's deployment cache with each key's latest definition id remembered. */
    static final class Cache extends DeploymentCache {

        private record Latest(String definitionId, long readAtNanos) {
        }

        private final Map<String, Latest> latestByKey = new ConcurrentHashMap<>();
        private final LongSupplier nanoClock;

        Cache(CacheFactory factory, int capacity, LongSupplier nanoClock) {
            super(factory, capacity);
            this.nanoClock = nanoClock;
        }

        @Override
        public ProcessDefinitionEntity findDeployedLatestProcessDefinitionByKey(String key) {
            return latest(key + "\u0000*", () -> super.findDeployedLatestProcessDefinitionByKey(key));
        }

        @Override
        public ProcessDefinitionEntity findDeployedLatestProcessDefinitionByKeyAndTenantId(String key, String tenantId) {
            return latest(key + "\u0000" + (tenantId == null ? "-" : "=" + tenantId),
                    () -> super.findDeployedLatestProcessDefinitionByKeyAndTenantId(key, tenantId));
        }

        private ProcessDefinitionEntity latest(String cacheKey, Supplier<ProcessDefinitionEntity> askTheDatabase) {
            Latest known = latestByKey.get(cacheKey);
            if (known != null && nanoClock.getAsLong() - known.readAtNanos() < REMEMBERED_NANOS) {
                // read by id as stored now: its suspension state, or that it was deleted meanwhile
                ProcessDefinitionEntity stored = Context.getCommandContext().getProcessDefinitionManager()
                        .findLatestDefinitionById(known.definitionId());
                if (stored != null) return resolveProcessDefinition(stored);
            }
            long asked = nanoClock.getAsLong();
            ProcessDefinitionEntity latest = askTheDatabase.get();
            latestByKey.put(cacheKey, new Latest(latest.getId(), asked));
            return latest;
        }

        @Override
        public void deploy(DeploymentEntity deployment) {
            forgetNowAndAtCommit();
            super.deploy(deployment);
        }

        @Override
        public void removeDeployment(String deploymentId) {
            forgetNowAndAtCommit();
            super.removeDeployment(deploymentId);
        }

        @Override
        public void removeProcessDefinition(String processDefinitionId) {
            forgetNowAndAtCommit();
            super.removeProcessDefinition(processDefinitionId);
        }

        @Override
        public void discardProcessDefinitionCache() {
            latestByKey.clear();
            super.discardProcessDefinitionCache();
        }

        private void forgetNowAndAtCommit() {
            latestByKey.clear();
            CommandContext command = Context.getCommandContext();
            if (command != null) {
                command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> latestByKey.clear());
            }
        }
    }
}
