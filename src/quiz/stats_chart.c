/* stats_chart: the learner's figures as charts (see stats_chart.h). */
#include "quiz/stats_chart.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/xalloc.h"

static const char *const S_wday2[7] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

/* A local date as YYYY-MM-DD. */
static void S_date_of(int64_t t, char out[16])
{
	struct stats_day d = stats_local_day(t);
	snprintf(out, 16, "%04d-%02d-%02d", d.year, d.month, d.mday);
}

static void S_heading(struct md_chart *c, int width, const char *title)
{
	if (c->n)
		md_chart_text(c, width, MD_STYLE_TEXT, "");
	md_chart_text(c, width, MD_STYLE_HEADING2, title);
}

static void S_mastery(struct md_chart *c, int width, const struct stats *s)
{
	S_heading(c, width, "Mastery by chapter");
	if (s->total == 0) {
		md_chart_text(c, width, MD_STYLE_TEXT,
		              "No questions are installed: run make (or studyterm bank build).");
		return;
	}
	struct md_chart_bar *bars = xcalloc(s->n_chapters ? s->n_chapters : 1, sizeof *bars);
	char **texts = xcalloc(2 * (s->n_chapters ? s->n_chapters : 1), sizeof *texts);
	int digits = 1; /* chapter numbers right-aligned: " 9 Deployment", "10 Advanced" */
	int fracw = 0;  /* "answered/questions", right-aligned */
	for (size_t i = 0; i < s->n_chapters; i++) {
		char frac[48];
		int w = snprintf(frac, sizeof frac, "%zu/%zu", s->chapters[i].answered,
		                 s->chapters[i].questions);
		fracw = w > fracw ? w : fracw;
		if (s->chapters[i].chapter >= 10)
			digits = s->chapters[i].chapter >= 100 ? 3 : 2;
	}
	for (size_t i = 0; i < s->n_chapters; i++) {
		const struct stats_chapter *ch = &s->chapters[i];
		struct buf label = {0}, note = {0};
		if (ch->chapter == 0)
			buf_puts(&label, "Other");
		else
			buf_printf(&label, "%*d %s", digits, ch->chapter, ch->title);
		char frac[48];
		snprintf(frac, sizeof frac, "%zu/%zu", ch->answered, ch->questions);
		/* Narrow, the counts speak for themselves and the titles need the room. */
		buf_printf(&note, "%3.0f%%  %*s%s", ch->mastery * 100, fracw, frac,
		           width >= 60 ? " answered" : "");
		texts[2 * i] = buf_detach(&label);
		texts[2 * i + 1] = buf_detach(&note);
		bars[i] = (struct md_chart_bar){texts[2 * i], ch->mastery, texts[2 * i + 1]};
	}
	md_chart_bars(c, width, bars, s->n_chapters, 1.0, -1);
	for (size_t i = 0; i < 2 * s->n_chapters; i++)
		free(texts[i]);
	free(texts);
	free(bars);
	struct buf line = {0};
	buf_printf(&line, "Overall: %zu of %zu questions answered, mastery %.0f%%.", s->answered,
	           s->total, s->mastery * 100);
	md_chart_text(c, width, MD_STYLE_TEXT, buf_cstr(&line));
	buf_free(&line);
}

static void S_exams(struct md_chart *c, int width, const struct stats *s)
{
	S_heading(c, width, "Mock exam scores");
	size_t n = s->n_exams;
	double *values = xcalloc(n ? n : 1, sizeof *values);
	bool *good = xcalloc(n ? n : 1, sizeof *good);
	size_t passed = 0;
	for (size_t i = 0; i < n; i++) {
		values[i] = s->exams[i].percent;
		good[i] = s->exams[i].passed;
		passed += good[i];
	}
	char first[16] = "", last[16] = "";
	if (n) {
		S_date_of(s->exams[0].finished_at, first);
		S_date_of(s->exams[n - 1].finished_at, last);
	}
	/* Profiles may set different pass marks: each point is judged by its
	 * own, and the line shows the latest attempt's. */
	struct md_chart_series series = {
	    .values = values,
	    .good = good,
	    .n = n,
	    .mark = n ? s->exams[n - 1].pass : -1,
	    .first = first,
	    .last = last,
	    .empty = "No mock exam finished yet.",
	    .good_name = "passed",
	    .bad_name = "failed",
	    .mark_name = "pass mark",
	};
	md_chart_series(c, width, &series);
	if (n) {
		const struct stats_exam *e = &s->exams[n - 1];
		struct buf line = {0};
		buf_printf(&line, "Latest: %s, %.0f%% (%s%s). %zu of %zu passed.", e->title,
		           e->percent, e->passed ? "passed" : "failed",
		           e->timed_out ? ", time ran out" : "", passed, n);
		md_chart_text(c, width, MD_STYLE_TEXT, buf_cstr(&line));
		buf_free(&line);
	}
	free(values);
	free(good);
}

static void S_activity(struct md_chart *c, int width, const struct stats *s)
{
	S_heading(c, width, "Activity, last 12 weeks");
	struct md_chart_day days[STATS_HEAT_DAYS];
	for (size_t i = 0; i < STATS_HEAT_DAYS; i++)
		days[i] = (struct md_chart_day){
		    .count = s->heat[i].count, .month = s->heat[i].month, .wday = s->heat[i].wday};
	md_chart_heatmap(c, width, days, STATS_HEAT_DAYS);
	struct buf line = {0};
	buf_printf(&line, "%zu answer%s on %zu of %d days; streak: %d day%s.", s->heat_total,
	           s->heat_total == 1 ? "" : "s", s->active_days, STATS_HEAT_DAYS, s->streak,
	           s->streak == 1 ? "" : "s");
	md_chart_text(c, width, MD_STYLE_TEXT, buf_cstr(&line));
	buf_free(&line);
}

static void S_due(struct md_chart *c, int width, const struct stats *s)
{
	S_heading(c, width, "Reviews due, next 14 days");
	double values[STATS_DUE_DAYS];
	const char *labels[STATS_DUE_DAYS];
	for (size_t i = 0; i < STATS_DUE_DAYS; i++) {
		values[i] = (double)s->due[i].count;
		labels[i] = S_wday2[s->due[i].wday];
	}
	md_chart_columns(c, width, values, labels, STATS_DUE_DAYS, 6);
	struct buf line = {0};
	buf_printf(&line, "%zu due today (overdue included), %zu in the next 14 days.",
	           s->due[0].count, s->due_total);
	md_chart_text(c, width, MD_STYLE_TEXT, buf_cstr(&line));
	buf_free(&line);
}

static void S_reading(struct md_chart *c, int width, const struct stats *s)
{
	S_heading(c, width, "Reading progress");
	if (s->n_reading == 0) {
		md_chart_text(c, width, MD_STYLE_TEXT, "No course found: see --content.");
		return;
	}
	struct md_chart_bar *bars = xcalloc(s->n_reading, sizeof *bars);
	char **texts = xcalloc(2 * s->n_reading, sizeof *texts);
	int digits = 1;
	for (size_t i = 0; i < s->n_reading; i++)
		if ((int)strlen(s->reading[i].number) > digits)
			digits = (int)strlen(s->reading[i].number);
	for (size_t i = 0; i < s->n_reading; i++) {
		const struct stats_reading *r = &s->reading[i];
		struct buf label = {0}, note = {0};
		buf_printf(&label, "%*s %s", digits, r->number, r->title);
		if (r->opened)
			buf_printf(&note, "%3d%%", r->percent);
		else
			buf_puts(&note, "unread");
		texts[2 * i] = buf_detach(&label);
		texts[2 * i + 1] = buf_detach(&note);
		bars[i] = (struct md_chart_bar){texts[2 * i], r->percent / 100.0, texts[2 * i + 1]};
	}
	md_chart_bars(c, width, bars, s->n_reading, 1.0, -1);
	for (size_t i = 0; i < 2 * s->n_reading; i++)
		free(texts[i]);
	free(texts);
	free(bars);
}

void stats_chart_build(const struct stats *s, int width, struct md_chart *c)
{
	S_mastery(c, width, s);
	S_exams(c, width, s);
	S_activity(c, width, s);
	S_due(c, width, s);
	S_reading(c, width, s);
}
