/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-store.c: the workstation's SQLite database, served by a worker */

#define G_LOG_DOMAIN "sapa-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sapa-error.h"
#include "sapa-store-private.h"

struct _SapaStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  int          schema_version;

  /* One worker thread runs the jobs in the order they were queued; the
   * lock also serialises the plain (synchronous) calls against it. */
  GThreadPool *pool;
  GMutex       lock;
  gboolean     merge_due;   /* a write may have left search index segments to merge */
  gboolean     closing;     /* no more merging: the store is being finalized */

  /* Counts the jobs ever queued, so the worker's wait for an idle moment
   * ends as soon as a job comes. */
  GMutex       queue_lock;
  GCond        queue_cond;
  guint64      n_queued;
};

G_DEFINE_FINAL_TYPE (SapaStore, sapa_store, G_TYPE_OBJECT)

typedef SapaStoreJobFunc DbFunc;

typedef struct {
  DbFunc         func;
  gpointer       args;
  GDestroyNotify free_args;
  GDestroyNotify free_result;
} Job;

static void
job_free (Job *job)
{
  if (job->free_args != NULL && job->args != NULL)
    job->free_args (job->args);
  g_free (job);
}

/* Cached statements, per connection: sqlite3 * -> (SQL text -> idle
 * statement). A statement in use is out of its table, so it is never
 * lent twice. */
static GMutex cached_lock;
static GHashTable *cached;

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

SapaCachedStatement *
sapa_store_prepare_cached (sqlite3    *db,
                           const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_mutex_lock (&cached_lock);
  if (cached != NULL && g_hash_table_lookup (cached, db) != NULL)
    {
      GHashTable *idle = g_hash_table_lookup (cached, db);

      stmt = g_hash_table_lookup (idle, sql);
      if (stmt != NULL)
        g_hash_table_steal (idle, sql);
    }
  g_mutex_unlock (&cached_lock);

  if (stmt == NULL && sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

void
sapa_store_give_back (SapaCachedStatement *stmt)
{
  sqlite3 *db = sqlite3_db_handle (stmt);
  GHashTable *idle;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  g_mutex_lock (&cached_lock);
  if (cached == NULL)
    cached = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  idle = g_hash_table_lookup (cached, db);
  if (idle == NULL)
    {
      idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
      g_hash_table_insert (cached, db, idle);
    }
  if (g_hash_table_contains (idle, sqlite3_sql (stmt)))
    sqlite3_finalize (stmt);
  else
    g_hash_table_insert (idle, g_strdup (sqlite3_sql (stmt)), stmt);
  g_mutex_unlock (&cached_lock);
}

void
sapa_store_drop_cached (sqlite3 *db)
{
  g_mutex_lock (&cached_lock);
  if (cached != NULL)
    g_hash_table_remove (cached, db);
  g_mutex_unlock (&cached_lock);
}

static void
sapa_store_finalize (GObject *object)
{
  SapaStore *self = SAPA_STORE (object);

  /* A long merge would hold up the end of the worker, and so the exit. */
  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  g_mutex_unlock (&self->lock);
  g_mutex_lock (&self->queue_lock);
  g_cond_signal (&self->queue_cond);
  g_mutex_unlock (&self->queue_lock);
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  if (self->db != NULL)
    {
      sapa_store_drop_cached (self->db);
      sqlite3_close (self->db);
    }
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->queue_lock);
  g_cond_clear (&self->queue_cond);
  g_free (self->path);

  G_OBJECT_CLASS (sapa_store_parent_class)->finalize (object);
}

static void
sapa_store_class_init (SapaStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sapa_store_finalize;
}

/* Pages of merge work in one transaction of merge_search_index(), so a
 * job queued meanwhile waits for one short step. On the 1,000,000-ticket
 * benchmark store, steps of 16 pages took 11 ms at the median and 64 ms
 * at most while a backlog of 4,000 tickets was merged. */
#define MERGE_PAGES 32

/* How long the store waits without a job before it merges. Registrations
 * that follow each other closely (a catch-up, a busy counter) so wait for
 * a merge step only when one comes while a step runs. With back-to-back
 * registrations on the 1,000,000-ticket benchmark store, merging between
 * them took their p99 from 4.5 ms to 13 to 15 ms. */
#define MERGE_IDLE_DELAY (1 * G_USEC_PER_SEC)

/* Runs one step of merging on the search index @table, and returns
 * whether it found work to do. FTS5 reports that through the change
 * count: a step that merged nothing adds less than 2 to it. */
static gboolean
merge_step (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  int before = sqlite3_total_changes (db);

  sql = g_strdup_printf ("INSERT INTO %s (%s, rank) VALUES ('merge', %d)", table, table, MERGE_PAGES);
  if (!sapa_store_exec (db, sql, &error))
    {
      /* The segments stay as they are and search still finds every
       * ticket. The next write makes a merge due again. */
      g_warning ("Merging the search index %s failed: %s", table, error->message);
      return FALSE;
    }

  return sqlite3_total_changes (db) - before >= 2;
}

/* Returns the number of jobs queued so far. */
static guint64
count_queued (SapaStore *self)
{
  guint64 n_queued;

  g_mutex_lock (&self->queue_lock);
  n_queued = self->n_queued;
  g_mutex_unlock (&self->queue_lock);

  return n_queued;
}

/* Waits on the worker thread until no job has been queued for
 * MERGE_IDLE_DELAY, and returns FALSE as soon as one is, or when the
 * store is being finalized. @seen is the count of queued jobs when the
 * job that just ended started, so a job queued while it ran counts too. */
static gboolean
wait_until_idle (SapaStore *self,
                 guint64    seen)
{
  gint64 deadline = g_get_monotonic_time () + MERGE_IDLE_DELAY;
  gboolean idle = TRUE;

  g_mutex_lock (&self->queue_lock);
  while (self->n_queued == seen && !self->closing)
    {
      if (!g_cond_wait_until (&self->queue_cond, &self->queue_lock, deadline))
        break;
    }
  if (self->n_queued != seen || self->closing)
    idle = FALSE;
  g_mutex_unlock (&self->queue_lock);

  return idle;
}

/* Merges the segments that writes added to the search indexes, once no
 * job has come for MERGE_IDLE_DELAY, one short transaction at a time for
 * as long as no job waits. Schema version 10 turned off the merges that
 * FTS5 would otherwise run inside the next write's transaction, where
 * they made a registration wait. Called on the worker thread without
 * the lock. */
static void
merge_search_index (SapaStore *self,
                    guint64    seen)
{
  g_mutex_lock (&self->lock);
  if (!self->merge_due)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  g_mutex_unlock (&self->lock);

  /* Jobs that wait in the queue, or come meanwhile, run first, and the
   * merge waits for the end of the last of them instead. */
  if (g_thread_pool_unprocessed (self->pool) > 0 || !wait_until_idle (self, seen))
    return;

  while (g_thread_pool_unprocessed (self->pool) == 0)
    {
      gboolean found;

      g_mutex_lock (&self->lock);
      if (!self->merge_due || self->closing || self->db == NULL)
        {
          g_mutex_unlock (&self->lock);
          return;
        }

      found = merge_step (self->db, "ticket_search");
      found = merge_step (self->db, "ticket_phone") || found;
      if (!found)
        self->merge_due = FALSE;
      g_mutex_unlock (&self->lock);
    }
}

/* Marks a merge as due when the statements since @changes_before wrote. */
static void
note_writes (SapaStore *self,
             int        changes_before)
{
  if (self->db != NULL && sqlite3_total_changes (self->db) != changes_before)
    self->merge_due = TRUE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  SapaStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;
  int changes;
  guint64 seen = count_queued (self);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->lock);
  changes = self->db != NULL ? sqlite3_total_changes (self->db) : 0;
  result = job->func (self, job->args, &error);
  note_writes (self, changes);
  g_mutex_unlock (&self->lock);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->free_result);

  /* The task holds a reference to the store. Released before the wait
   * for an idle moment, it leaves the store's end to its owner's thread,
   * and finalizing then ends the wait. */
  g_clear_object (&task);

  /* After the result is returned, so its caller does not wait for it. */
  merge_search_index (self, seen);
}

static void
sapa_store_init (SapaStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->queue_lock);
  g_cond_init (&self->queue_cond);
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}

void
sapa_store_queue_job (SapaStore          *self,
                      gpointer            source_tag,
                      DbFunc              func,
                      gpointer            args,
                      GDestroyNotify      free_args,
                      GDestroyNotify      free_result,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->args = args;
  job->free_args = free_args;
  job->free_result = free_result;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  /* Ends a worker's wait for an idle moment, before the job is in the
   * pool that the worker returns to. */
  g_mutex_lock (&self->queue_lock);
  self->n_queued++;
  g_cond_signal (&self->queue_cond);
  g_mutex_unlock (&self->queue_lock);
  g_thread_pool_push (self->pool, task, NULL);
}

gpointer
sapa_store_run_job (SapaStore *self,
                    DbFunc     func,
                    gpointer   args,
                    GError   **error)
{
  gpointer result;
  int changes;

  /* The merge that these writes make due runs after the next queued job. */
  g_mutex_lock (&self->lock);
  changes = self->db != NULL ? sqlite3_total_changes (self->db) : 0;
  result = func (self, args, error);
  note_writes (self, changes);
  g_mutex_unlock (&self->lock);

  return result;
}

gpointer
sapa_store_finish_job (SapaStore    *self,
                       GAsyncResult *result,
                       gpointer      source_tag,
                       GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

sqlite3 *
sapa_store_get_db (SapaStore *self)
{
  return self->db;
}

/* Opening */

/* Sets the options of this connection. None of them writes to the file. */
static gboolean
configure_connection (sqlite3  *db,
                      GError  **error)
{
  /* The busy timeout comes first so that the statements after it wait
   * for another connection's lock instead of failing at once.
   * temp_store = MEMORY keeps statement journals (and temporary sort
   * tables) in memory. With the default, SQLite 3.40 moves a transaction's
   * statement journal to a temporary file once one statement journals
   * more than 64 KiB, and then writes every later statement's pages to
   * that file: strace counted about 2 million writes in a
   * 100,000-activity catch-up. */
  return sapa_store_exec (db,
                          "PRAGMA busy_timeout = 10000;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA temp_store = MEMORY;",
                          error);
}

/* Sets the options stored in the file, so it runs only once the file's
 * schema is known to be one this Sapa can read. WAL lets readers of other
 * connections go on during a write. With synchronous=FULL (set above),
 * each committed officer action survives a power cut, not only a crash
 * of Sapa. */
static gboolean
configure_file (sqlite3  *db,
                GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int rc;

  /* When two connections switch a new file to WAL at the same moment,
   * SQLite returns SQLITE_BUSY to one of them at once without calling the
   * busy handler, because it holds a shared lock the other waits on. So
   * the switch is retried here for as long as the busy timeout. */
  while ((rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL)) == SQLITE_BUSY &&
         g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);

  if (rc != SQLITE_OK)
    {
      sapa_store_set_error (error, db, "switch the database to WAL");
      return FALSE;
    }
  return TRUE;
}

static gpointer
open_db (SapaStore *self,
         gpointer   args,
         GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SAPA_ERROR, SAPA_ERROR_STORE,
                   _("Could not create the data folder “%s”: %s."),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      sapa_store_set_error (error, self->db, "open the database file");
      g_clear_pointer (&self->db, sqlite3_close);
      return NULL;
    }

  if (!configure_connection (self->db, error) ||
      !sapa_store_schema_check (self->db, error) ||
      !configure_file (self->db, error) ||
      !sapa_store_schema_migrate (self->db, -1, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return NULL;
    }

  self->schema_version = sapa_store_schema_get_latest ();
  g_info ("Opened the store at %s", self->path);
  return g_object_ref (self);
}

void
sapa_store_open_async (const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(SapaStore) self = NULL;

  g_return_if_fail (path != NULL);

  self = g_object_new (SAPA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  sapa_store_queue_job (self, sapa_store_open_async, open_db, NULL, NULL, g_object_unref,
             cancellable, callback, user_data);
}

SapaStore *
sapa_store_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  GObject *source = g_async_result_get_source_object (result);
  SapaStore *store;

  store = sapa_store_finish_job (SAPA_STORE (source), result, sapa_store_open_async, error);
  g_object_unref (source);
  return store;
}

SapaStore *
sapa_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(SapaStore) self = NULL;
  SapaStore *opened;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SAPA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  opened = sapa_store_run_job (self, open_db, NULL, error);
  if (opened == NULL)
    return NULL;

  g_object_unref (opened);
  return g_steal_pointer (&self);
}

const char *
sapa_store_get_path (SapaStore *self)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  return self->path;
}

static void
check_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(SapaStatement) stmt = NULL;
  g_autofree char *problem = NULL;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    problem = g_strdup (sqlite3_errmsg (db));
  else
    {
      sqlite3_busy_timeout (db, 10000);
      if (sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL) != SQLITE_OK)
        problem = g_strdup (sqlite3_errmsg (db));
      else if (sqlite3_step (stmt) != SQLITE_ROW)
        problem = g_strdup (sqlite3_errmsg (db));
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  if (problem == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_message ("The store %s is damaged: %s", path, problem);
  /* SQLite's own words go to the log; the officer gets the file's name. */
  g_task_return_new_error (task, SAPA_ERROR, SAPA_ERROR_STORE,
                           _("The local database “%s” is damaged."), path);
}

void
sapa_store_check_async (SapaStore           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SAPA_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sapa_store_check_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, check_in_thread);
}

gboolean
sapa_store_check_finish (SapaStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

int
sapa_store_get_schema_version (SapaStore *self)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), 0);
  return self->schema_version;
}

/* Recording */

static gpointer
record_func (SapaStore *self,
             gpointer   args,
             GError   **error)
{
  return sapa_store_db_record (self->db, args, error);
}

void
sapa_store_record_async (SapaStore           *self,
                         SapaWizard          *wizard,
                         GPtrArray           *activities,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (SAPA_IS_WIZARD (wizard));
  g_return_if_fail (activities != NULL && activities->len > 0);

  sapa_store_queue_job (self, sapa_store_record_async, record_func,
             sapa_record_job_new (wizard, activities),
             (GDestroyNotify) sapa_record_job_free, g_object_unref,
             cancellable, callback, user_data);
}

SapaTicket *
sapa_store_record_finish (SapaStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_record_async, error);
}

SapaTicket *
sapa_store_record (SapaStore   *self,
                   SapaWizard  *wizard,
                   GPtrArray   *activities,
                   GError     **error)
{
  g_autoptr(SapaRecordJob) job = NULL;

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (SAPA_IS_WIZARD (wizard), NULL);
  g_return_val_if_fail (activities != NULL && activities->len > 0, NULL);

  job = sapa_record_job_new (wizard, activities);
  return sapa_store_run_job (self, record_func, job, error);
}

static gpointer
save_draft_func (SapaStore *self,
                 gpointer   args,
                 GError   **error)
{
  return sapa_store_db_save_draft (self->db, args, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
sapa_store_save_draft_async (SapaStore           *self,
                             SapaWizard          *wizard,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (SAPA_IS_WIZARD (wizard));

  sapa_store_queue_job (self, sapa_store_save_draft_async, save_draft_func,
             sapa_record_job_new (wizard, NULL),
             (GDestroyNotify) sapa_record_job_free, NULL,
             cancellable, callback, user_data);
}

gboolean
sapa_store_save_draft_finish (SapaStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_save_draft_async, error) != NULL;
}

static gpointer
discard_func (SapaStore *self,
              gpointer   args,
              GError   **error)
{
  return sapa_store_db_discard (self->db, args, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
sapa_store_discard_async (SapaStore           *self,
                          SapaWizard          *wizard,
                          const char          *reason,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  SapaRecordJob *job;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (SAPA_IS_WIZARD (wizard));

  job = sapa_record_job_new (wizard, NULL);
  job->reason = g_strdup (reason);
  sapa_store_queue_job (self, sapa_store_discard_async, discard_func,
             job, (GDestroyNotify) sapa_record_job_free, NULL,
             cancellable, callback, user_data);
}

gboolean
sapa_store_discard_finish (SapaStore     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_discard_async, error) != NULL;
}

typedef struct {
  SapaActivity  *activity;
  SapaRecordJob *job;
} LogArgs;

static void
log_args_free (LogArgs *args)
{
  g_object_unref (args->activity);
  g_clear_pointer (&args->job, sapa_record_job_free);
  g_free (args);
}

static gpointer
log_func (SapaStore *self,
          gpointer   data,
          GError   **error)
{
  LogArgs *args = data;

  return sapa_store_db_log (self->db, args->activity, args->job, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
sapa_store_log_async (SapaStore           *self,
                      SapaActivity        *activity,
                      SapaWizard          *wizard,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LogArgs *args;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (SAPA_IS_ACTIVITY (activity));
  g_return_if_fail (wizard == NULL || SAPA_IS_WIZARD (wizard));

  args = g_new0 (LogArgs, 1);
  args->activity = g_object_ref (activity);
  args->job = wizard != NULL ? sapa_record_job_new (wizard, NULL) : NULL;
  sapa_store_queue_job (self, sapa_store_log_async, log_func,
             args, (GDestroyNotify) log_args_free, NULL,
             cancellable, callback, user_data);
}

gboolean
sapa_store_log_finish (SapaStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_log_async, error) != NULL;
}

gboolean
sapa_store_log (SapaStore     *self,
                SapaActivity  *activity,
                SapaWizard    *wizard,
                GError       **error)
{
  g_autoptr(SapaRecordJob) job = NULL;
  LogArgs args = { activity, NULL };

  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SAPA_IS_ACTIVITY (activity), FALSE);
  g_return_val_if_fail (wizard == NULL || SAPA_IS_WIZARD (wizard), FALSE);

  job = wizard != NULL ? sapa_record_job_new (wizard, NULL) : NULL;
  args.job = job;
  return sapa_store_run_job (self, log_func, &args, error) != NULL;
}

typedef struct {
  SapaActivity *activity;
  char         *new_status;
} ActionArgs;

static void
action_args_free (ActionArgs *args)
{
  g_object_unref (args->activity);
  g_free (args->new_status);
  g_free (args);
}

static gpointer
apply_action_func (SapaStore *self,
                   gpointer   data,
                   GError   **error)
{
  ActionArgs *args = data;

  return sapa_store_db_apply_action (self->db, args->activity, args->new_status, error);
}

void
sapa_store_apply_action_async (SapaStore           *self,
                               SapaActivity        *activity,
                               const char          *new_status,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ActionArgs *args;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (SAPA_IS_ACTIVITY (activity));

  args = g_new0 (ActionArgs, 1);
  args->activity = g_object_ref (activity);
  args->new_status = g_strdup (new_status);
  sapa_store_queue_job (self, sapa_store_apply_action_async, apply_action_func,
             args, (GDestroyNotify) action_args_free, g_object_unref,
             cancellable, callback, user_data);
}

SapaTicket *
sapa_store_apply_action_finish (SapaStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_apply_action_async, error);
}

SapaTicket *
sapa_store_apply_action (SapaStore     *self,
                         SapaActivity  *activity,
                         const char    *new_status,
                         GError       **error)
{
  ActionArgs args = { activity, (char *) new_status };

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (SAPA_IS_ACTIVITY (activity), NULL);

  return sapa_store_run_job (self, apply_action_func, &args, error);
}

static gpointer
list_drafts_func (SapaStore *self,
                  gpointer   args,
                  GError   **error)
{
  return sapa_store_db_list_drafts (self->db, error);
}

void
sapa_store_list_drafts_async (SapaStore           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));

  sapa_store_queue_job (self, sapa_store_list_drafts_async, list_drafts_func,
             NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
             cancellable, callback, user_data);
}

GPtrArray *
sapa_store_list_drafts_finish (SapaStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_list_drafts_async, error);
}

GPtrArray *
sapa_store_list_drafts (SapaStore  *self,
                        GError    **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  return sapa_store_run_job (self, list_drafts_func, NULL, error);
}

static gpointer
get_draft_func (SapaStore *self,
                gpointer   args,
                GError   **error)
{
  GError *local_error = NULL;
  SapaWizard *wizard = sapa_store_db_get_draft (self->db, args, &local_error);

  /* No draft is an answer, not a failure: the task returns NULL. */
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return wizard;
}

void
sapa_store_get_draft_async (SapaStore           *self,
                            const char          *ticket_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (ticket_id != NULL);

  sapa_store_queue_job (self, sapa_store_get_draft_async, get_draft_func,
             g_strdup (ticket_id), g_free, g_object_unref,
             cancellable, callback, user_data);
}

SapaWizard *
sapa_store_get_draft_finish (SapaStore     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_get_draft_async, error);
}

typedef struct {
  char *phone_e164;
  char *email;
  char *handle;
  char *channel;
  char *exclude_ticket_id;
} ContactArgs;

static void
contact_args_free (ContactArgs *args)
{
  g_free (args->phone_e164);
  g_free (args->email);
  g_free (args->handle);
  g_free (args->channel);
  g_free (args->exclude_ticket_id);
  g_free (args);
}

static gpointer
contact_tickets_func (SapaStore *self,
                      gpointer   data,
                      GError   **error)
{
  ContactArgs *args = data;
  SapaContactQuery query = {
    args->phone_e164, args->email, args->handle, args->channel, args->exclude_ticket_id
  };

  return sapa_store_db_find_contact_tickets (self->db, &query, error);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContactArgs, contact_args_free)

static ContactArgs *
contact_args_new (const SapaContactQuery *query)
{
  ContactArgs *args = g_new0 (ContactArgs, 1);

  args->phone_e164 = g_strdup (query->phone_e164);
  args->email = g_strdup (query->email);
  args->handle = g_strdup (query->handle);
  args->channel = g_strdup (query->channel);
  args->exclude_ticket_id = g_strdup (query->exclude_ticket_id);
  return args;
}

void
sapa_store_find_contact_tickets_async (SapaStore              *self,
                                       const SapaContactQuery *query,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (query != NULL);

  sapa_store_queue_job (self, sapa_store_find_contact_tickets_async, contact_tickets_func,
             contact_args_new (query), (GDestroyNotify) contact_args_free,
             (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
sapa_store_find_contact_tickets_finish (SapaStore     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_find_contact_tickets_async, error);
}

GPtrArray *
sapa_store_find_contact_tickets (SapaStore               *self,
                                 const SapaContactQuery  *query,
                                 GError                 **error)
{
  g_autoptr(ContactArgs) args = NULL;

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  args = contact_args_new (query);
  return sapa_store_run_job (self, contact_tickets_func, args, error);
}

typedef struct {
  char         *keep_id;
  char         *merge_id;
  SapaActivity *template;
} MergeArgs;

static void
merge_args_free (MergeArgs *args)
{
  g_free (args->keep_id);
  g_free (args->merge_id);
  g_object_unref (args->template);
  g_free (args);
}

static gpointer
merge_func (SapaStore *self,
            gpointer   data,
            GError   **error)
{
  MergeArgs *args = data;

  return sapa_store_db_merge_contacts (self->db, args->keep_id, args->merge_id,
                                       args->template, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
sapa_store_merge_contacts_async (SapaStore           *self,
                                 const char          *keep_id,
                                 const char          *merge_id,
                                 SapaActivity        *template,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  MergeArgs *args;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (keep_id != NULL && merge_id != NULL);
  g_return_if_fail (SAPA_IS_ACTIVITY (template));

  args = g_new0 (MergeArgs, 1);
  args->keep_id = g_strdup (keep_id);
  args->merge_id = g_strdup (merge_id);
  args->template = g_object_ref (template);
  sapa_store_queue_job (self, sapa_store_merge_contacts_async, merge_func,
             args, (GDestroyNotify) merge_args_free, NULL, cancellable, callback, user_data);
}

gboolean
sapa_store_merge_contacts_finish (SapaStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_merge_contacts_async, error) != NULL;
}

gboolean
sapa_store_merge_contacts (SapaStore     *self,
                           const char    *keep_id,
                           const char    *merge_id,
                           SapaActivity  *template,
                           GError       **error)
{
  MergeArgs args = { (char *) keep_id, (char *) merge_id, template };

  g_return_val_if_fail (SAPA_IS_STORE (self), FALSE);
  g_return_val_if_fail (SAPA_IS_ACTIVITY (template), FALSE);

  return sapa_store_run_job (self, merge_func, &args, error) != NULL;
}

typedef struct {
  SapaActivity *activity;
  char         *file_name;
  GBytes       *data;
} AttachArgs;

static void
attach_args_free (AttachArgs *args)
{
  g_object_unref (args->activity);
  g_free (args->file_name);
  g_bytes_unref (args->data);
  g_free (args);
}

static gpointer
attach_func (SapaStore *self,
             gpointer   data,
             GError   **error)
{
  AttachArgs *args = data;

  return sapa_store_db_attach (self->db, args->activity, args->file_name, args->data, error);
}

void
sapa_store_attach_async (SapaStore           *self,
                         SapaActivity        *activity,
                         const char          *file_name,
                         GBytes              *data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AttachArgs *args;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (SAPA_IS_ACTIVITY (activity));
  g_return_if_fail (file_name != NULL && data != NULL);

  args = g_new0 (AttachArgs, 1);
  args->activity = g_object_ref (activity);
  args->file_name = g_strdup (file_name);
  args->data = g_bytes_ref (data);
  sapa_store_queue_job (self, sapa_store_attach_async, attach_func, args, (GDestroyNotify) attach_args_free,
             g_free, cancellable, callback, user_data);
}

char *
sapa_store_attach_finish (SapaStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_attach_async, error);
}

char *
sapa_store_attach (SapaStore     *self,
                   SapaActivity  *activity,
                   const char    *file_name,
                   GBytes        *data,
                   GError       **error)
{
  AttachArgs args = { activity, (char *) file_name, data };

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (SAPA_IS_ACTIVITY (activity), NULL);

  return sapa_store_run_job (self, attach_func, &args, error);
}

static gpointer
list_attachments_func (SapaStore *self,
                       gpointer   args,
                       GError   **error)
{
  return sapa_store_db_list_attachments (self->db, args, error);
}

void
sapa_store_list_attachments_async (SapaStore           *self,
                                   const char          *ticket_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (ticket_id != NULL);

  sapa_store_queue_job (self, sapa_store_list_attachments_async, list_attachments_func,
             g_strdup (ticket_id), g_free, (GDestroyNotify) g_ptr_array_unref,
             cancellable, callback, user_data);
}

GPtrArray *
sapa_store_list_attachments_finish (SapaStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_list_attachments_async, error);
}

static gpointer
read_attachment_func (SapaStore *self,
                      gpointer   args,
                      GError   **error)
{
  return sapa_store_db_read_attachment (self->db, args, error);
}

GBytes *
sapa_store_read_attachment (SapaStore   *self,
                            const char  *id,
                            GError     **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return sapa_store_run_job (self, read_attachment_func, (gpointer) id, error);
}

void
sapa_store_read_attachment_async (SapaStore           *self,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (id != NULL);

  sapa_store_queue_job (self, sapa_store_read_attachment_async, read_attachment_func,
                        g_strdup (id), g_free, (GDestroyNotify) g_bytes_unref,
                        cancellable, callback, user_data);
}

GBytes *
sapa_store_read_attachment_finish (SapaStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_read_attachment_async, error);
}

typedef struct {
  char   *airport;
  gint64  now;
} BoardArgs;

static void
board_args_free (BoardArgs *args)
{
  g_free (args->airport);
  g_free (args);
}

static gpointer
load_board_func (SapaStore *self,
                 gpointer   data,
                 GError   **error)
{
  BoardArgs *args = data;

  return sapa_store_db_load_sns_board (self->db, args->airport, args->now, error);
}

void
sapa_store_load_sns_board_async (SapaStore           *self,
                                 const char          *airport,
                                 gint64               now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  BoardArgs *args;

  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (airport != NULL);

  args = g_new0 (BoardArgs, 1);
  args->airport = g_strdup (airport);
  args->now = now;
  sapa_store_queue_job (self, sapa_store_load_sns_board_async, load_board_func, args,
             (GDestroyNotify) board_args_free, (GDestroyNotify) sapa_sns_board_free,
             cancellable, callback, user_data);
}

SapaSnsBoard *
sapa_store_load_sns_board_finish (SapaStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_load_sns_board_async, error);
}

SapaSnsBoard *
sapa_store_load_sns_board (SapaStore   *self,
                           const char  *airport,
                           gint64       now,
                           GError     **error)
{
  BoardArgs args = { (char *) airport, now };

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (airport != NULL, NULL);

  return sapa_store_run_job (self, load_board_func, &args, error);
}

/* Reading */

typedef struct {
  char *search;
  char *status;
  char *channel;
  guint limit;      /* 0 for every match */
} QueryArgs;

static void
query_args_free (QueryArgs *args)
{
  g_free (args->search);
  g_free (args->status);
  g_free (args->channel);
  g_free (args);
}

static gpointer
query_func (SapaStore *self,
            gpointer   data,
            GError   **error)
{
  QueryArgs *args = data;
  SapaTicketQuery query = { args->search, args->status, args->channel };

  return sapa_store_db_query (self->db, &query, 0, error);
}

static QueryArgs *
query_args_new (const SapaTicketQuery *query,
                guint                  limit)
{
  QueryArgs *args = g_new0 (QueryArgs, 1);

  args->search = g_strdup (query->search);
  args->status = g_strdup (query->status);
  args->channel = g_strdup (query->channel);
  args->limit = limit;
  return args;
}

void
sapa_store_query_async (SapaStore             *self,
                        const SapaTicketQuery *query,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (query != NULL);

  sapa_store_queue_job (self, sapa_store_query_async, query_func,
             query_args_new (query, 0), (GDestroyNotify) query_args_free, (GDestroyNotify) g_array_unref,
             cancellable, callback, user_data);
}

GArray *
sapa_store_query_finish (SapaStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_query_async, error);
}

GArray *
sapa_store_query (SapaStore              *self,
                  const SapaTicketQuery  *query,
                  GError                **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  g_mutex_lock (&self->lock);
  GArray *rowids = sapa_store_db_query (self->db, query, 0, error);
  g_mutex_unlock (&self->lock);

  return rowids;
}

static gpointer
query_first_func (SapaStore *self,
                  gpointer   data,
                  GError   **error)
{
  QueryArgs *args = data;
  SapaTicketQuery query = { args->search, args->status, args->channel };

  return sapa_store_db_query_first (self->db, &query, args->limit, error);
}

void
sapa_store_query_first_async (SapaStore             *self,
                              const SapaTicketQuery *query,
                              guint                  limit,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (limit > 0);

  sapa_store_queue_job (self, sapa_store_query_first_async, query_first_func,
             query_args_new (query, limit), (GDestroyNotify) query_args_free,
             (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
sapa_store_query_first_finish (SapaStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_query_first_async, error);
}

GPtrArray *
sapa_store_query_first (SapaStore              *self,
                        const SapaTicketQuery  *query,
                        guint                   limit,
                        GError                **error)
{
  QueryArgs args;

  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  /* The job only reads the strings, so they are not copied. */
  args = (QueryArgs) { (char *) query->search, (char *) query->status, (char *) query->channel, limit };
  return sapa_store_run_job (self, query_first_func, &args, error);
}

static gpointer
load_tickets_func (SapaStore *self,
                   gpointer   args,
                   GError   **error)
{
  return sapa_store_db_load_tickets (self->db, args, error);
}

void
sapa_store_load_tickets_async (SapaStore           *self,
                               GArray              *rowids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (rowids != NULL);

  sapa_store_queue_job (self, sapa_store_load_tickets_async, load_tickets_func,
             g_array_ref (rowids), (GDestroyNotify) g_array_unref,
             (GDestroyNotify) g_ptr_array_unref,
             cancellable, callback, user_data);
}

GPtrArray *
sapa_store_load_tickets_finish (SapaStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_load_tickets_async, error);
}

GPtrArray *
sapa_store_load_tickets (SapaStore  *self,
                         GArray     *rowids,
                         GError    **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  return sapa_store_run_job (self, load_tickets_func, rowids, error);
}

static gpointer
get_ticket_func (SapaStore *self,
                 gpointer   args,
                 GError   **error)
{
  return sapa_store_db_get_ticket (self->db, args, error);
}

void
sapa_store_get_ticket_async (SapaStore           *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (id != NULL);

  sapa_store_queue_job (self, sapa_store_get_ticket_async, get_ticket_func, g_strdup (id), g_free,
             g_object_unref, cancellable, callback, user_data);
}

SapaTicket *
sapa_store_get_ticket_finish (SapaStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_get_ticket_async, error);
}

SapaTicket *
sapa_store_get_ticket (SapaStore   *self,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return sapa_store_run_job (self, get_ticket_func, (gpointer) id, error);
}

static gpointer
list_activities_func (SapaStore *self,
                      gpointer   args,
                      GError   **error)
{
  return sapa_store_db_list_activities (self->db, args, error);
}

void
sapa_store_list_activities_async (SapaStore           *self,
                                  const char          *ticket_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SAPA_IS_STORE (self));
  g_return_if_fail (ticket_id != NULL);

  sapa_store_queue_job (self, sapa_store_list_activities_async, list_activities_func,
             g_strdup (ticket_id), g_free, (GDestroyNotify) g_ptr_array_unref,
             cancellable, callback, user_data);
}

GPtrArray *
sapa_store_list_activities_finish (SapaStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return sapa_store_finish_job (self, result, sapa_store_list_activities_async, error);
}

GPtrArray *
sapa_store_list_activities (SapaStore   *self,
                            const char  *ticket_id,
                            GError     **error)
{
  g_return_val_if_fail (SAPA_IS_STORE (self), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  return sapa_store_run_job (self, list_activities_func, (gpointer) ticket_id, error);
}
