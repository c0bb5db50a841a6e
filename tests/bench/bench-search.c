/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search.c: ticket search through the store vs the bare index query */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bench-data.h"
#include "sapa-phone.h"
#include "sapa-report-number.h"
#include "sapa-store.h"
#include "sapa-store-private.h"
#include "sapa-text.h"

/* Each search is timed through sapa_store_query(), which returns the row
 * ids of every match, newest first. Its raw limit is the one index query
 * that finds the same tickets, run on a second connection with the
 * statement prepared once: the unique index for a report number, the
 * FTS5 table for a name prefix or purpose word, and the trigram table for
 * a phone fragment, each joined to tickets for the same order. The
 * store's whole statement is also run on that connection ("store SQL"),
 * which separates the cost of its SQL from that of the API around it. */

/* The statement sapa_store_db_query() builds for a search without status
 * or channel filters, copied from sapa-store-query.c. */
static const char store_sql[] =
  "SELECT rowid FROM tickets WHERE 1"
  " AND (rowid IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH :match)"
  " OR rowid IN (SELECT rowid FROM ticket_phone WHERE ticket_phone MATCH :phone)"
  " OR report_number = :number)"
  " ORDER BY created_at DESC, rowid DESC";

typedef enum {
  KIND_REPORT_NUMBER,
  KIND_NAME_PREFIX,
  KIND_PHONE_FRAGMENT,
  KIND_PURPOSE_WORD,
  N_KINDS
} Kind;

static const char * const kind_names[N_KINDS] = {
  "report number", "name prefix", "phone fragment", "purpose word",
};

static const char * const bare_sql[N_KINDS] = {
  "SELECT rowid FROM tickets WHERE report_number = ?",
  "SELECT t.rowid FROM ticket_search s JOIN tickets t ON t.rowid = s.rowid"
  " WHERE ticket_search MATCH ? ORDER BY t.created_at DESC, t.rowid DESC",
  "SELECT t.rowid FROM ticket_phone p JOIN tickets t ON t.rowid = p.rowid"
  " WHERE ticket_phone MATCH ? ORDER BY t.created_at DESC, t.rowid DESC",
  "SELECT t.rowid FROM ticket_search s JOIN tickets t ON t.rowid = s.rowid"
  " WHERE ticket_search MATCH ? ORDER BY t.created_at DESC, t.rowid DESC",
};

typedef struct {
  char *search;      /* as an officer types it */
  char *bare_param;  /* what the bare query binds */
} Query;

/* The store's FTS5 expression for @search: every word of the folded text,
 * letters and digits only, as a quoted prefix (copied from
 * build_match_expression() in sapa-store-query.c). */
static char *
match_expression (const char *search)
{
  g_autofree char *folded = sapa_text_fold (search);
  g_autoptr(GString) expression = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_string_append_printf (expression, "%s\"%s\"*", expression->len ? " " : "", word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }

  return g_string_free (g_steal_pointer (&expression), FALSE);
}

/* Returns the first @n characters of a random word of @text that has at
 * least @n letters, or NULL. */
static char *
word_prefix (GRand      *rand,
             const char *text,
             guint       n)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint n_words = g_strv_length (words);

  for (guint attempt = 0; attempt < 8 && n_words > 0; attempt++)
    {
      const char *word = words[g_rand_int_range (rand, 0, n_words)];

      if (g_utf8_strlen (word, -1) >= (glong) n)
        {
          const char *end = g_utf8_offset_to_pointer (word, n);
          return g_strndup (word, end - word);
        }
    }
  return NULL;
}

/* Draws the searches of @kind from tickets picked at random. */
static GPtrArray *
draw_queries (sqlite3 *db,
              GRand   *rand,
              Kind     kind,
              guint    n)
{
  g_autoptr(SapaStatement) pick = NULL;
  g_autoptr(SapaStatement) max = NULL;
  GPtrArray *queries = g_ptr_array_new ();
  gint64 max_rowid;

  g_assert (sqlite3_prepare_v2 (db, "SELECT MAX (rowid) FROM tickets", -1, &max, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (max) == SQLITE_ROW);
  max_rowid = sqlite3_column_int64 (max, 0);
  g_assert (sqlite3_prepare_v2 (db,
                                "SELECT report_number, name, phone_e164, purpose FROM tickets"
                                " WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                                -1, &pick, NULL) == SQLITE_OK);

  while (queries->len < n)
    {
      Query *query;
      g_autofree char *search = NULL;

      sqlite3_reset (pick);
      sqlite3_bind_int64 (pick, 1, 1 + (gint64) (g_rand_double (rand) * max_rowid));
      if (sqlite3_step (pick) != SQLITE_ROW)
        continue;

      switch (kind)
        {
        case KIND_REPORT_NUMBER:
          search = g_strdup ((const char *) sqlite3_column_text (pick, 0));
          if (g_rand_boolean (rand))
            {
              /* Typed in lower case with spaces, as read over the phone. */
              g_autofree char *lower = g_ascii_strdown (search, -1);
              g_free (search);
              search = g_strdelimit (g_steal_pointer (&lower), "-", ' ');
            }
          break;

        case KIND_NAME_PREFIX:
          search = word_prefix (rand, (const char *) sqlite3_column_text (pick, 1),
                                g_rand_int_range (rand, 3, 6));
          break;

        case KIND_PHONE_FRAGMENT:
          {
            const char *e164 = (const char *) sqlite3_column_text (pick, 2);
            g_autofree char *digits = e164 != NULL ? sapa_phone_index_digits (e164) : NULL;
            const char *national = digits != NULL ? strchr (digits, ' ') : NULL;
            const char *from = national != NULL ? national + 1 : digits;
            guint len = from != NULL ? strlen (from) : 0;
            guint start;

            if (len < 10)
              break;
            /* Six or seven digits from the middle, with a hyphen after
             * the fourth, as a caller reads part of a number. */
            start = g_rand_int_range (rand, 2, len - 7);
            search = g_strdup_printf ("%.4s-%.*s", from + start, g_rand_int_range (rand, 2, 4),
                                      from + start + 4);
          }
          break;

        case KIND_PURPOSE_WORD:
          search = word_prefix (rand, (const char *) sqlite3_column_text (pick, 3), 5);
          if (search != NULL)
            {
              /* The whole word, without its trailing comma or stop. */
              g_autofree char *prefix = g_steal_pointer (&search);
              g_auto(GStrv) words = g_strsplit ((const char *) sqlite3_column_text (pick, 3), " ", -1);

              for (guint i = 0; words[i] != NULL && search == NULL; i++)
                if (g_str_has_prefix (words[i], prefix))
                  search = g_strdup (g_strdelimit (words[i], ",.", ' '));
              g_strstrip (search);
            }
          break;

        default:
          g_assert_not_reached ();
        }

      if (search == NULL)
        continue;

      query = g_new0 (Query, 1);
      query->search = g_steal_pointer (&search);
      switch (kind)
        {
        case KIND_REPORT_NUMBER:
          query->bare_param = g_strdup ((const char *) sqlite3_column_text (pick, 0));
          break;
        case KIND_PHONE_FRAGMENT:
          {
            g_autofree char *digits = sapa_phone_query_digits (query->search);
            query->bare_param = g_strdup_printf ("\"%s\"", digits);
          }
          break;
        default:
          query->bare_param = match_expression (query->search);
        }
      g_ptr_array_add (queries, query);
    }

  return queries;
}

static void
query_free (gpointer data)
{
  Query *query = data;

  g_free (query->search);
  g_free (query->bare_param);
  g_free (query);
}

/* Runs @stmt to the end and returns the number of rows. */
static guint
run_statement (sqlite3_stmt *stmt)
{
  guint rows = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rows++;
  if (rc != SQLITE_DONE)
    g_error ("A bare search failed: %s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
  return rows;
}

static guint
run_store_sql (sqlite3_stmt *stmt,
               const char   *search)
{
  g_autofree char *match = match_expression (search);
  g_autofree char *digits = sapa_phone_query_digits (search);
  g_autofree char *phone = digits != NULL ? g_strdup_printf ("\"%s\"", digits) : g_strdup ("\"\"");
  g_autofree char *number = sapa_report_number_normalize (search, NULL);

  sqlite3_bind_text (stmt, 1, *match != '\0' ? match : "\"\"", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, number, -1, SQLITE_STATIC);
  return run_statement (stmt);
}

static sqlite3_stmt *
prepare_or_abort (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("Preparing “%s” failed: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* Prints SQLite's plan of @sql to stderr, one line a step. */
static void
explain (sqlite3    *db,
         const char *label,
         const char *sql)
{
  g_autofree char *explain_sql = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(SapaStatement) stmt = prepare_or_abort (db, explain_sql);

  fprintf (stderr, "plan of %s:\n", label);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    fprintf (stderr, "  %d %d %s\n", sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
             sqlite3_column_text (stmt, 3));
}

typedef struct {
  BenchSamples store;
  BenchSamples bare;
  BenchSamples store_sql;
  guint64      store_rows;
  guint64      bare_rows;
} KindResult;

static void
time_queries (SapaStore    *store,
              sqlite3_stmt *bare_stmt,
              sqlite3_stmt *store_stmt,
              GPtrArray    *queries,
              guint         n_warmup,
              KindResult   *result)
{
  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = g_ptr_array_index (queries, i);
      SapaTicketQuery store_query = { .search = query->search };
      g_autoptr(GArray) rowids = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start, store_us, bare_us, store_sql_us;
      guint bare_rows;

      start = g_get_monotonic_time ();
      rowids = sapa_store_query (store, &store_query, &error);
      store_us = g_get_monotonic_time () - start;
      if (rowids == NULL)
        g_error ("sapa_store_query(“%s”) failed: %s", query->search, error->message);

      start = g_get_monotonic_time ();
      sqlite3_bind_text (bare_stmt, 1, query->bare_param, -1, SQLITE_STATIC);
      bare_rows = run_statement (bare_stmt);
      bare_us = g_get_monotonic_time () - start;

      start = g_get_monotonic_time ();
      run_store_sql (store_stmt, query->search);
      store_sql_us = g_get_monotonic_time () - start;

      /* The first queries only warm the caches and the statements. */
      if (i < n_warmup)
        continue;

      bench_samples_add (&result->store, store_us);
      bench_samples_add (&result->bare, bare_us);
      bench_samples_add (&result->store_sql, store_sql_us);
      result->store_rows += rowids->len;
      result->bare_rows += bare_rows;
    }
}

static char *
format_ms (gint64 us)
{
  return g_strdup_printf ("%.3f ms", us / 1000.0);
}

static void
print_kind (Kind        kind,
            KindResult *result,
            gboolean    judge)
{
  guint n = result->store.values->len;
  g_autofree char *name = g_strdup_printf ("search: %s (%u, %.0f / %.0f hits)", kind_names[kind], n,
                                           (double) result->store_rows / n,
                                           (double) result->bare_rows / n);
  gint64 store_p50 = bench_samples_percentile (&result->store, 50);
  gint64 bare_p50 = bench_samples_percentile (&result->bare, 50);
  gint64 store_p95 = bench_samples_percentile (&result->store, 95);
  gint64 bare_p95 = bench_samples_percentile (&result->bare, 95);
  gint64 sql_p95 = bench_samples_percentile (&result->store_sql, 95);
  g_autofree char *store_p50_text = format_ms (store_p50);
  g_autofree char *bare_p50_text = format_ms (bare_p50);
  g_autofree char *store_p95_text = format_ms (store_p95);
  g_autofree char *bare_p95_text = format_ms (bare_p95);
  g_autofree char *sql_p95_text = format_ms (sql_p95);

  bench_print_row (name, "p50", store_p50_text, bare_p50_text,
                   (double) store_p50 / MAX (bare_p50, 1), "-", "-");
  bench_print_row (name, "p95", store_p95_text, bare_p95_text,
                   (double) store_p95 / MAX (bare_p95, 1), "≤ 2× bare",
                   bench_verdict (judge, store_p95 <= 2 * bare_p95));
  bench_print_row (name, "p95, store SQL on a bare connection", sql_p95_text, bare_p95_text,
                   (double) sql_p95 / MAX (bare_p95, 1), "-", "-");
}

int
main (int    argc,
      char **argv)
{
  gint n = 200;
  gint64 seed = 20261204;
  gboolean no_targets = FALSE;
  gboolean show_plans = FALSE;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &path, "Store file to search (only read)", "PATH" },
    { "queries", 'n', 0, G_OPTION_ARG_INT, &n, "Timed searches of each kind (default 200)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the random generator", "SEED" },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &show_plans, "Print the query plans to stderr", NULL },
    { "no-targets", 0, 0, G_OPTION_ARG_NONE, &no_targets, "Print no met or missed marks", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time ticket searches");
  g_autoptr(GError) error = NULL;
  g_autoptr(SapaStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  guint n_warmup;
  sqlite3 *db = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL || n <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--store is required and -n must be positive");
      return 2;
    }

  store = sapa_store_open (path, &error);
  if (store == NULL)
    g_error ("Opening %s failed: %s", path, error->message);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_error ("Opening %s read-only failed: %s", path, sqlite3_errmsg (db));

  if (show_plans)
    {
      explain (db, "the store's search", store_sql);
      for (guint kind = 0; kind < N_KINDS; kind++)
        explain (db, kind_names[kind], bare_sql[kind]);
    }

  rand = g_rand_new_with_seed (seed + 2);
  n_warmup = MAX (n / 10, 1);
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      g_autoptr(GPtrArray) queries = draw_queries (db, rand, kind, n + n_warmup);
      g_autoptr(SapaStatement) bare_stmt = prepare_or_abort (db, bare_sql[kind]);
      g_autoptr(SapaStatement) store_stmt = prepare_or_abort (db, store_sql);
      KindResult result = { 0 };

      g_ptr_array_set_free_func (queries, query_free);
      bench_samples_init (&result.store);
      bench_samples_init (&result.bare);
      bench_samples_init (&result.store_sql);

      time_queries (store, bare_stmt, store_stmt, queries, n_warmup, &result);
      print_kind (kind, &result, !no_targets);

      bench_samples_clear (&result.store);
      bench_samples_clear (&result.bare);
      bench_samples_clear (&result.store_sql);
    }

  sqlite3_close (db);
  return 0;
}
