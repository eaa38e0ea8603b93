/* mr-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-error.h"

G_DEFINE_QUARK (mr-store-error-quark, mr_store_error)
G_DEFINE_QUARK (mr-parse-error-quark, mr_parse_error)
G_DEFINE_QUARK (mr-validation-error-quark, mr_validation_error)
