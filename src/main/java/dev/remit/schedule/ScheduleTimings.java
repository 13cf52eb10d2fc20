package dev.remit.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

import dev.remit.api.Violations;
import dev.remit.tenancy.Location;
import tools.jackson.databind.ObjectMapper;

/** A stored schedule's timing, read back from the JSON it was sent as. */
@Component
class ScheduleTimings {

    private final ObjectMapper json;

    ScheduleTimings(ObjectMapper json) {
        this.json = json;
    }

    ScheduleTiming of(InvoiceSchedule schedule, ZoneId zone) {
        ScheduleOptions options = json.treeToValue(schedule.schedule(), ScheduleOptions.class);
        Violations v = new Violations();
        ScheduleTiming timing = options.timing(zone, v);
        if (timing == null) {
            throw new IllegalStateException("stored schedule " + schedule.id() + " is not valid: " + v.messages());
        }
        return timing;
    }

    /** The location's time zone (UTC when it has none or an unknown one). */
    static ZoneId zone(Location location) {
        try {
            return location.timeZone() == null || location.timeZone().isBlank() ? ZoneOffset.UTC
                    : ZoneId.of(location.timeZone());
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
