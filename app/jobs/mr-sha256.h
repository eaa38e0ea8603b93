/* mr-sha256.h — SHA-256 of large files at the speed of the hardware
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GnuTLS's SHA-256 uses the CPU's SHA instructions where there are any
 * (GChecksum does not, and is about seven times slower); the file is read
 * in 1 MiB blocks and the cancellable is checked before each.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MR_SHA256_HEX_LENGTH 64

/* Called at most about four times a second, and once at the end. */
typedef void (*MrSha256ProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

/* The lowercase hex digest; out_size (may be NULL) gets the bytes hashed. */
char     *mr_sha256_file          (const char            *filename,
                                   guint64               *out_size,
                                   MrSha256ProgressFunc   progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error);
/* Hashes on a thread of GTask's pool; progress is called on the calling
 * thread's main context, so progress_data must live until the callback. */
void      mr_sha256_file_async    (const char            *filename,
                                   MrSha256ProgressFunc   progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
char     *mr_sha256_file_finish   (GAsyncResult          *result,
                                   guint64               *out_size,
                                   GError               **error);

/* Forwards progress from a worker thread to the main context that was the
 * thread default when the relay was made; for jobs that hash in a thread. */
typedef struct _MrProgressRelay MrProgressRelay;

MrProgressRelay *mr_progress_relay_new     (MrSha256ProgressFunc  func,
                                            gpointer              data);
void             mr_progress_relay_free    (MrProgressRelay      *self);
/* An MrSha256ProgressFunc: pass the relay as its data. */
void             mr_progress_relay_forward (guint64               done,
                                            guint64               total,
                                            gpointer              relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrProgressRelay, mr_progress_relay_free)

/* TRUE for 64 hex digits, either case. */
gboolean  mr_sha256_is_valid_hex  (const char            *text);

G_END_DECLS
