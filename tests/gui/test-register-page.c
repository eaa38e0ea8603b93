/* test-register-page.c — add, search, sort, delete and undo on a real register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-ai-model.h"
#include "mr-gui-test-util.h"
#include "mr-model-editor.h"
#include "mr-register-page.h"
#include "mr-sqlite-store.h"
#include "mr-window.h"

#define HOSTILE_NAME "Zeta & <b>Test</b> 🚀"

typedef struct {
  MrTestWindow    tw;
  MrRegisterPage *page;
  GtkLabel       *count_label;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* The window's own default size. */
  mr_test_window_open (&f->tw, 3, NULL, -1, -1, NULL);
  f->page = mr_window_get_register_page (f->tw.window);
  f->count_label = GTK_LABEL (mr_test_find_by_id (GTK_WIDGET (f->page), "count_label"));
  g_assert_nonnull (f->count_label);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mr_test_window_close (&f->tw);
}

typedef struct {
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *w = data;

  return g_strcmp0 (gtk_label_get_text (w->label), w->text) == 0;
}

static void
assert_count (Fixture    *f,
              const char *text)
{
  LabelWait w = { f->count_label, text };

  if (!mr_test_spin_until (label_is, &w, 5000))
    g_error ("count label is “%s”, expected “%s”", gtk_label_get_text (f->count_label), text);
}

static MrModelEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MR_IS_MODEL_EDITOR (window))
        return MR_MODEL_EDITOR (window);
    }
  return NULL;
}

static gboolean
no_editor (gpointer data)
{
  return find_editor () == NULL;
}

static void
set_row (MrModelEditor *editor,
         const char    *id,
         const char    *text)
{
  GtkWidget *row = mr_test_find_by_id (GTK_WIDGET (editor), id);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static MrAiModel *
visible_item (Fixture *f,
              guint    position)
{
  GListModel *visible = mr_register_page_get_visible (f->page);

  g_assert_cmpuint (position, <, g_list_model_get_n_items (visible));
  return g_list_model_get_item (visible, position);
}

/* The page's store keeps the record alive while the test looks at it. */
static const char *
visible_name (Fixture *f,
              guint    position)
{
  g_autoptr(MrAiModel) model = visible_item (f, position);

  return mr_ai_model_get_record (model)->name;
}

static void
add_hostile_model (Fixture *f)
{
  MrModelEditor *editor;
  GtkWidget *kind_row;

  gtk_widget_activate_action (GTK_WIDGET (f->tw.window), "win.add-model", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_false (mr_model_editor_get_can_save (editor));

  set_row (editor, "name_row", HOSTILE_NAME);
  set_row (editor, "provider_row", "Acme & Co");
  kind_row = mr_test_find_by_id (GTK_WIDGET (editor), "source_kind_row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), MR_SOURCE_KIND_HUGGING_FACE);
  set_row (editor, "source_ref_row", "not a repo id");
  g_assert_false (mr_model_editor_get_can_save (editor));
  g_assert_true (gtk_widget_has_css_class (mr_test_find_by_id (GTK_WIDGET (editor), "source_ref_row"),
                                           "error"));

  set_row (editor, "source_ref_row", "acme/zeta-7b");
  g_assert_true (mr_model_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (mr_test_spin_until (no_editor, NULL, 5000));
}

static gint64
stored_id_of (const char *path,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MrStore) store = mr_sqlite_store_open (path, &error);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  records = mr_store_list_models (store, MR_LOAD_SUMMARY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      MrModelRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (r->name, name) == 0)
        return r->id;
    }
  return 0;
}

static void
test_add_search_sort (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *entry = mr_test_find_by_id (GTK_WIDGET (f->page), "search_entry");
  GtkColumnView *view = GTK_COLUMN_VIEW (mr_test_find_by_id (GTK_WIDGET (f->page), "column_view"));
  g_autoptr(GtkColumnViewColumn) name_column = NULL;
  g_autoptr(GtkColumnViewColumn) status_column = NULL;
  g_autoptr(MrAiModel) first = NULL;

  assert_count (f, "3 of 3 models");
  add_hostile_model (f);
  assert_count (f, "4 of 4 models");
  g_assert_cmpint (stored_id_of (f->tw.path, HOSTILE_NAME), >, 0);

  /* Search is case-folded on both sides and matches the provider too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ZETA");
  assert_count (f, "1 of 4 models");
  g_assert_cmpstr (visible_name (f, 0), ==, HOSTILE_NAME);
  gtk_editable_set_text (GTK_EDITABLE (entry), "acme & co");
  assert_count (f, "1 of 4 models");
  gtk_editable_set_text (GTK_EDITABLE (entry), "no such model");
  assert_count (f, "0 of 4 models");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  assert_count (f, "4 of 4 models");

  name_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  g_assert_cmpstr (visible_name (f, 0), ==, HOSTILE_NAME);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);
  g_assert_cmpstr (visible_name (f, 0), ==, "gemma-3-15b-instruct");

  /* Generated records 0..2 have statuses draft, submitted, approved. */
  status_column = g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  gtk_column_view_sort_by_column (view, status_column, GTK_SORT_DESCENDING);
  first = visible_item (f, 0);
  g_assert_cmpint (mr_ai_model_get_record (first)->status, ==, MR_STATUS_APPROVED);
}

static gboolean
edit_enabled (gpointer data)
{
  Fixture *f = data;

  /* The detail pane has loaded the full record that the form edits. */
  return gtk_widget_activate_action (GTK_WIDGET (f->page), "register.edit", NULL) &&
         find_editor () != NULL;
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MrAiModel) model = NULL;
  MrModelEditor *editor;
  gint64 id;

  assert_count (f, "3 of 3 models");
  mr_register_page_select (f->page, 0);
  model = visible_item (f, 0);
  id = mr_ai_model_get_id (model);
  g_assert_true (mr_test_spin_until (edit_enabled, f, 5000));
  editor = find_editor ();
  g_assert_false (mr_model_editor_get_can_save (editor));

  set_row (editor, "name_row", "Renamed <model>");
  g_assert_true (mr_model_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (mr_test_spin_until (no_editor, NULL, 5000));

  /* Same entry, same place in the list, new name; and stored. */
  g_assert_cmpstr (visible_name (f, 0), ==, "Renamed <model>");
  g_assert_cmpint (stored_id_of (f->tw.path, "Renamed <model>"), ==, id);
  assert_count (f, "3 of 3 models");
}

static GtkWidget *
find_undo_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), "_Undo") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_undo_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_undo_button (gpointer data)
{
  return find_undo_button (data) != NULL;
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MrAiModel) victim = NULL;
  gint64 id;
  GtkWidget *undo;

  assert_count (f, "3 of 3 models");
  mr_register_page_select (f->page, 1);
  victim = visible_item (f, 1);
  id = mr_ai_model_get_id (victim);
  g_assert_cmpint (stored_id_of (f->tw.path, mr_ai_model_get_record (victim)->name), ==, id);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "register.delete", NULL);
  assert_count (f, "2 of 2 models");
  g_assert_cmpint (stored_id_of (f->tw.path, mr_ai_model_get_record (victim)->name), ==, 0);

  g_assert_true (mr_test_spin_until (has_undo_button, f->tw.window, 5000));
  undo = find_undo_button (GTK_WIDGET (f->tw.window));
  gtk_widget_activate (undo);
  assert_count (f, "3 of 3 models");
  g_assert_cmpint (stored_id_of (f->tw.path, mr_ai_model_get_record (victim)->name), ==, id);
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* The column headers' menu hides a column, and the next window remembers. */
static void
test_hide_column (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) hidden = NULL;
  GtkWidget *page;
  GtkColumnView *view;

  view = GTK_COLUMN_VIEW (mr_test_find_by_id (GTK_WIDGET (f->page), "column_view"));
  g_assert_true (gtk_column_view_column_get_visible (find_column (view, "Source")));
  gtk_widget_activate_action (GTK_WIDGET (view), "columns.source", NULL);
  g_assert_false (gtk_column_view_column_get_visible (find_column (view, "Source")));
  hidden = g_settings_get_strv (settings, "hidden-columns");
  g_assert_cmpstrv (hidden, ((const char * const[]) { "source", NULL }));

  page = g_object_ref_sink (mr_register_page_new ());
  view = GTK_COLUMN_VIEW (mr_test_find_by_id (page, "column_view"));
  g_assert_false (gtk_column_view_column_get_visible (find_column (view, "Source")));
  g_assert_true (gtk_column_view_column_get_visible (find_column (view, "Provider")));
  /* The name always shows. */
  g_assert_false (gtk_widget_activate_action (page, "columns.name", NULL));
  g_object_unref (page);
  g_settings_reset (settings, "hidden-columns");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (mr_test_gui_init ())
    {
      g_test_add ("/register-page/add-search-sort", Fixture, NULL,
                  fixture_set_up, test_add_search_sort, fixture_tear_down);
      g_test_add ("/register-page/delete-undo", Fixture, NULL,
                  fixture_set_up, test_delete_and_undo, fixture_tear_down);
      g_test_add ("/register-page/hide-column", Fixture, NULL,
                  fixture_set_up, test_hide_column, fixture_tear_down);
      g_test_add ("/register-page/edit", Fixture, NULL,
                  fixture_set_up, test_edit, fixture_tear_down);
    }
  return g_test_run ();
}
