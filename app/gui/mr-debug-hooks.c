/* mr-debug-hooks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The environment variables, read here and nowhere else:
 *
 *   MR_SCREENSHOT=FILE.png      once the register is drawn, save the window
 *                               contents to FILE.png and quit
 *   MR_EXIT_AFTER_FIRST_FRAME=1 when the loaded register is first drawn,
 *                               print "first-frame-ms <ms since the process
 *                               started> rows <n>" and quit
 *   MR_DEMO_SEARCH=text         type text into the search entry
 *   MR_DEMO_SELECT_FIRST=1      select the first visible model
 *   MR_DEMO_WIDTH=360           resize the window to that width
 */
#define G_LOG_DOMAIN "mr-debug-hooks"

#include "config.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "mr-debug-hooks.h"
#include "mr-register-page.h"

static gint64 fallback_start_us;

void
mr_debug_hooks_init (void)
{
  if (fallback_start_us == 0)
    fallback_start_us = g_get_monotonic_time ();
}

/* Since exec, from /proc/self/stat's start time (clock ticks after boot)
 * against CLOCK_BOOTTIME; falls back to the time of mr_debug_hooks_init(). */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *after_comm;
  unsigned long long start_ticks = 0;
  struct timespec now;

  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) &&
      (after_comm = strrchr (stat, ')')) != NULL &&
      sscanf (after_comm + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u "
              "%*d %*d %*d %*d %*d %*d %llu", &start_ticks) == 1 &&
      clock_gettime (CLOCK_BOOTTIME, &now) == 0)
    {
      double start_ms = start_ticks * 1000.0 / sysconf (_SC_CLK_TCK);

      return now.tv_sec * 1000.0 + now.tv_nsec / 1e6 - start_ms;
    }
  return (g_get_monotonic_time () - fallback_start_us) / 1000.0;
}

gboolean
mr_debug_hooks_save_screenshot (GtkWidget   *widget,
                                const char  *path,
                                GError     **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;

  if (width <= 0 || height <= 0 || gtk_widget_get_native (widget) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot take a screenshot of a widget that is not shown");
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing was drawn");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

static void
quit (void)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL)
    g_application_quit (app);
}

static void
on_after_paint (GdkFrameClock *clock,
                MrWindow      *window)
{
  const char *screenshot = g_getenv ("MR_SCREENSHOT");
  MrRegisterPage *page = mr_window_get_register_page (window);

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);

  if (g_strcmp0 (g_getenv ("MR_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    {
      g_print ("first-frame-ms %.0f rows %u\n", ms_since_process_start (),
               mr_register_page_get_n_total (page));
      quit ();
    }
  else if (screenshot != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!mr_debug_hooks_save_screenshot (GTK_WIDGET (window), screenshot, &error))
        g_printerr ("MR_SCREENSHOT: %s\n", error->message);
      quit ();
    }
}

/* A screenshot waits for toasts and transitions to settle; first-frame
 * timing must not wait. */
static gboolean
watch_next_frame (gpointer user_data)
{
  MrWindow *window = user_data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (clock == NULL)
    return G_SOURCE_CONTINUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), window, 0);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  return G_SOURCE_REMOVE;
}

void
mr_debug_hooks_window_loaded (MrWindow *window)
{
  MrRegisterPage *page = mr_window_get_register_page (window);
  const char *search = g_getenv ("MR_DEMO_SEARCH");
  const char *width = g_getenv ("MR_DEMO_WIDTH");

  if (width != NULL && g_ascii_strtoll (width, NULL, 10) > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), g_ascii_strtoll (width, NULL, 10),
                                 gtk_widget_get_height (GTK_WIDGET (window)) > 0
                                 ? gtk_widget_get_height (GTK_WIDGET (window)) : 720);
  if (search != NULL)
    mr_register_page_search (page, search);
  if (g_strcmp0 (g_getenv ("MR_DEMO_SELECT_FIRST"), "1") == 0)
    mr_register_page_select (page, 0);

  if (g_strcmp0 (g_getenv ("MR_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_idle_add_full (G_PRIORITY_HIGH, watch_next_frame, g_object_ref (window), g_object_unref);
  else if (g_getenv ("MR_SCREENSHOT") != NULL)
    g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, watch_next_frame,
                                g_object_ref (window), g_object_unref);
}
