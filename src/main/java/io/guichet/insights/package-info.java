/**
 * Reports and dashboards across modules (issue 17): a lead's figures of a period — arrivals by channel and half-hour
 * slot, answered within target, average and p90 wait, abandonment, handling time, satisfaction, exam incidents by
 * category — per day or week, as pages with server-drawn SVG charts, CSV and {@code GET /api/v1/insights/report}; and
 * the satisfaction results (per service, agent, day and channel, the comments).
 *
 * <p>Public API: {@link io.guichet.insights.Reports} ({@code accessReport}, leads and administrators). Owns no table:
 * every number is computed by SQL in the owning module's read-only query classes — the inbox's
 * {@code ReportFigures} and {@code Ratings}, the desk's {@code IncidentFigures} — and each service's answer target is
 * staffing's {@code Targets}. Sends and consumes no notice. {@code web.InsightsRoutes}: the API and the two screens
 * under the "Pilotage" menu.
 */
package io.guichet.insights;
