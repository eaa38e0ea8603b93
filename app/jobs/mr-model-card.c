/* mr-model-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mr-model-card"

#include "config.h"

#include <glib/gi18n.h>
#include <yaml.h>

#include "mr-error.h"
#include "mr-model-card.h"

/* Bounds every list the card keeps (tags, datasets, links, …). */
#define MAX_VALUES 256

G_DEFINE_BOXED_TYPE (MrModelCard, mr_model_card, mr_model_card_ref, mr_model_card_unref)

MrModelCard *
mr_model_card_ref (MrModelCard *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mr_model_card_unref (MrModelCard *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_strfreev (self->licenses);
  g_free (self->license_name);
  g_free (self->license_link);
  g_strfreev (self->datasets);
  g_strfreev (self->tags);
  g_strfreev (self->base_models);
  g_strfreev (self->paper_links);
  g_strfreev (self->training_code_links);
  g_free (self);
}

/* Collects the card while it is built; the GStrv fields are filled at the
 * end so that a half-parsed card never escapes. */
typedef struct {
  GPtrArray *licenses;
  char      *license_name;
  char      *license_link;
  GPtrArray *datasets;
  GPtrArray *tags;
  GPtrArray *base_models;
  gboolean   has_model_index;
  GPtrArray *paper_links;
  GPtrArray *code_links;
} CardBuilder;

static void
card_builder_init (CardBuilder *b)
{
  memset (b, 0, sizeof *b);
  b->licenses = g_ptr_array_new_with_free_func (g_free);
  b->datasets = g_ptr_array_new_with_free_func (g_free);
  b->tags = g_ptr_array_new_with_free_func (g_free);
  b->base_models = g_ptr_array_new_with_free_func (g_free);
  b->paper_links = g_ptr_array_new_with_free_func (g_free);
  b->code_links = g_ptr_array_new_with_free_func (g_free);
}

static GStrv
steal_strv (GPtrArray **array)
{
  g_ptr_array_add (*array, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (array), FALSE);
}

static MrModelCard *
card_builder_end (CardBuilder *b)
{
  MrModelCard *self = g_new0 (MrModelCard, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->licenses = steal_strv (&b->licenses);
  self->license_name = g_steal_pointer (&b->license_name);
  self->license_link = g_steal_pointer (&b->license_link);
  self->datasets = steal_strv (&b->datasets);
  self->tags = steal_strv (&b->tags);
  self->base_models = steal_strv (&b->base_models);
  self->has_model_index = b->has_model_index;
  self->paper_links = steal_strv (&b->paper_links);
  self->training_code_links = steal_strv (&b->code_links);
  return self;
}

static void
card_builder_clear (CardBuilder *b)
{
  g_clear_pointer (&b->licenses, g_ptr_array_unref);
  g_clear_pointer (&b->license_name, g_free);
  g_clear_pointer (&b->license_link, g_free);
  g_clear_pointer (&b->datasets, g_ptr_array_unref);
  g_clear_pointer (&b->tags, g_ptr_array_unref);
  g_clear_pointer (&b->base_models, g_ptr_array_unref);
  g_clear_pointer (&b->paper_links, g_ptr_array_unref);
  g_clear_pointer (&b->code_links, g_ptr_array_unref);
}

static void
add_unique (GPtrArray  *array,
            const char *value)
{
  if (array->len >= MAX_VALUES || value == NULL || *value == '\0')
    return;
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return;
  g_ptr_array_add (array, g_strdup (value));
}

/* One top-level key with its scalar values (a scalar, or a list of them). */
static void
card_builder_set (CardBuilder *b,
                  const char  *key,
                  GPtrArray   *values,
                  gboolean     non_empty)
{
  GPtrArray *target = NULL;
  const char *first = values->len > 0 ? g_ptr_array_index (values, 0) : NULL;

  if (g_str_equal (key, "model-index"))
    b->has_model_index = non_empty;
  else if (g_str_equal (key, "license_name"))
    {
      g_free (b->license_name);
      b->license_name = g_strdup (first);
    }
  else if (g_str_equal (key, "license_link"))
    {
      g_free (b->license_link);
      b->license_link = g_strdup (first);
    }
  else if (g_str_equal (key, "license"))
    target = b->licenses;
  else if (g_str_equal (key, "datasets"))
    target = b->datasets;
  else if (g_str_equal (key, "tags"))
    target = b->tags;
  else if (g_str_equal (key, "base_model"))
    target = b->base_models;
  for (guint i = 0; target != NULL && i < values->len; i++)
    add_unique (target, g_ptr_array_index (values, i));
}

static gboolean
is_yaml_null (const yaml_event_t *event)
{
  const char *v = (const char *) event->data.scalar.value;

  return event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
         && (*v == '\0' || g_str_equal (v, "~") || g_ascii_strcasecmp (v, "null") == 0);
}

typedef struct {
  CardBuilder *b;
  int          depth;          /* 1 = inside the top-level mapping */
  char        *key;            /* top-level key whose value is being read */
  GPtrArray   *values;
  gboolean     value_non_empty;
  gboolean     top_is_mapping;
} YamlWalk;

static void
walk_commit (YamlWalk *w)
{
  if (w->key != NULL)
    card_builder_set (w->b, w->key, w->values, w->value_non_empty);
  g_clear_pointer (&w->key, g_free);
  g_ptr_array_set_size (w->values, 0);
  w->value_non_empty = FALSE;
}

static void
walk_scalar (YamlWalk     *w,
             yaml_event_t *event)
{
  gboolean null = event->type == YAML_ALIAS_EVENT || is_yaml_null (event);
  const char *text = event->type == YAML_SCALAR_EVENT
                     ? (const char *) event->data.scalar.value : NULL;

  if (w->depth == 1 && w->key == NULL)
    w->key = g_strdup (text != NULL ? text : "");
  else if (w->depth == 1)
    {
      if (!null)
        g_ptr_array_add (w->values, g_strdup (text));
      w->value_non_empty = !null;
      walk_commit (w);
    }
  else if (w->depth == 2 && w->key != NULL && !null)
    {
      /* Items of a list value; deeper nodes only count as "non-empty". */
      g_ptr_array_add (w->values, g_strdup (text));
      w->value_non_empty = TRUE;
    }
  else if (!null)
    w->value_non_empty = TRUE;
}

/* Returns FALSE and sets error when the events break a limit. */
static gboolean
walk_event (YamlWalk     *w,
            yaml_event_t *event,
            const char   *model,
            GError      **error)
{
  switch (event->type)
    {
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT:
      if (++w->depth > MR_MODEL_CARD_MAX_DEPTH)
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       _("Model card of %s: line %lu: nested deeper than %d levels"),
                       model, (gulong) event->start_mark.line + 2, MR_MODEL_CARD_MAX_DEPTH);
          return FALSE;
        }
      if (w->depth == 1)
        w->top_is_mapping = event->type == YAML_MAPPING_START_EVENT;
      else if (w->depth == 2 && w->key != NULL && event->type == YAML_MAPPING_START_EVENT)
        w->value_non_empty = TRUE;
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      if (--w->depth == 1)
        walk_commit (w);
      break;
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
      if (w->top_is_mapping)
        walk_scalar (w, event);
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean
parse_front_matter (CardBuilder  *b,
                    const char   *yaml_text,
                    gsize         length,
                    const char   *model,
                    GError      **error)
{
  yaml_parser_t parser;
  YamlWalk walk = { .b = b, .values = g_ptr_array_new_with_free_func (g_free) };
  gboolean ok = TRUE;
  gboolean done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) yaml_text, length);
  for (guint n = 0; ok && !done; n++)
    {
      yaml_event_t event;

      if (n >= MR_MODEL_CARD_MAX_EVENTS)
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_INVALID_VALUE,
                       _("Model card of %s: the front matter has more than %d nodes"),
                       model, MR_MODEL_CARD_MAX_EVENTS);
          ok = FALSE;
          break;
        }
      if (!yaml_parser_parse (&parser, &event))
        {
          g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                       _("Model card of %s: line %lu: %s"), model,
                       (gulong) parser.problem_mark.line + 2,
                       parser.problem != NULL ? parser.problem : _("invalid YAML"));
          ok = FALSE;
          break;
        }
      done = event.type == YAML_STREAM_END_EVENT;
      ok = walk_event (&walk, &event, model, error);
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);
  g_free (walk.key);
  g_ptr_array_unref (walk.values);
  return ok;
}

static void
scan_body (CardBuilder *b,
           const char  *body)
{
  static gsize regexes_ready;
  static GRegex *paper_re, *github_re;
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  gboolean in_training_section = FALSE;

  if (g_once_init_enter (&regexes_ready))
    {
      paper_re = g_regex_new ("https?://(?:www\\.)?(?:arxiv\\.org/(?:abs|pdf)/[0-9]{4}\\.[0-9]{4,5}"
                              "|(?:dx\\.)?doi\\.org/10\\.[0-9]{4,9}/[^\\s)\\]>\"']+)",
                              G_REGEX_OPTIMIZE, 0, NULL);
      github_re = g_regex_new ("https?://github\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regexes_ready, 1);
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *folded = g_ascii_strdown (lines[i], -1);
      gboolean mentions_training = strstr (folded, "train") != NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (lines[i][0] == '#')
        in_training_section = mentions_training;
      for (g_regex_match (paper_re, lines[i], 0, &match);
           g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *link = g_match_info_fetch (match, 0);
          /* DOIs minted by the Hub name the repository, not a paper. */
          if (strstr (link, "10.57967/hf/") == NULL)
            add_unique (b->paper_links, link);
        }
      g_clear_pointer (&match, g_match_info_free);
      if (!mentions_training && !in_training_section)
        continue;
      for (g_regex_match (github_re, lines[i], 0, &match);
           g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *link = g_match_info_fetch (match, 0);
          add_unique (b->code_links, link);
        }
    }
}

/* Finds the YAML between a leading `---` line and the next `---` line. */
static gboolean
split_front_matter (const char  *text,
                    gsize        length,
                    const char **yaml_start,
                    gsize       *yaml_length,
                    const char **body)
{
  const char *p;

  *yaml_start = NULL;
  *body = text;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, length -= 3;
  if (length < 3 || memcmp (text, "---", 3) != 0
      || (length > 3 && text[3] != '\n' && text[3] != '\r'))
    return TRUE;
  p = memchr (text, '\n', length);
  if (p == NULL)
    return FALSE;
  *yaml_start = p + 1;
  for (p = *yaml_start; p < text + length; )
    {
      const char *eol = memchr (p, '\n', text + length - p);
      gsize line_len = (eol != NULL ? eol : text + length) - p;

      if (line_len >= 3 && memcmp (p, "---", 3) == 0
          && (line_len == 3 || (line_len == 4 && p[3] == '\r')))
        {
          *yaml_length = p - *yaml_start;
          *body = eol != NULL ? eol + 1 : text + length;
          return TRUE;
        }
      if (eol == NULL)
        break;
      p = eol + 1;
    }
  return FALSE;
}

MrModelCard *
mr_model_card_parse_readme (const char  *text,
                            gsize        length,
                            const char  *model,
                            GError     **error)
{
  CardBuilder b;
  const char *yaml_start;
  gsize yaml_length = 0;
  const char *body;
  g_autofree char *body_copy = NULL;
  MrModelCard *card;

  g_return_val_if_fail (text != NULL && model != NULL, NULL);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_ENCODING,
                   _("Model card of %s: not UTF-8 text"), model);
      return NULL;
    }
  if (!split_front_matter (text, length, &yaml_start, &yaml_length, &body))
    {
      g_set_error (error, MR_PARSE_ERROR, MR_PARSE_ERROR_SYNTAX,
                   _("Model card of %s: the front matter has no closing “---” line"), model);
      return NULL;
    }
  card_builder_init (&b);
  if (yaml_start != NULL && !parse_front_matter (&b, yaml_start, yaml_length, model, error))
    {
      card_builder_clear (&b);
      return NULL;
    }
  body_copy = g_strndup (body, text + length - body);
  scan_body (&b, body_copy);
  card = card_builder_end (&b);
  card_builder_clear (&b);
  return card;
}

/* A string or an array of strings; anything else is ignored. */
static void
add_json_strings (GPtrArray  *target,
                  JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    add_unique (target, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            add_unique (target, json_node_get_string (item));
        }
    }
}

static char *
dup_json_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

MrModelCard *
mr_model_card_new_from_json (JsonObject *card_data)
{
  CardBuilder b;
  JsonNode *index;
  MrModelCard *card;

  g_return_val_if_fail (card_data != NULL, NULL);

  card_builder_init (&b);
  add_json_strings (b.licenses, card_data, "license");
  add_json_strings (b.datasets, card_data, "datasets");
  add_json_strings (b.tags, card_data, "tags");
  add_json_strings (b.base_models, card_data, "base_model");
  b.license_name = dup_json_string (card_data, "license_name");
  b.license_link = dup_json_string (card_data, "license_link");
  index = json_object_get_member (card_data, "model-index");
  b.has_model_index = index != NULL && !JSON_NODE_HOLDS_NULL (index);
  card = card_builder_end (&b);
  card_builder_clear (&b);
  return card;
}
