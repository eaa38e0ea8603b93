/* mr-network-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mr-network-error.h"

G_DEFINE_QUARK (mr-network-error-quark, mr_network_error)
