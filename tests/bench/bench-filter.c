/* bench-filter.c — filter-as-you-type latency over 100,000 models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the register page over 100,000 in-memory records (generated, or
 * read from the register named by MODEL_REGISTER_DATABASE) in a shown
 * window, types a six-character query one keystroke at a time, deletes it
 * again, and prints the median and maximum time per keystroke from the
 * filter change until the filtered model's item count is final (the
 * filtering is not incremental: that is when it reports its change), and
 * also until the list view has updated its rows, which GTK does within that
 * same change notification.  Budget (DESIGN.md §9): 16 ms.  Needs a display: run it under
 * tests/xvfb-wrapper.sh.
 *
 *   bench-filter [N_ROWS] [QUERY]
 */
#include "config.h"

#include <stdlib.h>

#include "mr-gui-test-util.h"
#include "mr-register-page.h"
#include "mr-sqlite-store.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One key press in the search entry: a character added at the end, or the
 * last one deleted; then the page filters at once rather than after the
 * entry's typing delay. */
/* When the filtered model last started reporting a change: emission hooks
 * run before any handler, so before the view reacts. */
static gint64 changed_at;

static gboolean
on_items_changed (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               visible)
{
  if (g_value_get_object (&params[0]) == visible)
    changed_at = g_get_monotonic_time ();
  return TRUE;
}

static double
time_keystroke (MrRegisterPage *page,
                GtkEditable    *entry,
                const char     *text,
                guint          *out_n_visible,
                double         *out_filter_ms)
{
  const char *old = gtk_editable_get_text (entry);
  glong old_len = g_utf8_strlen (old, -1);
  glong new_len = g_utf8_strlen (text, -1);
  gint64 start = g_get_monotonic_time ();
  gint64 end;

  changed_at = 0;
  if (new_len > old_len)
    {
      int position = old_len;
      const char *added = g_utf8_offset_to_pointer (text, old_len);

      gtk_editable_insert_text (entry, added, g_utf8_next_char (added) - added, &position);
    }
  else
    {
      gtk_editable_delete_text (entry, new_len, old_len);
    }
  mr_register_page_search (page, text);
  *out_n_visible = g_list_model_get_n_items (mr_register_page_get_visible (page));
  end = g_get_monotonic_time ();
  *out_filter_ms = ((changed_at != 0 ? changed_at : end) - start) / 1000.0;
  /* Let the list redraw between keystrokes, as it would while typing. */
  mr_test_spin_for (20);
  return (end - start) / 1000.0;
}

static GPtrArray *
load_records (guint n_rows)
{
  const char *path = g_getenv ("MODEL_REGISTER_DATABASE");
  GPtrArray *records;

  if (path != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);

      records = store != NULL ? mr_store_list_models (store, MR_LOAD_SUMMARY, &error) : NULL;
      if (records == NULL)
        g_error ("bench-filter: %s", error->message);
      return records;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (records, mr_test_make_record (i));
  return records;
}

int
main (int   argc,
      char *argv[])
{
  guint n_rows = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  const char *query = argc > 2 ? argv[2] : "mistra";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWindow *window;
  GtkWidget *page;
  GtkEditable *entry;
  glong query_len = g_utf8_strlen (query, -1);

  if (!mr_test_gui_init ())
    {
      g_printerr ("bench-filter: no display (run it under tests/xvfb-wrapper.sh)\n");
      return 1;
    }

  records = load_records (n_rows);
  /* The app builds these off the main thread once the list is drawn; the
   * page then takes each row's filter key between frames (here, while the
   * window settles below). */
  for (guint i = 0; i < records->len; i++)
    mr_model_record_get_search_text (g_ptr_array_index (records, i));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 720);
  page = mr_register_page_new ();
  gtk_window_set_child (window, page);
  mr_register_page_set_records (MR_REGISTER_PAGE (page), records);
  gtk_window_present (window);
  mr_test_spin_for (500);
  entry = GTK_EDITABLE (mr_test_find_by_id (page, "search_entry"));
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              on_items_changed,
                              mr_register_page_get_visible (MR_REGISTER_PAGE (page)), NULL);

  for (glong len = 1; len <= 2 * query_len; len++)
    {
      glong keep = len <= query_len ? len : 2 * query_len - len;
      g_autofree char *text = g_utf8_substring (query, 0, keep);
      guint n_visible;
      double filter_ms;
      double ms = time_keystroke (MR_REGISTER_PAGE (page), entry, text, &n_visible, &filter_ms);

      g_print ("keystroke %2ld  query %-8s  visible %6u  filtered %6.2f ms  with view %6.2f ms\n",
               len, *text != '\0' ? text : "\"\"", n_visible, filter_ms, ms);
      g_array_append_val (filter_times, filter_ms);
      g_array_append_val (times, ms);
    }

  g_array_sort (filter_times, compare_doubles);
  g_array_sort (times, compare_doubles);
  g_print ("filter rows %u keystrokes %u median %.2f max %.2f "
           "(ms until the item count is final; budget 16)\n",
           records->len, filter_times->len, g_array_index (filter_times, double, filter_times->len / 2),
           g_array_index (filter_times, double, filter_times->len - 1));
  g_print ("with the list view's update: median %.2f, maximum %.2f ms\n",
           g_array_index (times, double, times->len / 2), g_array_index (times, double, times->len - 1));

  gtk_window_destroy (window);
  return 0;
}
