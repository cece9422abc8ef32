package io.guichet.services;

import java.time.LocalDate;

/** A day the service is closed whatever its weekly hours (a holiday), with what the administrator called it. */
public record Closure(LocalDate day, String label) {
}
