/* mr-gui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mr-debug-hooks.h"
#include "mr-gui-test-util.h"
#include "mr-sqlite-store.h"

void
mr_test_bind_locale_dir (void)
{
  const char *dir = g_getenv ("MODEL_REGISTER_LOCALEDIR");

  if (dir == NULL)
    return;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
mr_test_gui_init (void)
{
  static const char * const icon_dirs[] = { "/usr/local/share/icons", "/usr/share/icons", NULL };
  static const char * const mime_dirs[] = { "/usr/local/share/mime", "/usr/share/mime", NULL };

  /* G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_DIRS into each test's temp
   * dir, but the icons, and the MIME database gdk-pixbuf needs to tell an
   * SVG icon from text, must come from the system (the XDG default dirs). */
  g_content_type_set_mime_dirs (mime_dirs);
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  icon_dirs);
  return TRUE;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
mr_test_spin_until (gboolean (*cond) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint id = g_timeout_add (10, wake, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
mr_test_spin_for (guint ms)
{
  mr_test_spin_until (never, NULL, ms);
}

MrModelRecord *
mr_test_make_record (guint i)
{
  static const char * const providers[] = { "Meta", "Mistral AI", "Google", "Alibaba Cloud",
                                            "Microsoft", "OpenAI", "TII", "Allen Institute" };
  static const char * const families[] = { "llama", "mistral", "gemma", "qwen", "phi",
                                           "gpt", "falcon", "olmo" };
  static const char * const licences[] = { "llama3.1", "Apache-2.0", "gemma", "Apache-2.0",
                                           "MIT", NULL, "Apache-2.0", "Apache-2.0" };
  static const char * const uses[] = { "chatbot", "code-assistant", "credit-scoring",
                                       "document-summarisation", NULL };
  MrModelRecord *r = mr_model_record_new ();
  guint f = i % G_N_ELEMENTS (families);

  r->name = g_strdup_printf ("%s-%u-%ub-instruct", families[f], 1 + i % 4, 1 + (i * 7) % 70);
  r->provider = g_strdup (providers[f]);
  r->version = g_strdup_printf ("%u.%u", 1 + i % 3, i % 10);
  r->license = g_strdup (licences[f]);
  r->owner = g_strdup (i % 2 ? "Data Science team" : "Customer Care");
  if (f == 5)
    {
      r->source_kind = MR_SOURCE_KIND_VENDOR_API;
      r->source_ref = g_strdup ("https://platform.openai.com/docs/models");
      r->openness = MR_OPENNESS_CLOSED;
    }
  else
    {
      r->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
      r->source_ref = g_strdup_printf ("%s/%s-%u", families[f], families[f], i);
      r->openness = 1 + (i + f) % 5;
    }
  r->status = i % 8;
  r->worst_flag = i % 4;
  r->n_flags = r->worst_flag == MR_FLAG_SEVERITY_NONE ? 0 : 1 + i % 3;
  g_strfreev (r->intended_uses);
  r->intended_uses = g_new0 (char *, 3);
  if (uses[i % 5] != NULL)
    r->intended_uses[0] = g_strdup (uses[i % 5]);
  if (uses[i % 5] != NULL && i % 3 == 0)
    r->intended_uses[1] = g_strdup (uses[(i + 1) % 4]);
  g_strfreev (r->tags);
  r->tags = g_new0 (char *, 2);
  r->tags[0] = g_strdup (i % 2 ? "chat" : "internal");
  r->last_checked_at = i % 5 == 0 ? 0 : 1700000000 + (gint64) i * 3600;
  return r;
}

char *
mr_test_make_hostile_name (void)
{
  GString *name = g_string_new ("Zeta & <b>Co</b> “R&D” 🚀 ");

  while (g_utf8_strlen (name->str, -1) < 300)
    g_string_append (name, "very-long-model-name ");
  g_string_truncate (name, g_utf8_offset_to_pointer (name->str, 300) - name->str);
  return g_string_free (name, FALSE);
}

void
mr_test_write_register (const char *path,
                        guint       n,
                        GPtrArray  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, mr_test_make_record (i));
  for (guint i = 0; extra != NULL && i < extra->len; i++)
    g_ptr_array_add (records, mr_model_record_ref (g_ptr_array_index (extra, i)));
  if (records->len > 0)
    {
      mr_store_import_models (store, records, "test", "test", NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

void
mr_test_keep_result (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

void
mr_test_await (GAsyncResult **result)
{
  g_assert_true (mr_test_spin_until (is_set, result, 10000));
}

MrModelRecord *
mr_test_get_record (MrRepository *repository,
                    gint64        id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrModelRecord *record;

  mr_repository_get_async (repository, id, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  record = mr_repository_get_finish (repository, result, &error);
  g_assert_no_error (error);
  return record;
}

MrModelRecord *
mr_test_make_llama_record (void)
{
  MrModelRecord *r = mr_model_record_new ();
  MrComponent *weights = &r->components[MR_COMPONENT_FINAL_PARAMETERS];
  MrComponent *card = &r->components[MR_COMPONENT_MODEL_CARD];

  r->name = g_strdup ("Llama-3.1-8B-Instruct");
  r->provider = g_strdup ("Meta");
  r->source_kind = MR_SOURCE_KIND_HUGGING_FACE;
  r->source_ref = g_strdup ("meta-llama/Llama-3.1-8B-Instruct");
  r->license = g_strdup ("llama3.1");
  g_strfreev (r->intended_uses);
  r->intended_uses = g_strsplit ("credit-scoring,chatbot", ",", -1);
  weights->availability = MR_AVAILABILITY_PRESENT;
  weights->license = g_strdup ("llama3.1");
  weights->link = g_strdup ("https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct");
  weights->source = MR_EVIDENCE_SOURCE_HUB;
  card->availability = MR_AVAILABILITY_PRESENT;
  card->license = g_strdup ("llama3.1");
  card->source = MR_EVIDENCE_SOURCE_HUB;
  card->verified = TRUE;
  return r;
}

static void
collect_text (GtkWidget *root,
              GString   *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (root)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
mr_test_collect_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

MrRepository *
mr_test_open_repository (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MrRepository *repository;

  mr_repository_open_async (path, NULL, mr_test_keep_result, &result);
  mr_test_await (&result);
  repository = mr_repository_open_finish (result, &error);
  g_assert_no_error (error);
  return repository;
}

GtkWidget *
mr_test_find_by_id (GtkWidget  *root,
                    const char *id)
{
  if (GTK_IS_BUILDABLE (root) &&
      g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mr_test_find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
mr_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mr_test_find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
mr_test_save_screenshot (GtkWidget  *widget,
                         const char *subdir,
                         const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, subdir, NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_clear_error (&error);
      mr_test_spin_for (400);
      if (mr_debug_hooks_save_screenshot (widget, path, &error))
        break;
    }
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

typedef struct {
  GtkWidget  *root;
  const char *needle;
} TextWait;

static gboolean
shows_text (gpointer data)
{
  TextWait *w = data;
  g_autofree char *text = mr_test_collect_text (w->root);

  return strstr (text, w->needle) != NULL;
}

void
mr_test_assert_shows (GtkWidget  *root,
                      const char *needle)
{
  TextWait w = { root, needle };

  if (!mr_test_spin_until (shows_text, &w, 15000))
    {
      g_autofree char *text = mr_test_collect_text (root);

      g_error ("“%s” never showed; the window says:\n%s", needle, text);
    }
}

/* What Alt+letter activates for a label without a mnemonic widget: the
 * button it is the label of. */
static GtkWidget *
button_of (GtkWidget *label)
{
  for (GtkWidget *w = gtk_widget_get_parent (label); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || ADW_IS_SPLIT_BUTTON (w))
      return w;
  return gtk_widget_get_parent (label);
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *targets)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
      GtkWidget *other;

      if (target == NULL)
        target = button_of (widget);
      other = g_hash_table_lookup (targets, GUINT_TO_POINTER (key));
      /* An entry row shows its title twice, as title and as placeholder:
       * both name the row. */
      if (other != NULL && other != target)
        {
          g_test_message ("MNEMONIC CLASH: Alt+%s is both “%s” (%s) and “%s” (%s)",
                          gdk_keyval_name (key), gtk_label_get_label (GTK_LABEL (widget)),
                          G_OBJECT_TYPE_NAME (target),
                          (const char *) g_object_get_data (G_OBJECT (other), "mr-test-mnemonic-label"),
                          G_OBJECT_TYPE_NAME (other));
          g_test_fail ();
        }
      g_object_set_data_full (G_OBJECT (target), "mr-test-mnemonic-label",
                              g_strdup (gtk_label_get_label (GTK_LABEL (widget))), g_free);
      g_hash_table_insert (targets, GUINT_TO_POINTER (key), target);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, targets);
}

void
mr_test_assert_mnemonics_unique (GtkWidget *root)
{
  g_autoptr(GHashTable) targets = g_hash_table_new (NULL, NULL);

  collect_mnemonics (root, targets);
}

static gboolean
is_escape (GtkShortcut *shortcut)
{
  GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

  return GTK_IS_KEYVAL_TRIGGER (trigger)
         && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape
         && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0;
}

gboolean
mr_test_press_escape (GtkWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (is_escape (shortcut))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static gboolean
window_loaded (gpointer data)
{
  return mr_window_get_loaded (data);
}

void
mr_test_window_open (MrTestWindow *tw,
                     guint         n_models,
                     GPtrArray    *extra,
                     int           width,
                     int           height,
                     MrJobManager *jobs)
{
  tw->path = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  mr_test_write_register (tw->path, n_models, extra);
  tw->repository = mr_test_open_repository (tw->path);
  tw->window = g_object_ref_sink (mr_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (tw->window), width, height);
  gtk_window_present (GTK_WINDOW (tw->window));
  if (jobs != NULL)
    mr_window_set_job_manager (tw->window, jobs);
  mr_window_set_repository (tw->window, tw->repository);
  g_assert_true (mr_test_spin_until (window_loaded, tw->window, 30000));
}

void
mr_test_window_close (MrTestWindow *tw)
{
  gtk_window_destroy (GTK_WINDOW (tw->window));
  g_clear_object (&tw->window);
  mr_repository_shutdown (tw->repository);
  g_clear_object (&tw->repository);
  g_clear_pointer (&tw->path, g_free);
}

GtkWindow *
mr_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

void
mr_test_scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  double x, y;

  g_assert_nonnull (scrolled);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  /* A window just shown has no page size yet: the value would be clamped. */
  mr_test_spin_for (600);
  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* y is within the visible part: the viewport moves its child. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
}
