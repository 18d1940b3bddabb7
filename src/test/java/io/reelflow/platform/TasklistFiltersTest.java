package io.reelflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ReelflowSpringTest;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Tasklist opens the readable filter of lowest priority: each role lands on its own queue, not on an empty "My tasks". */
@ReelflowSpringTest
class TasklistFiltersTest {

    @Autowired FilterService filters;
    @Autowired AuthorizationService authorizations;

    @ParameterizedTest(name = "{0} ({1}) opens {2}")
    @CsvSource({
            "rita, rights-managers, Rights conflicts",
            "dave, delivery-coordinators, My delivery tasks",
            "fiona, finance, Finance",
            "mark, managers, At risk"})
    void eachRoleOpensItsQueue(String user, String group, String expected) {
        List<String> readable = filters.createFilterQuery().list().stream()
                .filter(f -> authorizations.isUserAuthorized(user, List.of(group), Permissions.READ, Resources.FILTER, f.getId()))
                .sorted(Comparator.comparingInt(TasklistFiltersTest::priority))
                .map(Filter::getName).toList();
        assertThat(readable).as("filters %s reads, by priority", user).first().isEqualTo(expected);
        assertThat(readable).contains("My tasks");
    }

    private static int priority(Filter f) {
        Object p = f.getProperties() == null ? null : f.getProperties().get("priority");
        return p instanceof Number n ? n.intValue() : 0;
    }
}
