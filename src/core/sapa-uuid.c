/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sapa-uuid.c: UUIDv7 identifiers (RFC 9562) made where a record is created */

#define G_LOG_DOMAIN "sapa-uuid"

#include <string.h>

#include "sapa-uuid.h"

/* Layout of a UUIDv7 (RFC 9562, section 5.7), from the most significant bit:
 * 48 bits unix_ts_ms, 4 bits version (0111), 12 bits rand_a, 2 bits variant
 * (10), 62 bits rand_b. Sapa uses rand_a as a counter (RFC 9562, section
 * 6.2, method 1) so that identifiers made within one millisecond still sort
 * in the order they were made. */
#define UUID_MAX_UNIX_MS  G_GINT64_CONSTANT (0xffffffffffff)
#define COUNTER_MAX       0xfff
/* A new millisecond starts the counter at a random value below this, so
 * at least 3072 more identifiers fit in that millisecond. */
#define COUNTER_SEED_MAX  0x400

typedef struct {
  gint64 unix_ms;
  guint  counter;
} Stamp;

/* Both guarded by stamp_lock. @latest_stamp is the highest timestamp and
 * counter given out by this process. @other_stamp is the last one given
 * out by sapa_uuid_v7_new_at() for a time that is not within the range
 * from @latest_stamp to the current time. */
static GMutex stamp_lock;
static Stamp latest_stamp = { -1, 0 };
static Stamp other_stamp = { -1, 0 };

static guint
random_counter (void)
{
  return g_random_int_range (0, COUNTER_SEED_MAX);
}

/* Picks the counter for @unix_ms after @latest_stamp. With @may_move set,
 * a clock that went back, or a counter that ran out, moves the timestamp
 * up, so the identifier sorts after every one made before it. Without it,
 * more than 4096 identifiers in one millisecond get a random counter and
 * lose their order. Called with stamp_lock held. */
static guint
advance_latest (gint64   *unix_ms,
                gboolean  may_move)
{
  guint counter;

  if (may_move && *unix_ms < latest_stamp.unix_ms)
    *unix_ms = latest_stamp.unix_ms;

  if (may_move && *unix_ms == latest_stamp.unix_ms &&
      latest_stamp.counter == COUNTER_MAX && *unix_ms < UUID_MAX_UNIX_MS)
    *unix_ms += 1;

  if (*unix_ms == latest_stamp.unix_ms && latest_stamp.counter < COUNTER_MAX)
    counter = latest_stamp.counter + 1;
  else
    counter = random_counter ();

  if (*unix_ms > latest_stamp.unix_ms ||
      (*unix_ms == latest_stamp.unix_ms && counter > latest_stamp.counter))
    {
      latest_stamp.unix_ms = *unix_ms;
      latest_stamp.counter = counter;
    }

  return counter;
}

/* Picks the counter for an earlier or future @unix_ms, so that repeated
 * calls for one such time still count up. Called with stamp_lock held. */
static guint
advance_other (gint64 unix_ms)
{
  if (unix_ms == other_stamp.unix_ms && other_stamp.counter < COUNTER_MAX)
    {
      other_stamp.counter += 1;
    }
  else
    {
      other_stamp.unix_ms = unix_ms;
      other_stamp.counter = random_counter ();
    }

  return other_stamp.counter;
}

static char *
format_uuid (gint64 unix_ms,
             guint  counter)
{
  guint8 bytes[16];
  guint32 random_high = g_random_int ();
  guint32 random_low = g_random_int ();

  for (guint i = 0; i < 6; i++)
    bytes[i] = (unix_ms >> (40 - 8 * i)) & 0xff;

  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((random_high >> 24) & 0x3f);
  bytes[9] = (random_high >> 16) & 0xff;
  bytes[10] = (random_high >> 8) & 0xff;
  bytes[11] = random_high & 0xff;
  bytes[12] = (random_low >> 24) & 0xff;
  bytes[13] = (random_low >> 16) & 0xff;
  bytes[14] = (random_low >> 8) & 0xff;
  bytes[15] = random_low & 0xff;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3],
                          bytes[4], bytes[5], bytes[6], bytes[7],
                          bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

char *
sapa_uuid_v7_new (void)
{
  gint64 unix_ms = g_get_real_time () / 1000;
  guint counter;

  g_mutex_lock (&stamp_lock);
  counter = advance_latest (&unix_ms, TRUE);
  g_mutex_unlock (&stamp_lock);

  return format_uuid (unix_ms, counter);
}

char *
sapa_uuid_v7_new_at (gint64 unix_ms)
{
  gint64 now_ms = g_get_real_time () / 1000;
  guint counter;

  g_return_val_if_fail (unix_ms >= 0 && unix_ms <= UUID_MAX_UNIX_MS, NULL);

  /* A time from now back to the latest identifier joins the order of
   * sapa_uuid_v7_new(). An earlier time, as when importing old records, or
   * a future one must not move that order, so it counts on its own. */
  g_mutex_lock (&stamp_lock);
  if (unix_ms >= latest_stamp.unix_ms && unix_ms <= now_ms)
    counter = advance_latest (&unix_ms, FALSE);
  else
    counter = advance_other (unix_ms);
  g_mutex_unlock (&stamp_lock);

  return format_uuid (unix_ms, counter);
}

gboolean
sapa_uuid_is_v7 (const char *text)
{
  if (text == NULL || strlen (text) != SAPA_UUID_STRING_LENGTH)
    return FALSE;

  for (guint i = 0; i < SAPA_UUID_STRING_LENGTH; i++)
    {
      char c = text[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'f'))
        {
          return FALSE;
        }
    }

  /* The version nibble, then the variant bits 10 (hex 8, 9, a or b). */
  return text[14] == '7' && strchr ("89ab", text[19]) != NULL;
}
