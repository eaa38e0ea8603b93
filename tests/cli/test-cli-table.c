/* test-cli-table.c — terminal widths, ellipsis and alignment of CLI tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-cli-table.h"

static void
test_text_width (void)
{
  g_assert_cmpuint (mr_cli_text_width (""), ==, 0);
  g_assert_cmpuint (mr_cli_text_width ("Llama"), ==, 5);
  g_assert_cmpuint (mr_cli_text_width ("中文"), ==, 4);
  g_assert_cmpuint (mr_cli_text_width ("🦙"), ==, 2);
  /* "e" and a combining acute accent: one cell. */
  g_assert_cmpuint (mr_cli_text_width ("e\xcc\x81"), ==, 1);
  g_assert_cmpuint (mr_cli_text_width ("…"), ==, 1);
}

static void
test_sanitize (void)
{
  g_autofree char *one_line = mr_cli_text_sanitize ("a\tb\nc\x1b[31m", FALSE);
  g_autofree char *lines = mr_cli_text_sanitize ("a\nb\rc", TRUE);
  g_autofree char *plain = mr_cli_text_sanitize ("<b>&amp; 🦙", FALSE);

  g_assert_cmpstr (one_line, ==, "a b\xef\xbf\xbd" "c\xef\xbf\xbd[31m");
  g_assert_cmpstr (lines, ==, "a\nb\xef\xbf\xbd" "c");
  g_assert_cmpstr (plain, ==, "<b>&amp; 🦙");
}

static char *
render (MrCliTable *table)
{
  GString *out = g_string_new (NULL);

  mr_cli_table_render (table, "", out);
  return g_string_free (out, FALSE);
}

static void
test_alignment_counts_cells (void)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (3);
  g_autofree char *text = NULL;

  mr_cli_table_add_row (table, (const char *[]) { "ID", "Name", "Status" });
  mr_cli_table_add_row (table, (const char *[]) { "1", "中文模型", "draft" });
  mr_cli_table_add_row (table, (const char *[]) { "22", "🦙 x", "approved" });
  text = render (table);

  g_assert_cmpstr (text, ==,
                   "ID  Name      Status\n"
                   "1   中文模型  draft\n"
                   "22  🦙 x      approved\n");
}

static void
test_ellipsis_fits_the_limit (void)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (2);
  g_autofree char *text = NULL;

  mr_cli_table_set_max_width (table, 0, 6);
  mr_cli_table_add_row (table, (const char *[]) { "abcdef", "fits" });
  mr_cli_table_add_row (table, (const char *[]) { "abcdefg", "cut" });
  /* A wide character that would straddle the limit goes whole. */
  mr_cli_table_add_row (table, (const char *[]) { "中文中文", "wide" });
  text = render (table);

  g_assert_cmpstr (text, ==,
                   "abcdef  fits\n"
                   "abcde…  cut\n"
                   "中文…   wide\n");
}

static void
test_no_trailing_blanks (void)
{
  g_autoptr(MrCliTable) table = mr_cli_table_new (3);
  g_autofree char *text = NULL;

  mr_cli_table_add_row (table, (const char *[]) { "a", "long value", "x" });
  mr_cli_table_add_row (table, (const char *[]) { "b", NULL, NULL });
  mr_cli_table_add_row (table, (const char *[]) { "c", "v", "" });
  text = render (table);

  g_assert_cmpstr (text, ==,
                   "a  long value  x\n"
                   "b\n"
                   "c  v\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/table/text-width", test_text_width);
  g_test_add_func ("/cli/table/sanitize", test_sanitize);
  g_test_add_func ("/cli/table/alignment", test_alignment_counts_cells);
  g_test_add_func ("/cli/table/ellipsis", test_ellipsis_fits_the_limit);
  g_test_add_func ("/cli/table/no-trailing-blanks", test_no_trailing_blanks);
  return g_test_run ();
}
