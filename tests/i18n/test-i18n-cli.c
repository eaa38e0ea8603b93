/* test-i18n-cli.c — the command line speaks German under LANGUAGE=de
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real executable (MODEL_REGISTER_EXE) against the catalogues of
 * the build directory (MODEL_REGISTER_LOCALEDIR, both set by meson.build),
 * so a failure means either a missing translation or a broken binding of
 * the text domain in app/main.c.
 */
#include <gio/gio.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* language NULL leaves LANGUAGE unset, so the C locale's English shows;
 * framework NULL applies the shipped governance framework. */
static void
run_cli_with_framework (Run                *run,
                        const char         *language,
                        const char         *framework,
                        const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *database = g_build_filename (g_get_user_data_dir (), "register.db", NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MODEL_REGISTER_EXE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "MODEL_REGISTER_DATABASE", database, TRUE);
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (framework != NULL)
    g_subprocess_launcher_setenv (launcher, "MODEL_REGISTER_FRAMEWORK", framework, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "MODEL_REGISTER_FRAMEWORK");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_cli (Run                *run,
         const char         *language,
         const char * const *args)
{
  run_cli_with_framework (run, language, NULL, args);
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_help_in_german (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "de", (const char * const []) { "help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Befehle:"));
  g_assert_nonnull (strstr (run.out, "Die Modelle im Register auflisten"));
  g_assert_null (strstr (run.out, "Commands:"));
}

/* The control: the same command without LANGUAGE stays English, so the
 * German above really came from the catalogue. */
static void
test_help_in_english (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, (const char * const []) { "help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Commands:"));
  g_assert_null (strstr (run.out, "Befehle:"));
}

static void
test_error_in_german (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "de", (const char * const []) { "frobnicate", NULL });
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "„frobnicate“ ist kein Befehl"));
}

/* ngettext: "1 Modell", "2 Modelle". */
static void
test_plural_forms (void)
{
  g_autofree char *one = write_file ("one.csv", "name,provider\nOLMo 2 7B,Allen Institute for AI\n");
  g_autofree char *two = write_file ("two.csv",
                                    "name,provider\nGranite 3.1 8B,IBM\nPhi-4,Microsoft\n");
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };

  run_cli (&first, "de", (const char * const []) { "import", one, NULL });
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "1 Modell aus "));
  g_assert_nonnull (strstr (first.out, " importiert"));

  run_cli (&second, "de", (const char * const []) { "import", two, NULL });
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (second.out, "2 Modelle aus "));
}

static void
add_credit_scorer (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, (const char * const []) {
             "add", "--name", "Scorer", "--provider", "Acme", "--use", "credit-scoring", NULL });
  g_assert_cmpint (run.status, ==, 0);
}

/* The intended-use catalogue is shipped data (data/uses/uses.json): its
 * label and legal reference reach the flags through po/data-strings.c. */
static void
test_use_in_german (void)
{
  g_auto(Run) german = { 0 };
  g_auto(Run) english = { 0 };

  add_credit_scorer ();
  run_cli (&german, "de", (const char * const []) { "evaluate", NULL });
  g_assert_cmpint (german.status, ==, 0);
  g_assert_nonnull (strstr (german.out, "„Kreditwürdigkeitsprüfung“"));
  g_assert_nonnull (strstr (german.out, "KI-Verordnung (EU) Anhang III Nummer 5 Buchstabe b"));
  g_assert_null (strstr (german.out, "Credit scoring"));

  run_cli (&english, NULL, (const char * const []) { "evaluate", NULL });
  g_assert_cmpint (english.status, ==, 0);
  g_assert_nonnull (strstr (english.out, "‘Credit scoring’"));
  g_assert_nonnull (strstr (english.out, "EU AI Act Annex III 5(b)"));
}

/* Records and their JSON keep the catalogue's ids in every language. */
static void
test_use_id_untranslated (void)
{
  g_auto(Run) run = { 0 };

  add_credit_scorer ();
  run_cli (&run, "de", (const char * const []) { "show", "1", "--format", "json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"credit-scoring\""));
  g_assert_null (strstr (run.out, "Kreditwürdigkeitsprüfung"));
}

static char *
governance_report (const char *framework)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "governance.html", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  char *html = NULL;

  run_cli_with_framework (&run, "de", framework, (const char * const []) {
                            "report", "--type", "governance", "--format", "html",
                            "--output", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_file_get_contents (path, &html, NULL, &error);
  g_assert_no_error (error);
  return html;
}

/* Only the shipped framework's name is translated: an organisation's
 * framework keeps its name as written, even when it is the same text. */
static void
test_framework_name (void)
{
  g_autofree char *own = write_file ("framework.yml",
                                     "format: 1\n"
                                     "name: Default governance framework\n"
                                     "tiers:\n"
                                     "  prohibited: {blocked: true}\n"
                                     "  high: {}\n"
                                     "  limited: {}\n"
                                     "  minimal: {}\n");
  g_autofree char *shipped_report = governance_report (NULL);
  g_autofree char *own_report = governance_report (own);

  g_assert_nonnull (strstr (shipped_report, "Standard-Governance-Regelwerk"));
  g_assert_null (strstr (shipped_report, "Default governance framework"));
  g_assert_nonnull (strstr (own_report, "Default governance framework"));
  g_assert_null (strstr (own_report, "Standard-Governance-Regelwerk"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/i18n/cli/help-in-german", test_help_in_german);
  g_test_add_func ("/i18n/cli/help-in-english", test_help_in_english);
  g_test_add_func ("/i18n/cli/error-in-german", test_error_in_german);
  g_test_add_func ("/i18n/cli/plural-forms", test_plural_forms);
  g_test_add_func ("/i18n/cli/use-in-german", test_use_in_german);
  g_test_add_func ("/i18n/cli/use-id-untranslated", test_use_id_untranslated);
  g_test_add_func ("/i18n/cli/framework-name", test_framework_name);
  return g_test_run ();
}
