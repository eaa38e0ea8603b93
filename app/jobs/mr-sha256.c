/* mr-sha256.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sha256"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mr-sha256.h"

/* 256 KiB–1 MiB reads are fastest; smaller ones cost system calls, larger
 * ones fall out of the CPU's cache. */
#define BLOCK_SIZE (1024 * 1024)
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 4)
#define SHA256_DIGEST_LENGTH 32

struct _MrProgressRelay
{
  GMainContext         *context;
  MrSha256ProgressFunc  func;
  gpointer              data;
};

typedef struct {
  MrProgressRelay *relay;
  guint64          done;
  guint64          total;
} ProgressReport;

MrProgressRelay *
mr_progress_relay_new (MrSha256ProgressFunc func,
                       gpointer             data)
{
  MrProgressRelay *self = g_new0 (MrProgressRelay, 1);

  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->data = data;
  return self;
}

void
mr_progress_relay_free (MrProgressRelay *self)
{
  if (self == NULL)
    return;
  g_main_context_unref (self->context);
  g_free (self);
}

static gboolean
deliver_report (gpointer data)
{
  ProgressReport *report = data;

  report->relay->func (report->done, report->total, report->relay->data);
  return G_SOURCE_REMOVE;
}

void
mr_progress_relay_forward (guint64  done,
                           guint64  total,
                           gpointer relay)
{
  MrProgressRelay *self = relay;
  ProgressReport *report;

  if (self->func == NULL)
    return;
  report = g_new (ProgressReport, 1);
  report->relay = self;
  report->done = done;
  report->total = total;
  /* The relay is freed with the task, whose result is delivered on the
   * same context after these. */
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver_report, report, g_free);
}

gboolean
mr_sha256_is_valid_hex (const char *text)
{
  if (text == NULL || strlen (text) != MR_SHA256_HEX_LENGTH)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Always FALSE. */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 gboolean     opening,
                 const char  *filename)
{
  g_autofree char *display_name = g_filename_display_name (filename);

  if (opening)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not open %s: %s"), display_name, g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not read %s: %s"), display_name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
hash_fd (int                   fd,
         const char           *filename,
         gnutls_hash_hd_t      hash,
         guint64               total,
         guint64              *out_done,
         MrSha256ProgressFunc  progress,
         gpointer              progress_data,
         GCancellable         *cancellable,
         GError              **error)
{
  g_autofree guint8 *buffer = g_malloc (BLOCK_SIZE);
  gint64 last_report = g_get_monotonic_time ();
  guint64 done = 0;

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n = read (fd, buffer, BLOCK_SIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, FALSE, filename);
      if (n == 0)
        break;
      gnutls_hash (hash, buffer, n);
      done += n;

      if (progress != NULL && g_get_monotonic_time () - last_report >= PROGRESS_INTERVAL_US)
        {
          last_report = g_get_monotonic_time ();
          progress (done, MAX (done, total), progress_data);
        }
    }
  if (progress != NULL)
    progress (done, done, progress_data);
  *out_done = done;
  return TRUE;
}

static char *
digest_to_hex (const guint8 *digest)
{
  char *hex = g_malloc (MR_SHA256_HEX_LENGTH + 1);

  for (guint i = 0; i < SHA256_DIGEST_LENGTH; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
}

char *
mr_sha256_file (const char            *filename,
                guint64               *out_size,
                MrSha256ProgressFunc   progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  guint8 digest[SHA256_DIGEST_LENGTH];
  gnutls_hash_hd_t hash;
  struct stat info;
  guint64 done = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (filename, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, TRUE, filename);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      set_errno_error (error, errno, FALSE, filename);
      g_close (fd, NULL);
      return NULL;
    }
  /* Doubles the kernel's read-ahead, so that reading overlaps hashing. */
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  if (gnutls_hash_init (&hash, GNUTLS_DIG_SHA256) < 0)
    {
      g_close (fd, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("SHA-256 is not available from GnuTLS"));
      return NULL;
    }
  ok = hash_fd (fd, filename, hash, info.st_size, &done, progress, progress_data,
                cancellable, error);
  gnutls_hash_deinit (hash, digest);
  g_close (fd, NULL);
  if (!ok)
    return NULL;

  if (out_size != NULL)
    *out_size = done;
  return digest_to_hex (digest);
}

typedef struct {
  char            *filename;
  MrProgressRelay *relay;
  guint64          size;
} HashJob;

static void
hash_job_free (HashJob *job)
{
  g_free (job->filename);
  mr_progress_relay_free (job->relay);
  g_free (job);
}

static void
hash_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HashJob *job = task_data;
  GError *error = NULL;
  char *hex;

  hex = mr_sha256_file (job->filename, &job->size, mr_progress_relay_forward, job->relay,
                        cancellable, &error);
  if (hex == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hex, g_free);
}

void
mr_sha256_file_async (const char           *filename,
                      MrSha256ProgressFunc  progress,
                      gpointer              progress_data,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  HashJob *job = g_new0 (HashJob, 1);

  job->filename = g_strdup (filename);
  job->relay = mr_progress_relay_new (progress, progress_data);
  g_task_set_source_tag (task, mr_sha256_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) hash_job_free);
  /* CPU-bound and independent of everything else: GTask's pool suits it. */
  g_task_run_in_thread (task, hash_in_thread);
}

char *
mr_sha256_file_finish (GAsyncResult  *result,
                       guint64       *out_size,
                       GError       **error)
{
  GTask *task = G_TASK (result);
  char *hex;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == mr_sha256_file_async, NULL);

  hex = g_task_propagate_pointer (task, error);
  if (hex != NULL && out_size != NULL)
    *out_size = ((HashJob *) g_task_get_task_data (task))->size;
  return hex;
}
