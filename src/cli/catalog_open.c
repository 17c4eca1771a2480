/* catalog_open: where the course, the data and the banks live, and
 * opening the question catalog for every front end (see cli.h). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"

#ifndef STUDYTERM_DATADIR
#define STUDYTERM_DATADIR "/usr/local/share/studyterm"
#endif

static char *S_pick(const char *option, const char *env_name, const char *fallback)
{
	if (option)
		return xstrdup(option);
	const char *env = getenv(env_name);
	if (env && *env)
		return xstrdup(env);
	return fallback ? paths_join(STUDYTERM_DATADIR, fallback) : xstrdup(STUDYTERM_DATADIR);
}

char *cli_content_dir(const struct cli_env *env)
{
	return S_pick(env->content, "STUDYTERM_CONTENT", "content");
}

char *cli_data_dir(const struct cli_env *env)
{
	return S_pick(env->data, "STUDYTERM_DATA", NULL);
}

char *cli_user_banks_dir(void)
{
	char *home = paths_data_dir();
	if (!home)
		return NULL;
	char *dir = paths_join(home, "banks");
	free(home);
	return dir;
}

void cli_open_catalog(const struct cli_env *env, struct catalog *cat, char **notes)
{
	struct buf out = {0};
	catalog_init(cat);
	char *data = cli_data_dir(env);
	char *db = paths_join(data, "bank.sqlite");
	struct error err = {0};
	/* No compiled bank is normal before the first build: the screens say
	 * so where questions would be; only a broken file is worth a note. */
	if (catalog_load_db(cat, db, &err) != ST_OK && err.status != ST_NOT_FOUND)
		buf_printf(&out, "%s: %s\n", err.where, err.message);
	free(db);
	free(data);
	char *user = cli_user_banks_dir();
	if (user)
		catalog_load_dir(cat, user);
	free(user);
	for (size_t i = 0; i < env->n_banks; i++)
		catalog_load_file(cat, env->banks[i]);
	for (size_t i = 0; i < cat->n_reports; i++)
		bank_report_format(&cat->reports[i], &out);
	*notes = buf_detach(&out);
}
