/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the entry point of the Sapa application */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sapa-application.h"
#include "sapa-context.h"

/* A language chosen in Preferences overrides the desktop's, from the
 * start, so every string of the session is in one language. */
static void
apply_language_choice (void)
{
  g_autoptr(GSettings) settings = sapa_context_create_settings ();
  g_autofree char *language = g_settings_get_string (settings, "language");

  if (*language != '\0')
    g_setenv ("LANGUAGE", language, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SapaApplication) app = NULL;
  const char *localedir = g_getenv ("SAPA_LOCALEDIR");

  apply_language_choice ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sapa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
