/* mr-sqlite-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-sqlite-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "mr-enums.h"
#include "mr-error.h"
#include "mr-model-json.h"
#include "mr-policy-stamp.h"
#include "mr-sqlite-approvals.h"
#include "mr-sqlite-audit.h"
#include "mr-sqlite-checks.h"
#include "mr-sqlite-schema.h"
#include "mr-sqlite-snapshots.h"
#include "mr-sqlite-store.h"
#include "mr-sqlite-util.h"

/* Rows between two calls of an import's progress callback. */
#define PROGRESS_INTERVAL 1000

/* Ids re-evaluated per read when the framework changes. */
#define REEVALUATE_SLICE 1000

/* The columns of "models" in binding order: statement parameter N is column
 * N of MODEL_COLUMNS, and column N of a SELECT that starts with "id". */
#define MODEL_COLUMNS \
  "revision, name, provider, version, source_kind, source_ref, source_revision," \
  " owner, description, license, license_code, license_data, license_document," \
  " tags, intended_uses, deployment, data_sensitivity, status, openness, worst_flag," \
  " n_flags, notes, created_at, updated_at, last_checked_at, vendor_agreement"
#define MODEL_PARAMS \
  "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17," \
  " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26"
/* Written out as ?27 and ?28 in statement_sql. */
#define PARAM_ID 27
#define PARAM_EXPECTED_REVISION 28

/* The components of an entry are inserted in one statement, prepared for
 * each number of rows on first use: one step per entry instead of one per
 * component makes storing entries with evidence for all 17 about a third
 * faster. */
#define COMPONENT_INSERT \
  "INSERT INTO components (model_id, kind, availability, license, link, source, verified)" \
  " VALUES "
#define COMPONENT_ROW "(?, ?, ?, ?, ?, ?, ?)"
#define COMPONENT_N_PARAMS 7

enum {
  COL_ID,
  COL_REVISION,
  COL_NAME,
  COL_PROVIDER,
  COL_VERSION,
  COL_SOURCE_KIND,
  COL_SOURCE_REF,
  COL_SOURCE_REVISION,
  COL_OWNER,
  COL_DESCRIPTION,
  COL_LICENSE,
  COL_LICENSE_CODE,
  COL_LICENSE_DATA,
  COL_LICENSE_DOCUMENT,
  COL_TAGS,
  COL_INTENDED_USES,
  COL_DEPLOYMENT,
  COL_DATA_SENSITIVITY,
  COL_STATUS,
  COL_OPENNESS,
  COL_WORST_FLAG,
  COL_N_FLAGS,
  COL_NOTES,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_LAST_CHECKED_AT,
  COL_VENDOR_AGREEMENT,
};

typedef enum {
  STMT_SELECT_MODELS,
  STMT_SELECT_COMPONENTS,
  STMT_SELECT_STATE,
  STMT_COUNT_MODELS,
  STMT_INSERT_MODEL,
  STMT_UPDATE_MODEL,
  STMT_RESTORE_MODEL,
  STMT_DELETE_MODEL,
  STMT_DELETE_COMPONENTS,
  STMT_UPDATE_POLICY,
  N_STATEMENTS
} Statement;

/* Rows are read for a range of model ids, so the same statements load one
 * entry or the whole register, components ordered to merge with the models
 * scan. */
static const char * const statement_sql[N_STATEMENTS] = {
  [STMT_SELECT_MODELS] =
    "SELECT id, " MODEL_COLUMNS " FROM models"
    " WHERE id BETWEEN ?1 AND ?2 AND deleted_at IS NULL ORDER BY id",
  [STMT_SELECT_COMPONENTS] =
    "SELECT model_id, kind, availability, license, link, source, verified FROM components"
    " WHERE model_id BETWEEN ?1 AND ?2 ORDER BY model_id",
  [STMT_SELECT_STATE] =
    "SELECT revision, deleted_at IS NOT NULL FROM models WHERE id = ?1",
  [STMT_COUNT_MODELS] =
    "SELECT count(*) FROM models WHERE deleted_at IS NULL",
  [STMT_INSERT_MODEL] =
    "INSERT INTO models (" MODEL_COLUMNS ", id) VALUES (" MODEL_PARAMS ", ?27)",
  [STMT_UPDATE_MODEL] =
    "UPDATE models SET (" MODEL_COLUMNS ") = (" MODEL_PARAMS ")"
    " WHERE id = ?27 AND revision = ?28 AND deleted_at IS NULL",
  [STMT_RESTORE_MODEL] =
    "UPDATE models SET (" MODEL_COLUMNS ", deleted_at) = (" MODEL_PARAMS ", NULL)"
    " WHERE id = ?27 AND deleted_at IS NOT NULL",
  [STMT_DELETE_MODEL] =
    "UPDATE models SET deleted_at = ?2, revision = revision + 1"
    " WHERE id = ?1 AND deleted_at IS NULL",
  [STMT_DELETE_COMPONENTS] = "DELETE FROM components WHERE model_id = ?1",
  /* The policy columns are derived from the content, so restamping them is
   * not an edit: no new revision, no new updated_at. */
  [STMT_UPDATE_POLICY] =
    "UPDATE models SET openness = ?1, worst_flag = ?2, n_flags = ?3 WHERE id = ?4",
};

struct _MrSqliteStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *statements[N_STATEMENTS];
  /* [n - 1] inserts n components. */
  sqlite3_stmt *insert_components[MR_N_COMPONENTS];
  /* The encoded tags and intended uses of the record being bound, reused
   * from one record to the next. */
  GByteArray   *tags_buffer;
  GByteArray   *uses_buffer;
};

static void mr_sqlite_store_iface_init (MrStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MrSqliteStore, mr_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MR_TYPE_STORE,
                                                      mr_sqlite_store_iface_init))

/* Looked up once: converting nicks for every column of 100,000 rows through
 * g_type_class_ref() would cost more than reading the rows. */
typedef enum {
  ENUM_SOURCE_KIND,
  ENUM_DEPLOYMENT,
  ENUM_DATA_SENSITIVITY,
  ENUM_STATUS,
  ENUM_OPENNESS,
  ENUM_FLAG_SEVERITY,
  ENUM_COMPONENT_KIND,
  ENUM_AVAILABILITY,
  ENUM_EVIDENCE_SOURCE,
  N_ENUMS
} EnumId;

static GEnumClass *enum_classes[N_ENUMS];

static const char *
enum_nick (EnumId id,
           int    value)
{
  GEnumValue *ev = g_enum_get_value (enum_classes[id], value);

  return ev != NULL ? ev->value_nick : NULL;
}

static gboolean
lookup_enum (sqlite3_stmt *stmt,
             int           column,
             EnumId        id,
             int          *out_value)
{
  const char *nick = mr_sqlite_column_text (stmt, column);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (enum_classes[id], nick) : NULL;

  if (ev == NULL)
    {
      g_debug ("Unknown %s “%s”", G_ENUM_CLASS_TYPE_NAME (enum_classes[id]), nick);
      return FALSE;
    }
  *out_value = ev->value;
  return TRUE;
}

/* A value that a newer build of the same schema added reads as the
 * default rather than failing the whole register. */
static int
column_enum (sqlite3_stmt *stmt,
             int           column,
             EnumId        id)
{
  int value = 0;

  lookup_enum (stmt, column, id, &value);
  return value;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup (mr_sqlite_column_text (stmt, column));
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Statements are prepared on first use and kept in *slot: an import runs
 * the same few statements 100,000 times. */
static sqlite3_stmt *
get_cached_statement (MrSqliteStore  *self,
                      sqlite3_stmt  **slot,
                      const char     *sql,
                      GError        **error)
{
  int rc;

  if (*slot != NULL)
    {
      sqlite3_reset (*slot);
      sqlite3_clear_bindings (*slot);
      return *slot;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
  if (rc != SQLITE_OK)
    {
      mr_sqlite_set_error (error, self->db, rc, self->path, sql);
      return NULL;
    }
  return *slot;
}

static sqlite3_stmt *
get_statement (MrSqliteStore  *self,
               Statement       which,
               GError        **error)
{
  return get_cached_statement (self, &self->statements[which], statement_sql[which], error);
}

static sqlite3_stmt *
get_insert_components (MrSqliteStore  *self,
                       guint           n_rows,
                       GError        **error)
{
  sqlite3_stmt **slot = &self->insert_components[n_rows - 1];
  g_autoptr(GString) sql = NULL;

  if (*slot != NULL)
    return get_cached_statement (self, slot, NULL, error);

  sql = g_string_new (COMPONENT_INSERT COMPONENT_ROW);
  for (guint i = 1; i < n_rows; i++)
    g_string_append (sql, ", " COMPONENT_ROW);
  return get_cached_statement (self, slot, sql->str, error);
}

/* Steps a statement that returns no rows. */
static gboolean
run_statement (MrSqliteStore  *self,
               sqlite3_stmt   *stmt,
               const char     *what,
               GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, self->db, rc, self->path, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (MrSqliteStore  *self,
       GError        **error)
{
  /* IMMEDIATE takes the write lock up front, so a concurrent writer makes
   * us wait (busy_timeout) instead of failing halfway. */
  return mr_sqlite_exec (self->db, self->path, "BEGIN IMMEDIATE", error);
}

static void
rollback (MrSqliteStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Ends the transaction begin() started: commits what ok says succeeded,
 * rolls back otherwise (also when the commit fails).  TRUE when committed. */
static gboolean
end (MrSqliteStore  *self,
     gboolean        ok,
     GError        **error)
{
  if (ok && mr_sqlite_exec (self->db, self->path, "COMMIT", error))
    return TRUE;
  rollback (self);
  return FALSE;
}

/* A list is stored as its strings one after the other, each with its
 * terminating NUL, which no C string contains: no escaping, and decoding
 * is a scan for NULs.  An empty list is NULL. */
static gsize
count_values (const char *data,
              gsize       length)
{
  gsize n_values = 0;

  /* strnlen(): a damaged value may lack its last NUL. */
  for (gsize at = 0; at < length; at += strnlen (data + at, length - at) + 1)
    n_values++;
  return n_values;
}

static GStrv
column_list (sqlite3_stmt *stmt,
             int           column)
{
  const char *data = sqlite3_column_blob (stmt, column);
  gsize length = sqlite3_column_bytes (stmt, column);
  GStrv values = g_new (char *, count_values (data, length) + 1);
  guint i = 0;

  for (gsize at = 0; at < length; at += strlen (values[i++]) + 1)
    values[i] = g_strndup (data + at, length - at);
  values[i] = NULL;
  return values;
}

static void
bind_list (sqlite3_stmt *stmt,
           int           index,
           GStrv         values,
           GByteArray   *buffer)
{
  if (values[0] == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  g_byte_array_set_size (buffer, 0);
  for (guint i = 0; values[i] != NULL; i++)
    g_byte_array_append (buffer, (const guint8 *) values[i], strlen (values[i]) + 1);
  /* SQLITE_STATIC: the buffer is not touched again before the statement
   * is reset and its bindings cleared (get_statement()). */
  sqlite3_bind_blob (stmt, index, buffer->data, buffer->len, SQLITE_STATIC);
}

/* The string and list columns, and the MrModelRecord fields they fill. */
typedef struct {
  int   column;
  glong offset;
} FieldColumn;

#define FIELD(column, field) { column, G_STRUCT_OFFSET (MrModelRecord, field) }
static const FieldColumn text_columns[] = {
  FIELD (COL_NAME, name), FIELD (COL_PROVIDER, provider), FIELD (COL_VERSION, version),
  FIELD (COL_SOURCE_REF, source_ref), FIELD (COL_SOURCE_REVISION, source_revision),
  FIELD (COL_OWNER, owner), FIELD (COL_DESCRIPTION, description), FIELD (COL_LICENSE, license),
  FIELD (COL_LICENSE_CODE, license_code), FIELD (COL_LICENSE_DATA, license_data),
  FIELD (COL_LICENSE_DOCUMENT, license_document), FIELD (COL_NOTES, notes),
  FIELD (COL_VENDOR_AGREEMENT, vendor_agreement),
};
static const FieldColumn list_columns[] = {
  FIELD (COL_TAGS, tags), FIELD (COL_INTENDED_USES, intended_uses),
};
#undef FIELD

#define TEXT_FIELD(record, i) G_STRUCT_MEMBER (char *, record, text_columns[i].offset)
#define LIST_FIELD(record, i) G_STRUCT_MEMBER (GStrv, record, list_columns[i].offset)

/* Summaries and their strings are packed into blocks that the rows read
 * one after the other share (see mr_model_record_new_summary()): reading
 * 100,000 of them then costs a few hundred allocations instead of 1.5
 * million, and the heap grows a block at a time rather than a page at a
 * time. */
#define SUMMARY_BLOCK_SIZE (128 * 1024)

typedef struct {
  char  *block;   /* g_atomic_rc_box; NULL before the first row */
  gsize  used;
  gsize  size;
} Packer;

static void
packer_clear (Packer *packer)
{
  g_clear_pointer (&packer->block, g_atomic_rc_box_release);
}

/* Room for size bytes, pointer-aligned, in the block *out_block. */
static char *
packer_reserve (Packer  *packer,
                gsize    size,
                char   **out_block)
{
  char *room;

  size = (size + sizeof (gpointer) - 1) & ~(sizeof (gpointer) - 1);
  if (packer->block == NULL || packer->size - packer->used < size)
    {
      packer_clear (packer);
      packer->size = MAX (size, SUMMARY_BLOCK_SIZE);
      packer->block = g_atomic_rc_box_alloc (packer->size);
      packer->used = 0;
    }
  room = packer->block + packer->used;
  packer->used += size;
  *out_block = packer->block;
  return room;
}

/* A row's string and list columns as SQLite holds them, read once. */
typedef struct {
  const char *texts[G_N_ELEMENTS (text_columns)];
  gsize       text_lengths[G_N_ELEMENTS (text_columns)];
  const char *lists[G_N_ELEMENTS (list_columns)];
  gsize       list_lengths[G_N_ELEMENTS (list_columns)];
  gsize       list_n_values[G_N_ELEMENTS (list_columns)];
} RowStrings;

/* Reads them, and returns what they take packed, padding included. */
static gsize
read_row_strings (sqlite3_stmt *stmt,
                  RowStrings   *row)
{
  gsize size = 0;

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      row->texts[i] = mr_sqlite_column_text (stmt, text_columns[i].column);
      row->text_lengths[i] = sqlite3_column_bytes (stmt, text_columns[i].column);
      size += row->text_lengths[i] + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (list_columns); i++)
    {
      row->lists[i] = sqlite3_column_blob (stmt, list_columns[i].column);
      row->list_lengths[i] = sqlite3_column_bytes (stmt, list_columns[i].column);
      row->list_n_values[i] = count_values (row->lists[i], row->list_lengths[i]);
      /* + 1: a damaged last value gets its NUL. */
      size += sizeof (gpointer) - 1 + (row->list_n_values[i] + 1) * sizeof (char *) +
              row->list_lengths[i] + 1;
    }
  return size;
}

static char *
pack_text (const char  *text,
           gsize        length,
           char       **at)
{
  char *copy = *at;

  if (text == NULL)
    return NULL;
  memcpy (copy, text, length);
  copy[length] = '\0';
  *at += length + 1;
  return copy;
}

/* An empty list stays the record's own empty vector. */
static void
pack_list (const char  *data,
           gsize        length,
           gsize        n_values,
           char       **at,
           GStrv       *out_values)
{
  GStrv values;
  char *text;

  if (n_values == 0)
    return;
  *at = (char *) (((guintptr) *at + sizeof (gpointer) - 1) & ~(guintptr) (sizeof (gpointer) - 1));
  values = (GStrv) *at;
  text = *at + (n_values + 1) * sizeof (char *);
  memcpy (text, data, length);
  text[length] = '\0';
  for (gsize i = 0, offset = 0; i < n_values; offset += strlen (values[i++]) + 1)
    values[i] = text + offset;
  values[n_values] = NULL;
  *at = text + length + 1;
  *out_values = values;
}

static MrModelRecord *
summary_from_row (sqlite3_stmt *stmt,
                  Packer       *packer)
{
  RowStrings row;
  char *block;
  char *at = packer_reserve (packer, sizeof (MrModelRecord) + read_row_strings (stmt, &row),
                             &block);
  MrModelRecord *record = mr_model_record_new_summary (block, at);

  at += sizeof (MrModelRecord);

  for (guint i = 0; i < G_N_ELEMENTS (list_columns); i++)
    pack_list (row.lists[i], row.list_lengths[i], row.list_n_values[i], &at,
               &LIST_FIELD (record, i));
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    TEXT_FIELD (record, i) = pack_text (row.texts[i], row.text_lengths[i], &at);
  return record;
}

static MrModelRecord *
full_record_from_row (sqlite3_stmt *stmt)
{
  MrModelRecord *record = mr_model_record_new ();

  for (guint i = 0; i < G_N_ELEMENTS (list_columns); i++)
    {
      g_strfreev (LIST_FIELD (record, i));
      LIST_FIELD (record, i) = column_list (stmt, list_columns[i].column);
    }
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    TEXT_FIELD (record, i) = column_strdup (stmt, text_columns[i].column);
  return record;
}

/* packer is NULL for a full record. */
static MrModelRecord *
record_from_row (sqlite3_stmt *stmt,
                 Packer       *packer)
{
  MrModelRecord *record = packer != NULL ? summary_from_row (stmt, packer)
                                         : full_record_from_row (stmt);

  record->id = sqlite3_column_int64 (stmt, COL_ID);
  record->revision = sqlite3_column_int64 (stmt, COL_REVISION);
  record->source_kind = column_enum (stmt, COL_SOURCE_KIND, ENUM_SOURCE_KIND);
  record->deployment = column_enum (stmt, COL_DEPLOYMENT, ENUM_DEPLOYMENT);
  record->data_sensitivity = column_enum (stmt, COL_DATA_SENSITIVITY, ENUM_DATA_SENSITIVITY);
  record->status = column_enum (stmt, COL_STATUS, ENUM_STATUS);
  record->openness = column_enum (stmt, COL_OPENNESS, ENUM_OPENNESS);
  record->worst_flag = column_enum (stmt, COL_WORST_FLAG, ENUM_FLAG_SEVERITY);
  record->n_flags = sqlite3_column_int (stmt, COL_N_FLAGS);
  record->created_at = sqlite3_column_int64 (stmt, COL_CREATED_AT);
  record->updated_at = sqlite3_column_int64 (stmt, COL_UPDATED_AT);
  record->last_checked_at = sqlite3_column_int64 (stmt, COL_LAST_CHECKED_AT);
  return record;
}

static void
bind_record (MrSqliteStore       *self,
             sqlite3_stmt        *stmt,
             const MrModelRecord *record,
             guint                revision,
             gint64               created_at,
             gint64               updated_at)
{
  sqlite3_bind_int64 (stmt, COL_REVISION, revision);
  mr_sqlite_bind_text (stmt, COL_NAME, record->name);
  mr_sqlite_bind_text (stmt, COL_PROVIDER, record->provider);
  mr_sqlite_bind_text (stmt, COL_VERSION, record->version);
  mr_sqlite_bind_text (stmt, COL_SOURCE_KIND, enum_nick (ENUM_SOURCE_KIND, record->source_kind));
  mr_sqlite_bind_text (stmt, COL_SOURCE_REF, record->source_ref);
  mr_sqlite_bind_text (stmt, COL_SOURCE_REVISION, record->source_revision);
  mr_sqlite_bind_text (stmt, COL_OWNER, record->owner);
  mr_sqlite_bind_text (stmt, COL_DESCRIPTION, record->description);
  mr_sqlite_bind_text (stmt, COL_LICENSE, record->license);
  mr_sqlite_bind_text (stmt, COL_LICENSE_CODE, record->license_code);
  mr_sqlite_bind_text (stmt, COL_LICENSE_DATA, record->license_data);
  mr_sqlite_bind_text (stmt, COL_LICENSE_DOCUMENT, record->license_document);
  bind_list (stmt, COL_TAGS, record->tags, self->tags_buffer);
  bind_list (stmt, COL_INTENDED_USES, record->intended_uses, self->uses_buffer);
  mr_sqlite_bind_text (stmt, COL_DEPLOYMENT, enum_nick (ENUM_DEPLOYMENT, record->deployment));
  mr_sqlite_bind_text (stmt, COL_DATA_SENSITIVITY,
                       enum_nick (ENUM_DATA_SENSITIVITY, record->data_sensitivity));
  mr_sqlite_bind_text (stmt, COL_STATUS, enum_nick (ENUM_STATUS, record->status));
  mr_sqlite_bind_text (stmt, COL_OPENNESS, enum_nick (ENUM_OPENNESS, record->openness));
  mr_sqlite_bind_text (stmt, COL_WORST_FLAG, enum_nick (ENUM_FLAG_SEVERITY, record->worst_flag));
  sqlite3_bind_int (stmt, COL_N_FLAGS, record->n_flags);
  mr_sqlite_bind_text (stmt, COL_NOTES, record->notes);
  sqlite3_bind_int64 (stmt, COL_CREATED_AT, created_at);
  sqlite3_bind_int64 (stmt, COL_UPDATED_AT, updated_at);
  sqlite3_bind_int64 (stmt, COL_LAST_CHECKED_AT, record->last_checked_at);
  mr_sqlite_bind_text (stmt, COL_VENDOR_AGREEMENT, record->vendor_agreement);
}

static void
bind_range (sqlite3_stmt *stmt,
            gint64        first_id,
            gint64        last_id)
{
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
}

/* Advances *cursor through records (in id order) to the one with this id;
 * NULL when there is none (a child row of a deleted entry). */
static MrModelRecord *
find_record (GPtrArray *records,
             guint     *cursor,
             gint64     id)
{
  while (*cursor < records->len &&
         ((MrModelRecord *) g_ptr_array_index (records, *cursor))->id < id)
    (*cursor)++;
  if (*cursor < records->len &&
      ((MrModelRecord *) g_ptr_array_index (records, *cursor))->id == id)
    return g_ptr_array_index (records, *cursor);
  return NULL;
}

/* Only components that differ from the default have a row (see the
 * schema); the others keep what mr_model_record_new() put there. */
static gboolean
load_components (MrSqliteStore  *self,
                 GPtrArray      *records,
                 gint64          first_id,
                 gint64          last_id,
                 GError        **error)
{
  sqlite3_stmt *stmt = get_statement (self, STMT_SELECT_COMPONENTS, error);
  guint cursor = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_range (stmt, first_id, last_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MrModelRecord *record = find_record (records, &cursor, sqlite3_column_int64 (stmt, 0));
      MrComponent *component;
      int kind;

      if (record == NULL || !lookup_enum (stmt, 1, ENUM_COMPONENT_KIND, &kind))
        continue;
      component = &record->components[kind];
      mr_component_clear (component);
      component->availability = column_enum (stmt, 2, ENUM_AVAILABILITY);
      component->license = column_strdup (stmt, 3);
      component->link = column_strdup (stmt, 4);
      component->source = column_enum (stmt, 5, ENUM_EVIDENCE_SOURCE);
      component->verified = sqlite3_column_int (stmt, 6) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, self->db, rc, self->path, _("reading the components"));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
load_models (MrSqliteStore  *self,
             MrLoadDepth     depth,
             gint64          first_id,
             gint64          last_id,
             GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mr_model_record_unref);
  sqlite3_stmt *stmt = get_statement (self, STMT_SELECT_MODELS, error);
  Packer packer = { NULL, 0, 0 };
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_range (stmt, first_id, last_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt, depth == MR_LOAD_SUMMARY ? &packer : NULL));
  sqlite3_reset (stmt);
  packer_clear (&packer);
  if (rc != SQLITE_DONE)
    {
      mr_sqlite_set_error (error, self->db, rc, self->path, _("reading the register"));
      return NULL;
    }

  if (depth == MR_LOAD_FULL && !load_components (self, records, first_id, last_id, error))
    return NULL;
  return g_steal_pointer (&records);
}

static MrModelRecord *
load_model (MrSqliteStore  *self,
            gint64          id,
            GError        **error)
{
  g_autoptr(GPtrArray) records = load_models (self, MR_LOAD_FULL, id, id, error);

  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no model with id %" PRId64), self->path, id);
      return NULL;
    }
  return mr_model_record_ref (g_ptr_array_index (records, 0));
}

/* What mr_model_record_new() leaves in a component, and what a missing
 * row reads as. */
static gboolean
component_is_default (const MrComponent *component)
{
  return component->availability == MR_AVAILABILITY_UNKNOWN &&
         component->license == NULL &&
         component->link == NULL &&
         component->source == MR_EVIDENCE_SOURCE_PERSON &&
         !component->verified;
}

static gboolean
insert_components (MrSqliteStore        *self,
                   gint64                id,
                   const MrModelRecord  *record,
                   GError              **error)
{
  MrComponentKind kinds[MR_N_COMPONENTS];
  sqlite3_stmt *stmt;
  guint n_rows = 0;

  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    if (!component_is_default (&record->components[i]))
      kinds[n_rows++] = i;
  if (n_rows == 0)
    return TRUE;

  if ((stmt = get_insert_components (self, n_rows, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    {
      const MrComponent *component = &record->components[kinds[i]];
      int first = i * COMPONENT_N_PARAMS;

      sqlite3_bind_int64 (stmt, first + 1, id);
      mr_sqlite_bind_text (stmt, first + 2, enum_nick (ENUM_COMPONENT_KIND, kinds[i]));
      mr_sqlite_bind_text (stmt, first + 3, enum_nick (ENUM_AVAILABILITY, component->availability));
      mr_sqlite_bind_text (stmt, first + 4, component->license);
      mr_sqlite_bind_text (stmt, first + 5, component->link);
      mr_sqlite_bind_text (stmt, first + 6, enum_nick (ENUM_EVIDENCE_SOURCE, component->source));
      sqlite3_bind_int (stmt, first + 7, component->verified ? 1 : 0);
    }
  return run_statement (self, stmt, _("storing the components"), error);
}

/* An update first deletes every component row, so a component set back to
 * its default loses its row. */
static gboolean
replace_components (MrSqliteStore        *self,
                    gint64                id,
                    const MrModelRecord  *record,
                    GError              **error)
{
  sqlite3_stmt *stmt = get_statement (self, STMT_DELETE_COMPONENTS, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run_statement (self, stmt, _("replacing the components"), error) &&
         insert_components (self, id, record, error);
}

/* Returns the new id. */
static gint64
insert_model (MrSqliteStore        *self,
              const MrModelRecord  *record,
              gint64                now,
              GError              **error)
{
  sqlite3_stmt *stmt = get_statement (self, STMT_INSERT_MODEL, error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  bind_record (self, stmt, record, 1, record->created_at != 0 ? record->created_at : now, now);
  if (!run_statement (self, stmt, _("adding a model"), error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  if (!insert_components (self, id, record, error))
    return 0;
  return id;
}

static gboolean
update_model (MrSqliteStore        *self,
              const MrModelRecord  *record,
              const MrModelRecord  *stored,
              gint64                now,
              GError              **error)
{
  sqlite3_stmt *stmt = get_statement (self, STMT_UPDATE_MODEL, error);

  if (stmt == NULL)
    return FALSE;
  bind_record (self, stmt, record, stored->revision + 1, stored->created_at, now);
  sqlite3_bind_int64 (stmt, PARAM_ID, record->id);
  sqlite3_bind_int64 (stmt, PARAM_EXPECTED_REVISION, record->revision);
  if (!run_statement (self, stmt, _("saving a model"), error))
    return FALSE;
  /* stored was read in this transaction, so the entry exists: no row
   * changed means someone else saved it since the caller read it. */
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CONFLICT,
                   _("%s: model %" PRId64 " was changed by someone else"
                     " (now at revision %u, this edit started from revision %u)"),
                   self->path, record->id, stored->revision, record->revision);
      return FALSE;
    }
  return replace_components (self, record->id, record, error);
}

static gboolean
append_audit (MrSqliteStore        *self,
              gint64                now,
              const char           *actor,
              const char           *action,
              const char           *entity_type,
              gint64                entity_id,
              const MrModelRecord  *before,
              const MrModelRecord  *after,
              GError              **error)
{
  g_autofree char *before_json = before != NULL ? mr_model_record_to_json (before, FALSE) : NULL;
  g_autofree char *after_json = after != NULL ? mr_model_record_to_json (after, FALSE) : NULL;
  MrSqliteAuditEntry entry = {
    .time = now,
    .actor = actor,
    .action = action,
    .entity_type = entity_type,
    .entity_id = entity_id,
    .before_json = before_json,
    .after_json = after_json,
  };

  return mr_sqlite_audit_append (self->db, self->path, &entry, error);
}

static GPtrArray *
mr_sqlite_store_list_models (MrStore      *store,
                             MrLoadDepth   depth,
                             GError      **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return load_models (self, depth, 1, G_MAXINT64, error);
}

static MrModelRecord *
mr_sqlite_store_get_model (MrStore  *store,
                           gint64    id,
                           GError  **error)
{
  return load_model (MR_SQLITE_STORE (store), id, error);
}

/* update_action names an update in the audit trail ("update", or
 * "evidence change" for a refresh); an insert is always "create". */
static MrModelRecord *
save_in_transaction (MrSqliteStore  *self,
                     MrModelRecord  *record,
                     const char     *actor,
                     const char     *update_action,
                     GError        **error)
{
  g_autoptr(MrModelRecord) before = NULL;
  g_autoptr(MrModelRecord) after = NULL;
  gint64 now = now_seconds ();
  gint64 id = record->id;

  if (id == 0)
    id = insert_model (self, record, now, error);
  else if ((before = load_model (self, id, error)) == NULL ||
           !update_model (self, record, before, now, error))
    id = 0;
  if (id == 0)
    return NULL;

  after = load_model (self, id, error);
  if (after == NULL ||
      !append_audit (self, now, actor, before != NULL ? update_action : "create", "model", id,
                     before, after, error))
    return NULL;
  return g_steal_pointer (&after);
}

static MrModelRecord *
mr_sqlite_store_save_model (MrStore        *store,
                            MrModelRecord  *record,
                            const char     *actor,
                            GError        **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autoptr(MrModelRecord) guarded = NULL;
  g_autoptr(MrModelRecord) saved = NULL;
  MrStatus stored = MR_STATUS_DRAFT;

  if (!begin (self, error))
    return NULL;
  /* Statuses change through the workflow only (mr-sqlite-approvals.c). */
  if (record->id == 0)
    guarded = mr_model_record_ref (record);
  else
    guarded = mr_sqlite_approvals_guard_edit (self->db, self->path, record, &stored, error);
  if (guarded != NULL)
    saved = save_in_transaction (self, guarded, actor, "update", error);
  if (!end (self,
            saved != NULL &&
            mr_sqlite_approvals_after_edit (self->db, self->path, stored, saved, actor,
                                            mr_framework_get_name (mr_store_get_framework (store)),
                                            saved->updated_at /* the save's time */, error),
            error))
    return NULL;
  return g_steal_pointer (&saved);
}

static MrModelRecord *
delete_in_transaction (MrSqliteStore  *self,
                       gint64          id,
                       const char     *actor,
                       GError        **error)
{
  g_autoptr(MrModelRecord) before = load_model (self, id, error);
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();

  if (before == NULL || (stmt = get_statement (self, STMT_DELETE_MODEL, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!run_statement (self, stmt, _("deleting a model"), error) ||
      !append_audit (self, now, actor, "delete", "model", id, before, NULL, error))
    return NULL;
  return g_steal_pointer (&before);
}

static MrModelRecord *
mr_sqlite_store_delete_model (MrStore     *store,
                              gint64       id,
                              const char  *actor,
                              GError     **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autoptr(MrModelRecord) deleted = NULL;

  if (!begin (self, error))
    return NULL;
  deleted = delete_in_transaction (self, id, actor, error);
  if (!end (self, deleted != NULL, error))
    return NULL;
  return g_steal_pointer (&deleted);
}

/* The stored revision of a deleted entry; FALSE with an error when the id
 * is unknown or the entry is live. */
static gboolean
get_deleted_revision (MrSqliteStore  *self,
                      gint64          id,
                      guint          *out_revision,
                      GError        **error)
{
  sqlite3_stmt *stmt = get_statement (self, STMT_SELECT_STATE, error);
  gboolean exists;
  gboolean deleted;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  *out_revision = exists ? sqlite3_column_int64 (stmt, 0) : 0;
  deleted = exists && sqlite3_column_int (stmt, 1) != 0;
  sqlite3_reset (stmt);

  if (!exists)
    g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_FOUND,
                 _("%s: there never was a model with id %" PRId64 " to restore"),
                 self->path, id);
  else if (!deleted)
    g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CONFLICT,
                 _("%s: model %" PRId64 " is not deleted"), self->path, id);
  return exists && deleted;
}

static MrModelRecord *
restore_in_transaction (MrSqliteStore  *self,
                        MrModelRecord  *record,
                        const char     *actor,
                        GError        **error)
{
  g_autoptr(MrModelRecord) after = NULL;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  guint revision;

  if (!get_deleted_revision (self, record->id, &revision, error) ||
      (stmt = get_statement (self, STMT_RESTORE_MODEL, error)) == NULL)
    return NULL;
  bind_record (self, stmt, record, revision + 1, record->created_at, now);
  sqlite3_bind_int64 (stmt, PARAM_ID, record->id);
  if (!run_statement (self, stmt, _("restoring a model"), error) ||
      !replace_components (self, record->id, record, error))
    return NULL;

  after = load_model (self, record->id, error);
  if (after == NULL ||
      !append_audit (self, now, actor, "restore", "model", record->id, NULL, after, error))
    return NULL;
  return g_steal_pointer (&after);
}

static MrModelRecord *
mr_sqlite_store_restore_model (MrStore        *store,
                               MrModelRecord  *record,
                               const char     *actor,
                               GError        **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autoptr(MrModelRecord) restored = NULL;

  if (!begin (self, error))
    return NULL;
  restored = restore_in_transaction (self, record, actor, error);
  if (!end (self, restored != NULL, error))
    return NULL;
  return g_steal_pointer (&restored);
}

static char *
import_summary_json (const char *origin,
                     guint       count,
                     gint64      first_id,
                     gint64      last_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "origin");
  json_builder_add_string_value (builder, origin);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count);
  json_builder_set_member_name (builder, "first_id");
  json_builder_add_int_value (builder, first_id);
  json_builder_set_member_name (builder, "last_id");
  json_builder_add_int_value (builder, last_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
import_in_transaction (MrSqliteStore   *self,
                       GPtrArray       *records,
                       const char      *actor,
                       const char      *origin,
                       MrProgressFunc   progress,
                       gpointer         progress_data,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autofree char *summary = NULL;
  gint64 now = now_seconds ();
  gint64 first_id = 0;
  gint64 last_id = 0;
  MrSqliteAuditEntry entry = {
    .time = now,
    .actor = actor,
    .action = "import",
    .entity_type = "import",
  };

  for (guint i = 0; i < records->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && i % PROGRESS_INTERVAL == 0)
        progress ((double) i / records->len, progress_data);
      last_id = insert_model (self, g_ptr_array_index (records, i), now, error);
      if (last_id == 0)
        {
          /* Translators: a file name and the number of an entry in it */
          g_prefix_error (error, _("%s: entry %u: "), origin, i + 1);
          return FALSE;
        }
      if (first_id == 0)
        first_id = last_id;
    }

  /* One entry for the whole import: the file is the evidence of what came
   * in, and 100,000 snapshots would double the size of the register. */
  summary = import_summary_json (origin, records->len, first_id, last_id);
  entry.after_json = summary;
  if (!mr_sqlite_audit_append (self->db, self->path, &entry, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/* A 64 MB page cache (SQLite's default is 2 MB) lets an import of 100,000
 * entries, or re-evaluating as many, build its B-trees in memory instead of
 * spilling pages to the WAL over and over.  Kept all the time, it would
 * hold on to every page that listing the register read.  The size is only
 * a hint: were it refused, the write would merely be slower. */
static void
set_bulk_cache (MrSqliteStore *self,
                gboolean       bulk)
{
  sqlite3_exec (self->db, bulk ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000",
                NULL, NULL, NULL);
}

static gboolean
mr_sqlite_store_import_models (MrStore         *store,
                               GPtrArray       *records,
                               const char      *actor,
                               const char      *origin,
                               MrProgressFunc   progress,
                               gpointer         progress_data,
                               GCancellable    *cancellable,
                               GError         **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  gboolean ok;

  if (!begin (self, error))
    return FALSE;
  set_bulk_cache (self, TRUE);
  ok = end (self, import_in_transaction (self, records, actor, origin, progress, progress_data,
                                        cancellable, error), error);
  set_bulk_cache (self, FALSE);
  return ok;
}

static guint
mr_sqlite_store_count_models (MrStore  *store,
                              GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  sqlite3_stmt *stmt = get_statement (self, STMT_COUNT_MODELS, error);
  guint count = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    mr_sqlite_set_error (error, self->db, rc, self->path, _("counting the models"));
  sqlite3_reset (stmt);
  return count;
}

static int
interrupt_if_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static gboolean
mr_sqlite_store_check_integrity (MrStore       *store,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* A check of a large register takes seconds; cancelling it (the window
   * closes) interrupts it between two steps of the virtual machine. */
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 10000, interrupt_if_cancelled, cancellable);
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (g_strcmp0 (mr_sqlite_column_text (stmt, 0), "ok") != 0)
        problem = column_strdup (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_OK)
    {
      mr_sqlite_set_error (error, self->db, rc, self->path, _("checking the register"));
      return FALSE;
    }
  if (problem != NULL)
    {
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), self->path, problem);
      return FALSE;
    }
  return TRUE;
}

static char *
reevaluation_summary_json (MrFramework *framework,
                           guint        n_evaluated,
                           guint        n_changed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, "framework change re-evaluation");
  json_builder_set_member_name (builder, "framework");
  json_builder_add_string_value (builder, mr_framework_get_name (framework));
  json_builder_set_member_name (builder, "evaluated");
  json_builder_add_int_value (builder, n_evaluated);
  json_builder_set_member_name (builder, "changed");
  json_builder_add_int_value (builder, n_changed);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
update_policy_columns (MrSqliteStore        *self,
                       const MrModelRecord  *record,
                       GError              **error)
{
  sqlite3_stmt *stmt = get_statement (self, STMT_UPDATE_POLICY, error);

  if (stmt == NULL)
    return FALSE;
  mr_sqlite_bind_text (stmt, 1, enum_nick (ENUM_OPENNESS, record->openness));
  mr_sqlite_bind_text (stmt, 2, enum_nick (ENUM_FLAG_SEVERITY, record->worst_flag));
  sqlite3_bind_int (stmt, 3, record->n_flags);
  sqlite3_bind_int64 (stmt, 4, record->id);
  return run_statement (self, stmt, _("re-evaluating a model"), error);
}

/* A workflow step on an entry read in this transaction. */
static gboolean
act_in_transaction (MrSqliteStore          *self,
                    const MrModelRecord    *entry,
                    MrWorkflowAction        action,
                    const MrWorkflowInput  *input,
                    const char             *actor,
                    GError                **error)
{
  MrFramework *framework = mr_store_get_framework (MR_STORE (self));
  g_autofree char *framework_label = mr_framework_dup_label (framework);
  gint64 now = now_seconds ();

  return mr_sqlite_approvals_act (self->db, self->path, entry, action, input, actor,
                                  framework_label, now,
                                  mr_workflow_next_review (entry, framework, now), error);
}

/* An approval given under the old framework does not cover flags that only
 * the new one raises. */
static gboolean
rereview_if_worse (MrSqliteStore        *self,
                   const MrModelRecord  *record,
                   MrFramework          *framework,
                   MrFlagSeverity        old_worst,
                   guint                 old_n_flags,
                   GError              **error)
{
  g_autofree char *reason = NULL;
  MrWorkflowInput input = { 0 };

  if (!mr_workflow_is_approved (record->status) ||
      !mr_workflow_flags_got_worse (old_worst, old_n_flags, record->worst_flag, record->n_flags))
    return TRUE;
  reason = mr_sqlite_approvals_framework_reason (mr_framework_get_name (framework),
                                                 old_worst, old_n_flags, record);
  input.comment = reason;
  return act_in_transaction (self, record, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW, &input,
                             "system", error);
}

/* Stamps the entries with ids in [first_id, last_id]; counts them and the
 * ones whose columns changed. */
static gboolean
reevaluate_range (MrSqliteStore  *self,
                  MrFramework    *framework,
                  gint64          first_id,
                  gint64          last_id,
                  guint          *inout_n_evaluated,
                  guint          *inout_n_changed,
                  GError        **error)
{
  g_autoptr(GPtrArray) records = load_models (self, MR_LOAD_FULL, first_id, last_id, error);
  g_autoptr(GHashTable) outcomes = NULL;
  g_autoptr(GHashTable) gated = NULL;

  if (records == NULL ||
      (outcomes = mr_sqlite_checks_inference_outcomes (self->db, self->path, first_id, last_id,
                                                       error)) == NULL ||
      (gated = mr_sqlite_snapshots_gated_ids (self->db, self->path, first_id, last_id,
                                              error)) == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      /* Loaded here and not shared, so stamped in place. */
      MrModelRecord *record = g_ptr_array_index (records, i);
      MrOpenness openness = record->openness;
      MrFlagSeverity worst_flag = record->worst_flag;
      guint n_flags = record->n_flags;
      MrPolicyInputs inputs = {
        .gated = g_hash_table_contains (gated, &record->id),
        .inference_check = GPOINTER_TO_INT (g_hash_table_lookup (outcomes, &record->id)),
      };

      mr_policy_stamp_record (record, framework, &inputs);
      if (record->openness == openness && record->worst_flag == worst_flag &&
          record->n_flags == n_flags)
        continue;
      if (!update_policy_columns (self, record, error) ||
          !rereview_if_worse (self, record, framework, worst_flag, n_flags, error))
        return FALSE;
      (*inout_n_changed)++;
    }
  *inout_n_evaluated += records->len;
  return TRUE;
}

static gboolean
reevaluate_in_transaction (MrSqliteStore  *self,
                           MrFramework    *framework,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autofree char *summary = NULL;
  guint n_evaluated = 0;
  guint n_changed = 0;
  gint64 max_id = 0;
  /* The framework change that causes this is the person's action, recorded
   * where it is made; this entry records its consequence. */
  MrSqliteAuditEntry entry = {
    .time = now_seconds (),
    .actor = "system",
    .action = "reevaluate",
    .entity_type = "framework",
  };

  if (!mr_sqlite_query_int64 (self->db, self->path, "SELECT coalesce (max (id), 0) FROM models",
                              &max_id, error))
    return FALSE;
  /* A slice at a time keeps the full records of 100,000 entries, which the
   * evaluation needs, out of memory all at once. */
  for (gint64 first_id = 1; first_id <= max_id; first_id += REEVALUATE_SLICE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !reevaluate_range (self, framework, first_id, first_id + REEVALUATE_SLICE - 1,
                             &n_evaluated, &n_changed, error))
        return FALSE;
    }

  summary = reevaluation_summary_json (framework, n_evaluated, n_changed);
  entry.after_json = summary;
  return mr_sqlite_audit_append (self->db, self->path, &entry, error);
}

static gboolean
mr_sqlite_store_reevaluate_all (MrStore       *store,
                                MrFramework   *framework,
                                GCancellable  *cancellable,
                                GError       **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  gboolean ok;

  if (!begin (self, error))
    return FALSE;
  set_bulk_cache (self, TRUE);
  ok = end (self, reevaluate_in_transaction (self, framework, cancellable, error), error);
  set_bulk_cache (self, FALSE);
  return ok;
}

/* A refresh updates the evidence, not the approval: the status stays the
 * stored one (a decision taken since the refresh read the entry does not
 * change its revision, so only this read sees it). */
static MrModelRecord *
keep_stored_status (MrSqliteStore  *self,
                    MrModelRecord  *record,
                    GError        **error)
{
  g_autoptr(MrModelRecord) stored = NULL;
  MrModelRecord *kept;

  if (record->id == 0)
    return mr_model_record_ref (record);
  stored = load_model (self, record->id, error);
  if (stored == NULL)
    return NULL;
  if (stored->status == record->status)
    return mr_model_record_ref (record);
  kept = mr_model_record_copy (record);
  kept->status = stored->status;
  return kept;
}

static MrModelRecord *
save_with_snapshot_in_transaction (MrSqliteStore  *self,
                                   MrModelRecord  *record,
                                   MrSnapshot     *snapshot,
                                   const char     *rereview_reason,
                                   const char     *actor,
                                   GError        **error)
{
  g_autoptr(MrModelRecord) kept = keep_stored_status (self, record, error);
  g_autoptr(MrModelRecord) saved = NULL;
  MrWorkflowInput input = { .comment = rereview_reason };

  if (kept == NULL ||
      (saved = save_in_transaction (self, kept, actor, "evidence change", error)) == NULL ||
      mr_sqlite_snapshots_insert (self->db, self->path, saved->id, snapshot, error) == 0)
    return NULL;
  if (rereview_reason == NULL || !mr_workflow_is_approved (saved->status))
    return g_steal_pointer (&saved);
  if (!act_in_transaction (self, saved, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW, &input, actor,
                           error))
    return NULL;
  return load_model (self, saved->id, error);
}

static MrModelRecord *
mr_sqlite_store_save_with_snapshot (MrStore        *store,
                                    MrModelRecord  *record,
                                    MrSnapshot     *snapshot,
                                    const char     *rereview_reason,
                                    const char     *actor,
                                    GError        **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autoptr(MrModelRecord) saved = NULL;

  if (!begin (self, error))
    return NULL;
  saved = save_with_snapshot_in_transaction (self, record, snapshot, rereview_reason, actor,
                                             error);
  if (!end (self, saved != NULL, error))
    return NULL;
  return g_steal_pointer (&saved);
}

static gint64
mr_sqlite_store_add_snapshot (MrStore     *store,
                              gint64       model_id,
                              MrSnapshot  *snapshot,
                              GError     **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return mr_sqlite_snapshots_insert (self->db, self->path, model_id, snapshot, error);
}

static GPtrArray *
mr_sqlite_store_list_snapshots (MrStore  *store,
                                gint64    model_id,
                                GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return mr_sqlite_snapshots_list (self->db, self->path, model_id, FALSE, error);
}

static gboolean
mr_sqlite_store_get_latest_snapshot (MrStore     *store,
                                     gint64       model_id,
                                     MrSnapshot **out_snapshot,
                                     GError     **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autoptr(GPtrArray) latest = mr_sqlite_snapshots_list (self->db, self->path, model_id, TRUE,
                                                          error);

  if (latest == NULL)
    return FALSE;
  *out_snapshot = latest->len > 0 ? mr_snapshot_ref (g_ptr_array_index (latest, 0)) : NULL;
  return TRUE;
}

static MrModelRecord *
act_on_stored (MrSqliteStore          *self,
               gint64                  id,
               MrWorkflowAction        action,
               const MrWorkflowInput  *input,
               const char             *actor,
               GError                **error)
{
  g_autoptr(MrModelRecord) entry = load_model (self, id, error);
  g_autoptr(MrModelRecord) proposal = NULL;
  g_autoptr(MrModelRecord) submitted = NULL;

  if (entry == NULL)
    return NULL;
  if (action == MR_WORKFLOW_ACTION_SUBMIT)
    {
      /* A submission first saves the uses, owner, deployment and data
       * sensitivity it names, so that the request is for a revision that
       * has them. */
      proposal = mr_workflow_propose_submission (entry, input,
                                                 mr_store_get_framework (MR_STORE (self)));
      if (mr_model_record_same_content (proposal, entry))
        submitted = mr_model_record_ref (entry);
      else
        submitted = save_in_transaction (self, proposal, actor, "update", error);
      if (submitted == NULL)
        return NULL;
      g_clear_pointer (&entry, mr_model_record_unref);
      entry = g_steal_pointer (&submitted);
    }
  if (!act_in_transaction (self, entry, action, input, actor, error))
    return NULL;
  return load_model (self, id, error);
}

static MrModelRecord *
mr_sqlite_store_act (MrStore                *store,
                     gint64                  id,
                     MrWorkflowAction        action,
                     const MrWorkflowInput  *input,
                     const char             *actor,
                     GError                **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  g_autoptr(MrModelRecord) result = NULL;

  if (!begin (self, error))
    return NULL;
  result = act_on_stored (self, id, action, input, actor, error);
  if (!end (self, result != NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

static gboolean
mark_overdue_in_transaction (MrSqliteStore  *self,
                             gint64          now,
                             guint          *out_n_marked,
                             GError        **error)
{
  g_autoptr(GArray) ids = mr_sqlite_approvals_list_overdue (self->db, self->path, now, error);
  g_autofree char *reason = NULL;
  MrWorkflowInput input = { 0 };

  if (ids == NULL)
    return FALSE;
  reason = mr_sqlite_approvals_overdue_reason (now);
  input.comment = reason;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MrModelRecord) entry = load_model (self, g_array_index (ids, gint64, i), error);

      if (entry == NULL ||
          !act_in_transaction (self, entry, MR_WORKFLOW_ACTION_REQUIRE_REREVIEW, &input,
                               "system", error))
        return FALSE;
    }
  if (out_n_marked != NULL)
    *out_n_marked = ids->len;
  return TRUE;
}

static gboolean
mr_sqlite_store_mark_overdue (MrStore  *store,
                              gint64    now,
                              guint    *out_n_marked,
                              GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  if (!begin (self, error))
    return FALSE;
  return end (self, mark_overdue_in_transaction (self, now, out_n_marked, error), error);
}

static GPtrArray *
mr_sqlite_store_list_approvals (MrStore  *store,
                                gint64    model_id,
                                GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return mr_sqlite_approvals_list (self->db, self->path, model_id, error);
}

static gboolean
mr_sqlite_store_verify_audit (MrStore  *store,
                              guint    *out_n_entries,
                              gint64   *out_first_bad_seq,
                              GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return mr_sqlite_audit_check (self->db, self->path, out_n_entries, out_first_bad_seq, error);
}

static GPtrArray *
mr_sqlite_store_list_audit (MrStore  *store,
                            gint64    model_id,
                            gint64    since,
                            gint64    until,
                            GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return mr_sqlite_audit_list (self->db, self->path, model_id, since, until, error);
}

static gboolean
policy_inputs_of (MrSqliteStore   *self,
                  gint64           model_id,
                  MrPolicyInputs  *out_inputs,
                  GError         **error)
{
  g_autoptr(GHashTable) gated = mr_sqlite_snapshots_gated_ids (self->db, self->path,
                                                               model_id, model_id, error);

  *out_inputs = (MrPolicyInputs) { .inference_check = MR_INFERENCE_CHECK_NOT_RUN };
  if (gated == NULL)
    return FALSE;
  out_inputs->gated = g_hash_table_contains (gated, &model_id);
  return mr_sqlite_checks_inference_outcome (self->db, self->path, model_id,
                                             &out_inputs->inference_check, error);
}

/* The policy columns follow the new outcome in the same transaction, as
 * reevaluate_range() would set them. */
static gint64
add_check_in_transaction (MrSqliteStore        *self,
                          const MrCheckRecord  *check,
                          GError              **error)
{
  g_autoptr(MrModelRecord) record = NULL;
  MrPolicyInputs inputs;
  gint64 id = mr_sqlite_checks_insert (self->db, self->path, check, error);

  if (id == 0 || !mr_check_kind_is_inference (check->kind))
    return id;
  if (!policy_inputs_of (self, check->model_id, &inputs, error) ||
      (record = load_model (self, check->model_id, error)) == NULL)
    return 0;
  mr_policy_stamp_record (record, mr_store_get_framework (MR_STORE (self)), &inputs);
  if (!update_policy_columns (self, record, error))
    return 0;
  return id;
}

static gint64
mr_sqlite_store_add_check (MrStore              *store,
                           const MrCheckRecord  *check,
                           GError              **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);
  gint64 id;

  if (!begin (self, error))
    return 0;
  id = add_check_in_transaction (self, check, error);
  return end (self, id != 0, error) ? id : 0;
}

static GPtrArray *
mr_sqlite_store_list_checks (MrStore  *store,
                             gint64    model_id,
                             GError  **error)
{
  MrSqliteStore *self = MR_SQLITE_STORE (store);

  return mr_sqlite_checks_list (self->db, self->path, model_id, error);
}

static gboolean
mr_sqlite_store_get_policy_inputs (MrStore         *store,
                                   gint64           model_id,
                                   MrPolicyInputs  *out_inputs,
                                   GError         **error)
{
  return policy_inputs_of (MR_SQLITE_STORE (store), model_id, out_inputs, error);
}

static void
mr_sqlite_store_finalize (GObject *object)
{
  MrSqliteStore *self = MR_SQLITE_STORE (object);

  for (guint i = 0; i < N_STATEMENTS; i++)
    sqlite3_finalize (self->statements[i]);
  for (guint i = 0; i < MR_N_COMPONENTS; i++)
    sqlite3_finalize (self->insert_components[i]);
  g_byte_array_unref (self->tags_buffer);
  g_byte_array_unref (self->uses_buffer);
  /* The last connection to close checkpoints the WAL into the file. */
  sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (mr_sqlite_store_parent_class)->finalize (object);
}

static void
mr_sqlite_store_class_init (MrSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GType enum_types[N_ENUMS] = {
    [ENUM_SOURCE_KIND] = MR_TYPE_SOURCE_KIND,
    [ENUM_DEPLOYMENT] = MR_TYPE_DEPLOYMENT,
    [ENUM_DATA_SENSITIVITY] = MR_TYPE_DATA_SENSITIVITY,
    [ENUM_STATUS] = MR_TYPE_STATUS,
    [ENUM_OPENNESS] = MR_TYPE_OPENNESS,
    [ENUM_FLAG_SEVERITY] = MR_TYPE_FLAG_SEVERITY,
    [ENUM_COMPONENT_KIND] = MR_TYPE_COMPONENT_KIND,
    [ENUM_AVAILABILITY] = MR_TYPE_AVAILABILITY,
    [ENUM_EVIDENCE_SOURCE] = MR_TYPE_EVIDENCE_SOURCE,
  };

  object_class->finalize = mr_sqlite_store_finalize;

  /* Enum classes are never finalised; these references are never dropped. */
  for (guint i = 0; i < N_ENUMS; i++)
    enum_classes[i] = g_type_class_ref (enum_types[i]);
}

static void
mr_sqlite_store_init (MrSqliteStore *self)
{
  self->tags_buffer = g_byte_array_new ();
  self->uses_buffer = g_byte_array_new ();
}

static void
mr_sqlite_store_iface_init (MrStoreInterface *iface)
{
  iface->list_models = mr_sqlite_store_list_models;
  iface->get_model = mr_sqlite_store_get_model;
  iface->save_model = mr_sqlite_store_save_model;
  iface->delete_model = mr_sqlite_store_delete_model;
  iface->restore_model = mr_sqlite_store_restore_model;
  iface->import_models = mr_sqlite_store_import_models;
  iface->count_models = mr_sqlite_store_count_models;
  iface->check_integrity = mr_sqlite_store_check_integrity;
  iface->reevaluate_all = mr_sqlite_store_reevaluate_all;
  iface->save_with_snapshot = mr_sqlite_store_save_with_snapshot;
  iface->add_snapshot = mr_sqlite_store_add_snapshot;
  iface->list_snapshots = mr_sqlite_store_list_snapshots;
  iface->get_latest_snapshot = mr_sqlite_store_get_latest_snapshot;
  iface->act = mr_sqlite_store_act;
  iface->mark_overdue = mr_sqlite_store_mark_overdue;
  iface->list_approvals = mr_sqlite_store_list_approvals;
  iface->verify_audit = mr_sqlite_store_verify_audit;
  iface->list_audit = mr_sqlite_store_list_audit;
  iface->add_check = mr_sqlite_store_add_check;
  iface->list_checks = mr_sqlite_store_list_checks;
  iface->get_policy_inputs = mr_sqlite_store_get_policy_inputs;
}

/* Refuses, without opening it through SQLite, a file that is not an SQLite
 * database at all, so that it is certainly left as it was. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gsize n_read;

  if (file == NULL)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_READ_ONLY,
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = fread (header, 1, sizeof header, file);
  fclose (file);

  /* An empty file is a new register (SQLite treats it so too). */
  if (n_read == 0 || (n_read == sizeof header && memcmp (header, magic, sizeof magic) == 0))
    return TRUE;
  g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_NOT_A_DATABASE,
               _("%s is not a model register (not an SQLite database)"), path);
  return FALSE;
}

static gboolean
configure_connection (MrSqliteStore  *self,
                      GError        **error)
{
  const MrSqliteMigration *migrations;
  guint n_migrations;

  migrations = mr_sqlite_schema_get_migrations (&n_migrations);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, TRUE);

  /* Identity is checked before anything writes to the file (switching to
   * WAL does), so a refused file stays untouched.  Reading the schema is the
   * only integrity check here: PRAGMA quick_check reads every page, which
   * takes longer than listing the register, so it is left to
   * mr_store_check_integrity() in the background; damage that a query meets
   * first fails that query with MR_STORE_ERROR_CORRUPT.
   *
   * synchronous=NORMAL in WAL mode never corrupts the register: a crash or
   * a kill leaves it at its last committed transaction.  Only a power cut
   * can lose the transactions committed since the last checkpoint, which
   * is the price of importing 100,000 rows without an fsync per commit.
   * The page cache stays at SQLite's 2 MB outside bulk writes (see
   * set_bulk_cache()).  An INSERT of several component rows keeps a statement
   * journal (to undo a half-done statement); in memory it costs a copy,
   * in a temporary file a write per entry. */
  return mr_sqlite_schema_migrate (self->db, self->path, migrations, n_migrations, error) &&
         mr_sqlite_exec (self->db, self->path,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;",
                         error);
}

MrStore *
mr_sqlite_store_open (const char  *path,
                      GError     **error)
{
  g_autoptr(MrSqliteStore) self = NULL;
  g_autofree char *folder = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header (path, error))
    return NULL;
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MR_STORE_ERROR, MR_STORE_ERROR_READ_ONLY,
                   _("Cannot create the folder %s: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (MR_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      mr_sqlite_set_error (error, self->db, rc, path, _("opening the register"));
      return NULL;
    }
  if (!configure_connection (self, error))
    return NULL;
  return MR_STORE (g_steal_pointer (&self));
}

const char *
mr_sqlite_store_get_path (MrSqliteStore *self)
{
  g_return_val_if_fail (MR_IS_SQLITE_STORE (self), NULL);

  return self->path;
}

int
mr_sqlite_store_schema_version (void)
{
  const MrSqliteMigration *migrations;
  guint n_migrations;

  migrations = mr_sqlite_schema_get_migrations (&n_migrations);
  return migrations[n_migrations - 1].version;
}

char *
mr_sqlite_store_resolve_path (const char *explicit_path)
{
  const char *from_env = g_getenv ("MODEL_REGISTER_DATABASE");

  if (explicit_path != NULL && *explicit_path != '\0')
    return g_strdup (explicit_path);
  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);
  return g_build_filename (g_get_user_data_dir (), "model-register", "register.db", NULL);
}
