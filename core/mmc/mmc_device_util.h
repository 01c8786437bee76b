/* Internal to the device layer files. */
#ifndef IMAPI_MMC_DEVICE_UTIL_H
#define IMAPI_MMC_DEVICE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "io/byteorder.h"

/* malloc'd copy of len bytes (at least one byte is allocated); NULL when out of memory. */
uint8_t *mmc_dev_dup(const uint8_t *src, size_t len);

#endif
