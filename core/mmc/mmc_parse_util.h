/* Shared by the parser files only: the malformed-response result and the rule
 * for how much of a response may be read. */
#ifndef IMAPI_MMC_PARSE_UTIL_H
#define IMAPI_MMC_PARSE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "io/byteorder.h"
#include "mmc_hresult.h"

#define MMC_BAD_RESPONSE E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE

/* A response may be read up to the smaller of what was transferred (n) and what
 * its length field declares (field_end = offset just past the length field,
 * declared = the field's value). *cut_by_transfer says which limit won. */
static inline size_t mmc_declared_end(size_t n, size_t field_end, uint32_t declared, int *cut_by_transfer)
{
    /* compare without overflow on 32-bit size_t */
    if (n <= field_end || (size_t)declared >= n - field_end)
    {
        *cut_by_transfer = (n <= field_end) || ((size_t)declared > n - field_end);
        return n;
    }
    *cut_by_transfer = 0;
    return field_end + (size_t)declared;
}

#endif
