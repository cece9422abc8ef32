package io.guichet.services;

import java.time.LocalTime;

/** One opening period of a service on a weekday (1 = Monday … 7 = Sunday), in the institution's time zone. */
public record OpeningHours(int weekday, LocalTime opens, LocalTime closes) {
}
