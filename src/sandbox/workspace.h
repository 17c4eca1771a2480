/* workspace: the learner's own copy of an exercise's starter files.
 *
 * A workspace is <data dir>/workspace/<id>/ (paths_data_dir). It is made
 * from the exercise's starter/ files on first open and never overwritten
 * afterwards: the learner's edits are the learner's. Only an explicit
 * reset replaces it with fresh starter files.
 *
 * Both are atomic: the files are copied into a hidden temp folder
 * (workspace/.<id>.tmp-XXXXXX) which is then renamed into place, so a
 * crash leaves either the old workspace or the new one, never half of one.
 * A reset moves the old workspace aside to <id>.bak-<n> first and removes
 * it only once the new copy is in place; should the process die between
 * the two renames, the next open finds no workspace but a .bak-<n> and
 * puts the newest one back.
 *
 * Folders are created 0700 and files 0600 (0700 when the starter file is
 * executable): a workspace is private to its learner. Symbolic links are
 * neither followed nor copied (exercise_load refuses them in starter/).
 *
 * Failure: functions return a status and fill err: ST_INVALID for an
 * exercise whose id is not a valid id, ST_IO for file-system failures
 * (err->where names the path). On failure nothing the learner had is
 * lost and no temp folder is left behind. */
#ifndef STUDYTERM_SANDBOX_WORKSPACE_H
#define STUDYTERM_SANDBOX_WORKSPACE_H

#include "core/status.h"
#include "sandbox/exercise.h"

/* <data_dir>/workspace/<id>, newly allocated (the caller frees it); not
 * checked for existence. */
char *workspace_path(const char *data_dir, const char *id);

/* Opens the exercise's workspace, creating it from starter/ when there is
 * none. *path receives the workspace folder (newly allocated; the caller
 * frees it), NULL on failure. */
enum status workspace_open(const char *data_dir, const struct exercise *ex, char **path,
                           struct error *err);

/* Replaces the workspace with fresh starter files (creates it when there
 * is none). On failure the old workspace stays as it was. */
enum status workspace_reset(const char *data_dir, const struct exercise *ex, struct error *err);

/* A run's copy of the workspace (the Python runner works in one, so that
 * what a run makes, a migrations folder, a generated revision, never
 * piles up in the learner's files): run_dir is removed and made again
 * holding the workspace's files and folders except hidden ones (run_dir
 * itself is <workspace>/.run), sandbox.db and its companions and
 * __pycache__. Links are left out. More than WORKSPACE_SNAPSHOT_FILES
 * files, _BYTES bytes or folders deeper than _DEPTH is ST_INVALID (and
 * nothing is left); ST_IO for file-system failures. */
#define WORKSPACE_SNAPSHOT_FILES 2000
#define WORKSPACE_SNAPSHOT_BYTES (64 * 1024 * 1024)
#define WORKSPACE_SNAPSHOT_DEPTH 8
enum status workspace_snapshot(const char *workspace, const char *run_dir, struct error *err);

#endif
