/* watch: waiting for the learner to change a file in a workspace.
 *
 * A watch follows one folder and the folders inside it (hidden ones
 * passed over, new ones followed as they appear) with Linux inotify. The
 * caller polls watch_fd() for POLLIN alongside anything else it waits on,
 * so nothing is ever busy-waiting, and then asks watch_changed() whether
 * what happened matters.
 *
 * What matters: a file written and closed, created, moved in or out,
 * renamed, deleted, or touched (its times or mode changed, so `touch
 * answer.sql` runs the checks again). What does not: the workspace's
 * sandbox.db and the files SQLite keeps beside it (-journal, -wal, -shm),
 * which every check run rewrites; hidden files, which nothing runs and
 * where editors keep their state (vim's .answer.sql.swp, Emacs's .#answer.sql
 * lock); backups and swap files (*~, *.swp, *.swo, *.swx); and vim's
 * "4913", the file it makes and deletes to test whether it may write the
 * folder. Changes to the folders themselves (one made empty) do not
 * matter either, only the files in them.
 *
 * A workspace replaced as a whole (studyterm exercise reset renames the
 * old one aside and the new one into place) is followed: the watch moves
 * to the new folder, and that counts as a change. Should the folder be
 * gone for good, the watch keeps waiting for it to come back.
 *
 * Ownership: watch_close frees the watch and closes its descriptor.
 * Failure: watch_open returns ST_IO (err->where names the folder) when the
 * folder cannot be watched: missing, not a folder, or inotify's limits
 * reached; *out is NULL then. Folders inside that cannot be watched are
 * passed over. */
#ifndef STUDYTERM_SANDBOX_WATCH_H
#define STUDYTERM_SANDBOX_WATCH_H

#include <stdbool.h>

#include "core/status.h"

struct watch;

enum status watch_open(const char *dir, struct watch **out, struct error *err);

/* The descriptor to poll() for POLLIN; valid until watch_close. */
int watch_fd(const struct watch *w);

/* Reads every event waiting (never blocks) and returns true when any of
 * them is a change that matters, as above. Events seen are gone: the next
 * call reports only what happened after this one. */
bool watch_changed(struct watch *w);

/* Editors save in several steps (a backup, a rename, the write): after a
 * change, waits until the workspace has been quiet for WATCH_SETTLE_MS,
 * but no more than WATCH_SETTLE_ROUNDS times, so a file written without
 * pause (a log) cannot hold the run back for ever. What it sees is
 * consumed like watch_changed's. */
#define WATCH_SETTLE_MS     100
#define WATCH_SETTLE_ROUNDS 20
void watch_settle(struct watch *w);

/* Stops watching and frees w; NULL is allowed. */
void watch_close(struct watch *w);

#endif
