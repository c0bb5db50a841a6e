/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-report-pdf.c: supervisors' reports as A4 PDF pages of charts and tables */

#define G_LOG_DOMAIN "sapa-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sapa-report-pdf.h"
#include "sapa-text.h"

/* Lengths are in points. The margins are 17 mm. */
#define MARGIN        48.0
#define CONTENT_WIDTH (SAPA_REPORT_PAGE_WIDTH_PT - 2 * MARGIN)
#define CONTENT_BOTTOM (SAPA_REPORT_PAGE_HEIGHT_PT - MARGIN)
#define CELL_PADDING  4.0
/* A cell is cut after this many characters before Pango lays it out,
 * because Pango is slow to wrap a purpose of 10,000 characters and the
 * cell shows SAPA_REPORT_CELL_MAX_LINES lines at most anyway. */
#define CELL_MAX_CHARS 1000

#define TITLE_SIZE    18.0
#define META_SIZE     10.0
#define HEADING_SIZE  13.0
#define TABLE_SIZE     9.0
#define FOOTER_SIZE    8.0

/* An estimate of the header row and two one-line rows, kept on the page
 * of their heading or chart: a Sans line is about 1.3 times its size. */
#define TABLE_START_HEIGHT (3 * (TABLE_SIZE * 1.3 + 2 * CELL_PADDING))

typedef struct {
  char                 *header;
  SapaReportColumnKind  kind;
} Column;

typedef struct {
  char      *heading;
  SapaChart *chart;
  GArray    *columns;   /* Column */
  GPtrArray *rows;      /* GStrv, one cell per column */
} Section;

struct _SapaReport
{
  char      *title;
  char      *airports;
  char      *period;
  char      *generated_at;
  GPtrArray *sections;   /* Section */
};

/* The state of one pass over the report. The first pass only counts the
 * pages, so that the second can write "Page N of M". */
typedef struct {
  SapaReport   *report;
  cairo_t      *cr;
  PangoContext *pango;
  gboolean      counting;    /* the first pass: no page is shown */
  guint         page;        /* 1-based, or 0 before the first page */
  guint         n_pages;     /* 0 while counting */
  double        y;           /* top of the free space on the page */
  GCancellable *cancellable;
  GPtrArray    *pages;       /* one recording surface a page, or NULL */
} Pager;

static void
clear_column (Column *column)
{
  g_free (column->header);
}

static void
section_free (Section *section)
{
  g_free (section->heading);
  g_clear_object (&section->chart);
  g_array_unref (section->columns);
  g_ptr_array_unref (section->rows);
  g_free (section);
}

/* Returns a copy of @text with invalid UTF-8 repaired, because
 * pango_layout_set_text() warns about it. NULL gives "". */
static char *
copy_text (const char *text)
{
  return g_utf8_make_valid (text ? text : "", -1);
}

SapaReport *
sapa_report_new (const char *title)
{
  SapaReport *self = g_new0 (SapaReport, 1);

  self->title = copy_text (title);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  return self;
}

void
sapa_report_free (SapaReport *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->airports);
  g_free (self->period);
  g_free (self->generated_at);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

void
sapa_report_set_airports (SapaReport *self,
                          const char *airports)
{
  g_return_if_fail (self != NULL);

  g_free (self->airports);
  self->airports = airports ? copy_text (airports) : NULL;
}

void
sapa_report_set_period (SapaReport *self,
                        const char *period)
{
  g_return_if_fail (self != NULL);

  g_free (self->period);
  self->period = period ? copy_text (period) : NULL;
}

void
sapa_report_set_generated_at (SapaReport *self,
                              const char *generated_at)
{
  g_return_if_fail (self != NULL);

  g_free (self->generated_at);
  self->generated_at = generated_at ? copy_text (generated_at) : NULL;
}

void
sapa_report_add_section (SapaReport *self,
                         const char *heading)
{
  Section *section;

  g_return_if_fail (self != NULL);

  section = g_new0 (Section, 1);
  section->heading = copy_text (heading);
  section->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (section->columns, (GDestroyNotify) clear_column);
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (self->sections, section);
}

static Section *
get_last_section (SapaReport *self)
{
  if (self->sections->len == 0)
    return NULL;
  return g_ptr_array_index (self->sections, self->sections->len - 1);
}

void
sapa_report_set_chart (SapaReport *self,
                       SapaChart  *chart)
{
  Section *section;

  g_return_if_fail (self != NULL);
  g_return_if_fail (chart == NULL || SAPA_IS_CHART (chart));

  section = get_last_section (self);
  g_return_if_fail (section != NULL);
  g_set_object (&section->chart, chart);
}

void
sapa_report_add_column (SapaReport           *self,
                        const char           *header,
                        SapaReportColumnKind  kind)
{
  Section *section;
  Column column;

  g_return_if_fail (self != NULL);

  section = get_last_section (self);
  g_return_if_fail (section != NULL);
  g_return_if_fail (section->rows->len == 0);

  column.header = copy_text (header);
  column.kind = kind;
  g_array_append_val (section->columns, column);
}

void
sapa_report_add_row (SapaReport         *self,
                     const char * const *cells)
{
  Section *section;
  char **row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cells != NULL);

  section = get_last_section (self);
  g_return_if_fail (section != NULL);
  g_return_if_fail (section->columns->len > 0);

  row = g_new0 (char *, section->columns->len + 1);
  for (guint i = 0; i < section->columns->len; i++)
    {
      g_autofree char *valid = copy_text (cells[i]);

      row[i] = sapa_text_for_display (valid, CELL_MAX_CHARS);
    }
  g_ptr_array_add (section->rows, row);
}

/* Returns a layout of @text in Sans of @size points, wrapped to @width
 * points unless @width is 0. */
static PangoLayout *
create_layout (Pager          *pager,
               const char     *text,
               double          size,
               gboolean        bold,
               double          width,
               PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (pager->pango);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);

  pango_font_description_free (font);
  return layout;
}

static double
get_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
get_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

static void
show_layout (Pager       *pager,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (pager->cr, x, y);
  pango_cairo_show_layout (pager->cr, layout);
  cairo_new_path (pager->cr);
}

static void
set_gray (cairo_t *cr,
          guint32  rgb)
{
  cairo_set_source_rgb (cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static void
start_page (Pager *pager)
{
  pager->page++;
  pager->y = MARGIN;

  /* Recording: each page is drawn on a surface of its own. */
  if (pager->pages != NULL)
    {
      cairo_rectangle_t extents = { 0, 0, SAPA_REPORT_PAGE_WIDTH_PT, SAPA_REPORT_PAGE_HEIGHT_PT };
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

      g_ptr_array_add (pager->pages, surface);
      pager->cr = cairo_create (surface);
    }
}

/* Draws the footer, the report's title and "Page N of M", and ends the
 * page. */
static void
finish_page (Pager *pager)
{
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) page = NULL;
  double y = CONTENT_BOTTOM + 14;

  /* Translators: at the foot of each page of a printed report. */
  number = g_strdup_printf (_("Page %u of %u"), pager->page, pager->n_pages);
  page = create_layout (pager, number, FOOTER_SIZE, FALSE, 0, PANGO_ALIGN_LEFT);
  title = create_layout (pager, pager->report->title, FOOTER_SIZE, FALSE,
                         CONTENT_WIDTH - get_layout_width (page) - 24, PANGO_ALIGN_LEFT);
  pango_layout_set_height (title, -1);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);

  set_gray (pager->cr, 0xc0bfbc);
  cairo_set_line_width (pager->cr, 0.5);
  cairo_move_to (pager->cr, MARGIN, y - 4);
  cairo_line_to (pager->cr, MARGIN + CONTENT_WIDTH, y - 4);
  cairo_stroke (pager->cr);

  set_gray (pager->cr, 0x5e5c64);
  show_layout (pager, title, MARGIN, y);
  show_layout (pager, page, MARGIN + CONTENT_WIDTH - get_layout_width (page), y);

  if (pager->pages != NULL)
    g_clear_pointer (&pager->cr, cairo_destroy);
  else if (!pager->counting)
    cairo_show_page (pager->cr);
}

/* Starts a new page unless @height more points fit on this one, or the
 * page is still empty (a block taller than a page then runs over its
 * foot rather than leaving blank pages). Returns whether it did. */
static gboolean
ensure_space (Pager  *pager,
              double  height)
{
  if (pager->y + height <= CONTENT_BOTTOM || pager->y <= MARGIN)
    return FALSE;

  finish_page (pager);
  start_page (pager);
  return TRUE;
}

static void
draw_front_matter (Pager *pager)
{
  SapaReport *report = pager->report;
  g_autoptr(PangoLayout) title = create_layout (pager, report->title, TITLE_SIZE, TRUE,
                                                CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  /* Translators: lines under the title of a printed report. */
  g_autofree char *airports = report->airports ? g_strdup_printf (_("Airports: %s"), report->airports) : NULL;
  g_autofree char *period = report->period ? g_strdup_printf (_("Period: %s"), report->period) : NULL;
  /* Translators: %s is the date and time the report was made. */
  g_autofree char *generated = report->generated_at ? g_strdup_printf (_("Generated: %s"), report->generated_at)
                                                    : NULL;
  const char *lines[] = { airports, period, generated };

  set_gray (pager->cr, 0x241f31);
  show_layout (pager, title, MARGIN, pager->y);
  pager->y += get_layout_height (title) + 8;

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (lines[i] == NULL)
        continue;

      layout = create_layout (pager, lines[i], META_SIZE, FALSE, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
      set_gray (pager->cr, 0x3d3846);
      show_layout (pager, layout, MARGIN, pager->y);
      pager->y += get_layout_height (layout) + 2;
    }

  pager->y += 8;
  set_gray (pager->cr, 0x9a9996);
  cairo_set_line_width (pager->cr, 1);
  cairo_move_to (pager->cr, MARGIN, pager->y);
  cairo_line_to (pager->cr, MARGIN + CONTENT_WIDTH, pager->y);
  cairo_stroke (pager->cr);
  pager->y += 16;
}

static PangoLayout *
create_cell_layout (Pager      *pager,
                    const char *text,
                    const Column *column,
                    double      width,
                    gboolean    header)
{
  PangoAlignment alignment = column->kind == SAPA_REPORT_COLUMN_NUMBER ? PANGO_ALIGN_RIGHT
                                                                       : PANGO_ALIGN_LEFT;
  PangoLayout *layout = create_layout (pager, text, TABLE_SIZE, header,
                                       MAX (width - 2 * CELL_PADDING, 1), alignment);

  pango_layout_set_height (layout, -SAPA_REPORT_CELL_MAX_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static double
measure_natural_width (Pager      *pager,
                       const char *text,
                       gboolean    bold)
{
  g_autoptr(PangoLayout) layout = create_layout (pager, text, TABLE_SIZE, bold, 0, PANGO_ALIGN_LEFT);

  return get_layout_width (layout) + 2 * CELL_PADDING;
}

/* Gives number columns their natural width and shares the rest between
 * the text columns: a column narrower than an equal share keeps its
 * natural width, and the others split what remains. Space left over
 * widens the text columns in proportion, so the table spans the page. */
static void
compute_column_widths (Pager   *pager,
                       Section *section,
                       double  *widths)
{
  guint n_columns = section->columns->len;
  g_autofree double *natural = g_new0 (double, n_columns);
  g_autofree gboolean *fixed = g_new0 (gboolean, n_columns);
  double remaining = CONTENT_WIDTH;
  guint n_open = 0;
  gboolean changed = TRUE;

  for (guint i = 0; i < n_columns; i++)
    {
      const Column *column = &g_array_index (section->columns, Column, i);

      natural[i] = measure_natural_width (pager, column->header, TRUE);
      for (guint r = 0; r < section->rows->len; r++)
        {
          char **row = g_ptr_array_index (section->rows, r);

          natural[i] = MAX (natural[i], measure_natural_width (pager, row[i], FALSE));
        }

      if (column->kind == SAPA_REPORT_COLUMN_NUMBER)
        {
          widths[i] = MIN (natural[i], CONTENT_WIDTH / n_columns);
          fixed[i] = TRUE;
          remaining -= widths[i];
        }
      else
        n_open++;
    }

  while (changed && n_open > 0)
    {
      double share = remaining / n_open;

      changed = FALSE;
      for (guint i = 0; i < n_columns; i++)
        if (!fixed[i] && natural[i] <= share)
          {
            widths[i] = natural[i];
            fixed[i] = TRUE;
            remaining -= natural[i];
            n_open--;
            changed = TRUE;
          }
    }

  if (n_open > 0)
    {
      for (guint i = 0; i < n_columns; i++)
        if (!fixed[i])
          widths[i] = remaining / n_open;
    }
  else if (remaining > 0)
    {
      double text_total = 0;

      for (guint i = 0; i < n_columns; i++)
        if (g_array_index (section->columns, Column, i).kind == SAPA_REPORT_COLUMN_TEXT)
          text_total += widths[i];
      for (guint i = 0; i < n_columns; i++)
        if (text_total > 0 && g_array_index (section->columns, Column, i).kind == SAPA_REPORT_COLUMN_TEXT)
          widths[i] += remaining * widths[i] / text_total;
    }
}

/* Draws one row of @cells at the pager's y: the header row in bold on a
 * grey band, other rows with a rule below and every other one shaded. */
static void
draw_row (Pager         *pager,
          Section       *section,
          const double  *widths,
          char         **cells,
          gboolean       header,
          gboolean       shaded,
          double         height,
          PangoLayout  **layouts)
{
  double x = MARGIN;

  if (header || shaded)
    {
      set_gray (pager->cr, header ? 0xdeddda : 0xf6f5f4);
      cairo_rectangle (pager->cr, MARGIN, pager->y, CONTENT_WIDTH, height);
      cairo_fill (pager->cr);
    }

  set_gray (pager->cr, 0x241f31);
  for (guint i = 0; i < section->columns->len; i++)
    {
      show_layout (pager, layouts[i], x + CELL_PADDING, pager->y + CELL_PADDING);
      x += widths[i];
    }

  set_gray (pager->cr, header ? 0x9a9996 : 0xdeddda);
  cairo_set_line_width (pager->cr, header ? 1 : 0.5);
  cairo_move_to (pager->cr, MARGIN, pager->y + height);
  cairo_line_to (pager->cr, MARGIN + CONTENT_WIDTH, pager->y + height);
  cairo_stroke (pager->cr);

  pager->y += height;
}

/* Lays out @cells (or the headers) and returns the row's height. */
static double
layout_row (Pager         *pager,
            Section       *section,
            const double  *widths,
            char         **cells,
            PangoLayout  **layouts)
{
  double height = 0;

  for (guint i = 0; i < section->columns->len; i++)
    {
      const Column *column = &g_array_index (section->columns, Column, i);

      layouts[i] = create_cell_layout (pager, cells ? cells[i] : column->header, column,
                                       widths[i], cells == NULL);
      height = MAX (height, get_layout_height (layouts[i]));
    }

  return height + 2 * CELL_PADDING;
}

static void
clear_layouts (PangoLayout **layouts,
               guint         n_layouts)
{
  for (guint i = 0; i < n_layouts; i++)
    g_clear_object (&layouts[i]);
}

static void
draw_header_row (Pager        *pager,
                 Section      *section,
                 const double *widths)
{
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, section->columns->len);
  double height = layout_row (pager, section, widths, NULL, layouts);

  draw_row (pager, section, widths, NULL, TRUE, FALSE, height, layouts);
  clear_layouts (layouts, section->columns->len);
}

static void
draw_heading (Pager      *pager,
              const char *heading)
{
  g_autoptr(PangoLayout) layout = create_layout (pager, heading, HEADING_SIZE, TRUE,
                                                 CONTENT_WIDTH, PANGO_ALIGN_LEFT);

  set_gray (pager->cr, 0x241f31);
  show_layout (pager, layout, MARGIN, pager->y);
  pager->y += get_layout_height (layout) + 6;
}

static double
measure_heading (Pager      *pager,
                 const char *heading)
{
  g_autoptr(PangoLayout) layout = create_layout (pager, heading, HEADING_SIZE, TRUE,
                                                 CONTENT_WIDTH, PANGO_ALIGN_LEFT);

  return get_layout_height (layout) + 6;
}

/* Draws the table of @section. A row that does not fit goes to the next
 * page, after the heading marked as continued and the header row. */
static void
draw_table (Pager   *pager,
            Section *section)
{
  guint n_columns = section->columns->len;
  g_autofree double *widths = g_new0 (double, n_columns);
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, n_columns);

  compute_column_widths (pager, section, widths);
  draw_header_row (pager, section, widths);

  for (guint r = 0; r < section->rows->len; r++)
    {
      char **cells = g_ptr_array_index (section->rows, r);
      double height = layout_row (pager, section, widths, cells, layouts);

      if (g_cancellable_is_cancelled (pager->cancellable))
        {
          clear_layouts (layouts, n_columns);
          return;
        }

      if (ensure_space (pager, height))
        {
          /* Translators: the heading of a table that goes on from the
           * page before. */
          g_autofree char *continued = g_strdup_printf (_("%s (continued)"), section->heading);

          draw_heading (pager, continued);
          draw_header_row (pager, section, widths);
        }

      draw_row (pager, section, widths, cells, FALSE, r % 2 == 1, height, layouts);
      clear_layouts (layouts, n_columns);
    }
}

/* Returns the height of the first block under the heading, which must
 * fit on the heading's page: the chart, or an estimate for the header
 * row and two rows. */
static double
measure_first_block (Pager   *pager,
                     Section *section)
{
  if (section->chart != NULL)
    return SAPA_REPORT_CHART_HEIGHT_PT;
  if (section->columns->len > 0)
    return TABLE_START_HEIGHT;
  return 0;
}

static void
draw_section (Pager   *pager,
              Section *section)
{
  ensure_space (pager, measure_heading (pager, section->heading) + measure_first_block (pager, section));
  draw_heading (pager, section->heading);

  if (section->chart != NULL)
    {
      cairo_save (pager->cr);
      cairo_translate (pager->cr, MARGIN, pager->y);
      sapa_chart_draw (section->chart, pager->cr, CONTENT_WIDTH, SAPA_REPORT_CHART_HEIGHT_PT);
      cairo_restore (pager->cr);
      pager->y += SAPA_REPORT_CHART_HEIGHT_PT + 10;
    }

  if (section->columns->len > 0)
    {
      if (section->chart != NULL)
        ensure_space (pager, TABLE_START_HEIGHT);
      draw_table (pager, section);
    }

  pager->y += 20;
}

/* Lays out and draws the whole report on @cr, and returns the page count. */
static guint
render (SapaReport   *self,
        cairo_t      *cr,
        guint         n_pages,
        GPtrArray    *pages,
        GCancellable *cancellable)
{
  Pager pager = {
    .report = self,
    .cr = cr,
    .counting = n_pages == 0,
    .n_pages = n_pages,
    .cancellable = cancellable,
    .pages = pages,
  };
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Both passes must break lines alike, so glyph widths must not depend
   * on the surface. Hinting is off, as on cairo's PDF surface by default. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pager.pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_font_options (pager.pango, options);
  cairo_font_options_destroy (options);

  start_page (&pager);
  draw_front_matter (&pager);
  for (guint i = 0; i < self->sections->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      draw_section (&pager, g_ptr_array_index (self->sections, i));
    }
  finish_page (&pager);

  g_object_unref (pager.pango);
  return pager.page;
}

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamWriter;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL,
                                  writer->cancellable, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
sapa_report_write_pdf (SapaReport    *self,
                       GOutputStream *stream,
                       GCancellable  *cancellable,
                       GError       **error)
{
  StreamWriter writer = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  n_pages = render (self, cr, 0, NULL, cancellable);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &writer,
                                                 SAPA_REPORT_PAGE_WIDTH_PT,
                                                 SAPA_REPORT_PAGE_HEIGHT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sapa " PACKAGE_VERSION);
  cr = cairo_create (surface);
  render (self, cr, n_pages, NULL, cancellable);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the report: %s."), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sapa_report_record_pages (SapaReport    *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same two passes as the PDF, so the pages break alike. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  n_pages = render (self, cr, 0, NULL, cancellable);
  render (self, cr, n_pages, pages, cancellable);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&pages);
}
