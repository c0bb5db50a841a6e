/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-attachment.c: photos and scans kept with a ticket */

#define G_LOG_DOMAIN "sapa-attachment"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sapa-attachment.h"
#include "sapa-error.h"

typedef struct {
  const char   *mime_type;
  const guint8 *magic;
  gsize         length;
} Signature;

static const guint8 jpeg_magic[] = { 0xFF, 0xD8, 0xFF };
static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
static const guint8 pdf_magic[] = { '%', 'P', 'D', 'F', '-' };

static const Signature signatures[] = {
  { "image/jpeg", jpeg_magic, sizeof jpeg_magic },
  { "image/png", png_magic, sizeof png_magic },
  { "application/pdf", pdf_magic, sizeof pdf_magic },
};

const char *
sapa_attachment_check (GBytes      *data,
                       const char  *file_name,
                       GError     **error)
{
  gsize size;
  const guint8 *bytes;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (size == 0)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
                   _("The file “%s” is empty. Choose the photo or scan of the form again."),
                   file_name);
      return NULL;
    }

  if (size > SAPA_ATTACHMENT_MAX_BYTES)
    {
      g_set_error (error, SAPA_ERROR, SAPA_ERROR_TOO_LONG,
                   _("The file “%s” is %.1f MB; at most %d MB can be attached. Take the photo again at a lower resolution."),
                   file_name, size / (1024.0 * 1024.0), SAPA_ATTACHMENT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (size >= signatures[i].length &&
        memcmp (bytes, signatures[i].magic, signatures[i].length) == 0)
      return signatures[i].mime_type;

  g_set_error (error, SAPA_ERROR, SAPA_ERROR_INVALID,
               _("The file “%s” is not a photo (JPEG or PNG) or a PDF scan, so it cannot be attached."),
               file_name);
  return NULL;
}
