package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ReelflowSpringTest;
import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** The engine's duration timers find the JDK's DatatypeFactory without searching the class path each time. */
@ReelflowSpringTest
class DatatypeFactoryLookupTest {

    @Test
    void theJdkImplementationIsNamedOnceTheEngineRunsAndNoJarProvidesAnother() throws Exception {
        assertThat(ServiceLoader.load(DatatypeFactory.class).iterator().hasNext()).as("a provider on the class path").isFalse();
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        DatatypeFactory factory = DatatypeFactory.newInstance();
        assertThat(factory.getClass().getName()).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(factory.newDuration("P5D").getDays()).isEqualTo(5);
        assertThat(DatatypeFactoryLookup.nameTheJdkDefaultWhenAlone()).as("a property already set is left alone").isFalse();
    }
}
