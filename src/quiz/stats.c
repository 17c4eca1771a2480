/* stats: the learner's figures (see stats.h). */
#include "quiz/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "course/course.h"
#include "store/exams.h"
#include "store/reviews.h"

/* Streaks longer than the heatmap are followed back this many more
 * heatmaps at most (about 23 years): enough for anyone, and bounded. */
#define S_STREAK_CHUNKS 100

/* ------------------------------------------------------------ local days */

static struct stats_day S_day_of(const struct tm *tm, int64_t start)
{
	return (struct stats_day){
	    .start = start,
	    .year = tm->tm_year + 1900,
	    .month = tm->tm_mon + 1,
	    .mday = tm->tm_mday,
	    .wday = (tm->tm_wday + 6) % 7,
	};
}

struct stats_day stats_local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm day;
	localtime_r(&tt, &day);
	struct tm midnight = day;
	midnight.tm_hour = midnight.tm_min = midnight.tm_sec = 0;
	midnight.tm_isdst = -1;
	time_t start = mktime(&midnight);
	/* Where a daylight-saving change skips midnight itself, mktime may land
	 * in the evening before: the day starts at its first existing hour. */
	struct tm check;
	for (int i = 0; i < 3; i++) {
		localtime_r(&start, &check);
		if (check.tm_mday == day.tm_mday && start <= tt)
			break;
		start += 3600;
	}
	return S_day_of(&day, (int64_t)start);
}

struct stats_day stats_day_add(const struct stats_day *day, int days)
{
	/* Noon of the wanted date exists in every time zone, every day. */
	struct tm noon = {
	    .tm_year = day->year - 1900,
	    .tm_mon = day->month - 1,
	    .tm_mday = day->mday + days,
	    .tm_hour = 12,
	    .tm_isdst = -1,
	};
	return stats_local_day((int64_t)mktime(&noon));
}

/* days[0..n-1] = the n days ending with last; bounds (n + 1 entries) their
 * midnights and the next one. */
static void S_days_ending(const struct stats_day *last, struct stats_day *days, int64_t *bounds,
                          size_t n)
{
	for (size_t i = 0; i < n; i++) {
		days[i] = stats_day_add(last, (int)i - (int)(n - 1));
		bounds[i] = days[i].start;
	}
	bounds[n] = stats_day_add(last, 1).start;
}

/* -------------------------------------------------------------- activity */

static enum status S_activity(struct progress *p, const struct stats_day *today, struct stats *s,
                              struct error *err)
{
	int64_t bounds[STATS_HEAT_DAYS + 1];
	size_t counts[STATS_HEAT_DAYS];
	S_days_ending(today, s->heat, bounds, STATS_HEAT_DAYS);
	if (reviews_per_day(p, bounds, STATS_HEAT_DAYS, counts, err) != ST_OK)
		return ST_DB;
	for (size_t i = 0; i < STATS_HEAT_DAYS; i++) {
		s->heat[i].count = counts[i];
		s->heat_total += counts[i];
		s->active_days += counts[i] > 0;
	}

	/* Nothing yet today does not break the streak: the day is not over. */
	long i = STATS_HEAT_DAYS - 1;
	if (counts[i] == 0)
		i--;
	while (i >= 0 && counts[i] > 0) {
		s->streak++;
		i--;
	}
	struct stats_day first = s->heat[0];
	for (int chunk = 0; i < 0 && chunk < S_STREAK_CHUNKS; chunk++) {
		struct stats_day days[STATS_HEAT_DAYS];
		struct stats_day last = stats_day_add(&first, -1);
		S_days_ending(&last, days, bounds, STATS_HEAT_DAYS);
		if (reviews_per_day(p, bounds, STATS_HEAT_DAYS, counts, err) != ST_OK)
			return ST_DB;
		for (i = STATS_HEAT_DAYS - 1; i >= 0 && counts[i] > 0; i--)
			s->streak++;
		first = days[0];
	}
	return ST_OK;
}

/* --------------------------------------------------------------- mastery */

struct S_latest {
	const struct catalog *cat;
	double *score;  /* per catalog entry */
	bool *answered; /* per catalog entry */
};

static void S_on_latest(void *ctx, const char *qkey, const char *section, double latest,
                        int answers)
{
	(void)section;
	struct S_latest *l = ctx;
	long i = catalog_find(l->cat, qkey);
	if (i < 0 || answers <= 0)
		return;
	l->score[i] = latest < 0 ? 0 : latest > 1 ? 1 : latest;
	l->answered[i] = true;
}

static char *S_chapter_title(const struct course *course, int chapter)
{
	char number[16];
	size_t index;
	long section;
	snprintf(number, sizeof number, "%d", chapter);
	if (course && chapter > 0 && course_find(course, number, &index, &section) == 0)
		return xstrdup(course->chapters[index].title ? course->chapters[index].title : "");
	return xstrdup("");
}

static enum status S_mastery(struct catalog *cat, struct progress *p, const struct course *course,
                             struct stats *s, struct error *err)
{
	size_t n = cat->n_entries;
	struct S_latest l = {
	    .cat = cat,
	    .score = xcalloc(n ? n : 1, sizeof *l.score),
	    .answered = xcalloc(n ? n : 1, sizeof *l.answered),
	};
	enum status rc = reviews_each_latest(p, S_on_latest, &l, err);
	int max = 0;
	for (size_t i = 0; i < n; i++)
		if (cat->entries[i].chapter > max)
			max = cat->entries[i].chapter;
	/* by_chapter[c] for chapters 0..max */
	struct stats_chapter *by = xcalloc((size_t)max + 1, sizeof *by);
	double sum = 0;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		int c = cat->entries[i].chapter < 0 ? 0 : cat->entries[i].chapter;
		by[c].questions++;
		by[c].answered += l.answered[i];
		by[c].mastery += l.score[i]; /* a sum until divided below */
		s->answered += l.answered[i];
		sum += l.score[i];
	}
	s->total = rc == ST_OK ? n : 0;
	s->mastery = s->total ? sum / (double)s->total : 0;
	s->chapters = xcalloc((size_t)max + 1, sizeof *s->chapters);
	for (int k = 1; k <= max + 1; k++) {
		int c = k <= max ? k : 0; /* chapter 0, "other", goes last */
		if (by[c].questions == 0)
			continue;
		struct stats_chapter *out = &s->chapters[s->n_chapters++];
		*out = by[c];
		out->chapter = c;
		out->mastery /= (double)by[c].questions;
		out->title = S_chapter_title(course, c);
	}
	free(by);
	free(l.score);
	free(l.answered);
	return rc;
}

/* ----------------------------------------------------------------- exams */

struct S_exams {
	struct stats *s;
	size_t cap;
};

static void S_on_attempt(void *ctx, const struct exams_attempt *a)
{
	struct S_exams *e = ctx;
	if (a->state != EXAMS_SUBMITTED && a->state != EXAMS_TIMED_OUT)
		return;
	xgrow((void **)&e->s->exams, &e->cap, e->s->n_exams + 1, sizeof *e->s->exams);
	double percent = a->n_questions > 0 ? 100.0 * a->score / a->n_questions : 0;
	e->s->exams[e->s->n_exams++] = (struct stats_exam){
	    .finished_at = a->finished_at,
	    .profile = xstrdup(a->profile ? a->profile : ""),
	    .title = xstrdup(a->title ? a->title : ""),
	    .percent = percent,
	    .pass = a->pass,
	    /* A score that only misses the mark by rounding error passes. */
	    .passed = percent >= a->pass - 1e-9,
	    .timed_out = a->state == EXAMS_TIMED_OUT,
	};
}

static int S_by_finish(const void *pa, const void *pb)
{
	const struct stats_exam *a = pa, *b = pb;
	return (a->finished_at > b->finished_at) - (a->finished_at < b->finished_at);
}

static enum status S_exams(struct progress *p, struct stats *s, struct error *err)
{
	struct S_exams e = {.s = s};
	if (exams_each(p, S_on_attempt, &e, err) != ST_OK)
		return ST_DB;
	/* exams_each gives them by start; an attempt resumed later can finish
	 * after one started after it. Insertion sort: stable and the list is
	 * almost sorted already. */
	for (size_t i = 1; i < s->n_exams; i++)
		for (size_t j = i; j > 0 && S_by_finish(&s->exams[j - 1], &s->exams[j]) > 0; j--) {
			struct stats_exam t = s->exams[j];
			s->exams[j] = s->exams[j - 1];
			s->exams[j - 1] = t;
		}
	return ST_OK;
}

/* ------------------------------------------------------------------- due */

struct S_due {
	const struct catalog *cat;
	struct stats *s;
	int64_t end; /* the midnight after the last day */
};

static void S_on_card(void *ctx, const char *qkey, const struct review_card *card)
{
	struct S_due *d = ctx;
	if (catalog_find(d->cat, qkey) < 0 || card->due >= d->end)
		return;
	size_t k = STATS_DUE_DAYS - 1;
	while (k > 0 && card->due < d->s->due[k].start)
		k--; /* overdue cards stop at today, k == 0 */
	d->s->due[k].count++;
	d->s->due_total++;
}

static enum status S_due(struct catalog *cat, struct progress *p, const struct stats_day *today,
                         struct stats *s, struct error *err)
{
	for (int i = 0; i < STATS_DUE_DAYS; i++)
		s->due[i] = stats_day_add(today, i);
	struct S_due d = {.cat = cat, .s = s, .end = stats_day_add(today, STATS_DUE_DAYS).start};
	return reviews_each_card(p, S_on_card, &d, err);
}

/* --------------------------------------------------------------- reading */

static enum status S_reading(struct progress *p, const struct course *course, struct stats *s,
                             struct error *err)
{
	if (!course || course->nchapters == 0)
		return ST_OK;
	s->reading = xcalloc(course->nchapters, sizeof *s->reading);
	for (size_t i = 0; i < course->nchapters; i++) {
		const struct course_chapter *ch = &course->chapters[i];
		struct stats_reading *r = &s->reading[s->n_reading++];
		r->key = xstrdup(ch->key ? ch->key : "");
		r->number = xstrdup(ch->number ? ch->number : "");
		r->title = xstrdup(ch->title ? ch->title : "");
		struct progress_position pos;
		enum status rc = progress_get_position(p, r->key, &pos, err);
		if (rc == ST_OK) {
			r->opened = true;
			r->percent = pos.percent < 0 ? 0 : pos.percent > 100 ? 100 : pos.percent;
		} else if (rc != ST_NOT_FOUND) {
			return rc;
		}
	}
	return ST_OK;
}

/* ------------------------------------------------------------------ main */

enum status stats_compute(struct catalog *cat, struct progress *p, const struct course *course,
                          int64_t now, struct stats *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	out->now = now;
	/* localtime_r need not read TZ again; tests change it between calls. */
	tzset();
	struct stats_day today = stats_local_day(now);
	enum status rc = S_mastery(cat, p, course, out, err);
	if (rc == ST_OK)
		rc = S_exams(p, out, err);
	if (rc == ST_OK)
		rc = S_activity(p, &today, out, err);
	if (rc == ST_OK)
		rc = S_due(cat, p, &today, out, err);
	if (rc == ST_OK)
		rc = S_reading(p, course, out, err);
	return rc;
}

void stats_free(struct stats *s)
{
	for (size_t i = 0; i < s->n_chapters; i++)
		free(s->chapters[i].title);
	free(s->chapters);
	for (size_t i = 0; i < s->n_exams; i++) {
		free(s->exams[i].profile);
		free(s->exams[i].title);
	}
	free(s->exams);
	for (size_t i = 0; i < s->n_reading; i++) {
		free(s->reading[i].key);
		free(s->reading[i].number);
		free(s->reading[i].title);
	}
	free(s->reading);
	memset(s, 0, sizeof *s);
}
