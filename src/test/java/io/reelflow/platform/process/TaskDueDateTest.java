package io.reelflow.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A task's due date is never before the task on the day it is created; an earlier day stays: the task is overdue. */
class TaskDueDateTest {

    @ParameterizedTest(name = "due {0}, created {1} -> {2}")
    @CsvSource({
            // a timer at the start of the invoice day: due at the end of that day, not 13 hours ago
            "2027-03-01T00:00:00Z, 2027-03-01T13:00:00Z, 2027-03-01T23:59:59Z",
            "2027-03-01T00:00:00Z, 2027-03-01T00:00:00Z, 2027-03-01T23:59:59Z",
            // due later: untouched
            "2027-03-04T00:00:00Z, 2027-03-01T13:00:00Z, 2027-03-04T00:00:00Z",
            "2027-03-01T18:00:00Z, 2027-03-01T13:00:00Z, 2027-03-01T18:00:00Z",
            // due on an earlier day: overdue, as it is
            "2027-02-27T00:00:00Z, 2027-03-01T13:00:00Z, 2027-02-27T00:00:00Z"})
    void dueNotBeforeCreationOnItsDay(String due, String created, String expected) {
        assertThat(TaskLabelsPlugin.notBeforeCreation(Date.from(Instant.parse(due)), Date.from(Instant.parse(created))))
                .isEqualTo(Date.from(Instant.parse(expected)));
    }
}
