/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-attachment.h: photos and scans kept with a ticket */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A photo or scan of a form is at most this large. A phone's JPEG of an
 * A4 form is estimated at 2 to 4 MiB, so the limit leaves room without
 * letting the workstation's database grow by video-sized files. */
#define SAPA_ATTACHMENT_MAX_BYTES (8 * 1024 * 1024)

/* Checks that @data is a JPEG, PNG or PDF file by its first bytes and
 * within the size limit; the file name's extension is not trusted.
 * Returns the MIME type, or NULL with @error set (SAPA_ERROR_INVALID or
 * SAPA_ERROR_TOO_LONG, with a message naming @file_name). */
const char *sapa_attachment_check (GBytes     *data,
                                   const char *file_name,
                                   GError    **error);

G_END_DECLS
