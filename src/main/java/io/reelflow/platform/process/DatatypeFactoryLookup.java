package io.reelflow.platform.process;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every timer the engine creates with a duration or a cycle (a delivery's Backlot escalation, an instalment's daily
 * acceptance check, a window's alerts) resolves its due date through a new {@code DurationHelper}, which calls
 * {@link DatatypeFactory#newInstance()}. Unless the JAXP property {@value DatatypeFactory#DATATYPEFACTORY_PROPERTY} names
 * the implementation, each call searches every jar on the class path for a service provider
 * ({@code META-INF/services}): about 2 % of a clean deal's CPU in the pipeline benchmark's profile, for an answer that
 * never changes. When no jar provides one (checked once, at engine start), the search always ends at the JDK's own
 * implementation; naming that in the property skips the search and changes nothing else. A property already set, or a
 * provider on the class path, is left alone.
 */
@Component
public class DatatypeFactoryLookup extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DatatypeFactoryLookup.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (nameTheJdkDefaultWhenAlone()) {
            log.debug("JAXP {} = {} (no provider on the class path)", DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }

    /** Sets the property to the JDK's implementation when it is unset and no provider is on the class path. */
    static boolean nameTheJdkDefaultWhenAlone() {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) != null) return false;
        try {
            if (ServiceLoader.load(DatatypeFactory.class).iterator().hasNext()) return false;
        } catch (ServiceConfigurationError e) {
            return false; // a broken provider: let JAXP's own lookup report it as before
        }
        System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        return true;
    }
}
