/**
 * Staffing: what a helpdesk lead needs to hold extended hours.
 *
 * <p>Public API: {@link io.guichet.staffing.StaffingPeriods} (opening periods that override a service's week; it is
 * services' {@code OpeningPeriods} port), {@link io.guichet.staffing.Rotas} (the rota in half-hour slots, copying a
 * week, skills, one's own shifts), {@link io.guichet.staffing.ShiftFeed} (one's shifts as a signed {@code .ics} feed),
 * {@link io.guichet.staffing.Targets} (response-time targets per service and channel),
 * {@link io.guichet.staffing.Forecast} (arrivals per slot from the last weeks, pure), {@link io.guichet.staffing.SlotAdvisor}
 * (Erlang C advice per open slot against the target, with the planned team and, for the exam hotline, the students
 * sitting), {@link io.guichet.staffing.ExamCalendar} (the port the desk's sittings answer),
 * {@link io.guichet.staffing.SkillRouting} (the inbox's routing-eligibility port, for chats and the desk's callbacks),
 * {@link io.guichet.staffing.ResponseTimers} (breach flags), {@link io.guichet.staffing.ErlangC} (the
 * queue formula, pure), {@link io.guichet.staffing.StaffingAdvice} (the lead's what-if) and
 * {@link io.guichet.staffing.Wallboard} (counts per service for a big screen's signed link). Web: {@code web.PeriodApi},
 * {@code web.RotaApi}, {@code web.AdviceApi}, {@code web.StaffingRoutes} (the what-if), {@code web.PeriodScreens}, {@code web.StaffingScreens} (the
 * rota editor and the advice page, drawn on one {@code web.WeekGrid}), {@code web.WallboardRoutes}.
 *
 * <p>Owns {@code staffing_periods}, {@code staffing_period_hours}, {@code staffing_shifts}, {@code staffing_skills},
 * {@code staffing_targets}. Reads the inbox's counts through {@code inbox.QueueFigures} (no personal data) and the
 * services' hours through the catalogue. Sends no bus notices: other nodes see a period within the 10-second cache, and
 * each node's wallboard screens get a frame every 3 seconds computed on that node.
 *
 * <p>Not yet: a forecast for calls and callbacks from their own history (the phone's events have too little yet), and a
 * newcomer routed with a mentor beside them (a conversation has one assignee: they are not routed the skill's work).
 */
package io.guichet.staffing;
