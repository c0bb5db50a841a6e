/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-list-model.c: a lazy list of tickets over the store */

#define G_LOG_DOMAIN "sapa-ticket-list"

#include "sapa-ticket-list-model.h"

/* Tickets are loaded this many at a time. The cache of tickets by row id
 * is emptied when it grows past MAX_CACHED, so memory stays flat however
 * long the list is; the rows on screen keep their own references. */
#define PAGE_SIZE 100
#define MAX_CACHED 4000
/* A query first reads this many whole tickets, more rows than a tall
 * window shows, then the ids of every match. On the 1,000,000 tickets
 * of bench-ticket-list the first read took about 2 ms and the second
 * 0.12 to 0.28 s. */
#define FIRST_PAGE_SIZE PAGE_SIZE

struct _SapaTicketListModel
{
  GObject       parent_instance;

  SapaStore    *store;
  char         *search;
  char         *status;
  char         *channel;

  GArray       *rowids;
  GHashTable   *tickets;        /* gint64 row id -> SapaTicket */

  GCancellable *query_cancellable;
  GCancellable *loads_cancellable;
  guint         n_refreshing;   /* refresh loads still running */
  gboolean      querying;
  gboolean      loading;        /* querying or refreshing */
  gboolean      complete;       /* rowids lists every match, not a first page */
  gboolean      query_changed;  /* rowids came from other search or filters */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SapaTicketListModel, sapa_ticket_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  SapaTicketListModel *model;
  GPtrArray           *targets;     /* the SapaTicket objects to fill */
  gboolean             refresh;     /* counted in n_refreshing */
} TicketLoad;

static void update_loading (SapaTicketListModel *self);

static void
ticket_load_free (TicketLoad *load)
{
  if (load->refresh)
    {
      load->model->n_refreshing--;
      update_loading (load->model);
    }
  g_object_unref (load->model);
  g_ptr_array_unref (load->targets);
  g_free (load);
}

static void
tickets_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TicketLoad *load = user_data;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  guint next = 0;

  tickets = sapa_store_load_tickets_finish (SAPA_STORE (source), result, &error);
  if (tickets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (load->model, signals[SIGNAL_ERROR], 0, error);
      ticket_load_free (load);
      return;
    }

  /* Both lists are in the same order; a ticket missing from the result
   * (gone since the query) leaves its object as it was. */
  for (guint i = 0; i < load->targets->len && next < tickets->len; i++)
    {
      SapaTicket *target = g_ptr_array_index (load->targets, i);
      SapaTicket *ticket = g_ptr_array_index (tickets, next);

      if (sapa_ticket_get_rowid (target) == sapa_ticket_get_rowid (ticket))
        {
          sapa_ticket_fill (target, ticket);
          next++;
        }
    }

  ticket_load_free (load);
}

/* Loads the store's current state of @targets (SapaTicket) into them. */
static void
load_into (SapaTicketListModel *self,
           GPtrArray           *targets,
           gboolean             refresh)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), targets->len);
  TicketLoad *load;

  if (targets->len == 0)
    return;

  for (guint i = 0; i < targets->len; i++)
    {
      gint64 rowid = sapa_ticket_get_rowid (g_ptr_array_index (targets, i));
      g_array_append_val (ids, rowid);
    }

  load = g_new0 (TicketLoad, 1);
  load->model = g_object_ref (self);
  load->targets = g_ptr_array_ref (targets);
  load->refresh = refresh;
  if (refresh)
    self->n_refreshing++;
  sapa_store_load_tickets_async (self->store, ids, self->loads_cancellable,
                                 tickets_loaded_cb, load);
}

/* Puts placeholders for the uncached tickets of @position's page into
 * the cache and loads them in one query. */
static void
load_page_of (SapaTicketListModel *self,
              guint                position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_hash_table_size (self->tickets) + PAGE_SIZE > MAX_CACHED)
    g_hash_table_remove_all (self->tickets);

  for (guint i = start; i < end; i++)
    {
      gint64 rowid = g_array_index (self->rowids, gint64, i);
      SapaTicket *placeholder;

      if (g_hash_table_contains (self->tickets, &rowid))
        continue;

      placeholder = sapa_ticket_new_placeholder (rowid);
      g_hash_table_insert (self->tickets, g_memdup2 (&rowid, sizeof rowid), placeholder);
      g_ptr_array_add (targets, g_object_ref (placeholder));
    }

  load_into (self, targets, FALSE);
}

static GType
sapa_ticket_list_model_get_item_type (GListModel *model)
{
  return SAPA_TYPE_TICKET;
}

static guint
sapa_ticket_list_model_get_n_items (GListModel *model)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (model);

  return self->rowids->len;
}

static gpointer
sapa_ticket_list_model_get_item (GListModel *model,
                                 guint       position)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (model);
  gint64 rowid;
  SapaTicket *ticket;

  if (position >= self->rowids->len)
    return NULL;

  rowid = g_array_index (self->rowids, gint64, position);
  ticket = g_hash_table_lookup (self->tickets, &rowid);
  if (ticket == NULL)
    {
      load_page_of (self, position);
      ticket = g_hash_table_lookup (self->tickets, &rowid);
    }

  return g_object_ref (ticket);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sapa_ticket_list_model_get_item_type;
  iface->get_n_items = sapa_ticket_list_model_get_n_items;
  iface->get_item = sapa_ticket_list_model_get_item;
}

static void
update_loading (SapaTicketListModel *self)
{
  gboolean loading = self->querying || self->n_refreshing > 0;

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Drops the cached tickets that are no longer listed. */
static void
drop_unlisted (SapaTicketListModel *self)
{
  g_autoptr(GHashTable) listed = NULL;
  GHashTableIter iter;
  gpointer key;

  /* A first query has nothing cached: no pass over a million ids. */
  if (g_hash_table_size (self->tickets) == 0)
    return;

  /* One pass over the ids, looking each up in the small cache, finds
   * which cached tickets are still listed. */
  listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->rowids->len; i++)
    {
      gint64 *rowid = &g_array_index (self->rowids, gint64, i);

      if (g_hash_table_contains (self->tickets, rowid))
        g_hash_table_add (listed, rowid);
      /* Every cached ticket is listed: no need to read the other ids. */
      if (g_hash_table_size (listed) == g_hash_table_size (self->tickets))
        return;
    }

  g_hash_table_iter_init (&iter, self->tickets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (listed, key))
        g_hash_table_iter_remove (&iter);
    }
}

/* Reloads every loaded cached ticket that is not in @fresh (the row ids
 * of a first page, which came with the tickets' current state), so a
 * reload shows changes to tickets already on screen. */
static void
refresh_stale (SapaTicketListModel *self,
               GArray              *fresh)
{
  g_autoptr(GHashTable) fresh_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < fresh->len; i++)
    g_hash_table_add (fresh_set, &g_array_index (fresh, gint64, i));

  g_hash_table_iter_init (&iter, self->tickets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (sapa_ticket_get_loaded (value) && !g_hash_table_contains (fresh_set, key))
        g_ptr_array_add (targets, g_object_ref (value));
    }

  for (guint start = 0; start < targets->len; start += PAGE_SIZE)
    {
      guint n = MIN (PAGE_SIZE, targets->len - start);
      g_autoptr(GPtrArray) page = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = start; i < start + n; i++)
        g_ptr_array_add (page, g_object_ref (g_ptr_array_index (targets, i)));
      load_into (self, page, TRUE);
    }
}

/* Lists @rowids (taken) in place of the current ids, with @complete
 * telling whether they are the whole result. A whole result first drops
 * the cached tickets it does not list, before a view requests the new
 * rows. Only the range between the unchanged head and tail is reported,
 * so a view keeps its selection, its scroll position and the objects of
 * unchanged rows when a ticket is added or changes. */
static void
replace_rowids (SapaTicketListModel *self,
                GArray              *rowids,
                gboolean             complete)
{
  g_autoptr(GArray) old_rowids = g_steal_pointer (&self->rowids);
  guint old_len = old_rowids->len;
  guint new_len = rowids->len;
  guint prefix = 0, suffix = 0;
  gboolean complete_changed = self->complete != complete;

  self->rowids = rowids;
  self->complete = complete;
  if (complete)
    drop_unlisted (self);

  while (prefix < old_len && prefix < new_len &&
         g_array_index (old_rowids, gint64, prefix) == g_array_index (rowids, gint64, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (old_rowids, gint64, old_len - 1 - suffix) ==
         g_array_index (rowids, gint64, new_len - 1 - suffix))
    suffix++;

  if (old_len - prefix - suffix > 0 || new_len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_len - prefix - suffix, new_len - prefix - suffix);
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (complete_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/* Ends the current query with its whole result, @rowids (taken). */
static void
finish_query (SapaTicketListModel *self,
              GArray              *rowids)
{
  self->query_changed = FALSE;
  self->querying = FALSE;
  replace_rowids (self, rowids, TRUE);
  update_loading (self);
}

static void
fail_query (SapaTicketListModel *self,
            GError              *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->querying = FALSE;
  update_loading (self);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SapaTicketListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *rowids;

  rowids = sapa_store_query_finish (SAPA_STORE (source), result, &error);
  if (rowids == NULL)
    {
      fail_query (self, error);
      return;
    }

  finish_query (self, rowids);
}

/* Puts the tickets of a first page into the cache. A ticket already
 * cached keeps its object, which a row may show, and takes the new
 * state. */
static void
cache_tickets (SapaTicketListModel *self,
               GPtrArray           *tickets)
{
  if (g_hash_table_size (self->tickets) + tickets->len > MAX_CACHED)
    g_hash_table_remove_all (self->tickets);

  for (guint i = 0; i < tickets->len; i++)
    {
      SapaTicket *ticket = g_ptr_array_index (tickets, i);
      gint64 rowid = sapa_ticket_get_rowid (ticket);
      SapaTicket *cached = g_hash_table_lookup (self->tickets, &rowid);

      if (cached != NULL)
        sapa_ticket_fill (cached, ticket);
      else
        g_hash_table_insert (self->tickets, g_memdup2 (&rowid, sizeof rowid), g_object_ref (ticket));
    }
}

/* Returns the ids to list until the whole result arrives: @page, and
 * when the search and filters are those of the listed ids, the listed
 * ids after the page's last one. A reload after a new ticket so shows
 * the list it will end with, and keeps its scroll position. Returns
 * NULL when the page's last ticket is no longer listed, and then the
 * listed ids stay until the whole result replaces them. */
static GArray *
build_first_rowids (SapaTicketListModel *self,
                    GArray              *page)
{
  gint64 last = g_array_index (page, gint64, page->len - 1);
  GArray *rowids;

  if (self->query_changed || self->rowids->len == 0)
    return g_array_ref (page);

  for (guint i = 0; i < self->rowids->len; i++)
    {
      if (g_array_index (self->rowids, gint64, i) != last)
        continue;

      rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), page->len + self->rowids->len - i - 1);
      g_array_append_vals (rowids, page->data, page->len);
      g_array_append_vals (rowids, &g_array_index (self->rowids, gint64, i + 1), self->rowids->len - i - 1);
      return rowids;
    }

  return NULL;
}

static void
first_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SapaTicketListModel) self = user_data;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GArray) page = NULL;
  g_autoptr(GError) error = NULL;
  GArray *rowids;
  SapaTicketQuery query;

  tickets = sapa_store_query_first_finish (SAPA_STORE (source), result, &error);
  if (tickets == NULL)
    {
      fail_query (self, error);
      return;
    }

  page = g_array_sized_new (FALSE, FALSE, sizeof (gint64), tickets->len);
  for (guint i = 0; i < tickets->len; i++)
    {
      gint64 rowid = sapa_ticket_get_rowid (g_ptr_array_index (tickets, i));
      g_array_append_val (page, rowid);
    }

  /* A short page is the whole result, and then every cached ticket still
   * listed is in it, so none needs a refresh. */
  if (page->len < FIRST_PAGE_SIZE)
    {
      cache_tickets (self, tickets);
      finish_query (self, g_steal_pointer (&page));
      return;
    }

  /* Before the page goes into the cache, which it may empty. */
  refresh_stale (self, page);
  cache_tickets (self, tickets);

  rowids = build_first_rowids (self, page);
  if (rowids != NULL)
    {
      self->query_changed = FALSE;
      replace_rowids (self, rowids, FALSE);
    }

  /* The same cancellable, so a newer query cancels both steps. */
  query.search = self->search;
  query.status = self->status;
  query.channel = self->channel;
  sapa_store_query_async (self->store, &query, self->query_cancellable,
                          query_done_cb, g_object_ref (self));
}

void
sapa_ticket_list_model_reload (SapaTicketListModel *self)
{
  SapaTicketQuery query;

  g_return_if_fail (SAPA_IS_TICKET_LIST_MODEL (self));

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  query.search = self->search;
  query.status = self->status;
  query.channel = self->channel;

  self->querying = TRUE;
  update_loading (self);
  sapa_store_query_first_async (self->store, &query, FIRST_PAGE_SIZE, self->query_cancellable,
                                first_page_cb, g_object_ref (self));
}

void
sapa_ticket_list_model_set_query (SapaTicketListModel   *self,
                                  const SapaTicketQuery *query)
{
  g_return_if_fail (SAPA_IS_TICKET_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  if (g_strcmp0 (self->search, query->search) != 0 ||
      g_strcmp0 (self->status, query->status) != 0 ||
      g_strcmp0 (self->channel, query->channel) != 0)
    self->query_changed = TRUE;

  g_free (self->search);
  g_free (self->status);
  g_free (self->channel);
  self->search = g_strdup (query->search);
  self->status = g_strdup (query->status);
  self->channel = g_strdup (query->channel);

  sapa_ticket_list_model_reload (self);
}

gboolean
sapa_ticket_list_model_get_loading (SapaTicketListModel *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET_LIST_MODEL (self), FALSE);
  return self->loading;
}

gboolean
sapa_ticket_list_model_get_complete (SapaTicketListModel *self)
{
  g_return_val_if_fail (SAPA_IS_TICKET_LIST_MODEL (self), FALSE);
  return self->complete;
}

static void
sapa_ticket_list_model_dispose (GObject *object)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (object);

  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->loads_cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->loads_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sapa_ticket_list_model_parent_class)->dispose (object);
}

static void
sapa_ticket_list_model_finalize (GObject *object)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (object);

  g_array_unref (self->rowids);
  g_hash_table_unref (self->tickets);
  g_free (self->search);
  g_free (self->status);
  g_free (self->channel);

  G_OBJECT_CLASS (sapa_ticket_list_model_parent_class)->finalize (object);
}

static void
sapa_ticket_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rowids->len);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sapa_ticket_list_model_class_init (SapaTicketListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sapa_ticket_list_model_dispose;
  object_class->finalize = sapa_ticket_list_model_finalize;
  object_class->get_property = sapa_ticket_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sapa_ticket_list_model_init (SapaTicketListModel *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tickets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->loads_cancellable = g_cancellable_new ();
  self->complete = TRUE;
}

SapaTicketListModel *
sapa_ticket_list_model_new (SapaStore *store)
{
  SapaTicketListModel *self;

  g_return_val_if_fail (SAPA_IS_STORE (store), NULL);

  self = g_object_new (SAPA_TYPE_TICKET_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  return self;
}
