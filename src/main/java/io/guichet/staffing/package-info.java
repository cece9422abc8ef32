/**
 * Staffing: what a helpdesk lead needs to hold extended hours.
 *
 * <p>Public API: {@link io.guichet.staffing.ErlangC} (the queue formula, pure) and
 * {@link io.guichet.staffing.StaffingAdvice} ({@code accessWhatIf}: the agents a flow of contacts needs, and how a
 * planned team does). Still to come (issue 17): opening periods, rotas and skills, the forecast from history and the
 * exam calendar, response-time targets, the wallboard.
 *
 * <p>Events: none yet.
 */
package io.guichet.staffing;
