/* stats_chart: the learner's figures (quiz/stats) as charts (md/chart),
 * each under a heading: mastery by chapter, mock exam scores against the
 * pass mark, activity over the last 12 weeks, reviews due in the next 14
 * days and reading progress. Shared by `studyterm stats` and the stats
 * screen, so both show the same pictures. */
#ifndef STUDYTERM_QUIZ_STATS_CHART_H
#define STUDYTERM_QUIZ_STATS_CHART_H

#include "md/chart.h"
#include "quiz/stats.h"

/* Appends every chart of s at width columns to c. */
void stats_chart_build(const struct stats *s, int width, struct md_chart *c);

#endif
