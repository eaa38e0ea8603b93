/* mr-weights-header.h — what the header of a weights file says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GGUF and safetensors parsers both produce an MrWeightsHeader: the
 * tensors (names, shapes, dtypes, where their bytes are), the parameter
 * count and the metadata.  It is immutable once returned, so threads may
 * share it.  The parsers fill it through the _add_ functions below, which
 * are for them only.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  MR_WEIGHTS_FORMAT_GGUF,
  MR_WEIGHTS_FORMAT_SAFETENSORS,
} MrWeightsFormat;

/* GGUF allows 4 dimensions; safetensors has no limit, so this is ours. */
#define MR_TENSOR_MAX_DIMS 8

/* Bounds on what one header may make us allocate, whatever it claims. */
#define MR_WEIGHTS_MAX_TENSORS        1000000
#define MR_WEIGHTS_MAX_HEADER_MEMORY  (256 * 1024 * 1024)

typedef struct {
  char       *name;
  const char *dtype;                        /* static: "F32", "Q8_0", "BF16"… */
  guint       n_dims;
  guint64     shape[MR_TENSOR_MAX_DIMS];    /* in the file's order */
  guint64     n_elements;
  guint64     offset;                       /* of its first byte in the file */
  guint64     size;                         /* in bytes */
  guint64     info_offset;                  /* where the header describes it */
} MrTensorInfo;

typedef struct {
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public, read-only >*/
  MrWeightsFormat  format;
  guint            version;         /* GGUF's; 0 for safetensors */
  guint64          file_size;
  guint64          data_offset;     /* where the tensor data begins */
  GArray          *tensors;         /* of MrTensorInfo, in header order */
  guint64          n_parameters;    /* sum of the tensors' element counts */
  char            *architecture;    /* general.architecture, or NULL */
  char            *name;            /* general.name, or NULL */
  char            *license;         /* general.license / __metadata__ "license" */
  gint64           context_length;  /* <arch>.context_length; -1 when absent */
  gint64           block_count;     /* <arch>.block_count; -1 when absent */
  JsonObject      *metadata;        /* scalars as values, arrays summarised */
} MrWeightsHeader;

#define MR_TYPE_WEIGHTS_HEADER (mr_weights_header_get_type ())

GType            mr_weights_header_get_type    (void) G_GNUC_CONST;
MrWeightsHeader *mr_weights_header_ref         (MrWeightsHeader *self);
void             mr_weights_header_unref       (MrWeightsHeader *self);

const char      *mr_weights_format_to_string   (MrWeightsFormat  format);

/* format, version, architecture…, parameters, tensor and dtype counts and
 * the metadata, as members of the object being built. */
void             mr_weights_header_add_json_members (const MrWeightsHeader *self,
                                                     JsonBuilder           *builder);

/* For the parsers. */
MrWeightsHeader *mr_weights_header_new         (MrWeightsFormat  format,
                                                guint64          file_size);
/* Takes name; shape has n_dims dimensions and n_elements elements. */
void             mr_weights_header_add_tensor  (MrWeightsHeader *self,
                                                char            *name,
                                                const char      *dtype,
                                                guint            n_dims,
                                                const guint64   *shape,
                                                guint64          n_elements,
                                                guint64          offset,
                                                guint64          size,
                                                guint64          info_offset);
/* Checks that the tensors' bytes lie inside the file and do not overlap
 * (with contiguous, that they leave no gap from data_offset to the end of
 * the file), then sums the parameters.  Errors name display_name and
 * where the header describes the offending tensor. */
gboolean         mr_weights_header_finish      (MrWeightsHeader *self,
                                                gboolean         contiguous,
                                                const char      *display_name,
                                                GError         **error);

typedef MrWeightsHeader *(*MrWeightsParseFunc) (const guint8  *data,
                                                gsize          length,
                                                const char    *display_name,
                                                GError       **error);

/* Maps filename and runs parse over it: only the pages parse reads are
 * read from disk.  Another process truncating the file meanwhile would
 * fault the mapping (SIGBUS); weights files are not rewritten in place. */
MrWeightsHeader *mr_weights_header_parse_mapped (const char          *filename,
                                                 MrWeightsParseFunc   parse,
                                                 GError             **error);

/* Element count of a shape; FALSE on overflow. */
gboolean         mr_tensor_shape_count         (guint            n_dims,
                                                const guint64   *shape,
                                                guint64         *out_count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrWeightsHeader, mr_weights_header_unref)

G_END_DECLS
