/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-ticket-list-model.c: a lazy list of tickets over the store */

#define G_LOG_DOMAIN "sapa-ticket-list"

#include "sapa-ticket-list-model.h"

/* Tickets are loaded this many at a time; at most MAX_PAGES pages stay
 * cached, so memory stays flat however long the list is. */
#define PAGE_SIZE 100
#define MAX_PAGES 40

struct _SapaTicketListModel
{
  GObject       parent_instance;

  SapaStore    *store;
  char         *search;
  char         *status;
  char         *channel;

  GArray       *rowids;
  GHashTable   *pages;          /* page index -> GPtrArray of SapaTicket */
  GQueue        page_order;     /* page indexes, most recently used first */

  GCancellable *query_cancellable;
  GCancellable *pages_cancellable;
  gboolean      loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SapaTicketListModel, sapa_ticket_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
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
  GPtrArray           *page;
} PageLoad;

static void
page_load_free (PageLoad *load)
{
  g_object_unref (load->model);
  g_ptr_array_unref (load->page);
  g_free (load);
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageLoad *load = user_data;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  guint next = 0;

  tickets = sapa_store_load_tickets_finish (SAPA_STORE (source), result, &error);
  if (tickets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (load->model, signals[SIGNAL_ERROR], 0, error);
      page_load_free (load);
      return;
    }

  /* Both lists are in the same order; a ticket missing from the result
   * (gone since the query) leaves its placeholder empty. */
  for (guint i = 0; i < load->page->len && next < tickets->len; i++)
    {
      SapaTicket *placeholder = g_ptr_array_index (load->page, i);
      SapaTicket *ticket = g_ptr_array_index (tickets, next);

      if (sapa_ticket_get_rowid (placeholder) == sapa_ticket_get_rowid (ticket))
        {
          sapa_ticket_fill (placeholder, ticket);
          next++;
        }
    }

  page_load_free (load);
}

static void
touch_page (SapaTicketListModel *self,
            guint                page_index)
{
  gpointer key = GUINT_TO_POINTER (page_index);

  g_queue_remove (&self->page_order, key);
  g_queue_push_head (&self->page_order, key);

  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
}

static GPtrArray *
create_page (SapaTicketListModel *self,
             guint                page_index)
{
  guint start = page_index * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - start);
  GPtrArray *page = g_ptr_array_new_full (end - start, g_object_unref);
  PageLoad *load;

  for (guint i = start; i < end; i++)
    {
      gint64 rowid = g_array_index (self->rowids, gint64, i);

      g_array_append_val (ids, rowid);
      g_ptr_array_add (page, sapa_ticket_new_placeholder (rowid));
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page_index), page);

  load = g_new0 (PageLoad, 1);
  load->model = g_object_ref (self);
  load->page = g_ptr_array_ref (page);
  sapa_store_load_tickets_async (self->store, ids, self->pages_cancellable,
                                 page_loaded_cb, load);
  return page;
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
  guint page_index = position / PAGE_SIZE;
  GPtrArray *page;

  if (position >= self->rowids->len)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page_index));
  if (page == NULL)
    page = create_page (self, page_index);
  touch_page (self, page_index);

  return g_object_ref (g_ptr_array_index (page, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sapa_ticket_list_model_get_item_type;
  iface->get_n_items = sapa_ticket_list_model_get_n_items;
  iface->get_item = sapa_ticket_list_model_get_item;
}

static void
set_loading (SapaTicketListModel *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SapaTicketListModel) self = user_data;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  rowids = sapa_store_query_finish (SAPA_STORE (source), result, &error);
  if (rowids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_loading (self, FALSE);
          g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
        }
      return;
    }

  /* Loads of the old pages would fill tickets nobody shows any more. */
  g_cancellable_cancel (self->pages_cancellable);
  g_clear_object (&self->pages_cancellable);
  self->pages_cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);

  removed = self->rowids->len;
  g_array_unref (self->rowids);
  self->rowids = g_steal_pointer (&rowids);

  set_loading (self, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rowids->len);
  if (removed != self->rowids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
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

  set_loading (self, TRUE);
  sapa_store_query_async (self->store, &query, self->query_cancellable,
                          query_done_cb, g_object_ref (self));
}

void
sapa_ticket_list_model_set_query (SapaTicketListModel   *self,
                                  const SapaTicketQuery *query)
{
  g_return_if_fail (SAPA_IS_TICKET_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

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

static void
sapa_ticket_list_model_dispose (GObject *object)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (object);

  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->pages_cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->pages_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sapa_ticket_list_model_parent_class)->dispose (object);
}

static void
sapa_ticket_list_model_finalize (GObject *object)
{
  SapaTicketListModel *self = SAPA_TICKET_LIST_MODEL (object);

  g_array_unref (self->rowids);
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->page_order);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sapa_ticket_list_model_init (SapaTicketListModel *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
  self->pages_cancellable = g_cancellable_new ();
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
