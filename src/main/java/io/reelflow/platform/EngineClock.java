package io.reelflow.platform;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Days as the process engine sees them. Timers compare against the engine's clock, so "today" is read from it
 * (tests move it), and contract days start at midnight UTC whatever the JVM's zone.
 */
public final class EngineClock {

    private EngineClock() {
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
    }

    /** Midnight UTC starting the day: a timer set to it fires on that day. */
    public static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
